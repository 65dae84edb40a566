# What the package offers; imported on first use (clausewise/lazy.py reads these lines).

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
