"""Store: councils, policies, versions, clauses, reviews, alignment runs and embedding vectors
in a database (SQLite by default, any SQLAlchemy URL), with Alembic migrations.

    db.py          opening a database: URLs, SQLite settings, migrations, one transaction
    models.py      the schema (SQLAlchemy 2.0 typed models); migrations/ (Alembic)
    add.py         a read Document stored as a version, each value with where it came from
    checks.py      dates that cannot be right (an adoption in the future, ...), refused unless forced
    corrections.py amend a version's facts, remove a mistaken version; each correction recorded
    documents.py   Documents to rows and back; VersionInfo, a version as a value
    references.py  COUNCIL[:POLICY][@VERSION|@DATE] looked up
    queries.py     councils, current versions, versions in order, reviews
    alignments.py  alignment runs and embedding vectors, kept by what made them
    originals.py   each version's original file, kept once per distinct file by its sha256
    transfer.py    the whole database as JSON and back

The store only stores and answers queries: it takes and returns the document and alignment
models, and never reads a file or runs the aligner (that is `clausewise.app`). Functions take
a `Session`; the caller opens it, in one transaction, with `open_session`.
"""

from .add import COVER_DATE, AddOptions, AddResult, Value, add_document
from .alignments import load_embeddings, save_alignment, save_embeddings, stored_alignment
from .corrections import (
    AMENDED,
    Amendment,
    Change,
    CorrectionInfo,
    CorrectionResult,
    amend_version,
    corrections_of,
    remove_version,
)
from .db import UpgradeResult, cache_write, database_url, describe, may_cache, open_session, upgrade, upgrade_database
from .documents import VersionInfo, load_document
from .models import COUNCIL_KINDS, MODEL_PUBLISHER
from .originals import load_original
from .queries import (
    CouncilSummary,
    ReviewDate,
    ReviewInfo,
    councils,
    current_versions,
    record_review,
    review_dates,
    reviews_of,
    versions_in_order,
)
from .references import Reference, parse_reference, resolve_reference, resolve_version
from .transfer import export_data, import_data

__all__ = [
    "AMENDED",
    "COUNCIL_KINDS",
    "COVER_DATE",
    "MODEL_PUBLISHER",
    "AddOptions",
    "AddResult",
    "Amendment",
    "Change",
    "CorrectionInfo",
    "CorrectionResult",
    "CouncilSummary",
    "Reference",
    "ReviewDate",
    "ReviewInfo",
    "UpgradeResult",
    "Value",
    "VersionInfo",
    "add_document",
    "amend_version",
    "cache_write",
    "corrections_of",
    "councils",
    "current_versions",
    "database_url",
    "describe",
    "export_data",
    "import_data",
    "load_document",
    "load_embeddings",
    "load_original",
    "may_cache",
    "open_session",
    "parse_reference",
    "record_review",
    "remove_version",
    "resolve_reference",
    "resolve_version",
    "review_dates",
    "reviews_of",
    "save_alignment",
    "save_embeddings",
    "stored_alignment",
    "upgrade",
    "upgrade_database",
    "versions_in_order",
]
