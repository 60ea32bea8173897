"""Editors can merge one topic into another ("Obama" into "Barack Obama", "GOP" into "Republican").

Revision ID: 7d2f4b8c1a93
Revises: 3c1d0e7a9b42
Create Date: 2026-11-28 02:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7d2f4b8c1a93"
down_revision: str | None = "3c1d0e7a9b42"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("merged_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("merged_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_topics_merged_into_id_topics"),
            "topics",
            ["merged_into_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_topics_merged_into_id_topics"), type_="foreignkey")
        batch_op.drop_column("merged_at")
        batch_op.drop_column("merged_by")
        batch_op.drop_column("merged_into_id")
