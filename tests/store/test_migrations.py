"""Schema management: upgrade, downgrade, no drift between models and migrations, SQLite settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from helpers import make_parse
from sqlalchemy import inspect, text

from claimdb.errors import DatabaseError
from claimdb.extract.types import Stance
from claimdb.ingest import ArticleInput, store_parse
from claimdb.store.base import Base
from claimdb.store.engine import make_engine, make_sessionmaker
from claimdb.store.migrate import (
    HEAD,
    current_revision,
    downgrade_database,
    ensure_schema,
    head_revision,
    upgrade_database,
)

TABLES = {"articles", "speakers", "speaker_aliases", "claims", "topics", "claim_topics", "statements"}


@pytest.fixture
def engine(any_db_url: str):
    eng = make_engine(any_db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path):
    eng = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    yield eng
    eng.dispose()


def test_the_quick_head_is_the_scripts_head() -> None:
    assert head_revision() == HEAD


def test_upgrade_downgrade_upgrade(engine) -> None:
    upgrade_database(engine)
    assert current_revision(engine) == head_revision()
    assert set(inspect(engine).get_table_names()) >= TABLES
    downgrade_database(engine, "base")
    assert current_revision(engine) is None
    assert not TABLES & set(inspect(engine).get_table_names())
    upgrade_database(engine)
    assert set(inspect(engine).get_table_names()) >= TABLES


def test_models_and_migrations_do_not_drift(engine) -> None:
    upgrade_database(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_reading_commands_refuse_an_old_or_empty_schema(engine) -> None:
    with pytest.raises(DatabaseError, match="claims init"):
        ensure_schema(engine, upgrade=False)
    ensure_schema(engine, upgrade=True)
    ensure_schema(engine, upgrade=False)  # now at head: fine


def test_a_database_from_a_newer_claimdb_is_refused(engine) -> None:
    upgrade_database(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffffffffffff'"))
    with pytest.raises(DatabaseError, match="newer"):
        ensure_schema(engine, upgrade=True)


def test_sqlite_enforces_foreign_keys_and_uses_wal(sqlite_engine) -> None:
    upgrade_database(sqlite_engine)
    with sqlite_engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_upgrade_keeps_data_and_is_idempotent(engine) -> None:
    upgrade_database(engine)
    factory = make_sessionmaker(engine, write=True)
    body = "Ann Lee said the dam leaks."
    with factory.begin() as session:
        store_parse(
            session, ArticleInput(body, "t"), make_parse(body, [("the dam leaks", "Ann Lee", Stance.ASSERTS)])
        )
    upgrade_database(engine)  # at head already: must change nothing
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM statements")).scalar() == 1


def test_alembic_check_command_reports_no_drift(tmp_path: Path) -> None:
    """The `alembic check` a developer runs from a checkout agrees with the models."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent.parent
    env = {**os.environ, "CLAIMDB_URL": f"sqlite:///{tmp_path / 'check.db'}"}
    alembic = [sys.executable, "-m", "alembic", "-c", str(root / "alembic.ini")]
    for args in (["upgrade", "head"], ["check"]):
        proc = subprocess.run(
            [*alembic, *args], cwd=root, env=env, capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 0, proc.stderr
    assert "No new upgrade operations detected" in proc.stdout + proc.stderr
