"""An editor's merge racing an ingest: whichever comes first, nothing the ingest stores is left on
the merged speaker, claim or topic. Two real transactions on each back end, one in a thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from helpers import make_parse
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from claimdb.extract.types import Stance
from claimdb.ingest import ArticleInput, store_parse
from claimdb.store.editing import merge, merge_speakers, merge_topics
from claimdb.store.models import Claim, Speaker, Statement, Topic, claim_topics

A = Stance.ASSERTS
#: how long a transaction that should be waiting on the other one is given to finish anyway
WAIT = 0.5


def _store(session: Session, n: int, name: str, claim: str, topic: str) -> None:
    text = f"{name} said {claim}. Report {n}."
    store_parse(session, ArticleInput(text, str(n)), make_parse(text, [(claim, name, A)], topics=(topic,)))


def _id(factory: sessionmaker[Session], model: Any, column: Any, value: str) -> int:
    with factory() as s:
        return s.scalars(select(model.id).where(column == value)).one()


def _setup(factory: sessionmaker[Session]) -> dict[str, int]:
    with factory.begin() as s:
        _store(s, 0, "Ann Lee", "the tolls would stay low", "Harbour")
        _store(s, 1, "Annie Lee", "the tolls will stay low", "Harbour Board")
    return {
        "keep speaker": _id(factory, Speaker, Speaker.name, "Ann Lee"),
        "gone speaker": _id(factory, Speaker, Speaker.name, "Annie Lee"),
        "keep claim": _id(factory, Claim, Claim.text, "the tolls would stay low"),
        "gone claim": _id(factory, Claim, Claim.text, "the tolls will stay low"),
        "keep topic": _id(factory, Topic, Topic.name, "Harbour"),
        "gone topic": _id(factory, Topic, Topic.name, "Harbour Board"),
    }


def _merges(ids: dict[str, int]) -> list[Callable[[Session], object]]:
    return [
        lambda s: merge_speakers(s, ids["keep speaker"], ids["gone speaker"], "desk"),
        lambda s: merge(s, ids["keep claim"], ids["gone claim"], "desk"),
        lambda s: merge_topics(s, ids["keep topic"], ids["gone topic"], "desk"),
    ]


def _left_on_merged(factory: sessionmaker[Session], ids: dict[str, int]) -> dict[str, int]:
    with factory() as s:
        return {
            "speaker": s.scalar(
                select(func.count()).select_from(Statement).where(Statement.speaker_id == ids["gone speaker"])
            ),
            "claim": s.scalar(
                select(func.count()).select_from(Statement).where(Statement.claim_id == ids["gone claim"])
            ),
            "topic": s.scalar(
                select(func.count())
                .select_from(claim_topics)
                .where(claim_topics.c.topic_id == ids["gone topic"])
            ),
        }


def _in_thread(factory: sessionmaker[Session], work: Callable[[Session], object]) -> threading.Thread:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with factory.begin() as s:
                work(s)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.errors = errors  # type: ignore[attr-defined]
    thread.start()
    return thread


def _finish(thread: threading.Thread) -> None:
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert thread.errors == []  # type: ignore[attr-defined]


def test_a_merge_waits_for_an_ingest_that_read_the_row_and_then_moves_what_it_stored(factory) -> None:
    ids = _setup(factory)
    with factory.begin() as ingest:
        _store(ingest, 2, "Annie Lee", "the tolls will stay low", "Harbour Board")
        merging = _in_thread(factory, lambda s: [m(s) for m in _merges(ids)])
        merging.join(WAIT)
        assert merging.is_alive()  # it waits for the ingest's transaction
    _finish(merging)
    assert _left_on_merged(factory, ids) == {"speaker": 0, "claim": 0, "topic": 0}


def test_an_ingest_that_comes_during_a_merge_waits_and_follows_it(factory) -> None:
    ids = _setup(factory)
    with factory.begin() as editor:
        for m in _merges(ids):
            m(editor)
        ingesting = _in_thread(
            factory, lambda s: _store(s, 2, "Annie Lee", "the tolls will stay low", "Harbour Board")
        )
        ingesting.join(WAIT)
        assert ingesting.is_alive()  # it waits for the merge's transaction
    _finish(ingesting)
    assert _left_on_merged(factory, ids) == {"speaker": 0, "claim": 0, "topic": 0}
    with factory() as s:
        said = s.execute(
            select(Speaker.name, Claim.text)
            .join(Statement, Statement.speaker_id == Speaker.id)
            .join(Claim, Claim.id == Statement.claim_id)
        ).all()
    assert sorted(said) == [("Ann Lee", "the tolls would stay low")] * 3


@pytest.mark.parametrize("order", ["keep first", "gone first"])
def test_two_merges_of_the_same_rows_wait_for_each_other(factory, order) -> None:
    ids = _setup(factory)
    keep, gone = ids["keep speaker"], ids["gone speaker"]
    first, second = (keep, gone) if order == "keep first" else (gone, keep)
    with factory.begin() as editor:
        merge_speakers(editor, first, second, "desk")
        other = _in_thread(factory, lambda s: merge_speakers(s, second, first, "night desk"))
        other.join(WAIT)
        assert other.is_alive()
    other.join(timeout=30)
    # the second merge finds its row merged away, and says so
    assert [type(e).__name__ for e in other.errors] == ["UsageError"]  # type: ignore[attr-defined]
