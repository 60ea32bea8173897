"""Insert-or-skip and lookup helpers that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session


def connection(session: Session) -> Connection:
    """The session's connection, in its transaction, for plain SQL statements.

    A statement run through ``Session.execute`` goes through the ORM's statement handling first,
    which costs more than running it: storing the PolNeAR dev articles runs about 30,000 small
    statements. Objects added to the session and not yet written are flushed first, as
    ``Session.execute`` would.
    """
    if session.new or session.dirty or session.deleted:
        session.flush()
    return session.connection()


def insert_missing(session: Session, model: Any, values: dict[str, Any], keys: list[str]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when a row was inserted.

    Concurrent writers may create the same speaker, claim or topic at once: the loser's insert does
    nothing and it reads the winner's row instead of failing its whole article.
    """
    from sqlalchemy.dialects import postgresql, sqlite

    conn = connection(session)
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    table = getattr(model, "__table__", model)
    stmt = dialect.insert(table).values(**values).on_conflict_do_nothing(index_elements=keys)
    # RETURNING says for sure whether a row went in (rowcount is unreliable across drivers)
    first = next(iter(table.primary_key.columns))
    return conn.execute(stmt.returning(first)).first() is not None


def insert_all_missing(session: Session, model: Any, rows: list[dict[str, Any]], keys: list[str]) -> None:
    """:func:`insert_missing` for many rows in one statement, inserted in the order given."""
    from sqlalchemy.dialects import postgresql, sqlite

    if not rows:
        return
    conn = connection(session)
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    table = getattr(model, "__table__", model)
    conn.execute(dialect.insert(table).values(rows).on_conflict_do_nothing(index_elements=keys))


def id_by(session: Session, model: Any, **where: Any) -> int | None:
    stmt = select(model.id).filter_by(**where)
    return connection(session).scalar(stmt)
