"""Migrations keep data: every table filled at the first revision survives upgrade and downgrade."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, inspect, select

from claimdb.store.engine import make_engine
from claimdb.store.migrate import current_revision, downgrade_database, head_revision, upgrade_database

FIRST = "9a2ff46be207"
WHEN = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
TEXT = "Ann Lee said the dam leaks. Bo Chan denied that the dam leaks."

# one or more rows in every table of the first revision, children pointing at parents
ROWS: dict[str, list[dict[str, Any]]] = {
    "articles": [
        {
            "id": 1,
            "content_hash": "a" * 64,
            "title": "Dam",
            "source": "dam.txt",
            "url": "https://example.org/d",
            "outlet": "Gazette",
            "published": date(2026, 3, 14),
            "text": TEXT,
            "ingested_at": WHEN,
        },
        {
            "id": 2,
            "content_hash": "b" * 64,
            "title": "Other",
            "source": None,
            "url": None,
            "outlet": None,
            "published": None,
            "text": "Bo Chan said rain was due.",
            "ingested_at": WHEN,
        },
    ],
    "speakers": [
        {"id": 1, "name": "Ann Lee", "key": "ann lee", "kind": "person"},
        {"id": 2, "name": "Bo Chan", "key": "bo chan", "kind": "person"},
    ],
    "speaker_aliases": [
        {"id": 1, "speaker_id": 1, "alias": "Lee", "key": "lee", "article_id": 1, "start": 4, "end": 7},
    ],
    "claims": [
        {"id": 1, "text": "the dam leaks", "key": "c" * 64, "created_at": WHEN},
        {"id": 2, "text": "rain was due", "key": "d" * 64, "created_at": WHEN},
    ],
    "topics": [{"id": 1, "name": "dam", "key": "dam"}],
    "claim_topics": [{"claim_id": 1, "topic_id": 1}],
    "statements": [
        {
            "id": n,
            "article_id": art,
            "ordinal": o,
            "claim_id": claim,
            "speaker_id": sp,
            "source_text": src,
            "source_start": s0,
            "source_end": s1,
            "cue_text": cue,
            "cue_start": c0,
            "cue_end": c1,
            "kind": "indirect",
            "stance": stance,
            "content_text": content,
            "content_start": t0,
            "content_end": t1,
            "content_spans": f"{t0}-{t1}",
            "sentence_text": "…",
            "sentence_start": 0,
            "sentence_end": 10,
            "confidence": 0.9,
            "rule": "verb+clause",
        }
        for n, art, o, claim, sp, src, s0, s1, cue, c0, c1, stance, content, t0, t1 in [
            (1, 1, 0, 1, 1, "Ann Lee", 0, 7, "said", 8, 12, "asserts", "the dam leaks", 13, 26),
            (2, 1, 1, 1, 2, "Bo Chan", 28, 35, "denied", 36, 42, "denies", "that the dam leaks", 43, 61),
            (3, 2, 0, 2, None, None, None, None, "said", 8, 12, "asserts", "rain was due", 13, 25),
        ]
    ],
}


def _fill(engine: Engine) -> None:
    meta = MetaData()
    meta.reflect(engine)
    with engine.begin() as conn:
        for table, rows in ROWS.items():  # parents first: dict order follows the foreign keys
            conn.execute(meta.tables[table].insert(), rows)


def _snapshot(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    meta = MetaData()
    meta.reflect(engine)
    out = {}
    with engine.connect() as conn:
        for table, rows in ROWS.items():
            cols = [meta.tables[table].c[name] for name in rows[0]]
            result = conn.execute(select(*cols).order_by(*meta.tables[table].primary_key.columns))
            out[table] = [_plain(dict(r._mapping)) for r in result]
    return out


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    # SQLite hands back naive datetimes; compare instants, not representations
    return {k: (v.replace(tzinfo=None) if isinstance(v, datetime) else v) for k, v in row.items()}


@pytest.fixture
def engine(any_db_url: str):
    eng = make_engine(any_db_url)
    yield eng
    eng.dispose()


def test_every_row_survives_upgrade_and_downgrade(engine) -> None:
    upgrade_database(engine, FIRST)
    _fill(engine)
    expected = {t: [_plain(r) for r in rows] for t, rows in ROWS.items()}
    assert _snapshot(engine) == expected

    upgrade_database(engine)
    assert current_revision(engine) == head_revision() != FIRST
    assert _snapshot(engine) == expected  # the articles rebuild kept its children
    with engine.connect() as conn:
        meta = MetaData()
        meta.reflect(conn, only=["articles"])
        assert set(conn.execute(select(meta.tables["articles"].c.format)).scalars()) == {"text"}
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1

    downgrade_database(engine, FIRST)
    assert _snapshot(engine) == expected

    downgrade_database(engine, "base")  # the schema no longer allows any row
    assert not set(ROWS) & set(inspect(engine).get_table_names())
    upgrade_database(engine)
    assert {t: [] for t in ROWS} == _snapshot(engine)
