"""Reports from the store: find the stored versions and their alignments, build report objects.

Each function takes an open `Session` (the caller owns the transaction: alignments computed
here are stored as alignment runs and reused next time) and returns a finished report, which
the renderers in `reports` only read.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from clausewise.align import Semantic, align
from clausewise.ingest import read
from clausewise.reports import (
    DivergenceReport,
    HistoryReport,
    HistoryRow,
    MatrixReport,
    RedlineReport,
    ReviewRow,
    ReviewsReport,
    build_divergence,
    build_history,
    build_matrix,
    build_redline,
    build_reviews,
)
from clausewise.store import (
    VersionInfo,
    compare_references,
    current_versions,
    is_reference,
    resolve_reference,
    resolve_version,
    versions_with_changes,
)

ALL_COUNCILS = "All councils"
MODEL = "model"


def _with_policy(reference: str, policy: str | None) -> str:
    """`COUNCIL` with `:POLICY` added when a policy is given and the reference has none."""
    if policy is None or ":" in reference.partition("@")[0]:
        return reference
    name, at, version = reference.partition("@")
    return f"{name}:{policy}{at}{version}"


def divergence_report(
    session: Session,
    council: str,
    *,
    policy: str | None = None,
    model: str = MODEL,
    as_of: date,
    semantic: Semantic = "spacy",
) -> DivergenceReport:
    """One council's current version (or `council@VERSION`) against the model."""
    local_ref, model_ref = _with_policy(council, policy), _with_policy(model, policy)
    local = resolve_version(session, local_ref)
    alignment = compare_references(session, model_ref, local_ref, semantic=semantic)
    return build_divergence(alignment.left, alignment.right, alignment, council=local.council, as_of=as_of)


def redline_report(
    session: Session | None,
    old: str,
    new: str,
    *,
    as_of: date,
    author: str | None = None,
    semantic: Semantic = "spacy",
) -> RedlineReport:
    """The redline from OLD to NEW, each a file or (with a session) a stored reference."""
    if session is None:  # two files: nothing stored, no database needed
        alignment = align(read(Path(old)), read(Path(new)), semantic=semantic)
    else:
        alignment = compare_references(session, old, new, semantic=semantic)
    stored = {
        argument: resolve_version(session, argument)
        for argument in (old, new)
        if session is not None and is_reference(argument)
    }
    council = next((stored[a].council for a in (new, old) if a in stored), None)
    return build_redline(
        alignment.left,
        alignment.right,
        alignment,
        council=council or alignment.right.council or alignment.left.council or "the council",
        as_of=as_of,
        author=author,
        old_label=_label(old, stored.get(old)),
        new_label=_label(new, stored.get(new)),
    )


def _label(argument: str, version: VersionInfo | None) -> str:
    return f"{version.council}, version {version.label}" if version else Path(argument).name


def reviews_report(session: Session, *, as_of: date, policy: str | None = None) -> ReviewsReport:
    """Every council's current version, bucketed by how soon its review falls due."""
    rows = [
        ReviewRow(v.council, v.policy, v.label, v.adopted_on, v.review_due) for v in current_versions(session, policy)
    ]
    return build_reviews(rows, council=ALL_COUNCILS, as_of=as_of)


def matrix_report(
    session: Session, *, policy: str | None = None, model: str = MODEL, as_of: date, semantic: Semantic = "spacy"
) -> MatrixReport:
    """Every council's current version of the policy against the model's clauses."""
    model_ref = _with_policy(model, policy)
    model_version = resolve_version(session, model_ref)
    councils = [
        v
        for v in current_versions(session, model_version.policy if policy is None else policy)
        if v.id != model_version.id and v.council_kind != "model publisher"
    ]
    alignments = [(v.council, compare_references(session, model_ref, v.reference, semantic=semantic)) for v in councils]
    model_document = alignments[0][1].left if alignments else resolve_reference(session, model_ref)
    return build_matrix(model_document, alignments, council=ALL_COUNCILS, as_of=as_of)


def history_report(session: Session, council: str, *, policy: str | None = None, as_of: date) -> HistoryReport:
    """A council's versions of a policy over time, with what changed at each."""
    versions = versions_with_changes(session, council, policy)
    rows = [
        HistoryRow(
            version_label=v.label,
            adopted_on=v.adopted_on,
            adopted_by=v.adopted_by,
            minute=v.minute_ref,
            status=v.status,
            changes=alignment,
        )
        for v, alignment in versions
    ]
    first = versions[0][0]
    return build_history(rows, council=first.council, policy=first.policy, as_of=as_of)
