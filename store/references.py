"""Stored references: `COUNCIL[:POLICY][@VERSION|@DATE]` and `model[:POLICY][@VERSION]`.

    Spilsby Town Council                      its current version (of its only policy)
    spilsby:Councillor-Officer Protocol       a council named by a unique part of its name
    Chard Town Council@2015                   the version labelled 2015
    Chard Town Council@2016-06-30             the version in force on that date
    model                                     the model publisher's current version

Names match without regard to case; a part of a name is enough when only one name has it.
A name or label that has `:`, `@`, `/` or `"` in it is put in double quotes (a `"` or `\\`
inside them gets a backslash before it):

    "Hinton/Brook Parish Council"@"2023/24"   the version labelled 2023/24
    Chard:"Policy: Members@Work"              a policy whose name has : and @
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clausewise.errors import Ambiguous, NotFound
from clausewise.ingest.dates import parse_iso
from clausewise.ingest.model import Document

from .documents import VersionInfo, document_of, version_info
from .models import MODEL_PUBLISHER, Council, Policy, Version
from .naming import split_reference

MODEL = "model"


@dataclass(frozen=True)
class Reference:
    council: str  # a name, part of one, or "model"
    policy: str | None = None
    version: str | None = None  # a label
    on: date | None = None  # or the version in force on a date


def parse_reference(ref: str) -> Reference:
    council, policy, at = split_reference(ref)
    on: date | None = None
    if at and not at.quoted:
        try:
            on = parse_iso(at.text)
        except ValueError:
            on = None
    version = at.text if at and on is None else None
    return Reference(council=council.text, policy=policy.text if policy else None, version=version or None, on=on)


def find_council(session: Session, name: str) -> Council:
    """A council by its name or a part of it that only one council's name has (a name in
    double quotes, as a reference writes it, is taken without them)."""
    if name.strip().startswith('"'):
        name = split_reference(name)[0].text
    if name.strip().lower() == MODEL:
        models = session.scalars(select(Council).where(Council.kind == MODEL_PUBLISHER).order_by(Council.name)).all()
        if len(models) == 1:
            return models[0]
        if not models:
            raise NotFound("model: no model publisher is stored", needs="model")
        raise Ambiguous(f"model: {len(models)} model publishers are stored ({_names(models)}); name one instead")
    exact = session.scalars(select(Council).where(func.lower(Council.name) == name.strip().lower())).first()
    if exact is not None:
        return exact
    pattern = f"%{_escape(name.strip().lower())}%"
    matches = session.scalars(
        select(Council).where(func.lower(Council.name).like(pattern, escape="\\")).order_by(Council.name)
    ).all()
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFound(f"{name}: no such council in the database", needs="stored council")
    raise Ambiguous(f"{name}: matches {_names(matches)}; give more of the name")


def find_policy(session: Session, council: Council, name: str | None) -> Policy:
    """One of the council's policies: by (part of) its name, or its only one."""
    policies = session.scalars(
        select(Policy).join(Version).where(Version.council_id == council.id).distinct().order_by(Policy.name)
    ).all()
    if name is None:
        if len(policies) == 1:
            return policies[0]
        if not policies:
            raise NotFound(f"{council.name}: no versions are stored")
        raise Ambiguous(f"{council.name} has {len(policies)} policies ({_names(policies)})", needs="policy")
    wanted = name.strip().lower()
    exact = [p for p in policies if p.name.lower() == wanted]
    matches = exact or [p for p in policies if wanted in p.name.lower()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFound(f"{council.name} has no policy {name!r}; it has {_names(policies) or 'none'}")
    raise Ambiguous(f"{name}: matches {_names(matches)} of {council.name}; give more of the name")


def current_version(session: Session, council: Council, policy: Policy) -> Version:
    version = session.scalars(
        select(Version).where(
            Version.council_id == council.id, Version.policy_id == policy.id, Version.status == "current"
        )
    ).first()
    if version is None:
        raise NotFound(f"{council.name}: no current version of {policy.name}")
    return version


def find_version(session: Session, ref: str | Reference) -> Version:
    """The stored version a reference names (the ORM row, for store functions)."""
    parsed = parse_reference(ref) if isinstance(ref, str) else ref
    council = find_council(session, parsed.council)
    policy = find_policy(session, council, parsed.policy)
    mine = select(Version).where(Version.council_id == council.id, Version.policy_id == policy.id)
    if parsed.version is not None:
        version = session.scalars(mine.where(func.lower(Version.label) == parsed.version.lower())).first()
        if version is None:
            labels = session.scalars(mine.with_only_columns(Version.label).order_by(Version.id)).all()
            raise NotFound(
                f"{council.name}: no version {parsed.version!r} of {policy.name}; stored: {', '.join(labels)}"
            )
        return version
    if parsed.on is not None:
        version = session.scalars(
            mine.where(Version.adopted_on <= parsed.on).order_by(Version.adopted_on.desc(), Version.id.desc())
        ).first()
        if version is None:
            raise NotFound(f"{council.name}: no version of {policy.name} was adopted on or before {parsed.on}")
        return version
    return current_version(session, council, policy)


def resolve_version(session: Session, ref: str) -> VersionInfo:
    """The stored version a reference names, as a value."""
    return version_info(find_version(session, ref))


def resolve_reference(session: Session, ref: str) -> Document:
    """The ingest Document of the stored version a reference names (aligns as the file did)."""
    return document_of(find_version(session, ref))


def _names(rows: Iterable[Council | Policy]) -> str:
    return ", ".join(row.name for row in rows)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
