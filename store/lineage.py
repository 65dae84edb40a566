"""Which model version a council's version follows, as the store keeps it.

A version's `based_on` names a stored model version, and `origins["based on"]` says how it was
found: given by the caller (`--based-on`), or `DETECTED` by `clausewise.app.lineage` when the
version was added. The store only keeps and answers; the detection (which runs the aligner)
is the application layer's.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from .db import serialise_writes
from .documents import VersionInfo, version_info
from .models import MODEL_PUBLISHER, Council, Policy, Version
from .queries import history_order, with_names

DETECTED = "detected"  # the origin of a based-on found by comparing the texts, not given
BASED_ON = "based on"  # the name of the value, as `add` prints it and `origins` keys it


@dataclass(frozen=True)
class RecordedBase:
    """The model version a stored version is recorded as following, and how that was found."""

    base: VersionInfo
    origin: str  # DETECTED, or where a given one came from ("given", "manifest")

    @property
    def detected(self) -> bool:
        return self.origin == DETECTED


@dataclass(frozen=True)
class ModelStatus:
    """A current version's recorded model version beside the model's current version."""

    council: str
    policy: str
    based_on: str  # the label of the model version it follows
    model_now: str  # the label of the model's current version

    @property
    def revised(self) -> bool:
        return self.based_on != self.model_now


def model_versions(session: Session, policy: str) -> list[VersionInfo]:
    """Every stored version of `policy` published by a model publisher, oldest first."""
    versions = session.scalars(
        with_names(select(Version).join(Version.council).join(Version.policy)).where(
            Council.kind == MODEL_PUBLISHER, Policy.name == policy
        )
    ).all()
    return [version_info(version) for version in sorted(versions, key=history_order)]


def recorded_base(session: Session, version_id: int) -> RecordedBase | None:
    """The model version recorded for a version (None when none is), with its origin."""
    version = session.get_one(Version, version_id)
    if version.based_on is None:
        return None
    return RecordedBase(version_info(version.based_on), str(version.origins.get(BASED_ON) or "given"))


def current_of(session: Session, version_id: int) -> VersionInfo:
    """The current version of the council and policy a version belongs to."""
    version = session.get_one(Version, version_id)
    current = session.scalars(
        select(Version).where(
            Version.council_id == version.council_id,
            Version.policy_id == version.policy_id,
            Version.status == "current",
        )
    ).first()
    return version_info(current or version)


def record_base(session: Session, version_id: int, base_id: int) -> None:
    """Record a detected model version for a version that has none given."""
    serialise_writes(session)
    version = session.get_one(Version, version_id)
    version.based_on = session.get_one(Version, base_id)
    version.origins = {**version.origins, BASED_ON: DETECTED}
    session.flush()


def model_statuses(session: Session) -> dict[tuple[str, str], ModelStatus]:
    """For every current version that records a model version, that version's label and the
    label of the model's current version, by (council, policy): one query for a register of
    any size."""
    base, now = aliased(Version), aliased(Version)
    rows = session.execute(
        select(Council.name, Policy.name, base.label, now.label)
        .select_from(Version)
        .join(Council, Version.council_id == Council.id)
        .join(Policy, Version.policy_id == Policy.id)
        .join(base, Version.based_on_id == base.id)
        .join(
            now,
            and_(now.council_id == base.council_id, now.policy_id == base.policy_id, now.status == "current"),
        )
        .where(Version.status == "current")
    )
    return {(council, policy): ModelStatus(council, policy, was, is_) for council, policy, was, is_ in rows}


def stored_version(session: Session, version_id: int) -> VersionInfo:
    """A stored version by its key, as a value."""
    return version_info(session.get_one(Version, version_id))
