# What the package offers; imported on first use (clausewise/lazy.py reads these lines).

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
