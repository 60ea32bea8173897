"""Shared fixtures: the spaCy pipeline (loaded once), a CLI runner, databases on SQLite."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pgserver import PgServer, find_bin_dir
from sqlalchemy.orm import Session, sessionmaker

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp():
    """The English pipeline claimdb depends on, loaded once for the whole run."""
    from claimdb.extract import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def extractor(nlp):
    from claimdb.extract.pipeline import Extractor

    return Extractor(nlp)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run ``claims ARGS`` in this process; returns exit code, stdout and stderr."""
    from claimdb.cli import main

    def run(*args: str, stdin: bytes | None = None) -> Result:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh SQLite database file URL (not created yet)."""
    return f"sqlite:///{tmp_path / 'claims.db'}"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server on 127.0.0.1 for the whole run (skipped only when none is installed)."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        if os.environ.get("CLAIMDB_REQUIRE_PG"):
            pytest.fail("CLAIMDB_REQUIRE_PG is set but no PostgreSQL server binaries were found")
        pytest.skip("PostgreSQL server binaries not installed (apt install postgresql; .ci/run does)")
    server = PgServer(bin_dir)
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each back end in turn."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'claims.db'}"
    server: PgServer = request.getfixturevalue("pg_server")
    return server.new_database()


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No CLAIMDB_* settings leak in from the environment running the tests."""
    for name in list(os.environ):
        if name.startswith("CLAIMDB_"):
            monkeypatch.delenv(name)
    yield


@pytest.fixture
def factory(any_db_url: str) -> Iterator[sessionmaker[Session]]:
    """A writable session factory on an empty, migrated database of each back end."""
    from claimdb.store.engine import make_engine, make_sessionmaker
    from claimdb.store.migrate import ensure_schema

    engine = make_engine(any_db_url)
    ensure_schema(engine, upgrade=True)
    yield make_sessionmaker(engine, write=True)
    engine.dispose()
