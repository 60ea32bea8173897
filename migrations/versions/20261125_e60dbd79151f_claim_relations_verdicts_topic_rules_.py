"""Claims across articles: typed relations, verdicts, user topics, a search index.

Revision ID: e60dbd79151f
Revises: 52ebf56f06b0
Create Date: 2026-11-25 18:45:00

Existing claims get ``updated_at = created_at``; their search terms are built by the next
writing command (``terms_version`` stays empty until then).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e60dbd79151f"
down_revision: str | None = "52ebf56f06b0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "claim_relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "same_as",
                "contradicts",
                "supports",
                name="relation_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "origin",
            sa.Enum(
                "auto", "editor", name="relation_origin", native_enum=False, create_constraint=True, length=16
            ),
            nullable=False,
        ),
        sa.Column(
            "decision",
            sa.Enum(
                "proposed",
                "confirmed",
                "rejected",
                name="relation_decision",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.CheckConstraint("source_id <> target_id", name=op.f("ck_claim_relations_distinct_claims")),
        sa.ForeignKeyConstraint(
            ["source_id"], ["claims.id"], name=op.f("fk_claim_relations_source_id_claims"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["target_id"], ["claims.id"], name=op.f("fk_claim_relations_target_id_claims"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_relations")),
        sa.UniqueConstraint(
            "source_id", "target_id", "kind", name=op.f("uq_claim_relations_source_id_target_id_kind")
        ),
    )
    with op.batch_alter_table("claim_relations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_relations_target_id"), ["target_id"], unique=False)

    op.create_table(
        "claim_terms",
        sa.Column("term", sa.String(length=64), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_terms_claim_id_claims"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("term", "claim_id", name=op.f("pk_claim_terms")),
    )
    with op.batch_alter_table("claim_terms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_terms_claim_id"), ["claim_id"], unique=False)

    op.create_table(
        "topic_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("pattern", sa.String(length=300), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["topic_id"], ["topics.id"], name=op.f("fk_topic_rules_topic_id_topics"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topic_rules")),
        sa.UniqueConstraint("topic_id", "key", name=op.f("uq_topic_rules_topic_id_key")),
    )
    op.create_table(
        "verdicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.String(length=300), nullable=False),
        sa.Column(
            "label",
            sa.Enum(
                "false",
                "misleading",
                "mixed",
                "true",
                "unproven",
                name="verdict_label",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("best", sa.Float(), nullable=True),
        sa.Column("worst", sa.Float(), nullable=True),
        sa.Column("author", sa.String(length=300), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("item_reviewed", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_verdicts_claim_id_claims"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verdicts")),
        sa.UniqueConstraint("claim_id", "author", name=op.f("uq_verdicts_claim_id_author")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("merged_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("merged_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("terms_version", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_claims_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_terms_version"), ["terms_version"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_claims_merged_into_id_claims"),
            "claims",
            ["merged_into_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.execute("UPDATE claims SET updated_at = created_at")

    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=8), server_default="auto", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.drop_column("kind")

    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_claims_merged_into_id_claims"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_claims_terms_version"))
        batch_op.drop_index(batch_op.f("ix_claims_updated_at"))
        batch_op.drop_column("terms_version")
        batch_op.drop_column("merged_at")
        batch_op.drop_column("merged_by")
        batch_op.drop_column("merged_into_id")
        batch_op.drop_column("updated_at")

    op.drop_table("verdicts")
    op.drop_table("topic_rules")
    with op.batch_alter_table("claim_terms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_terms_claim_id"))

    op.drop_table("claim_terms")
    with op.batch_alter_table("claim_relations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_relations_target_id"))

    op.drop_table("claim_relations")
