"""The layers hold: no import cycles, and each stage imports only what is below it.

The import graph is read from the source with `ast`: every `import` and `from … import` a
module runs (at the top or inside a function), relative imports resolved, a name that is a
submodule counted as that module. Imports under `if TYPE_CHECKING:` are left out, since they
never run; so is the implicit import of a parent package, as import-linter and grimp do. A
package whose names are imported on first use (clausewise/lazy.py) lists them in its
`__init__.pyi`; those imports count as the package's, since using the package runs them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Where each part of the namespace lives in the checkout (setup.cfg's package_dir).
FOLDERS = {
    "clausewise": ROOT / "clausewise",
    "clausewise.ingest": ROOT / "ingest",
    "clausewise.align": ROOT / "align",
    "clausewise.store": ROOT / "store",
    "clausewise.reports": ROOT / "reports",
}
ALLOWED = {  # what each layer may import, besides itself (and clausewise.lazy, see BASE)
    "clausewise.errors": set(),
    "clausewise.corpus": {"clausewise.errors"},
    "clausewise.ingest": {"clausewise.errors"},
    "clausewise.align": {"clausewise.errors", "clausewise.ingest"},
    "clausewise.reports": {"clausewise.errors", "clausewise.ingest", "clausewise.align"},
    "clausewise.store": {
        "clausewise.errors",
        "clausewise.ingest.model",  # the document model,
        "clausewise.ingest.serialize",  # and its JSON form, stored as the version's metadata
        "clausewise.ingest.dates",  # parse_iso, for COUNCIL@DATE references
        "clausewise.align.model",  # the alignment model: the store keeps runs, it never aligns
    },
}


BASE = "clausewise.lazy"  # how packages import their names on first use: below every layer
ALLOWED = {layer: {*allowed, BASE} for layer, allowed in ALLOWED.items()}


def _modules() -> dict[str, Path]:
    found = {}
    for package, folder in FOLDERS.items():
        for path in folder.rglob("*.py"):
            parts = path.relative_to(folder).with_suffix("").parts
            name = ".".join((package, *parts)).removesuffix(".__init__")
            if package == "clausewise" and parts[0] in {p.split(".")[1] for p in FOLDERS if "." in p}:
                continue
            found[name] = path
    return found


MODULES = _modules()


def _runtime_nodes(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement under `node`, except in the body of `if TYPE_CHECKING:`."""
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
            for branch in child.orelse:
                yield from _runtime_nodes(branch)
            continue
        yield from _runtime_nodes(child)


@cache
def imports(module: str) -> frozenset[str]:
    """The clausewise modules `module` imports when it runs."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    source = path.read_text(encoding="utf-8")
    stub = path.with_suffix(".pyi")
    if path.name == "__init__.py" and stub.exists():
        source += "\n" + stub.read_text(encoding="utf-8")
    for node in _runtime_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
            continue
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join(anchor + ([base] if base else []))
        found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names}
    return frozenset(name for name in found if name in MODULES)


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in imports(module):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for module in sorted(MODULES):
        if module not in index:
            visit(module)
    return components


def test_the_graph_is_read_right() -> None:
    """The reader sees relative, absolute and submodule imports (so the tests below can fail)."""
    assert "clausewise.app.store" in MODULES and "clausewise.store.db" in MODULES
    assert "clausewise.store.db" in imports("clausewise.store")  # from .db import ...
    assert "clausewise.align.settings" in imports("clausewise.align.align")  # from .settings import ...
    assert "clausewise.ingest.model" in imports("clausewise.align.model")  # absolute
    assert "clausewise.ingest.model" not in imports("clausewise.ingest.citations")  # only under TYPE_CHECKING


def test_no_import_cycles() -> None:
    assert _cycles() == []


def _layer(module: str) -> str | None:
    return next((layer for layer in sorted(ALLOWED, key=len, reverse=True) if module.startswith(layer)), None)


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_what_is_below_it(layer: str) -> None:
    wrong = {
        (module, target)
        for module in MODULES
        if _layer(module) == layer
        for target in imports(module)
        if _layer(target) != layer and not any(target.startswith(allowed) for allowed in ALLOWED[layer])
    }
    assert not wrong


def test_the_store_never_reads_files_or_runs_the_aligner() -> None:
    names: set[str] = set()
    for module, path in MODULES.items():
        if module.startswith("clausewise.store"):
            for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
                names |= {alias.name for alias in node.names}
    assert not names & {"read", "align", "read_raw", "compare", "assign"}


def test_only_the_command_line_and_its_entry_point_import_the_command_line() -> None:
    outside = {
        module
        for module in MODULES
        if not module.startswith("clausewise.cli") and module != "clausewise.__main__"
        if any(target.startswith("clausewise.cli") for target in imports(module))
    }
    assert not outside
