"""Corpus matrix: many councils' versions against one model, clause by clause.

Each cell says what one council did with one model clause (kept, cosmetic, modified,
missing); the heatmap is hand-written SVG so the HTML report needs no library or script.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Literal

from clausewise.align.model import Alignment
from clausewise.ingest.model import Document

from .model import QuotedClause, quote
from .registry import register_report, renderer

Cell = Literal["identical", "cosmetic", "modified", "missing"]
CELLS: tuple[Cell, ...] = ("identical", "cosmetic", "modified", "missing")
CELL_TITLES: dict[Cell, str] = {
    "identical": "kept verbatim",
    "cosmetic": "cosmetic change",
    "modified": "modified",
    "missing": "missing",
}
# Colour-blind safe (Okabe–Ito hues, told apart by lightness too): blue kept, pale blue cosmetic,
# orange modified, dark red missing.
COLOURS: dict[Cell, str] = {
    "identical": "#0072b2",
    "cosmetic": "#9ecae1",
    "modified": "#e69f00",
    "missing": "#7a1a12",
}


@dataclass(frozen=True)
class CouncilRow:
    council: str
    cells: tuple[Cell, ...]  # one per model clause, in model order

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

    @property
    def title(self) -> str:
        return f"{self.model_title}: how {len(self.rows)} councils adapted it"


def build_matrix(
    model: Document, alignments: Sequence[tuple[str, Alignment]], *, council: str, as_of: date
) -> MatrixReport:
    """`alignments` are (council name, alignment of the model (left) against its version)."""
    clauses = model.content
    rows = []
    for name, alignment in alignments:
        if alignment.left.sha256 != model.sha256:
            raise ValueError(f"the alignment for {name} is not against this model (the model must be on the left)")
        status: dict[str, Cell] = {}
        for link in alignment.links:
            for cid in link.left:
                status[cid] = link.relation
        rows.append(CouncilRow(name, tuple(status.get(c.id, "missing") for c in clauses)))
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
    )


@renderer(MatrixReport, "svg")
def render_svg(report: MatrixReport, *, cell_width: int = 5, cell_height: int = 22, label_width: int = 200) -> str:
    """The heatmap: one row per council, one column per model clause, section bands above."""
    columns = len(report.clauses)
    top = 46
    width = label_width + columns * cell_width + 10
    height = top + len(report.rows) * cell_height + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="matrix-title" font-family="Helvetica, Arial, sans-serif" font-size="12">',
        f'<title id="matrix-title">{escape(report.title)}</title>',
    ]
    # Section bands: alternate shades so a reader can see where each model section begins.
    start = 0
    band = 0
    for k in range(1, columns + 1):
        if k == columns or report.clauses[k].section != report.clauses[start].section:
            x = label_width + start * cell_width
            shade = "#e8e8e8" if band % 2 == 0 else "#c8c8c8"
            out.append(
                f'<rect x="{x}" y="{top - 14}" width="{(k - start) * cell_width}" height="10" fill="{shade}">'
                f"<title>{escape(report.clauses[start].section)}</title></rect>"
            )
            start, band = k, band + 1
    out.append(f'<text x="{label_width}" y="{top - 20}" fill="#333">Model clauses in order (bands: sections)</text>')
    for r, row in enumerate(report.rows):
        y = top + r * cell_height
        baseline = y + cell_height * 0.65
        out.append(f'<text x="{label_width - 8}" y="{baseline:.1f}" text-anchor="end">{escape(row.council)}</text>')
        for k, cell in enumerate(row.cells):
            clause = report.clauses[k]
            out.append(
                f'<rect x="{label_width + k * cell_width}" y="{y + 1}" width="{cell_width - 1}" '
                f'height="{cell_height - 2}" fill="{COLOURS[cell]}"><title>{escape(row.council)}: '
                f"{escape(clause.citation)}: {CELL_TITLES[cell]}</title></rect>"
            )
    y = top + len(report.rows) * cell_height + 20
    x = label_width
    for cell in CELLS:
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{COLOURS[cell]}"/>')
        out.append(f'<text x="{x + 17}" y="{y}">{CELL_TITLES[cell]}</text>')
        x += 30 + 7 * len(CELL_TITLES[cell])
    out.append("</svg>")
    return "\n".join(out)


register_report(
    "matrix",
    MatrixReport,
    "councils × model clauses: what each council kept, changed or dropped",
    default="html",
    demo=("html", "svg", "csv"),
)
