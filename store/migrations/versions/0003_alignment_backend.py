"""the backend that scored each alignment run

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Runs stored before this revision keep an empty backend: reports then name the blend alone.
    with op.batch_alter_table("alignment_run") as batch:
        batch.add_column(sa.Column("backend", sa.String(200), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("alignment_run") as batch:
        batch.drop_column("backend")
