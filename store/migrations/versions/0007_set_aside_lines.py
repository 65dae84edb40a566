"""each version's lines in no clause (cover, contents, metadata lines, ...), with why

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Versions stored before this revision were read before set-aside lines were recorded: they
    # get none (their file, added again, gives them). A plain ADD COLUMN, never batch mode: on
    # SQLite that copies and drops the version table, and the drop would cascade to every
    # alignment run and review that refers to it.
    op.add_column("version", sa.Column("set_aside", sa.JSON(), server_default=sa.text("'[]'"), nullable=False))


def downgrade() -> None:
    op.drop_column("version", "set_aside")
