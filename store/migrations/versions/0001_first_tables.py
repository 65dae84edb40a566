"""first tables: councils, policies, versions, clauses, reviews, alignments, embeddings

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "council",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.CheckConstraint(
            "kind IN ('parish', 'town', 'district', 'county', 'unitary', 'model publisher')",
            name=op.f("ck_council_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council")),
        sa.UniqueConstraint("name", name=op.f("uq_council_name")),
    )
    op.create_table(
        "embedding",
        sa.Column("model", sa.String(length=100), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("dimensions", sa.Integer(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("model", "text_sha256", name=op.f("pk_embedding")),
    )
    op.create_table(
        "policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy")),
        sa.UniqueConstraint("name", name=op.f("uq_policy_name")),
    )
    op.create_table(
        "version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("source_name", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("document_council", sa.String(length=200), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=True),
        sa.Column("adopted_by", sa.String(length=200), nullable=True),
        sa.Column("minute_ref", sa.String(length=100), nullable=True),
        sa.Column("review_due", sa.Date(), nullable=True),
        sa.Column("based_on_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("metadata", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("origins", sa.JSON(), nullable=False),
        sa.CheckConstraint("status IN ('current', 'superseded')", name=op.f("ck_version_status")),
        sa.ForeignKeyConstraint(["based_on_id"], ["version.id"], name=op.f("fk_version_based_on_id_version")),
        sa.ForeignKeyConstraint(["council_id"], ["council.id"], name=op.f("fk_version_council_id_council")),
        sa.ForeignKeyConstraint(["policy_id"], ["policy.id"], name=op.f("fk_version_policy_id_policy")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_version")),
        sa.UniqueConstraint("council_id", "policy_id", "label", name=op.f("uq_version_council_id_policy_id_label")),
        sa.UniqueConstraint("council_id", "policy_id", "sha256", name=op.f("uq_version_council_id_policy_id_sha256")),
    )
    with op.batch_alter_table("version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_version_council_id"), ["council_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_version_policy_id"), ["policy_id"], unique=False)
        batch_op.create_index("ix_version_status_review_due", ["status", "review_due"], unique=False)
        batch_op.create_index(
            "uq_version_one_current",
            ["council_id", "policy_id"],
            unique=True,
            sqlite_where=sa.text("status = 'current'"),
            postgresql_where=sa.text("status = 'current'"),
        )

    op.create_table(
        "alignment_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("left_version_id", sa.Integer(), nullable=False),
        sa.Column("right_version_id", sa.Integer(), nullable=False),
        sa.Column("profile", sa.String(length=500), nullable=False),
        sa.Column("semantic", sa.String(length=20), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=False),
        sa.Column("algorithm", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["left_version_id"],
            ["version.id"],
            name=op.f("fk_alignment_run_left_version_id_version"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["right_version_id"],
            ["version.id"],
            name=op.f("fk_alignment_run_right_version_id_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alignment_run")),
        sa.UniqueConstraint(
            "left_version_id",
            "right_version_id",
            "profile",
            "semantic",
            "threshold",
            "algorithm",
            name="uq_alignment_run_settings",
        ),
    )
    op.create_table(
        "clause",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("clause_key", sa.String(length=100), nullable=False),
        sa.Column("number", sa.String(length=50), nullable=True),
        sa.Column("marker", sa.String(length=50), nullable=True),
        sa.Column("heading", sa.JSON(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("paragraph", sa.Integer(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"], ["version.id"], name=op.f("fk_clause_version_id_version"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clause")),
        sa.UniqueConstraint("version_id", "position", name=op.f("uq_clause_version_id_position")),
    )
    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=50), nullable=False),
        sa.Column("next_review_due", sa.Date(), nullable=True),
        sa.Column("minute_ref", sa.String(length=100), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"], ["version.id"], name=op.f("fk_review_version_id_version"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review")),
    )
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_version_id"), ["version_id"], unique=False)

    op.create_table(
        "alignment_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("left_keys", sa.JSON(), nullable=False),
        sa.Column("right_keys", sa.JSON(), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.Column("moved", sa.Boolean(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("diff", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["alignment_run.id"], name=op.f("fk_alignment_link_run_id_alignment_run"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alignment_link")),
        sa.UniqueConstraint("run_id", "position", name=op.f("uq_alignment_link_run_id_position")),
    )


def downgrade() -> None:
    op.drop_table("alignment_link")
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_version_id"))

    op.drop_table("review")
    op.drop_table("clause")
    op.drop_table("alignment_run")
    with op.batch_alter_table("version", schema=None) as batch_op:
        batch_op.drop_index("uq_version_one_current")
        batch_op.drop_index("ix_version_status_review_due")
        batch_op.drop_index(batch_op.f("ix_version_policy_id"))
        batch_op.drop_index(batch_op.f("ix_version_council_id"))

    op.drop_table("version")
    op.drop_table("policy")
    op.drop_table("embedding")
    op.drop_table("council")
