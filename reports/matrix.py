"""Corpus matrix: many councils' versions against one model, clause by clause.

Each cell says what one council did with one model clause (kept, cosmetic, modified,
missing); the heatmap is hand-written SVG so the HTML report needs no library or script.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Literal, Protocol, cast

from clausewise.align.model import Alignment
from clausewise.ingest.model import Document

from .lineage import ModelLineage
from .model import QuotedClause, quote
from .registry import register_report, renderer
from .words import plural, sentence_case

Cell = Literal["identical", "cosmetic", "modified", "missing"]
CELLS: tuple[Cell, ...] = ("identical", "cosmetic", "modified", "missing")
CELL_TITLES: dict[Cell, str] = {
    "identical": "kept verbatim",
    "cosmetic": "cosmetic change",
    "modified": "modified",
    "missing": "missing",
}
# From quiet to loud, so the eye goes to what a council changed or dropped, and told apart by
# lightness as well as hue (colour-blind safe, and legible printed in grey): pale blue kept,
# light blue cosmetic, vermilion modified, dark red missing.
COLOURS: dict[Cell, str] = {
    "identical": "#d4e4f2",
    "cosmetic": "#8fbfe0",
    "modified": "#d55e00",
    "missing": "#67000d",
}


@dataclass(frozen=True)
class CouncilRow:
    council: str
    cells: tuple[Cell, ...]  # one per model clause, in model order
    lineage: ModelLineage | None = None  # the model version it follows, when known

    @property
    def model_version(self) -> str:
        """The "model version" column: "3", "3 (now 4)" when the model moved on, "" unknown."""
        return self.lineage.column if self.lineage else ""

    def count(self, cell: Cell) -> int:
        return self.cells.count(cell)


@dataclass(frozen=True)
class RankedClause:
    clause: QuotedClause
    missing: int  # councils that dropped it
    modified: int  # councils that reworded it

    @property
    def total(self) -> int:
        return self.missing + self.modified


@dataclass(frozen=True)
class MatrixReport:
    council: str  # the model's publisher, whose corpus this is
    as_of: date
    model_title: str
    clauses: tuple[QuotedClause, ...]  # model content clauses, the columns
    rows: tuple[CouncilRow, ...]
    ranking: tuple[RankedClause, ...]  # most often dropped or changed first; never-changed left out
    skipped: tuple[str, ...] = ()  # "Council: why", for councils left out because they could not be compared

    @property
    def title(self) -> str:
        return f"{sentence_case(self.model_title)}: how {plural(len(self.rows), 'council')} adapted it"


def build_matrix(
    model: Document,
    alignments: Sequence[tuple[str, Alignment]],
    *,
    council: str,
    as_of: date,
    skipped: Sequence[str] = (),
    lineages: Mapping[str, ModelLineage | None] | None = None,
) -> MatrixReport:
    """`alignments` are (council name, alignment of the model (left) against its version);
    `lineages`, by council name, the model version each council's version follows."""
    rows = []
    for name, alignment in alignments:
        if alignment.left.sha256 != model.sha256:
            raise ValueError(f"the alignment for {name} is not against this model (the model must be on the left)")
        rows.append(council_row(name, model, alignment.links, (lineages or {}).get(name)))
    return matrix_of_rows(model, rows, council=council, as_of=as_of, skipped=skipped)


class LinkLike(Protocol):
    """What a row reads of a link: an `align.Link`, or a stored one read without its run."""

    @property
    def left(self) -> tuple[str, ...]: ...
    @property
    def relation(self) -> str: ...


def council_row(name: str, model: Document, links: Iterable[LinkLike], lineage: ModelLineage | None) -> CouncilRow:
    """One council's row: what the links of its alignment with the model (left) did with each
    model clause; a clause in no link is missing."""
    status: dict[str, str] = {}
    for link in links:
        for cid in link.left:
            status[cid] = link.relation
    return CouncilRow(name, tuple(cast(Cell, status.get(c.id, "missing")) for c in model.content), lineage)


def matrix_of_rows(
    model: Document, rows: Sequence[CouncilRow], *, council: str, as_of: date, skipped: Sequence[str] = ()
) -> MatrixReport:
    """The matrix of these councils' rows (in the order given), and the clauses they most
    often drop or change."""
    clauses = model.content
    ranking = []
    for k, clause in enumerate(clauses):
        missing = sum(1 for row in rows if row.cells[k] == "missing")
        modified = sum(1 for row in rows if row.cells[k] == "modified")
        if missing or modified:
            ranking.append((k, RankedClause(quote(clause, model), missing, modified)))
    ranking.sort(key=lambda item: (-item[1].total, -item[1].missing, item[0]))
    return MatrixReport(
        council=council,
        as_of=as_of,
        model_title=model.title or "Model policy",
        clauses=tuple(quote(c, model) for c in clauses),
        rows=tuple(rows),
        ranking=tuple(r for _, r in ranking),
        skipped=tuple(skipped),
    )


@dataclass(frozen=True)
class Band:
    """A model section's run of columns in the heatmap, lettered for the key under it."""

    letter: str
    title: str
    start: int  # first column, from 0
    clauses: int


