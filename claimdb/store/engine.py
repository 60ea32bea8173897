"""Engines and sessions for SQLite and PostgreSQL, with the settings each needs.

The ORM is imported only where sessions are made: the reading commands use Core connections and
never load it (importing it and mapping the classes takes about 0.1 s of their start-up).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ..errors import DatabaseError, UsageError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

#: seconds a SQLite writer waits for another writer before giving up
SQLITE_BUSY_TIMEOUT = 60
#: execution option marking a connection that will write (SQLite then takes the lock at BEGIN)
WRITE_OPTION = "claimdb_write"


def parse_url(url: str) -> URL:
    """Parse a database URL, turning SQLAlchemy's complaint into a one-line usage error."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise UsageError(
            f"not a database URL: {url!r} (try sqlite:///claims.db or postgresql+psycopg://…)"
        ) from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise UsageError(
            f"unsupported database {parsed.get_backend_name()!r} in {url!r}: use sqlite or postgresql"
        )
    return parsed


def sqlite_path(url: URL) -> str | None:
    """The file behind a SQLite URL, or None for an in-memory database."""
    if url.get_backend_name() != "sqlite":
        return None
    db = url.database or ""
    if db in ("", ":memory:") or db.startswith("file::memory:") or "mode=memory" in db:
        return None
    if db.startswith("file:"):  # a URI filename: sqlite:///file:path?mode=ro&uri=true
        db = db[len("file:") :].split("?", 1)[0]
    return db


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # enforce foreign keys, and let readers read while one writer writes
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT * 1000}")
    with contextlib.suppress(Exception):  # a read-only file keeps its journal mode; still readable
        cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def _on_sqlite_begin(conn: Any) -> None:
    # A writer takes the write lock when its transaction starts, not halfway through it: two
    # writers that both read first and then upgrade to writing would otherwise fail with "database
    # is locked" instead of waiting for each other. Readers begin normally.
    if conn.get_execution_options().get(WRITE_OPTION):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def driver_execute(conn: Connection, sql: str) -> None:
    """Run ``sql`` on the DB-API connection directly, outside any transaction SQLAlchemy began."""
    dbapi = conn.connection.driver_connection
    assert dbapi is not None
    dbapi.execute(sql)


def make_engine(url: str, *, must_exist: bool = False) -> Engine:
    """Create an engine for ``url``.

    Args:
        must_exist: refuse a SQLite file that does not exist yet (reading commands must not create one).
    Raises:
        UsageError: bad URL. DatabaseError: missing file or driver.
    """
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed)
        if path is not None:
            if must_exist and not os.path.exists(path):
                raise DatabaseError(f"no database at {path}: run 'claims ingest' or 'claims init' first")
            parent = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(parent):
                raise DatabaseError(f"cannot create database {path}: directory {parent} does not exist")
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT})
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        # pysqlite's own transaction handling would issue BEGIN (deferred) itself: turn it off
        event.listen(engine, "connect", lambda conn, _rec: setattr(conn, "isolation_level", None))
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise DatabaseError(f"no PostgreSQL driver ({exc.name}): pip install 'claimdb[postgres]'") from exc


def writer(engine: Engine) -> Engine:
    """The same engine, marked so its transactions take SQLite's write lock up front."""
    return engine.execution_options(**{WRITE_OPTION: True})


def make_sessionmaker(engine: Engine, *, write: bool = False) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (the CLI renders after the transaction)."""
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(writer(engine) if write else engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with factory.begin() as session:
        yield session
