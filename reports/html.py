"""Reports as one self-contained, printable HTML file: inline CSS, no script, no network.

Templates are Jinja2 with autoescaping on, so every piece of document text is escaped; the
only markup not from a template is the redline (built here from escaped text) and the matrix
SVG (built in matrix.py from escaped text), both passed as `Markup` on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from clausewise.align.model import DiffSpan

from .divergence import DivergenceReport
from .history import HistoryReport, ReviewEvent, review_line
from .lineage import REVISED
from .matrix import CELL_TITLES, CELLS, COLOURS, MatrixReport, render_svg
from .redline import RedlineReport
from .registry import renderer
from .reviews import BUCKET_TITLES, BUCKETS, ReviewsReport
from .update import ACTION_TITLES, MODEL_CHANGE_WORDS, UpdateReport
from .words import capitalised, long_date, noun, percent, plural

MATRIX_RANKED = 40  # clauses the matrix page lists; the CSV has them all


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("clausewise.reports", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=StrictUndefined,  # a misspelt field fails the test run, not a clerk's report
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        long_date=long_date, percent=percent, redline=redline_html, plural=plural, noun=noun, review=_review
    )
    return env


def _review(review: ReviewEvent) -> str:
    """ "Reviewed 1 May 2026 (unchanged, minute 12/26); next review 1 May 2027"."""
    return capitalised(review_line(review, long_date))


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


@renderer(UpdateReport, "html")
def _update(report: UpdateReport) -> str:
    return _render(
        "update.html.j2", report, kind="Proposed update", action_titles=ACTION_TITLES, model_words=MODEL_CHANGE_WORDS
    )


@renderer(ReviewsReport, "html")
def _reviews(report: ReviewsReport) -> str:
    return _render(
        "reviews.html.j2", report, kind="Policy reviews", buckets=BUCKETS, bucket_titles=BUCKET_TITLES, revised=REVISED
    )


@renderer(MatrixReport, "html")
def _matrix(report: MatrixReport) -> str:
    legend = [(CELL_TITLES[c], COLOURS[c]) for c in CELLS]
    return _render(
        "matrix.html.j2",
        report,
        kind="Corpus matrix",
        svg=Markup(render_svg(report)),
        legend=legend,
        cells=CELLS,
        ranked=MATRIX_RANKED,
    )


@renderer(HistoryReport, "html")
def _history(report: HistoryReport) -> str:
    return _render("history.html.j2", report, kind="Version history", revised=REVISED)


@dataclass(frozen=True)
class Link:
    label: str  # "Word"
    href: str  # a file name beside the index


@dataclass(frozen=True)
class IndexEntry:
    title: str  # "Divergence from the model"
    description: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class IndexGroup:
    heading: str  # a council, or all of them
    entries: tuple[IndexEntry, ...]


@dataclass(frozen=True)
class IndexPage:
    """A page linking reports, grouped (the demo's index.html), in the reports' own style."""

    title: str
    council: str  # the running header's left side, as on a report
    as_of: date
    lead: str
    groups: tuple[IndexGroup, ...]


def render_index(page: IndexPage) -> str:
    return _render("index.html.j2", page, kind="Index of reports")
