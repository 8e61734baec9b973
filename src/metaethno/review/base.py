"""What every model of the format is built from: strict, frozen models and text that says
something. `models.py` and `methods.py` both build on it."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

# Text must say something: empty or blank text is reported, not kept as a blank label.
TEXT_PATTERN = r"\S"
Text = Annotated[str, Field(min_length=1, pattern=TEXT_PATTERN)]


class Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True
    )
