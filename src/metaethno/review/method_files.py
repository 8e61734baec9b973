"""Read the Markdown files that the `methods` block of metaethno.yaml names with `file:`.

A file outside the review is not read (a review's report includes only its own files); a
missing or unreadable one is reported at the `file:` that names it.
"""

from __future__ import annotations

from metaethno.review import rules
from metaethno.review.diagnostics import Diagnostic, Location
from metaethno.review.methods import named_files
from metaethno.review.models import ReviewConfig
from metaethno.review.paths import ReviewPath, resolved


def read_method_files(
    root: ReviewPath, config: ReviewConfig | None, diagnostics: list[Diagnostic]
) -> dict[str, str]:
    """The text of each file the `methods` fields name, by the path as written; each file
    that cannot be read becomes a diagnostic instead."""
    if config is None or config.methods is None:
        return {}
    base = resolved(root)
    texts: dict[str, str] = {}
    for name, file in named_files(config.methods).items():
        if file in texts:
            continue
        where = config.where("methods", name, "file")
        path = root / file
        target = resolved(path)
        if base is None or target is None or not target.is_relative_to(base):
            diagnostics.append(
                rules.OUTSIDE_REVIEW.at(
                    where,
                    f"`{file}` is outside the review folder, so it is not read; put the "
                    "file in the review, e.g. `file: methods/search.md`",
                )
            )
        elif not path.is_file():
            diagnostics.append(
                rules.MISSING_FILE.at(
                    where,
                    f"there is no file `{file}` in the review; create it or correct "
                    "the path, which is relative to metaethno.yaml",
                )
            )
        else:
            text = _read(path, file, where, diagnostics)
            if text is not None:
                texts[file] = text
    return texts


def _read(
    path: ReviewPath, relative: str, where: Location, diagnostics: list[Diagnostic]
) -> str | None:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        diagnostics.append(
            rules.MISSING_FILE.at(
                where, f"cannot read `{relative}` ({error.strerror}); check its permissions"
            )
        )
        return None
    except UnicodeDecodeError as error:
        diagnostics.append(
            rules.INVALID_UTF8.at(
                Location(relative, 1, 1),
                f"byte {error.start + 1} is not UTF-8, so the file is not read; save it as UTF-8",
            )
        )
        return None
