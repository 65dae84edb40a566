"""Reports: frozen report objects built once from documents and alignments, and renderers that
only read them.

    divergence.py  redline.py  reviews.py  matrix.py  history.py  update.py
                   each report: its frozen dataclasses, its `build_*` function, its registration
    registry.py    the report kinds and formats; `render(report, fmt)` picks the renderer
    html.py (templates/), markdown.py, word.py (docx_tracked.py: Word's tracked-change XML;
    docx_layout.py: A4, page numbers, table widths),
    serialize.py (JSON, CSV), text.py (terminal), matrix.py (SVG)
                   the renderers, each registered for the report types it renders
    spreadsheet.py `csv_table`: every CSV clausewise writes, formula-like text neutralised
    words.py       dates, counts and plurals as every format words them

To add a format, register a renderer (`@renderer(DivergenceReport, "pdf")`); to add a report,
write its module with `register_report(...)` and register its renderers. Nothing here reads
files, runs the aligner or touches a database.
"""

from . import html, markdown, serialize, text, word  # noqa: F401  (each registers its renderers)
from .divergence import DivergenceReport, build_divergence
from .history import CorrectionEvent, HistoryReport, HistoryRow, ReviewEvent, build_history
from .matrix import MatrixReport, build_matrix
from .redline import RedlineReport, build_redline
from .registry import FORMATS, REPORTS, Format, ReportKind, format_of, formats, kind_of, render, renderer
from .reviews import ReviewRow, ReviewsReport, build_reviews, review_row
from .serialize import to_dict
from .spreadsheet import csv_table, safe_cell
from .update import UpdateItem, UpdateReport, build_update

__all__ = [
    "FORMATS",
    "REPORTS",
    "CorrectionEvent",
    "DivergenceReport",
    "Format",
    "HistoryReport",
    "HistoryRow",
    "MatrixReport",
    "RedlineReport",
    "ReportKind",
    "ReviewEvent",
    "ReviewRow",
    "ReviewsReport",
    "UpdateItem",
    "UpdateReport",
    "build_divergence",
    "build_history",
    "build_matrix",
    "build_redline",
    "build_reviews",
    "build_update",
    "csv_table",
    "format_of",
    "formats",
    "kind_of",
    "render",
    "renderer",
    "review_row",
    "safe_cell",
    "to_dict",
]
