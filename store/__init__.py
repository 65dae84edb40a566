"""Store: councils, policies, versions, clauses, reviews, alignment runs and embeddings in a
database (SQLite by default, any SQLAlchemy URL), with Alembic migrations.

Functions take a `Session`; the caller opens it, in one transaction, with `open_session`.
"""

from .add import AddOptions, AddResult, Value, add_document
from .alignments import (
    load_embeddings,
    save_alignment,
    save_embeddings,
    stored_alignment,
    sync_embedding_cache,
)
from .compare import compare_references, is_reference, load_side
from .db import database_url, open_session, upgrade, upgrade_database
from .documents import VersionInfo
from .queries import (
    CouncilSummary,
    HistoryEntry,
    ReviewItem,
    compare_versions,
    councils,
    current_versions,
    history,
    record_review,
    reviews,
    versions_with_changes,
)
from .references import parse_reference, resolve_reference, resolve_version
from .transfer import export_data, import_data

__all__ = [
    "AddOptions",
    "AddResult",
    "CouncilSummary",
    "HistoryEntry",
    "ReviewItem",
    "Value",
    "VersionInfo",
    "add_document",
    "compare_references",
    "compare_versions",
    "councils",
    "current_versions",
    "database_url",
    "export_data",
    "history",
    "import_data",
    "is_reference",
    "load_embeddings",
    "load_side",
    "open_session",
    "parse_reference",
    "record_review",
    "resolve_reference",
    "resolve_version",
    "reviews",
    "save_alignment",
    "save_embeddings",
    "stored_alignment",
    "sync_embedding_cache",
    "upgrade",
    "upgrade_database",
    "versions_with_changes",
]
