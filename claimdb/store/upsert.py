"""Insert-or-skip and lookup helpers that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session


def insert_missing(session: Session, model: Any, values: dict[str, Any], keys: list[str]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when a row was inserted.

    Concurrent writers may create the same speaker, claim or topic at once: the loser's insert does
    nothing and it reads the winner's row instead of failing its whole article.
    """
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = getattr(model, "__table__", model)
    stmt = dialect.insert(table).values(**values).on_conflict_do_nothing(index_elements=keys)
    # RETURNING says for sure whether a row went in (rowcount is unreliable across drivers)
    first = next(iter(table.primary_key.columns))
    return session.execute(stmt.returning(first)).first() is not None


def id_by(session: Session, model: Any, **where: Any) -> int | None:
    stmt = select(model.id).filter_by(**where)
    return session.scalar(stmt)
