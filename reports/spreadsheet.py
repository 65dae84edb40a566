"""CSV for spreadsheets: every CSV file clausewise writes goes through `csv_table`.

Excel, LibreOffice Calc and Google Sheets run a cell that begins with = + - or @ as a formula
(tab and carriage return too, which some of them skip before looking), so a council or policy
named `=HYPERLINK("http://…","Click")` would become a live link in a clerk's spreadsheet
("CSV injection"). Such text is written with an apostrophe in front, which every spreadsheet
reads as "this is text" and does not show. Numbers stay numbers: a day count of -3 is still -3.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

from .words import iso_date

FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})
TEXT_MARK = "'"  # what a spreadsheet reads as "the rest is text"


def safe_cell(value: object) -> object:
    """A value as a CSV cell: text a spreadsheet would run is marked as text; a date in ISO
    form; nothing as an empty cell; numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, date):
        return iso_date(value)
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return TEXT_MARK + value
    return value


def csv_table(head: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """One header row, then the rows, every cell through `safe_cell`. Lines end in CRLF, as
    RFC 4180 and spreadsheets expect; it also makes the writer quote a cell holding a lone
    carriage return, which a spreadsheet would otherwise read as the end of the row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(v) for v in head])
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return buffer.getvalue()
