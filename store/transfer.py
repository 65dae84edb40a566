"""The whole database as one JSON document, and back: a lossless round trip.

Rows are written in key order and refer to one another by natural keys (council name,
"council / policy / label" for a version), never by database ids, so the file reads the same
whatever database wrote it, and importing it into an empty database and exporting again
gives the same file byte for byte.

Format version 2 added how precisely each date is known (`adopted_precision`, ...) and the
record of corrections; a version 1 export still imports, its dates taken as exact days.
Format version 3 added each version's original file (`originals`, last in the file: sha256,
format and the bytes in base64), so an older clausewise refuses it rather than drop the files;
a version 1 or 2 export still imports, its versions without originals.
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clausewise.errors import BadValue, Conflict

from .db import serialise_writes
from .models import (
    AlignmentLink,
    AlignmentRun,
    ClauseRow,
    Correction,
    Council,
    Embedding,
    OriginalFile,
    Policy,
    Review,
    Version,
)
from .originals import content_hash

FORMAT = "clausewise-store"
FORMAT_VERSION = 3
READS = (1, 2, 3)  # the format versions this clausewise imports
_CLAUSE_FIELDS = ("clause_key", "number", "marker", "heading", "kind", "text", "level", "page", "paragraph", "line")
_LINK_FIELDS = ("left_keys", "right_keys", "relation", "moved", "score", "diff")


def _key(version: Version) -> list[str]:
    return [version.council.name, version.policy.name, version.label]


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: datetime) -> str:
    return value.isoformat()


def export_data(session: Session) -> dict[str, Any]:
    versions = session.scalars(select(Version).order_by(Version.id)).all()
    runs = session.scalars(select(AlignmentRun).order_by(AlignmentRun.id)).all()
    embeddings = session.scalars(select(Embedding).order_by(Embedding.model, Embedding.text_sha256)).all()
    corrections = session.scalars(select(Correction).order_by(Correction.id)).all()
    versions_by_id = {v.id: v for v in versions}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "councils": [{"name": c.name, "kind": c.kind} for c in session.scalars(select(Council).order_by(Council.id))],
        "policies": [p.name for p in session.scalars(select(Policy).order_by(Policy.id))],
        "versions": [_version(v) for v in versions],
        "alignment_runs": [
            {
                "left": _key(r.left_version),
                "right": _key(r.right_version),
                "profile": r.profile,
                "semantic": r.semantic,
                "threshold": r.threshold,
                "algorithm": r.algorithm,
                "backend": r.backend,
                "created_at": _moment(r.created_at),
                "links": [{f: getattr(link, f) for f in _LINK_FIELDS} for link in r.links],
                "possible": r.possible,
            }
            for r in runs
        ],
        "embeddings": [
            {
                "model": e.model,
                "text_sha256": e.text_sha256,
                "dimensions": e.dimensions,
                "vector": base64.b64encode(e.vector).decode("ascii"),
            }
            for e in embeddings
        ],
        "corrections": [_correction(c, versions_by_id) for c in corrections],
        "originals": [
            {"sha256": o.sha256, "format": o.format, "content": base64.b64encode(o.content).decode("ascii")}
            for o in session.scalars(select(OriginalFile).order_by(OriginalFile.sha256))
        ],
    }


def _correction(c: Correction, versions: dict[int, Version]) -> dict[str, Any]:
    return {
        "made_at": _moment(c.made_at),
        "action": c.action,
        "council": c.council,
        "policy": c.policy,
        "version_label": c.version_label,
        "version": _key(versions[c.version_id]) if c.version_id is not None else None,  # None once removed
        "field": c.field,
        "old_value": c.old_value,
        "new_value": c.new_value,
        "removed": c.removed,
        "reason": c.reason,
    }


def _version(v: Version) -> dict[str, Any]:
    return {
        "council": v.council.name,
        "policy": v.policy.name,
        "label": v.label,
        "source_name": v.source_name,
        "sha256": v.sha256,
        "format": v.format,
        "title": v.title,
        "document_council": v.document_council,
        "ingested_at": _moment(v.ingested_at),
        "adopted_on": _day(v.adopted_on),
        "adopted_precision": v.adopted_precision,
        "adopted_by": v.adopted_by,
        "minute_ref": v.minute_ref,
        "review_due": _day(v.review_due),
        "review_due_precision": v.review_due_precision,
        "based_on": _key(v.based_on) if v.based_on else None,
        "status": v.status,
        "metadata": v.document_metadata,
        "warnings": v.warnings,
        "set_aside": v.set_aside,
        "origins": v.origins,
        "clauses": [{f: getattr(c, f) for f in _CLAUSE_FIELDS} for c in v.clauses],
        "reviews": [
            {
                "reviewed_on": r.reviewed_on.isoformat(),
                "outcome": r.outcome,
                "next_review_due": _day(r.next_review_due),
                "minute_ref": r.minute_ref,
                "recorded_at": _moment(r.recorded_at),
            }
            for r in v.reviews
        ],
    }


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def import_data(session: Session, data: dict[str, Any]) -> dict[str, int]:
    """Load an export into an empty database; returns how many rows of each kind were loaded."""
    if data.get("format") != FORMAT:
        raise BadValue('this JSON is not a clausewise export (no "format": "clausewise-store"); export one first')
    if data.get("format_version") not in READS:
        raise BadValue(
            f"this export has format version {data.get('format_version')}; this clausewise reads "
            f"{', '.join(map(str, READS[:-1]))} and {READS[-1]}: upgrade clausewise"
        )
    serialise_writes(session)
    if session.scalars(select(Version.id).limit(1)).first() or session.scalars(select(Council.id).limit(1)).first():
        raise Conflict("import needs an empty database, and this one has data", needs="empty database")
    try:
        return _load(session, data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadValue(f"the export is damaged or incomplete ({_what_is_wrong(exc)}); export it again") from exc
    except IntegrityError as exc:  # a value the schema does not allow (a council kind, a status)
        detail = str(exc.orig).strip().splitlines()[0]
        raise BadValue(f"the export has a value the database does not allow ({detail}); export it again") from exc


def _what_is_wrong(exc: Exception) -> str:
    """The fault in an export, in words (never a Python exception's name)."""
    if isinstance(exc, KeyError):
        return f"{exc.args[0]!r} is missing or names nothing in the export"
    if isinstance(exc, ValueError):
        return str(exc).splitlines()[0] if str(exc) else "a value is not valid"
    return "a value is of the wrong kind"


def _load(session: Session, data: dict[str, Any]) -> dict[str, int]:
    councils = {c["name"]: Council(name=c["name"], kind=c["kind"]) for c in data["councils"]}
    policies = {name: Policy(name=name) for name in data["policies"]}
    session.add_all([*councils.values(), *policies.values()])
    versions: dict[tuple[str, ...], Version] = {}
    clause_count = 0
    for item in data["versions"]:
        version = Version(
            council=councils[item["council"]],
            policy=policies[item["policy"]],
            label=item["label"],
            source_name=item["source_name"],
            sha256=item["sha256"],
            format=item["format"],
            title=item["title"],
            document_council=item["document_council"],
            ingested_at=datetime.fromisoformat(item["ingested_at"]),
            adopted_on=_date(item["adopted_on"]),
            adopted_precision=item.get("adopted_precision", "day"),  # format 1 kept exact days only
            adopted_by=item["adopted_by"],
            minute_ref=item["minute_ref"],
            review_due=_date(item["review_due"]),
            review_due_precision=item.get("review_due_precision", "day"),
            based_on=versions[tuple(item["based_on"])] if item["based_on"] else None,
            status=item["status"],
            document_metadata=item["metadata"],
            warnings=item["warnings"],
            set_aside=item.get("set_aside", []),  # exports before set-aside lines were kept
            origins=item["origins"],
        )
        version.reviews = [
            Review(
                reviewed_on=date.fromisoformat(r["reviewed_on"]),
                outcome=r["outcome"],
                next_review_due=_date(r["next_review_due"]),
                minute_ref=r["minute_ref"],
                recorded_at=datetime.fromisoformat(r["recorded_at"]),
            )
            for r in item["reviews"]
        ]
        session.add(version)
        session.flush()
        rows = [{"version_id": version.id, "position": k, **c} for k, c in enumerate(item["clauses"])]
        if rows:
            session.execute(insert(ClauseRow), rows)
        clause_count += len(rows)
        versions[(item["council"], item["policy"], item["label"])] = version
    for item in data["alignment_runs"]:
        run = AlignmentRun(
            left_version=versions[tuple(item["left"])],
            right_version=versions[tuple(item["right"])],
            profile=item["profile"],
            semantic=item["semantic"],
            threshold=item["threshold"],
            algorithm=item["algorithm"],
            backend=item.get("backend", ""),  # exports written before backends were named have none
            created_at=datetime.fromisoformat(item["created_at"]),
            possible=item.get("possible", []),  # exports written before possible matches have none
        )
        session.add(run)
        session.flush()
        links = [{"run_id": run.id, "position": k, **link} for k, link in enumerate(item["links"])]
        if links:
            session.execute(insert(AlignmentLink), links)
    embeddings = [
        {
            "model": e["model"],
            "text_sha256": e["text_sha256"],
            "dimensions": e["dimensions"],
            "vector": base64.b64decode(e["vector"]),
        }
        for e in data["embeddings"]
    ]
    if embeddings:
        session.execute(insert(Embedding), embeddings)
    corrections = [_load_correction(item, versions) for item in data.get("corrections", [])]
    session.add_all(corrections)
    originals = [_load_original(item) for item in data.get("originals", [])]  # none before format 3
    session.add_all(originals)
    session.flush()
    return {
        "councils": len(councils),
        "policies": len(policies),
        "versions": len(versions),
        "clauses": clause_count,
        "alignment runs": len(data["alignment_runs"]),
        "embeddings": len(embeddings),
        "corrections": len(corrections),
        "original files": len(originals),
    }


def _load_original(item: dict[str, Any]) -> OriginalFile:
    content = base64.b64decode(item["content"], validate=True)
    if content_hash(content) != item["sha256"]:
        raise ValueError(f"the original file {item['sha256'][:12]}… does not have that sha256")
    return OriginalFile(sha256=item["sha256"], format=item["format"], size=len(content), content=content)


def _load_correction(item: dict[str, Any], versions: dict[tuple[str, ...], Version]) -> Correction:
    return Correction(
        made_at=datetime.fromisoformat(item["made_at"]),
        action=item["action"],
        council=item["council"],
        policy=item["policy"],
        version_label=item["version_label"],
        version=versions[tuple(item["version"])] if item["version"] else None,
        field=item["field"],
        old_value=item["old_value"],
        new_value=item["new_value"],
        removed=item["removed"],
        reason=item["reason"],
    )
