"""Create and upgrade the schema with the Alembic scripts that ship inside the package."""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from ..errors import DatabaseError
from .engine import driver_execute, writer

if TYPE_CHECKING:
    from alembic.config import Config

#: the newest migration (tests check it against the scripts): a database at this revision needs no
#: Alembic at all, so reading commands start without importing it
HEAD = "7d2f4b8c1a93"

#: key of the PostgreSQL advisory lock that serialises concurrent upgrades (any constant will do)
_PG_LOCK = 0x0C1A1D8


def script_location() -> str:
    """Folder holding env.py and versions/: ``migrations/`` of a checkout or ``claimdb/migrations``."""
    scripts = importlib.import_module("claimdb.migrations")
    return os.path.dirname(os.path.abspath(str(scripts.__file__)))


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for claimdb's scripts, optionally bound to an open connection."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", script_location())
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest revision, as the migration scripts say (:data:`HEAD` is the quick answer)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_database(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` in one transaction; safe when several processes race.

    On SQLite, foreign keys are off while tables are rebuilt (a rebuild drops the old table, which
    would cascade into child rows) and checked with ``PRAGMA foreign_key_check`` before commit.
    """
    from alembic import command

    _migrate(engine, lambda cfg: command.upgrade(cfg, revision))


def downgrade_database(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision`` (``"base"`` removes every table claimdb made)."""
    from alembic import command

    _migrate(engine, lambda cfg: command.downgrade(cfg, revision))


def _migrate(engine: Engine, step: object) -> None:
    with writer(engine).connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            driver_execute(conn, "PRAGMA foreign_keys=OFF")  # only works outside a transaction
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
                step(alembic_config(conn))  # type: ignore[operator]
                if sqlite:
                    problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if problems:
                        raise DatabaseError(
                            f"migration would leave {len(problems)} rows with dangling foreign keys "
                            f"(first: {tuple(problems[0])}); nothing was changed"
                        )
        finally:
            if sqlite:
                driver_execute(conn, "PRAGMA foreign_keys=ON")


def ensure_schema(engine: Engine, *, upgrade: bool) -> None:
    """Make sure the database is at the head revision.

    Args:
        upgrade: create or upgrade the schema when behind (writing commands); otherwise raise.
    Raises:
        DatabaseError: the database is behind and ``upgrade`` is false, or it is ahead of this
            version of claimdb.
    """
    current = current_revision(engine)
    if current == HEAD:
        return
    head = head_revision()
    known = known_revisions()
    if current is not None and current not in known:
        raise DatabaseError(
            f"database is at revision {current}, newer than this claimdb knows; upgrade claimdb"
        )
    if not upgrade:
        if current is None:
            raise DatabaseError(
                "the database has no claimdb tables yet: run 'claims init' or 'claims ingest'"
            )
        raise DatabaseError(
            f"the database is at revision {current}, behind {head}: run 'claims init' to upgrade it"
        )
    upgrade_database(engine)
