# What the package offers; imported on first use (clausewise/lazy.py reads these lines).

from clausewise.align import DEFAULT_SETTINGS, Alignment, AlignSettings
from clausewise.align.summary import ChangeSummary, summarise
from clausewise.app import Store, compare, write_report
from clausewise.errors import ClausewiseError, InputError
from clausewise.ingest import Clause, Document, Metadata, read
from clausewise.reports import REPORTS, render

__version__: str

__all__ = [
    "DEFAULT_SETTINGS",
    "REPORTS",
    "AlignSettings",
    "Alignment",
    "ChangeSummary",
    "Clause",
    "ClausewiseError",
    "Document",
    "InputError",
    "Metadata",
    "Store",
    "__version__",
    "compare",
    "read",
    "render",
    "summarise",
    "write_report",
]
