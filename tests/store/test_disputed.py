"""The one definition of "disputed", and the queries that use it (no language model)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpers import store_text
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from claimdb.extract.types import Stance
from claimdb.store import queries
from claimdb.store.editing import link
from claimdb.store.models import Claim, RelationKind, Verdict, VerdictLabel
from claimdb.store.queries import (
    ClaimFilter,
    count_rows,
    get_claim,
    list_claims,
    list_speakers,
    list_topics,
)

A, D = Stance.ASSERTS, Stance.DENIES


def disputed_texts(factory: sessionmaker[Session]) -> set[str]:
    with factory() as session:
        return {c.text for c in list_claims(session, ClaimFilter(disputed=True))}


def test_assert_and_deny_by_different_speakers_is_disputed(factory) -> None:
    store_text(
        factory,
        "Ann Lee said the dam leaks. Bo Chan denied the dam leaks.",
        [("the dam leaks", "Ann Lee", A), ("the dam leaks.", "Bo Chan", D)],
    )
    assert disputed_texts(factory) == {"the dam leaks"}


def test_the_same_speaker_contradicting_themself_is_not_a_dispute(factory) -> None:
    store_text(
        factory,
        "Ann Lee said the dam leaks, then Ann Lee denied the dam leaks.",
        [("the dam leaks", "Ann Lee", A), ("the dam leaks.", "Ann Lee", D)],
    )
    assert disputed_texts(factory) == set()


def test_an_unresolved_speaker_counts_as_someone_else(factory) -> None:
    store_text(
        factory,
        "Ann Lee said the dam leaks. A source denied that the dam leaks.",
        [("the dam leaks", "Ann Lee", A), ("that the dam leaks", None, D)],
    )
    assert disputed_texts(factory) == {"the dam leaks"}


def test_assertions_alone_are_not_disputed(factory) -> None:
    store_text(
        factory,
        "Ann Lee said the dam leaks. Bo Chan said the dam leaks.",
        [("the dam leaks", "Ann Lee", A), ("the dam leaks.", "Bo Chan", A)],
    )
    assert disputed_texts(factory) == set()


def test_a_denial_in_a_later_article_disputes_an_earlier_claim(factory) -> None:
    store_text(factory, "Ann Lee said the dam leaks.", [("the dam leaks", "Ann Lee", A)], topics=("Dam",))
    assert disputed_texts(factory) == set()
    store_text(factory, "Bo Chan denied claims that the dam leaks.", [("that the dam leaks", "Bo Chan", D)])
    assert disputed_texts(factory) == {"the dam leaks"}
    with factory() as session:
        (claim,) = list_claims(session, ClaimFilter(disputed=True, topic="dam"))
        assert claim.asserted_by == ["Ann Lee"] and claim.disputed_by == ["Bo Chan"]
        assert get_claim(session, claim.id).disputed is True
        topics = {t.name: t for t in list_topics(session)}
        assert topics["Dam"].claims == 1 and topics["Dam"].disputed == 1


def test_filters_combine(factory) -> None:
    store_text(
        factory,
        "Ann Lee said rents rose. Ann Lee said wages fell. Bo Chan denied wages fell.",
        [("rents rose", "Ann Lee", A), ("wages fell", "Ann Lee", A), ("wages fell.", "Bo Chan", D)],
        topics=("Economy",),
    )
    with factory() as session:
        assert [c.text for c in list_claims(session, ClaimFilter(speaker="lee", order="id"))] == [
            "rents rose",
            "wages fell",
        ]
        assert [c.text for c in list_claims(session, ClaimFilter(speaker="Bo Chan"))] == ["wages fell"]
        assert [c.text for c in list_claims(session, ClaimFilter(disputed=True, speaker="ann lee"))] == [
            "wages fell"
        ]
        assert len(list_claims(session, ClaimFilter(limit=1))) == 1
        speakers = {s.name: s for s in list_speakers(session)}
        assert speakers["Ann Lee"].statements == 2 and "Lee" in speakers["Ann Lee"].aliases


def test_singular_and_plural_topics_are_one_topic(factory) -> None:
    store_text(factory, "Ann Lee said rents rose.", [("rents rose", "Ann Lee", A)], topics=("Republicans",))
    store_text(
        factory, "Bo Chan said wages fell.", [("wages fell", "Bo Chan", A)], topics=("the Republican",)
    )
    with factory() as session:
        assert [t.name for t in list_topics(session)] == ["Republicans"]
        for name in ("Republican", "republicans"):
            found = list_claims(session, ClaimFilter(topic=name, order="id"))
            assert [c.text for c in found] == ["rents rose", "wages fell"]


def test_a_connection_reads_what_a_session_reads(factory, monkeypatch: pytest.MonkeyPatch) -> None:
    # the command line reads through a Core connection, the writing code through a session; ids go
    # into IN (...) lists in slices, and a link between two slices must still come back once
    store_text(
        factory,
        "Ann Lee said the dam leaks. Bo Chan denied the dam leaks.",
        [("the dam leaks", "Ann Lee", A), ("the dam leaks.", "Bo Chan", D)],
        topics=("Dam", "Water"),
    )
    store_text(factory, "Cy Diaz said the dam holds.", [("the dam holds", "Cy Diaz", A)])
    with factory.begin() as session:
        first, second = session.scalars(select(Claim.id).order_by(Claim.id)).all()
        link(session, first, second, RelationKind.CONTRADICTS, "editor")
        for author in ("B", "A"):
            session.add(
                Verdict(
                    claim_id=first,
                    rating="False",
                    label=VerdictLabel.FALSE,
                    author=author,
                    reviewed_at=datetime(2026, 1, 1, tzinfo=UTC),
                )
            )

    def read(db):  # type: ignore[no-untyped-def]
        return (
            list_claims(db, ClaimFilter(order="id")),
            get_claim(db, first),
            list_speakers(db),
            list_topics(db),
            count_rows(db),
        )

    with factory() as session:
        expected = read(session)
    claims, claim, *_ = expected
    assert len(claims) == 2 and claim.related and [v.author for v in claim.verdicts] == ["A", "B"]
    assert claim.verdicts[0].reviewed_at == datetime(2026, 1, 1, tzinfo=UTC)  # aware, in UTC
    monkeypatch.setattr(queries, "_CHUNK", 1)
    with factory.kw["bind"].connect() as conn:
        assert read(conn) == expected
