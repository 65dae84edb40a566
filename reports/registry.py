"""The one registry of reports and their formats, in the manner of datasette's output renderers.

A report kind registers itself once (`register_report`) and each renderer registers itself for
a report type and a format (`@renderer(DivergenceReport, "html")`). Everything else reads this
registry: which formats a report comes in, which file suffix means which format, the command
line's `--format` choices and help, and what the demo writes. Adding a format is one
`@renderer`; adding a report is one `register_report` and its renderers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

Rendered = str | bytes
Render = Callable[[Any], Rendered]
R = TypeVar("R", bound=Render)


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]  # the first is what a file of this format is called
    binary: bool = False  # written to a file, never printed
    description: str = ""
    label: str = ""  # what a person calls a file of this format: "Word", "HTML"


# In the order formats are offered: for people first, then for machines.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", (".txt",), description="plain text for the terminal", label="Text"),
        Format("html", (".html", ".htm"), description="one self-contained page, printable", label="HTML"),
        Format("docx", (".docx",), binary=True, description="Word", label="Word"),
        Format("md", (".md",), description="Markdown", label="Markdown"),
        Format("svg", (".svg",), description="a picture", label="SVG picture"),
        Format("csv", (".csv",), description="a table for a spreadsheet", label="CSV"),
        Format("json", (".json",), description="all of the report as data", label="JSON"),
    )
}


@dataclass(frozen=True)
class ReportKind:
    name: str  # "divergence": the command-line name
    type: type
    title: str  # what it is, for help and indexes
    default: str  # the format when none is asked for
    demo: tuple[str, ...]  # the formats `clausewise demo` writes


REPORTS: dict[str, ReportKind] = {}
_RENDERERS: dict[tuple[type, str], Render] = {}
# The modules that register reports and renderers when imported, loaded before the registry
# is first asked (so a process that never renders a report never imports Jinja2 or docx).
PLUGINS = (
    *("divergence", "history", "matrix", "redline", "reviews", "update"),  # reports
    *("html", "markdown", "serialize", "text", "word"),  # renderers
)


@cache
def load_plugins() -> None:
    for name in PLUGINS:
        importlib.import_module(f"{__package__}.{name}")


def register_report(name: str, report_type: type, title: str, *, default: str, demo: tuple[str, ...]) -> None:
    REPORTS[name] = ReportKind(name, report_type, title, default, demo)


def renderer(report_type: type, fmt: str) -> Callable[[R], R]:
    """Register the decorated function as `report_type`'s renderer for format `fmt`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; add it to FORMATS")

    def register(render: R) -> R:
        _RENDERERS[(report_type, fmt)] = render
        return render

    return register


def formats(report_type: type) -> tuple[str, ...]:
    """The formats a report comes in, in `FORMATS` order."""
    load_plugins()
    return tuple(name for name in FORMATS if (report_type, name) in _RENDERERS)


def kind_of(report_type: type) -> ReportKind:
    load_plugins()
    return next(kind for kind in REPORTS.values() if kind.type is report_type)


def render(report: object, fmt: str) -> Rendered:
    """The report in format `fmt`: text, or bytes for a binary format."""
    load_plugins()
    try:
        render_as = _RENDERERS[(type(report), fmt)]
    except KeyError:
        offered = ", ".join(formats(type(report))) or "no format"
        raise ValueError(f"{type(report).__name__} comes as {offered}, not {fmt}") from None
    return render_as(report)


def format_of(path: Path) -> str | None:
    """The format a file name's suffix names, if any."""
    suffix = path.suffix.lower()
    return next((f.name for f in FORMATS.values() if suffix in f.suffixes), None)


def suffix(fmt: str) -> str:
    return FORMATS[fmt].suffixes[0]
