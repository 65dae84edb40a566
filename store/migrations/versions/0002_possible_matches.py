"""possible matches kept with each alignment run

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Runs stored before this revision were made by an older aligner; their key (the aligner's
    # settings and code) no longer matches, so they are never reused, and no run loses data.
    with op.batch_alter_table("alignment_run") as batch:
        batch.add_column(sa.Column("possible", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))


def downgrade() -> None:
    with op.batch_alter_table("alignment_run") as batch:
        batch.drop_column("possible")
