"""Packages whose names are imported when first used (PEP 562), declared once in a stub.

A package's `__init__.pyi` lists what it offers as ordinary imports
(`from .add import AddOptions, add_document`, and an `__all__`); type checkers read that file, and at run time
`attach_stub` reads the same lines to import each name's module only when the name is first
asked for. So `from clausewise.store.naming import quoted` or `clausewise --help` do not load
SQLAlchemy, Alembic, pdfplumber or every report renderer. The design is scientific-python's
`lazy_loader.attach_stub`, which SciPy and scikit-image use.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any


def attach_stub(
    package: str, init_file: str, *, before: Callable[[], None] | None = None
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """`__getattr__`, `__dir__` and `__all__` for the package whose `__init__.py` is `init_file`.
    `before` runs once before the first name is imported (a registry loading its plugins)."""
    origins = _names_in_stub(Path(init_file).with_suffix(".pyi"))
    started = False

    def __getattr__(name: str) -> Any:
        nonlocal started
        if name not in origins:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        if before is not None and not started:
            started = True
            before()
        value = getattr(importlib.import_module(origins[name], package), name)
        vars(importlib.import_module(package))[name] = value  # next time, an ordinary attribute
        return value

    def __dir__() -> list[str]:
        return sorted(origins)

    return __getattr__, __dir__, sorted(origins)


def _names_in_stub(stub: Path) -> dict[str, str]:
    """Each name the stub imports, and the relative module it comes from."""
    origins: dict[str, str] = {}
    for node in ast.parse(stub.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level <= 1:
            for alias in node.names:
                origins[alias.asname or alias.name] = "." * node.level + node.module
    return origins
