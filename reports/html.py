"""Reports as one self-contained, printable HTML file: inline CSS, no script, no network.

Templates are Jinja2 with autoescaping on, so every piece of document text is escaped; the
only markup not from a template is the redline (built here from escaped text) and the matrix
SVG (built in matrix.py from escaped text), both passed as `Markup` on purpose.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from clausewise.align.model import DiffSpan

from .divergence import DivergenceReport
from .history import HistoryReport
from .matrix import CELL_TITLES, CELLS, COLOURS, MatrixReport, render_svg
from .redline import RedlineReport
from .registry import renderer
from .reviews import BUCKET_TITLES, BUCKETS, ReviewsReport
from .words import long_date, percent, plural


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("clausewise.reports", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=StrictUndefined,  # a misspelt field fails the test run, not a clerk's report
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(long_date=long_date, percent=percent, redline=redline_html, plural=plural)
    return env


def redline_html(spans: tuple[DiffSpan, ...]) -> Markup:
    """A word diff as inline HTML: deleted words in <del>, inserted in <ins>, all text escaped."""
    parts = []
    for span in spans:
        text = escape(span.text)
        if span.op == "delete":
            parts.append(Markup("<del>{}</del>").format(text))
        elif span.op == "insert":
            parts.append(Markup("<ins>{}</ins>").format(text))
        else:
            parts.append(text)
    return Markup("").join(parts)


def _render(template: str, report: Any, **context: Any) -> str:
    return environment().get_template(template).render(report=report, **context)


@renderer(DivergenceReport, "html")
def _divergence(report: DivergenceReport) -> str:
    return _render("divergence.html.j2", report, kind="Divergence from the model")


@renderer(RedlineReport, "html")
def _redline(report: RedlineReport) -> str:
    return _render("redline.html.j2", report, kind="Redline")


@renderer(ReviewsReport, "html")
def _reviews(report: ReviewsReport) -> str:
    return _render("reviews.html.j2", report, kind="Policy reviews", buckets=BUCKETS, bucket_titles=BUCKET_TITLES)


@renderer(MatrixReport, "html")
def _matrix(report: MatrixReport) -> str:
    legend = [(CELL_TITLES[c], COLOURS[c]) for c in CELLS]
    return _render(
        "matrix.html.j2", report, kind="Corpus matrix", svg=Markup(render_svg(report)), legend=legend, cells=CELLS
    )


@renderer(HistoryReport, "html")
def _history(report: HistoryReport) -> str:
    return _render("history.html.j2", report, kind="Version history")
