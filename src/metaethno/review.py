"""The loaded review: what every check, table and report is computed from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from metaethno.models import Concept, ReviewConfig, Study


@dataclass(frozen=True)
class Review:
    """A review's valid files, by id.

    Files that could not be read or validated are left out of `studies` and
    `concepts` but their ids are kept in `broken_studies` and `broken_concepts`,
    so references to them are not reported a second time as unknown.
    """

    root: Path
    config: ReviewConfig | None
    studies: dict[str, Study] = field(default_factory=dict)
    concepts: dict[str, Concept] = field(default_factory=dict)
    broken_studies: frozenset[str] = frozenset()
    broken_concepts: frozenset[str] = frozenset()

    def has_study(self, study_id: str) -> bool:
        """Whether a study of this id exists, valid or not."""
        return study_id in self.studies or study_id in self.broken_studies

    def has_concept(self, concept_id: str) -> bool:
        """Whether a synthesised concept of this id exists, valid or not."""
        return concept_id in self.concepts or concept_id in self.broken_concepts

    @property
    def levels(self) -> list[str] | None:
        """The framework's levels, or None where no valid framework is configured."""
        if self.config is None or self.config.framework is None:
            return None
        return self.config.framework.levels
