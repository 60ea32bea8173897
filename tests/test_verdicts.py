"""Fact-checkers' verdicts: rating labels, storing on both back ends, `claims verdict` (no language model)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from helpers import make_parse
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from claimdb.errors import NotFoundError, UsageError
from claimdb.extract.types import Stance
from claimdb.ingest import ArticleInput, store_parse
from claimdb.store.engine import make_engine, make_sessionmaker
from claimdb.store.migrate import ensure_schema
from claimdb.store.models import Claim, Verdict, VerdictLabel
from claimdb.verdicts import add_verdict, as_utc, normalise_rating, verdicts_of

F, M, X, T, U = (
    VerdictLabel.FALSE,
    VerdictLabel.MISLEADING,
    VerdictLabel.MIXED,
    VerdictLabel.TRUE,
    VerdictLabel.UNPROVEN,
)
TEXT = "Mayor Ann Lee said the bridge would reopen in May. She said the tolls would stay."


@pytest.mark.parametrize(
    ("rating", "numbers", "label"),
    [
        # words: the longest phrase wins, then the leftmost
        ("False", (), F),
        ("mostly false", (), M),
        ("Mostly False", (), M),
        ("not true", (), F),
        ("Not True.", (), F),
        ("Pants on Fire!", (), F),
        ("Four Pinocchios", (), F),
        ("4 Pinocchios", (), F),
        ("Three Pinocchios", (), M),
        ("Two Pinocchios", (), X),
        ("One Pinocchio", (), T),
        ("half-true", (), X),
        ("Half True", (), X),
        ("Mixture", (), X),
        ("Partly false", (), X),
        ("Mostly true", (), T),
        ("TRUE", (), T),
        ("Correct", (), T),
        ("Incorrect", (), F),
        ("Untrue", (), F),
        ("Wrong", (), F),
        ("Fake news", (), F),
        ("Hoax", (), F),
        ("Fabricated quote", (), F),
        ("Misleading", (), M),
        ("Out of context", (), M),
        ("Missing context", (), M),
        ("Exaggerated", (), M),
        ("Distorted", (), M),
        ("Verified", (), T),
        ("Accurate", (), T),
        ("Unproven", (), U),
        ("Unverified", (), U),
        ("Research in progress", (), U),
        ("No evidence", (), U),
        ("Can\u2019t confirm", (), U),
        ("can't confirm", (), U),
        ("False, and misleading", (), F),
        ("not misleading", (), U),  # a negated phrase says nothing certain
        ("Satire", (), U),  # no rule, no numbers
        ("", (), U),
        # words beat numbers
        ("True", (1, 5, 1), T),
        ("Mostly false", (5, 5, 1), M),
        # numbers: position on the scale, 0 = worst, 1 = best
        ("1", (1, 5, 1), F),
        ("2", (2, 5, 1), M),
        ("3", (3, 5, 1), X),
        ("4", (4, 5, 1), T),
        ("5", (5, 5, 1), T),
        ("1 of 10", (1, 10, 0), F),
        ("2 of 10", (2, 10, 0), M),
        ("4 of 10", (4, 10, 0), X),
        ("6 of 10", (6, 10, 0), X),
        ("7 of 10", (7, 10, 0), T),
        ("worst on a backwards scale", (4, 0, 4), F),
        ("best on a backwards scale", (0, 0, 4), T),
        ("2.5 stars", (2.5, 5, 0), X),
    ],
)
def test_normalise_rating(rating: str, numbers: tuple[float, ...], label: VerdictLabel) -> None:
    assert normalise_rating(rating, *numbers) is label


@pytest.mark.parametrize(
    ("numbers", "message"),
    [
        ((3, None, None), "needs score, best and worst together: got score 3 only"),
        ((3, 5, None), "got score 3, best 5 only"),
        ((None, 5, 1), "got best 5, worst 1 only"),
        ((3, 5, 5), "best and worst must differ (both are 5)"),
        ((7, 5, 1), "score 7 is outside the scale from worst 1 to best 5"),
        ((0.5, 5, 1), "score 0.5 is outside the scale from worst 1 to best 5"),
        ((math.nan, 5, 1), "score must be a finite number, not nan"),
        ((3, math.inf, 1), "best must be a finite number, not inf"),
    ],
)
def test_inconsistent_numbers_are_usage_errors(numbers: tuple[float | None, ...], message: str) -> None:
    with pytest.raises(UsageError) as err:
        normalise_rating("False", *numbers)
    assert message in str(err.value)


@pytest.fixture
def factory(any_db_url: str) -> Iterator[sessionmaker[Session]]:
    """A database on each back end holding one article with two claims (ids 1 and 2)."""
    engine = make_engine(any_db_url)
    ensure_schema(engine, upgrade=True)
    factory = make_sessionmaker(engine, write=True)
    parse = make_parse(
        TEXT,
        [
            ("the bridge would reopen in May", "Ann Lee", Stance.ASSERTS),
            ("the tolls would stay", None, Stance.ASSERTS),
        ],
    )
    with factory.begin() as s:
        store_parse(s, ArticleInput(TEXT, "a.txt"), parse)
    yield factory
    engine.dispose()


def snapshot(factory: sessionmaker[Session]) -> list[tuple[object, ...]]:
    with factory() as s:
        claims = [(c.id, c.updated_at, c.merged_into_id) for c in s.scalars(select(Claim).order_by(Claim.id))]
        verdicts = [
            (v.claim_id, v.author, v.rating, v.label, v.score, v.best, v.worst, v.url, v.reviewed_at)
            for v in s.scalars(select(Verdict).order_by(Verdict.id))
        ]
    return [*claims, *verdicts]


def test_a_verdict_is_stored_with_its_label_and_touches_the_claim(factory) -> None:
    before = datetime.now(UTC)
    with factory.begin() as s:
        v = add_verdict(
            s,
            1,
            "  Mostly   false ",
            "Snopes",
            url="https://snopes.example/bridge",
            reviewed_at=date(2026, 3, 2),
        )
        assert (v.id, v.claim_id) is not None
    with factory() as s:
        (stored,) = verdicts_of(s, 1)
        assert (stored.rating, stored.label, stored.author) == (
            "Mostly false",
            VerdictLabel.MISLEADING,
            "Snopes",
        )
        assert (stored.score, stored.best, stored.worst) == (None, None, None)
        assert stored.url == "https://snopes.example/bridge"
        assert as_utc(stored.reviewed_at) == datetime(2026, 3, 2, tzinfo=UTC)
        claim = s.get(Claim, 1)
        assert claim is not None and claim.updated_at is not None
        assert as_utc(claim.updated_at) >= before - timedelta(seconds=1)
        assert verdicts_of(s, 2) == []


def test_a_second_verdict_by_the_same_organisation_replaces_the_first(factory) -> None:
    with factory.begin() as s:
        add_verdict(s, 1, "False", "Full Fact", score=1, best=5, worst=1)
    with factory.begin() as s:
        add_verdict(s, 1, "Mostly true", "full  FACT", reviewed_at=datetime(2026, 4, 1, 12, tzinfo=UTC))
    with factory() as s:
        (v,) = verdicts_of(s, 1)
        assert (v.rating, v.label, v.author, v.score, v.best, v.worst) == (
            "Mostly true",
            VerdictLabel.TRUE,
            "full FACT",
            None,
            None,
            None,
        )
        assert as_utc(v.reviewed_at) == datetime(2026, 4, 1, 12, tzinfo=UTC)


def test_verdicts_by_two_organisations_coexist_oldest_first(factory) -> None:
    with factory.begin() as s:
        add_verdict(s, 1, "True", "Snopes", reviewed_at=date(2026, 3, 5))
        add_verdict(s, 1, "Half true", "PolitiFact", reviewed_at=date(2026, 3, 5))
        add_verdict(s, 1, "Pants on Fire!", "AFP", reviewed_at=date(2026, 3, 9))
    with factory() as s:
        assert [(v.author, v.label) for v in verdicts_of(s, 1)] == [
            ("PolitiFact", VerdictLabel.MIXED),
            ("Snopes", VerdictLabel.TRUE),
            ("AFP", VerdictLabel.FALSE),
        ]


def test_writing_the_same_verdict_again_changes_nothing(factory) -> None:
    with factory.begin() as s:
        add_verdict(s, 1, "False", "Snopes", score=1, best=5, worst=1)
    before = snapshot(factory)
    with factory.begin() as s:
        add_verdict(s, 1, "False", "Snopes", score=1, best=5, worst=1)  # no date: the stored one stays
    with factory.begin() as s:  # the same day as a bare date keeps the stored time
        add_verdict(s, 1, "False", "Snopes", score=1, best=5, worst=1, reviewed_at=datetime.now(UTC).date())
    assert snapshot(factory) == before


def test_a_verdict_on_a_merged_claim_goes_to_the_claim_it_was_merged_into(factory) -> None:
    with factory.begin() as s:
        merged = s.get(Claim, 2)
        assert merged is not None
        merged.merged_into_id = 1
    with factory.begin() as s:
        v = add_verdict(s, 2, "False", "Snopes")
        assert v.claim_id == 1
    with factory() as s:
        assert [v.author for v in verdicts_of(s, 1)] == ["Snopes"] and verdicts_of(s, 2) == []


def test_an_unknown_claim_is_not_found(factory) -> None:
    with pytest.raises(NotFoundError, match="^no claim with id 99$"), factory.begin() as s:
        add_verdict(s, 99, "False", "Snopes")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"score": 9, "best": 5, "worst": 1}, "score 9 is outside the scale from worst 1 to best 5"),
        ({"score": 3}, "a numeric rating needs score, best and worst together"),
        ({"score": 1, "best": 1, "worst": 1}, "best and worst must differ"),
        ({"rating": " "}, "rating must not be empty"),
        ({"author": ""}, "author must not be empty"),
        ({"rating": "x" * 301}, "rating is 301 characters long; at most 300"),
        ({"url": "snopes.example/x"}, "url must be an http(s) URL, not 'snopes.example/x'"),
        ({"url": "javascript:alert(1)"}, "url must be an http(s) URL"),
    ],
)
def test_bad_values_are_usage_errors_and_write_nothing(
    factory, kwargs: dict[str, object], message: str
) -> None:
    options = dict(kwargs)  # the parameters are shared by both back ends: do not change them
    rating, author = str(options.pop("rating", "False")), str(options.pop("author", "Snopes"))
    before = snapshot(factory)
    with pytest.raises(UsageError) as err, factory.begin() as s:
        add_verdict(s, 1, rating, author, **options)  # type: ignore[arg-type]
    assert message in str(err.value)
    assert snapshot(factory) == before


# -- claims verdict -----------------------------------------------------------------------------


@pytest.fixture
def url(db_url: str) -> str:
    engine = make_engine(db_url)
    ensure_schema(engine, upgrade=True)
    parse = make_parse(
        TEXT,
        [
            ("the bridge would reopen in May", "Ann Lee", Stance.ASSERTS),
            ("the tolls would stay", None, Stance.ASSERTS),
        ],
    )
    with make_sessionmaker(engine, write=True).begin() as s:
        store_parse(s, ArticleInput(TEXT, "a.txt"), parse)
    engine.dispose()
    return db_url


def verdict_count(url: str) -> int:
    engine = make_engine(url)
    with make_sessionmaker(engine)() as s:
        n = s.scalar(select(func.count()).select_from(Verdict)) or 0
    engine.dispose()
    return n


def test_cli_verdict_prints_one_line(cli, url: str) -> None:
    result = cli("--db", url, "verdict", "1", "--rating", "Pants on Fire!", "--by", "PolitiFact")
    assert (result.code, result.err) == (0, "")
    assert result.out == 'claim 1: "Pants on Fire!" by PolitiFact (label: false)\n'
    result = cli(
        "--db", url, "verdict", "1", "--rating", "2 of 5", "--score", "2", "--best", "5", "--worst", "1",
        "--by", "Full Fact", "--url", "https://fullfact.example/bridge", "--date", "2026-03-14",
    )  # fmt: skip
    assert result.out == 'claim 1: "2 of 5" by Full Fact (label: misleading)\n'
    assert verdict_count(url) == 2


def test_cli_verdict_on_a_merged_claim_says_where_it_went(cli, url: str) -> None:
    engine = make_engine(url)
    with make_sessionmaker(engine, write=True).begin() as s:
        claim = s.get(Claim, 2)
        assert claim is not None
        claim.merged_into_id = 1
    engine.dispose()
    result = cli("--db", url, "verdict", "2", "--rating", "True", "--by", "AFP")
    assert result.out == 'claim 1: "True" by AFP (label: true); claim 2 was merged into 1\n'


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["99", "--rating", "False", "--by", "Snopes"], 1, "no claim with id 99"),
        (
            ["1", "--rating", "False", "--by", "Snopes", "--score", "2"],
            2,
            "needs score, best and worst together",
        ),
        (
            ["1", "--rating", "x", "--by", "S", "--score", "9", "--best", "5", "--worst", "1"],
            2,
            "score 9 is outside",
        ),
        (
            ["1", "--rating", "x", "--by", "S", "--score", "1", "--best", "1", "--worst", "1"],
            2,
            "must differ",
        ),
        (
            ["1", "--rating", "False", "--by", "Snopes", "--date", "14/03/2026"],
            2,
            "--date must be a date like",
        ),
        (
            ["1", "--rating", "False", "--by", "Snopes", "--url", "snopes.example"],
            2,
            "--url must be an http(s) URL",
        ),
        (["1", "--rating", "", "--by", "Snopes"], 2, "rating must not be empty"),
        (["1", "--rating", "False"], 2, "Missing option '--by'"),
        (["1", "--rating", "False", "--by", "S", "--score", "high"], 2, "'--score'"),
        (["one", "--rating", "False", "--by", "Snopes"], 2, "ID"),
    ],
)
def test_cli_verdict_errors_are_one_line(cli, url: str, args: list[str], code: int, message: str) -> None:
    result = cli("--db", url, "verdict", *args)
    assert result.code == code and result.out == ""
    assert result.err.startswith("claims: error: ") and result.err.count("\n") == 1, result.err
    assert message in result.err
    assert verdict_count(url) == 0


def test_cli_verdict_has_help(cli) -> None:
    result = cli("verdict", "--help")
    assert result.code == 0
    for option in ("--rating", "--by", "--score", "--best", "--worst", "--url", "--date"):
        assert option in result.out
