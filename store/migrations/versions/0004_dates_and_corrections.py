"""how precisely each date is known, and the record of corrections (amend, remove)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from clausewise.ingest.dates import parse_date

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PRECISIONS = "('day', 'month', 'year')"
# Written as they were at this revision, not imported, so the migration never changes meaning.
OLD_COVER = re.compile(r'^document: issued "(?P<text>.*)"$')  # how 0001-0003 marked a cover date
WRITTEN = re.compile(r'^document: "(?P<text>.*)"$')  # a date the document wrote to the month
COVER_DATE = "the date on the cover"
DATE_FIELDS = {"adopted": "adopted_precision", "review due": "review_due_precision"}


def _precision_column(name: str, table: str) -> sa.Column[str]:
    # A column-level CHECK: SQLite adds it with ALTER TABLE, without copying the table (a copy
    # would drop and re-create `version`, which every clause and review refers to).
    check = sa.CheckConstraint(f"{name} IN {PRECISIONS}", name=op.f(f"ck_{table}_{name}"))
    return sa.Column(name, sa.String(length=5), check, nullable=False, server_default="day")


def upgrade() -> None:
    op.add_column("version", _precision_column("adopted_precision", "version"))
    op.add_column("version", _precision_column("review_due_precision", "version"))
    # A recorded review's next date is always given to the day (`review --next`): no precision.
    op.create_table(
        "correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("council", sa.String(length=200), nullable=False),
        sa.Column("policy", sa.String(length=200), nullable=False),
        sa.Column("version_label", sa.String(length=100), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=50), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("removed", sa.JSON(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.CheckConstraint("action IN ('amend', 'remove')", name=op.f("ck_correction_action")),
        sa.ForeignKeyConstraint(
            ["version_id"], ["version.id"], name=op.f("fk_correction_version_id_version"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_correction")),
    )
    op.create_index(op.f("ix_correction_version_id"), "correction", ["version_id"], unique=False)
    op.create_index("ix_correction_council_policy", "correction", ["council", "policy"], unique=False)
    _backfill_precision()


def _backfill_precision() -> None:
    """Versions stored before this revision: a date the document wrote to the month ("April
    2028", kept in `origins` as how it was written) becomes month-precise again, and an
    adoption date taken from the cover says so in the words `add` now uses."""
    version = sa.table(
        "version",
        sa.column("id", sa.Integer),
        sa.column("origins", sa.JSON),
        sa.column("adopted_precision", sa.String),
        sa.column("review_due_precision", sa.String),
    )
    connection = op.get_bind()
    for key, origins in connection.execute(sa.select(version.c.id, version.c.origins)).all():
        changes = _changes(dict(origins or {}))
        if changes:
            connection.execute(sa.update(version).where(version.c.id == key).values(**changes))


def _changes(origins: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for field, column in DATE_FIELDS.items():
        origin = str(origins.get(field) or "")
        match = OLD_COVER.match(origin) or WRITTEN.match(origin)
        written = parse_date(match.group("text")) if match else None
        if written is not None and written.precision != "day":
            changes[column] = written.precision
        if OLD_COVER.match(origin):
            changes["origins"] = {**origins, field: COVER_DATE}
    return changes


def downgrade() -> None:
    op.drop_index("ix_correction_council_policy", table_name="correction")
    op.drop_index(op.f("ix_correction_version_id"), table_name="correction")
    op.drop_table("correction")
    with op.batch_alter_table("version") as batch:
        batch.drop_column("review_due_precision")
        batch.drop_column("adopted_precision")
