"""The reports that compare: each finds its sides, aligns them (reusing stored runs) and builds
the finished report object, which the renderers in `clausewise.reports` only read."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from clausewise.align import DEFAULT_SETTINGS, Alignment, AlignSettings
from clausewise.errors import ClausewiseError
from clausewise.ingest import Document
from clausewise.reports import (
    DivergenceReport,
    MatrixReport,
    RedlineReport,
    build_divergence,
    build_redline,
)
from clausewise.reports.docx_redline import redline_in_docx
from clausewise.reports.matrix import CouncilRow, council_row, matrix_of_rows
from clausewise.reports.redline import Changes
from clausewise.store import (
    MODEL_PUBLISHER,
    VersionInfo,
    current_versions,
    load_original,
    resolve_reference,
    resolve_version,
)
from clausewise.store.naming import quote_part, reference_head, split_reference
from clausewise.store.originals import content_hash

from .comparing import compare_loaded, compare_versions
from .corpus_matrix import stored_matrix
from .lineage import lineage_of
from .reviews import ALL_COUNCILS
from .sides import Loaded, Side, describe_side, load_side

MODEL = "model"


def with_policy(reference: str, policy: str | None) -> str:
    """`COUNCIL` with `:POLICY` added when a policy is given and the reference has none."""
    _, named, _ = split_reference(reference)
    if policy is None or named is not None:
        return reference
    head = reference_head(reference)
    return head + ":" + quote_part(policy) + reference[len(head) :]


def divergence_report(
    session: Session,
    council: str,
    *,
    policy: str | None = None,
    model: str = MODEL,
    as_of: date,
    settings: AlignSettings = DEFAULT_SETTINGS,
) -> DivergenceReport:
    """One council's current version (or `COUNCIL@VERSION`) against the model."""
    local = load_side(session, with_policy(council, policy))
    alignment = compare_loaded(session, load_side(session, with_policy(model, policy)), local, settings=settings)
    name = local.version.council if local.version else alignment.right.council or council
    lineage = lineage_of(session, local.version) if local.version else None
    return build_divergence(alignment.left, alignment.right, alignment, council=name, as_of=as_of, lineage=lineage)


def redline_report(
    session: Session | None,
    old: Side,
    new: Side,
    *,
    as_of: date,
    author: str | None = None,
    settings: AlignSettings = DEFAULT_SETTINGS,
    changes: Changes = "all",
    cover: bool = False,
) -> RedlineReport:
    """The redline from OLD to NEW: files or Documents, or (given a session) stored versions.
    `changes="substantive"` leaves cosmetic changes untracked; `cover` asks for a cover note."""
    sides = load_side(session, old), load_side(session, new)
    alignment = compare_loaded(session, *sides, settings=settings)
    stored = [side.version for side in reversed(sides) if side.version is not None]
    council = stored[0].council if stored else alignment.right.council or alignment.left.council or "the council"
    report = build_redline(
        alignment.left,
        alignment.right,
        alignment,
        council=council,
        as_of=as_of,
        author=author,
        old_label=describe_side(sides[0]),
        new_label=describe_side(sides[1]),
        changes=changes,
        cover=cover,
    )
    return _in_own_document(report, session, new, sides[1], alignment)


def _in_own_document(
    report: RedlineReport, session: Session | None, new: Side, loaded: Loaded, alignment: Alignment
) -> RedlineReport:
    """The redline inside the council's own Word file when the new version is a .docx: the file
    given, or for a stored version the original the store keeps (a version stored before
    originals were kept has only its text, so it gets clausewise's own document)."""
    if loaded.document.format != "docx":
        return report
    source = _own_word_file(session, new, loaded)
    if source is None:
        return report
    own = redline_in_docx(source, report, alignment.left, alignment.right)
    return replace(report, own_docx=own)


def _own_word_file(session: Session | None, new: Side, loaded: Loaded) -> bytes | None:
    """The bytes of the Word file the new side was read from, when they are to be had: the
    stored original of a stored version, or the file itself unless it changed since it was read."""
    if loaded.version is not None:
        kept = load_original(session, loaded.version.sha256) if session is not None else None
        return kept[1] if kept is not None and kept[0] == "docx" else None
    if isinstance(new, Document):
        return None
    source = Path(new).read_bytes()
    return source if content_hash(source) == loaded.document.sha256 else None


def matrix_report(
    session: Session,
    *,
    policy: str | None = None,
    model: str = MODEL,
    as_of: date,
    settings: AlignSettings = DEFAULT_SETTINGS,
) -> MatrixReport:
    """Every council's current version of the policy against the model's clauses: read from
    the stored runs (`Store.matrix` stores the missing ones first, in parallel), and a council
    whose runs are not all stored aligned here, one by one."""
    model_ref = with_policy(model, policy)
    model_version = resolve_version(session, model_ref)
    councils = [
        v
        for v in current_versions(session, model_version.policy if policy is None else policy)
        if v.id != model_version.id and v.council_kind != MODEL_PUBLISHER
    ]
    model_document = resolve_reference(session, model_ref)
    stored = stored_matrix(session, model_version, councils, settings)
    rows, skipped = [], []
    for version in councils:
        if version.id in stored.damaged:  # one council's bad data must not lose everyone's report
            skipped.append(stored.damaged[version.id])
            continue
        try:
            rows.append(stored.rows.get(version.id) or _aligned_row(session, model_version, version, settings))
        except CORRUPT_VERSION as exc:
            skipped.append(exc.message if isinstance(exc, ClausewiseError) else f"{version.reference}: {exc}")
    return matrix_of_rows(model_document, rows, council=ALL_COUNCILS, as_of=as_of, skipped=skipped)


def _aligned_row(session: Session, model: VersionInfo, version: VersionInfo, settings: AlignSettings) -> CouncilRow:
    """A council's row when its runs are not stored (a read-only database): aligned here."""
    alignment = compare_versions(session, model, version, settings=settings)
    return council_row(version.council, alignment.left, alignment.links, lineage_of(session, version))


# What one council's stored version can raise when it cannot be read back or aligned: a value
# the schema could not check (a damaged row, a hand-edited database) or a library error.
CORRUPT_VERSION = (ClausewiseError, ValueError, LookupError, TypeError, AttributeError)
