"""The floor `metaethno check` is measured against: parse every file of a review, nothing more.

Usage: python bench/floor.py DIR

A checker cannot be faster than reading and parsing its input, so this bare process (the C YAML
parser, no validation, no positions, no checks) shows how much of a check's time is its own.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def review_files(root: Path) -> list[Path]:
    """The files a check reads: metaethno.yaml, studies/*.yaml and concepts/*.yaml."""
    return [
        root / "metaethno.yaml",
        *sorted((root / "studies").glob("*.yaml")),
        *sorted((root / "concepts").glob("*.yaml")),
    ]


def main(argv: list[str]) -> int:
    """Load every file with the C safe loader and print how many there were."""
    if len(argv) != 1:
        print("usage: python bench/floor.py DIR", file=sys.stderr)
        return 2
    if not hasattr(yaml, "CSafeLoader"):
        print("floor.py: PyYAML was built without libyaml (no CSafeLoader)", file=sys.stderr)
        return 2
    root = Path(argv[0])
    if not (root / "metaethno.yaml").is_file():
        print(f"floor.py: {root} has no metaethno.yaml", file=sys.stderr)
        return 2
    files = review_files(root)
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    print(len(files))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
