"""Reports: frozen report objects built once from documents and alignments, and renderers that
only read them (HTML, Markdown, JSON, CSV, Word, SVG)."""

from .divergence import DivergenceReport, build_divergence
from .history import HistoryReport, HistoryRow, build_history
from .html import render_html
from .markdown import render_markdown
from .matrix import MatrixReport, build_matrix, render_svg, write_svg
from .redline import RedlineReport, build_redline
from .reviews import ReviewRow, ReviewsReport, build_reviews, review_row
from .serialize import matrix_ranking_csv, render_csv, render_json, to_dict
from .word import write_docx

__all__ = [
    "DivergenceReport",
    "HistoryReport",
    "HistoryRow",
    "MatrixReport",
    "RedlineReport",
    "ReviewRow",
    "ReviewsReport",
    "build_divergence",
    "build_history",
    "build_matrix",
    "build_redline",
    "build_reviews",
    "matrix_ranking_csv",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "render_svg",
    "review_row",
    "to_dict",
    "write_docx",
    "write_svg",
]
