"""Values the database would refuse, refused first, in the same words on every backend.

PostgreSQL rejects a string longer than its column and any text with a NUL character; SQLite
stores both silently. So every row written through the session is checked before the flush,
and a value that does not fit is one clear error naming what it is, never a driver exception
on one backend and a silent truncation risk on the other.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from clausewise.errors import BadValue

# How a clerk knows each limited value (table.column): the option or thing they gave.
NAMES = {
    "council.name": "council name",
    "council.kind": "council kind",
    "policy.name": "policy name",
    "version.label": "version label (--version)",
    "version.source_name": "file name",
    "version.document_council": "council name in the document",
    "version.adopted_by": "adopted by (--adopted-by)",
    "version.minute_ref": "minute reference (--minute)",
    "review.minute_ref": "minute reference (--minute)",
    "review.outcome": "review outcome",
}


def check_values(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    """Every new or changed row's text: no NUL character, and no longer than its column."""
    for row in (*session.new, *session.dirty):
        _check_row(row)


def _check_row(row: object) -> None:
    mapper = inspect(row).mapper
    for column in mapper.columns:
        value = getattr(row, mapper.get_property_by_column(column).key, None)
        if not isinstance(value, str):
            continue
        what = NAMES.get(f"{column.table.name}.{column.name}", f"{column.table.name} {column.name}")
        if "\x00" in value:
            raise BadValue(f"the {what} {_shown(value)} contains a NUL character; remove it")
        limit = column.type.length if isinstance(column.type, String) else None
        if limit is not None and len(value) > limit:
            raise BadValue(f"the {what} {_shown(value)} is {len(value)} characters long; the most is {limit}")


def _shown(value: str) -> str:
    clean = value.replace("\x00", "")
    return repr(clean if len(clean) <= 40 else clean[:37] + "...")


def guard(session: Session) -> None:
    """Check this session's rows before each flush."""
    event.listen(session, "before_flush", check_values)
