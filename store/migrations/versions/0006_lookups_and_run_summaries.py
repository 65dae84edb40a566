"""indexes for every lookup the command line makes: a council by its name in any case, runs by
their right-hand version, versions by the model version they follow; and each alignment run's
summary (cells, modified_words_kept), what the corpus matrix reads instead of every link

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # `lower(name) = ?` (a council named in any case) was a full scan of council per lookup; an
    # index on the expression itself serves it on SQLite (3.9+) and PostgreSQL alike, with no
    # second copy of the name to keep in step.
    op.create_index("ix_council_lower_name", "council", [sa.text("lower(name)")])
    op.create_index(op.f("ix_alignment_run_right_version_id"), "alignment_run", ["right_version_id"])
    op.create_index(op.f("ix_version_based_on_id"), "version", ["based_on_id"])
    # Runs stored before this revision get their summary the first time a corpus report reads
    # them (from their links), so nothing is computed here.
    # (A plain ADD COLUMN: SQLite adds a nullable column without copying the table.)
    op.add_column("alignment_run", sa.Column("cells", sa.Text(), nullable=True))
    op.add_column("alignment_run", sa.Column("modified_words_kept", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("alignment_run") as batch:
        batch.drop_column("modified_words_kept")
        batch.drop_column("cells")
    op.drop_index(op.f("ix_version_based_on_id"), table_name="version")
    op.drop_index(op.f("ix_alignment_run_right_version_id"), table_name="alignment_run")
    op.drop_index("ix_council_lower_name", table_name="council")
