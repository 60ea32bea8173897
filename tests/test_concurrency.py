"""Several `claims ingest` processes on one database at once, and processes killed mid-ingest.

Real subprocesses, on SQLite (WAL, busy timeout, BEGIN IMMEDIATE) and on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from claimdb.store.models import Article, Speaker, Statement

pytestmark = pytest.mark.model

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

NEW_SPEAKER = """Harbour board votes on dredging plan {n}

Harbourmaster Ottoline Brandvold said on {day} that the channel would be dredged before winter.
"We cannot wait another year," Brandvold told reporters. "Ships are already touching bottom."
Shipping minister Pavel Rusk denied claims that the dredging would cost more than {n} million crowns.
According to the board, the work will take {n} weeks.
"""


def _articles(folder: Path, count: int) -> list[Path]:
    """Sample articles plus synthetic ones that all introduce the same new speakers."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for src in sorted(EXAMPLES.glob("*.txt")):
        paths.append(Path(shutil.copy(src, folder / src.name)))
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    for n in range(count):
        path = folder / f"harbour-{n:02d}.txt"
        path.write_text(NEW_SPEAKER.format(n=n + 3, day=days[n % 7]), encoding="utf-8")
        paths.append(path)
    return paths


def _ingest(url: str, paths: list[Path]) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "claimdb", "--db", url, "ingest", *map(str, paths)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _snapshot(url: str) -> dict[str, object]:
    """What the database holds, independent of ids and insertion order."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            per_article = {
                title: n
                for title, n in conn.execute(
                    select(Article.title, func.count(Statement.id))
                    .join(Statement, Statement.article_id == Article.id, isouter=True)
                    .group_by(Article.id, Article.title)
                )
            }
            speakers = sorted(conn.execute(select(Speaker.name)).scalars())
            statements = sorted(
                json.dumps(list(row))
                for row in conn.execute(
                    text(
                        "SELECT a.title, s.ordinal, s.content_text, s.stance, sp.name, c.text "
                        "FROM statements s JOIN articles a ON a.id = s.article_id "
                        "JOIN claims c ON c.id = s.claim_id LEFT JOIN speakers sp ON sp.id = s.speaker_id"
                    )
                )
            )
    finally:
        engine.dispose()
    return {"per_article": per_article, "speakers": speakers, "statements": statements}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], dict[str, object]]:
    """The articles, and what one process ingesting them all in turn stores."""
    root = tmp_path_factory.mktemp("reference")
    paths = _articles(root / "articles", 8)
    url = f"sqlite:///{root / 'ref.db'}"
    proc = _ingest(url, paths)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return paths, _snapshot(url)


def test_parallel_ingests_store_everything_exactly_once(reference, any_db_url) -> None:
    paths, expected = reference
    # overlapping shares: the same articles go to several processes at once
    shares = [paths[0::2] + paths[:3], paths[1::2] + paths[:3], list(reversed(paths))]
    procs = [_ingest(any_db_url, share) for share in shares]
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    assert _snapshot(any_db_url) == expected
    assert [s for s in expected["speakers"] if "Brandvold" in s] == ["Ottoline Brandvold"]  # type: ignore[attr-defined]


def _count(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(Article)).scalar_one())
    except Exception:
        return 0  # not created yet
    finally:
        engine.dispose()


@pytest.mark.parametrize("wait_for", [1, 4])
def test_a_killed_ingest_leaves_no_partial_article_and_a_rerun_completes(
    reference, any_db_url, wait_for
) -> None:
    paths, expected = reference
    proc = _ingest(any_db_url, paths)
    deadline = time.monotonic() + 300
    while _count(any_db_url) < wait_for and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    partial = _snapshot(any_db_url) if _count(any_db_url) else {"per_article": {}}
    stored = partial["per_article"]
    assert stored, "the process was killed before storing anything; nothing was tested"
    for title, n in stored.items():  # type: ignore[attr-defined]
        assert n == expected["per_article"][title], title  # type: ignore[index]
    rerun = _ingest(any_db_url, paths)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert f"{len(stored)} already stored" in out
    assert _snapshot(any_db_url) == expected