def bands(clauses: Sequence[QuotedClause]) -> tuple[Band, ...]:
    """The model's sections in order, as runs of columns."""
    runs: list[tuple[str, int, int]] = []
    for k, clause in enumerate(clauses):
        if runs and runs[-1][0] == clause.section:
            title, start, count = runs[-1]
            runs[-1] = (title, start, count + 1)
        else:
            runs.append((clause.section, k, 1))
    return tuple(Band(_letter(n), title, start, count) for n, (title, start, count) in enumerate(runs))


def _letter(n: int) -> str:
    """A, B, … Z, AA, AB, …: letters, so a section key is never read as a clause number."""
    return _letter(n // 26 - 1) + chr(ord("A") + n % 26) if n >= 26 else chr(ord("A") + n)


# In CSS pixels. The HTML page scales the heatmap to its width, so on A4 (about 680 px between
# the margins) the corpus's 122 clauses print at about 0.8 of these sizes: text near 8.5 pt,
# a cell about 1 mm wide.
FONT = 15
CELL_WIDTH = 5
CELL_HEIGHT = 26
BAND_HEIGHT = 20
LINE = 21  # one line of the legend or the section key
LEFT = 8  # where the legend and the key begin
BAND_SHADES = ("#3d3d3d", "#8a8a8a")  # alternate, so neighbouring sections stand apart in grey too


@renderer(MatrixReport, "svg")
def render_svg(report: MatrixReport) -> str:
    """The heatmap: one row per council, one column per model clause, lettered section bands
    above, and under it the legend and the key naming each lettered section."""
    label_width = max([FONT * 0.6 * len(row.council) + 12 for row in report.rows] + [120.0])
    sections = bands(report.clauses)
    top = LINE + BAND_HEIGHT + 6
    heat_bottom = top + len(report.rows) * CELL_HEIGHT
    width = label_width + len(report.clauses) * CELL_WIDTH + 10
    height = heat_bottom + LINE * (2 + len(sections)) + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height}" width="{width:.0f}" '
        f'height="{height}" role="img" aria-labelledby="matrix-title" '
        f'font-family="Helvetica, Arial, sans-serif" font-size="{FONT}">',
        f'<title id="matrix-title">{escape(report.title)}</title>',
        f'<text x="{label_width}" y="{LINE - 5}" fill="#1b1b1b">Model clauses in order, '
        "under the lettered band of their section (key below)</text>",
    ]
    for n, band in enumerate(sections):
        x = label_width + band.start * CELL_WIDTH
        band_width = band.clauses * CELL_WIDTH - 1
        out.append(
            f'<rect x="{x:.0f}" y="{LINE}" width="{band_width}" height="{BAND_HEIGHT}" '
            f'fill="{BAND_SHADES[n % 2]}"><title>{escape(band.title)}</title></rect>'
        )
        if band_width >= FONT * 0.75 * len(band.letter):  # the letter fits inside its band
            out.append(
                f'<text x="{x + band_width / 2:.1f}" y="{LINE + BAND_HEIGHT - 5}" text-anchor="middle" '
                f'fill="#ffffff" font-weight="bold">{band.letter}</text>'
            )
    for r, row in enumerate(report.rows):
        y = top + r * CELL_HEIGHT
        out.append(
            f'<text x="{label_width - 8:.0f}" y="{y + CELL_HEIGHT * 0.65:.1f}" text-anchor="end">'
            f"{escape(row.council)}</text>"
        )
        for k, cell in enumerate(row.cells):
            out.append(
                f'<rect x="{label_width + k * CELL_WIDTH:.0f}" y="{y + 1}" width="{CELL_WIDTH - 1}" '
                f'height="{CELL_HEIGHT - 2}" fill="{COLOURS[cell]}"><title>{escape(row.council)}: '
                f"{escape(report.clauses[k].citation)}: {CELL_TITLES[cell]}</title></rect>"
            )
    # The legend and the key start at the left edge, so a long section title has the whole width.
    y = heat_bottom + LINE
    x = LEFT
    for cell in CELLS:
        out.append(f'<rect x="{x:.0f}" y="{y - 11}" width="13" height="13" fill="{COLOURS[cell]}"/>')
        out.append(f'<text x="{x + 18:.0f}" y="{y}">{CELL_TITLES[cell]}</text>')
        x += 34 + FONT * 0.6 * len(CELL_TITLES[cell])
    room = int((width - LEFT - FONT * 2) / (FONT * 0.6))  # characters that fit on a line of the key
    for n, band in enumerate(sections, 2):
        entry = f"{band.title} ({plural(band.clauses, 'clause')})"
        entry = entry if len(entry) <= room else entry[: room - 1] + "…"
        out.append(
            f'<text x="{LEFT}" y="{heat_bottom + LINE * n}"><tspan font-weight="bold">{band.letter}</tspan> '
            f"{escape(entry)}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)


register_report(
    "matrix",
    MatrixReport,
    "councils × model clauses: what each council kept, changed or dropped",
    default="html",
    demo=("html", "svg", "csv"),
)
