"""The package is layered and its arrows point down: cli -> interop -> render -> analysis ->
checks -> review. A module may import its own layer and the layers below it, never one above,
and no chain of imports (those inside functions included) leads back to where it started."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "metaethno"
LAYERS = ("review", "checks", "analysis", "render", "interop", "cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, known: set[str]) -> Iterator[str]:
    """Every metaethno module that `path` imports, wherever in the file the import is."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from metaethno.render import markdown` imports a module, not a name
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        yield from (name for name in names if name in known)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}
IMPORTS = {
    name: sorted(set(imported_modules(path, set(MODULES))) - {name})
    for name, path in MODULES.items()
}


def layer(module: str) -> int:
    """The layer's height; the package's own `__init__` (the version) is at the bottom and
    `__main__` at the top."""
    parts = module.split(".")
    if len(parts) == 1:
        return 0
    if parts[1] == "__main__":
        return len(LAYERS)
    return LAYERS.index(parts[1])


def test_every_module_is_in_a_layer() -> None:
    loose = [m for m in MODULES if m.count(".") == 1 and m.split(".")[1] not in LAYERS]
    assert sorted(loose) == ["metaethno.__main__"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module: str) -> None:
    upward = [target for target in IMPORTS[module] if layer(target) > layer(module)]
    assert upward == [], f"{module} imports a layer above its own"


def test_no_chain_of_imports_comes_back() -> None:
    cycles = []
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in IMPORTS[module]:
            if state.get(target) == "open":
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [module])
    assert cycles == []
