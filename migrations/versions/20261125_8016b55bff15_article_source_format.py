"""Articles record their source format (text, markdown or html).

Revision ID: 8016b55bff15
Revises: 9a2ff46be207
Create Date: 2026-11-25 16:25:10.677655

On SQLite, adding the CHECK constraint rebuilds the articles table, a parent of statements and
speaker aliases; claimdb.store.migrate runs it with foreign keys off and checks them before commit.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8016b55bff15"
down_revision: str | None = "9a2ff46be207"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("format", sa.String(length=16), server_default="text", nullable=False))
        batch_op.create_check_constraint("format", "format IN ('text', 'markdown', 'html')")


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_articles_format"), type_="check")
        batch_op.drop_column("format")
