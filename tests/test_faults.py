"""Faults outside claimdb's control: a full disk, a read-only database, a full stdout."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import claimdb.store.engine as engine_module

pytestmark = pytest.mark.model

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _articles(cli, url: str) -> list[str]:
    result = cli("--db", url, "list", "--format", "json")
    assert result.code == 0, result.err
    return sorted({st["article"] for claim in json.loads(result.out) for st in claim["statements"]})


def test_a_full_disk_fails_in_one_line_and_loses_no_article(cli, db_url, monkeypatch) -> None:
    # the five articles take about 26 pages beyond the empty schema: cap the file halfway, so
    # SQLite reports SQLITE_FULL (what a full disk gives) partway through the run
    assert cli("--db", db_url, "init").code == 0
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        cap = conn.execute("PRAGMA page_count").fetchone()[0] + 13
    original = engine_module._on_sqlite_connect

    def capped(dbapi_conn, record):  # type: ignore[no-untyped-def]
        original(dbapi_conn, record)
        dbapi_conn.execute(f"PRAGMA max_page_count={cap}")

    monkeypatch.setattr(engine_module, "_on_sqlite_connect", capped)
    result = cli("--db", db_url, "ingest", str(EXAMPLES))
    assert result.code == 1
    assert result.err.startswith("claims: error: the disk is full") and result.err.count("\n") == 1
    monkeypatch.setattr(engine_module, "_on_sqlite_connect", original)
    stored = _articles(cli, db_url)
    assert 0 < len(stored) < 5  # some articles fitted, whole; the one that did not fit is absent
    done = cli("--db", db_url, "ingest", str(EXAMPLES))
    assert done.code == 0 and f"{len(stored)} already stored" in done.out
    assert len(_articles(cli, db_url)) == 5


def test_a_read_only_database_fails_in_one_line(cli, db_url, tmp_path) -> None:
    first = tmp_path / "one.txt"
    first.write_text("Mayor Ann Lee said the bridge would reopen in May.\n", encoding="utf-8")
    second = tmp_path / "two.txt"
    second.write_text("Mayor Ann Lee said the tolls would stay.\n", encoding="utf-8")
    assert cli("--db", db_url, "ingest", str(first)).code == 0
    read_only = f"sqlite:///file:{tmp_path / 'claims.db'}?mode=ro&uri=true"
    before = cli("--db", read_only, "list", "--format", "json")
    assert before.code == 0  # reading works
    result = cli("--db", read_only, "ingest", str(second))
    assert result.code == 1
    assert "read-only" in result.err and result.err.count("\n") == 1
    assert cli("--db", db_url, "list", "--format", "json").out == before.out


def test_a_full_stdout_fails_in_one_line(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    subprocess.run(
        [sys.executable, "-m", "claimdb", "--db", url, "ingest", str(EXAMPLES)],
        check=True,
        capture_output=True,
    )
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "claimdb", "--db", url, "export"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == ["claims: error: No space left on device"]


def test_an_unreachable_postgresql_server_fails_in_one_line(cli) -> None:
    result = cli("--db", "postgresql+psycopg://nobody@127.0.0.1:9/none", "list")
    assert result.code == 1
    assert result.err.startswith("claims: error: cannot open the database") and result.err.count("\n") == 1
