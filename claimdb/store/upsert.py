"""Insert-or-skip and lookup helpers that behave the same on SQLite and PostgreSQL.

Storing one article runs hundreds of these small statements. Each statement is built once per
table and set of columns and then run with new values: building a SQLAlchemy statement costs
more than SQLite takes to run it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Executable, Table, bindparam, select
from sqlalchemy.orm import Session


def connection(session: Session) -> Connection:
    """The session's connection, in its transaction, for plain SQL statements.

    A statement run through ``Session.execute`` goes through the ORM's statement handling first,
    which costs more than running it, and storing one article runs hundreds of small statements.
    Objects added to the session and not yet written are flushed first, as ``Session.execute``
    would.
    """
    if session.new or session.dirty or session.deleted:
        session.flush()
    return session.connection()


def _table(model: Any) -> Table:
    table: Table = getattr(model, "__table__", model)
    return table


@lru_cache(maxsize=256)
def _insert(
    table: Table, dialect_name: str, columns: tuple[str, ...], keys: tuple[str, ...], returning: bool
) -> Executable:
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if dialect_name == "postgresql" else sqlite
    stmt: Executable = (
        dialect.insert(table)
        .values({c: bindparam(c) for c in columns})
        .on_conflict_do_nothing(index_elements=list(keys))
    )
    if returning:  # RETURNING says for sure whether a row went in (rowcount is unreliable across drivers)
        return stmt.returning(next(iter(table.primary_key.columns)))  # type: ignore[attr-defined,no-any-return]
    return stmt


def insert_missing(session: Session, model: Any, values: dict[str, Any], keys: list[str]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when a row was inserted.

    Concurrent writers may create the same speaker, claim or topic at once: the loser's insert does
    nothing and it reads the winner's row instead of failing its whole article.
    """
    conn = connection(session)
    stmt = _insert(_table(model), conn.dialect.name, tuple(values), tuple(keys), True)
    return conn.execute(stmt, values).first() is not None


def insert_all_missing(session: Session, model: Any, rows: list[dict[str, Any]], keys: list[str]) -> None:
    """:func:`insert_missing` for many rows with the same columns, inserted in the order given."""
    if not rows:
        return
    conn = connection(session)
    conn.execute(_insert(_table(model), conn.dialect.name, tuple(rows[0]), tuple(keys), False), rows)


@lru_cache(maxsize=256)
def _select_id(model: Any, columns: tuple[str, ...]) -> Executable:
    return select(model.id).filter_by(**{c: bindparam(c) for c in columns})


def id_by(session: Session, model: Any, **where: Any) -> int | None:
    """The id of the row of ``model`` with these column values, or None."""
    found: int | None = connection(session).scalar(_select_id(model, tuple(where)), where)
    return found
