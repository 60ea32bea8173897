"""ClaimReview JSON-LD: the documents, the round trip through a second database, importing (no model)."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import make_parse
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from claimdb.claimreview import (
    claimreview_documents,
    import_claimreview,
    read_claimreview_file,
    write_claimreview,
)
from claimdb.errors import InputError
from claimdb.extract.types import SpeakerKind, Stance
from claimdb.ingest import ArticleInput, store_parse
from claimdb.store.engine import make_engine, make_sessionmaker
from claimdb.store.migrate import ensure_schema
from claimdb.store.models import Claim, Speaker, Statement, Verdict, VerdictLabel
from claimdb.verdicts import add_verdict, as_utc

A, D = Stance.ASSERTS, Stance.DENIES
BRIDGE = "the bridge would reopen in May"
TOLLS = "the tolls would stay"
FIRST = f"Mayor Ann Lee said {BRIDGE}. Engineer Bob Stone denied that {BRIDGE}. Lee said {TOLLS}."
SECOND = f"The Harbour Board said {BRIDGE}, in its minutes."
ARTICLE = "https://news.example/bridge-row"
SNOPES = "https://snopes.example/fact-check/bridge"

#: what the first verdict on the bridge claim exports as
BRIDGE_BY_FULL_FACT = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "claimReviewed": BRIDGE,
    "itemReviewed": {
        "@type": "Claim",
        "author": [
            {"@type": "Person", "name": "Ann Lee"},
            {"@type": "Organization", "name": "Harbour Board"},
        ],
        "appearance": [
            {
                "@type": "CreativeWork",
                "url": ARTICLE,
                "headline": "Bridge row",
                "datePublished": "2026-03-01",
            },
            {"@type": "CreativeWork", "headline": "Harbour Board minutes"},
        ],
        "datePublished": "2026-03-01",
    },
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly false – «exagéré»",
    },
    "author": {"@type": "Organization", "name": "Full Fact"},
    "datePublished": "2026-03-03",
}


def open_db(url: str) -> sessionmaker[Session]:
    engine = make_engine(url)
    ensure_schema(engine, upgrade=True)
    return make_sessionmaker(engine, write=True)


def store_articles(factory: sessionmaker[Session]) -> None:
    """Two articles: Ann Lee asserts the bridge claim, Bob Stone denies it, the Harbour Board asserts it."""
    with factory.begin() as s:
        first = make_parse(FIRST, [(BRIDGE, "Ann Lee", A), (BRIDGE, "Bob Stone", D), (TOLLS, "Ann Lee", A)])
        item = ArticleInput(FIRST, "bridge.txt", title="Bridge row", url=ARTICLE, published=date(2026, 3, 1))
        store_parse(s, item, first)
        second = make_parse(SECOND, [(BRIDGE, "Harbour Board", A)])
        store_parse(s, ArticleInput(SECOND, "notes/minutes.txt", title="Harbour Board minutes"), second)
        s.execute(
            update(Speaker).where(Speaker.name == "Harbour Board").values(kind=SpeakerKind.ORGANISATION)
        )


def claim_id(factory: sessionmaker[Session], text: str) -> int:
    with factory() as s:
        ident = s.scalar(select(Claim.id).where(Claim.text == text))
    assert ident is not None
    return ident


def add_verdicts(factory: sessionmaker[Session]) -> None:
    bridge, tolls = claim_id(factory, BRIDGE), claim_id(factory, TOLLS)
    with factory.begin() as s:
        add_verdict(
            s, bridge, "Mostly false – «exagéré»", "Full Fact", score=2, best=5, worst=1,
            reviewed_at=datetime(2026, 3, 3, 16, 45, tzinfo=UTC),
        )  # fmt: skip
        add_verdict(s, bridge, "Pants on Fire!", "Snopes", url=SNOPES, reviewed_at=date(2026, 3, 2))
        add_verdict(s, tolls, "4.5 stars", "AFP", score=4.5, best=5, worst=0, reviewed_at=date(2026, 3, 4))


@pytest.fixture
def new_db(
    any_db_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[str], sessionmaker[Session]]]:
    """Makes empty databases on the back end of ``any_db_url`` (the first one is ``any_db_url``)."""
    base = any_db_url
    engines = []

    def make(name: str) -> sessionmaker[Session]:
        if not engines:
            url = base
        elif base.startswith("sqlite"):
            url = f"sqlite:///{tmp_path / name}.db"
        else:
            url = request.getfixturevalue("pg_server").new_database()
        factory = open_db(url)
        engines.append(factory.kw["bind"])
        return factory

    yield make
    for engine in engines:
        engine.dispose()


@pytest.fixture
def source(new_db: Callable[[str], sessionmaker[Session]]) -> sessionmaker[Session]:
    """A database with articles, statements and three verdicts on two claims."""
    factory = new_db("source")
    store_articles(factory)
    add_verdicts(factory)
    return factory


def documents(factory: sessionmaker[Session]) -> list[dict[str, Any]]:
    with factory() as s:
        return claimreview_documents(s)


def as_json(docs: list[dict[str, Any]]) -> object:
    """The documents written and read back, as another program would get them."""
    out = io.StringIO()
    write_claimreview(docs, out)
    return json.loads(out.getvalue())


def verdict_rows(factory: sessionmaker[Session]) -> list[tuple[object, ...]]:
    """Every verdict as (claim text, author, rating, label, numbers, url, day): what must survive."""
    with factory() as s:
        rows = s.execute(
            select(Claim.text, Verdict.author, Verdict.rating, Verdict.label, Verdict.score, Verdict.best,
                   Verdict.worst, Verdict.url, Verdict.reviewed_at).join(Claim)
        ).all()  # fmt: skip
    return sorted((*row[:-1], as_utc(row[-1]).date()) for row in rows)


def snapshot(factory: sessionmaker[Session]) -> list[tuple[object, ...]]:
    """Every claim and verdict column that importing could touch."""
    with factory() as s:
        claims = s.execute(select(Claim.id, Claim.text, Claim.key, Claim.updated_at).order_by(Claim.id)).all()
        verdicts = s.execute(
            select(Verdict.id, Verdict.claim_id, Verdict.author, Verdict.rating, Verdict.label,
                   Verdict.score, Verdict.url, Verdict.reviewed_at).order_by(Verdict.id)
        ).all()  # fmt: skip
    return [tuple(row) for row in [*claims, *verdicts]]


def without_item_reviewed_details(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    docs = copy.deepcopy(docs)
    for doc in docs:
        doc["itemReviewed"] = {"@type": "Claim"}
    return docs


def keys(value: object) -> set[str]:
    """Every key at any depth of a JSON value."""
    if isinstance(value, dict):
        return set(value).union(*(keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(keys(v) for v in value))
    return set()


# -- the documents ------------------------------------------------------------------------------


def test_each_verdict_is_one_claimreview_in_claim_then_author_order(source) -> None:
    docs = documents(source)
    assert [(d["claimReviewed"], d["author"]["name"]) for d in docs] == [
        (BRIDGE, "Full Fact"),
        (BRIDGE, "Snopes"),
        (TOLLS, "AFP"),
    ]
    assert docs[0] == BRIDGE_BY_FULL_FACT


def test_unknown_values_are_left_out(source) -> None:
    snopes, afp = documents(source)[1:]
    assert snopes["url"] == SNOPES and snopes["datePublished"] == "2026-03-02"
    assert snopes["reviewRating"] == {"@type": "Rating", "alternateName": "Pants on Fire!"}
    assert "url" not in afp
    assert afp["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 4.5,
        "bestRating": 5,
        "worstRating": 0,
        "alternateName": "4.5 stars",
    }
    # the tolls claim: one article; Bob Stone, who only denies, is no author of anything
    assert afp["itemReviewed"]["author"] == [{"@type": "Person", "name": "Ann Lee"}]
    assert [a["headline"] for a in afp["itemReviewed"]["appearance"]] == ["Bridge row"]


def test_every_document_has_the_required_json_ld_shape(source) -> None:
    for doc in as_json(documents(source)):  # type: ignore[union-attr]
        assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
        assert {"claimReviewed", "itemReviewed", "reviewRating", "author", "datePublished"} <= doc.keys()
        assert doc["itemReviewed"]["@type"] == "Claim"
        assert doc["reviewRating"]["@type"] == "Rating" and doc["reviewRating"]["alternateName"]
        assert doc["author"]["@type"] == "Organization" and doc["author"]["name"]
        date.fromisoformat(doc["datePublished"])
        for work in doc["itemReviewed"]["appearance"]:
            assert work["@type"] == "CreativeWork" and work["headline"]
        assert not keys(doc) & {"id", "@id", "identifier"}  # ids are local to one database


def test_verdicts_on_merged_claims_are_not_exported(source) -> None:
    with source.begin() as s:
        s.execute(
            update(Claim)
            .where(Claim.id == claim_id(source, TOLLS))
            .values(merged_into_id=claim_id(source, BRIDGE))
        )
    assert [d["author"]["name"] for d in documents(source)] == ["Full Fact", "Snopes"]


def test_write_claimreview_writes_a_readable_utf8_array() -> None:
    out = io.StringIO()
    assert write_claimreview([BRIDGE_BY_FULL_FACT], out) == 1
    text = out.getvalue()
    assert text.startswith("[\n  {\n    ") and text.endswith("}\n]\n")
    assert "«exagéré»" in text  # written as is, not as \u escapes
    assert json.loads(text) == [BRIDGE_BY_FULL_FACT]
    out = io.StringIO()
    write_claimreview([], out)
    assert out.getvalue() == "[]\n"


# -- the round trip -----------------------------------------------------------------------------


def test_round_trip_through_an_empty_database(source, new_db) -> None:
    exported = documents(source)
    target = new_db("target")
    with target.begin() as s:
        summary = import_claimreview(s, as_json(exported))
    assert (summary.claims_created, summary.claims_matched, summary.verdicts) == (2, 0, 3)
    assert (summary.unchanged, summary.ignored) == (0, 0)
    assert verdict_rows(target) == verdict_rows(source)
    # the target has no statements, yet who made the claim and where it appeared survive: the
    # imported itemReviewed is kept with the verdict and written back as it came
    with target() as s:
        assert s.scalar(select(func.count()).select_from(Statement)) == 0
    assert documents(target) == exported


def test_round_trip_into_a_database_holding_the_same_articles_is_exact(source, new_db) -> None:
    exported = documents(source)
    target = new_db("target")
    store_articles(target)
    with target.begin() as s:
        summary = import_claimreview(s, as_json(exported))
    assert (summary.claims_created, summary.claims_matched, summary.verdicts) == (0, 2, 3)
    assert documents(target) == exported
    assert verdict_rows(target) == verdict_rows(source)
    with target() as s:
        labels = {author: label for author, label in s.execute(select(Verdict.author, Verdict.label))}
    assert labels == {
        "Full Fact": VerdictLabel.MISLEADING,
        "Snopes": VerdictLabel.FALSE,
        "AFP": VerdictLabel.TRUE,
    }


def test_importing_an_export_into_its_own_database_changes_nothing(source) -> None:
    before = snapshot(source)
    with source.begin() as s:
        summary = import_claimreview(s, as_json(documents(source)))
    assert (summary.claims_created, summary.verdicts, summary.unchanged) == (0, 0, 3)
    assert snapshot(source) == before  # 16:45 on 3 March stays: the exported day is the same day


def test_importing_twice_changes_nothing_the_second_time(new_db) -> None:
    target = new_db("target")
    data = as_json([BRIDGE_BY_FULL_FACT, {**BRIDGE_BY_FULL_FACT, "author": {"name": "AFP"}}])
    with target.begin() as s:
        first = import_claimreview(s, data)
    before = snapshot(target)
    with target.begin() as s:
        second = import_claimreview(s, data)
    assert (first.claims_created, first.verdicts) == (1, 2)
    assert (second.claims_created, second.claims_matched, second.verdicts, second.unchanged) == (0, 1, 0, 2)
    assert snapshot(target) == before


# -- importing ----------------------------------------------------------------------------------


def minimal(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "@type": "ClaimReview",
        "claimReviewed": "Taxes will rise.",
        "reviewRating": {"alternateName": "False"},
        "author": {"@type": "Organization", "name": "Snopes"},
    }
    doc.update(changes)
    return {k: v for k, v in doc.items() if v is not None}


def test_claims_are_matched_by_text_and_merges_are_followed(source) -> None:
    bridge = claim_id(source, BRIDGE)
    with source.begin() as s:
        s.execute(update(Claim).where(Claim.id == claim_id(source, TOLLS)).values(merged_into_id=bridge))
    data = [
        minimal(claimReviewed='That "The Bridge would reopen in May".', author={"name": "AP"}),
        minimal(claimReviewed="the TOLLS would stay", author={"name": "Reuters"}),
    ]
    with source.begin() as s:
        summary = import_claimreview(s, data)
    assert (summary.claims_created, summary.claims_matched, summary.verdicts) == (0, 1, 2)
    with source() as s:
        assert s.scalars(select(Verdict.author).where(Verdict.claim_id == bridge)).all() != []
        assert {"AP", "Reuters"} <= set(s.scalars(select(Verdict.author).where(Verdict.claim_id == bridge)))


def test_a_new_claim_has_normalised_text_and_no_statements(new_db) -> None:
    target = new_db("target")
    with target.begin() as s:
        import_claimreview(
            s, minimal(datePublished="2026-03-14T09:30:00+02:00", url="https://snopes.example/t")
        )
    with target() as s:
        claim = s.scalars(select(Claim)).one()
        assert claim.text == "Taxes will rise" and claim.statements == []
        assert claim.created_at is not None and claim.updated_at is not None
        (verdict,) = claim.verdicts
        assert (verdict.rating, verdict.label, verdict.author) == ("False", VerdictLabel.FALSE, "Snopes")
        assert as_utc(verdict.reviewed_at) == datetime(2026, 3, 14, 7, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("data", "ignored"),
    [
        (minimal(), 0),
        ([minimal(), {"@type": "Organization", "name": "Snopes"}, 42], 2),
        ({"@context": "https://schema.org", "@graph": [minimal(), {"@type": "WebPage"}]}, 1),
        (minimal(**{"@type": ["ClaimReview", "Review"]}), 0),
        (minimal(**{"@type": "https://schema.org/ClaimReview"}), 0),
    ],
)
def test_one_object_a_list_or_a_graph_is_accepted(new_db, data: object, ignored: int) -> None:
    with new_db("target").begin() as s:
        summary = import_claimreview(s, data)
    assert (summary.verdicts, summary.ignored) == (1, ignored)


def test_a_numeric_rating_without_a_scale_uses_schema_org_defaults(new_db) -> None:
    target = new_db("target")
    with target.begin() as s:
        import_claimreview(s, minimal(reviewRating={"ratingValue": "1"}))
    with target() as s:
        v = s.scalars(select(Verdict)).one()
        assert (v.rating, v.score, v.best, v.worst, v.label) == ("1", 1, 5, 1, VerdictLabel.FALSE)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([minimal(), minimal(claimReviewed=None)], "$[1].claimReviewed is missing"),
        (minimal(claimReviewed=42), "$.claimReviewed must be a non-empty string, not 42"),
        (minimal(claimReviewed="  "), '$.claimReviewed must be a non-empty string, not "  "'),
        (minimal(claimReviewed="?!"), "$.claimReviewed has no words: '?!'"),
        (minimal(reviewRating=None), "$.reviewRating must be an object, not null"),
        (minimal(reviewRating="False"), '$.reviewRating must be an object, not "False"'),
        (minimal(reviewRating={"@type": "Rating"}), "$.reviewRating needs an alternateName or a ratingValue"),
        (
            minimal(reviewRating={"ratingValue": "high"}),
            '$.reviewRating.ratingValue must be a number, not "high"',
        ),
        (
            minimal(reviewRating={"ratingValue": True}),
            "$.reviewRating.ratingValue must be a number, not true",
        ),
        (
            minimal(reviewRating={"alternateName": 3}),
            "$.reviewRating.alternateName must be a non-empty string",
        ),
        (minimal(reviewRating={"ratingValue": 0}), "$: score 0 is outside the scale from worst 1 to best 5"),
        (
            minimal(reviewRating={"ratingValue": 3, "bestRating": 3, "worstRating": 3}),
            "$: best and worst must differ (both are 3)",
        ),
        (minimal(author=None), "$.author must be an object with a name, not null"),
        (minimal(author="Snopes"), '$.author must be an object with a name, not "Snopes"'),
        (minimal(author={"@type": "Organization"}), "$.author.name is missing"),
        (minimal(url="snopes.example"), "$: url must be an http(s) URL, not 'snopes.example'"),
        (
            minimal(datePublished="yesterday"),
            "$.datePublished must be a date like 2026-03-14, not 'yesterday'",
        ),
        ({"@graph": {"@type": "ClaimReview"}}, '$["@graph"] must be an array'),
        ({"@graph": [minimal(), minimal(author={})]}, '$["@graph"][1].author.name is missing'),
        ("ClaimReview", 'expected a ClaimReview object or an array of them, not "ClaimReview"'),
    ],
)
def test_a_malformed_item_is_one_error_and_nothing_is_written(new_db, data: object, message: str) -> None:
    target = new_db("target")
    with pytest.raises(InputError) as err, target.begin() as s:
        import_claimreview(s, data)
    assert str(err.value) == message or str(err.value).startswith(message)
    assert "\n" not in str(err.value)
    assert snapshot(target) == []


# -- reading the file ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'[{"@type": "ClaimReview",}]',
            "invalid JSON at line 1, column 26: Expecting property name enclosed in double quotes",
        ),
        (b'[\n  {"a": 1}\n  {"b": 2}\n]', "invalid JSON at line 3, column 3: Expecting ',' delimiter"),
        (b"", "invalid JSON at line 1, column 1: Expecting value"),
        (b'"ClaimReview"', 'expected a ClaimReview object or an array of them, not "ClaimReview"'),
        (b"42", "expected a ClaimReview object or an array of them, not 42"),
        (b'[{"claimReviewed": "caf\xe9"}]', "not UTF-8 (byte 0xe9 at offset 23)"),
    ],
)
def test_a_bad_file_is_one_error_naming_it(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "reviews.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_claimreview_file(path)
    assert str(err.value) == f"{path}: {message}"


def test_missing_files_and_folders_are_one_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.json: no such file$"):
        read_claimreview_file(tmp_path / "nope.json")
    with pytest.raises(InputError, match="is a directory, not a JSON file$"):
        read_claimreview_file(tmp_path)


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "reviews.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps([minimal()]).encode())
    assert read_claimreview_file(path) == [minimal()]


# -- claims import claimreview ------------------------------------------------------------------


def test_cli_import_prints_a_summary_and_is_idempotent(cli, tmp_path: Path, db_url: str) -> None:
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps([BRIDGE_BY_FULL_FACT, minimal(), {"@type": "WebPage"}]), encoding="utf-8")
    result = cli("--db", db_url, "import", "claimreview", str(path))
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "2 ClaimReview items: 2 new claims, 0 matched; 2 verdicts written, 0 unchanged; "
        "1 other item ignored\n"
    )
    result = cli("--db", db_url, "import", "claimreview", str(path))
    assert result.out == (
        "2 ClaimReview items: 0 new claims, 2 matched; 0 verdicts written, 2 unchanged; "
        "1 other item ignored\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[1,", "reviews.json: invalid JSON at line 1, column 4: Expecting value"),
        (json.dumps([minimal(), minimal(author={})]).encode(), "reviews.json: $[1].author.name is missing"),
    ],
)
def test_cli_import_of_a_bad_file_is_one_line_and_creates_nothing(
    cli, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "reviews.json"
    path.write_bytes(content)
    db = tmp_path / "fresh.db"
    result = cli("--db", f"sqlite:///{db}", "import", "claimreview", str(path))
    assert (result.code, result.out) == (1, "")
    assert result.err == f"claims: error: {tmp_path}/{message}\n"
    assert not db.exists()


def test_cli_import_without_a_file_is_a_usage_error(cli, db_url: str) -> None:
    result = cli("--db", db_url, "import", "claimreview")
    assert result.code == 2 and result.err.startswith("claims: error: Missing argument 'FILE'")


@pytest.mark.parametrize("args", [["import", "--help"], ["import", "claimreview", "--help"]])
def test_cli_import_has_help(cli, args: list[str]) -> None:
    result = cli(*args)
    assert result.code == 0 and "Usage" in result.out and "claimreview" in result.out


def test_cli_import_does_not_load_spacy(tmp_path: Path) -> None:
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps([minimal()]), encoding="utf-8")
    probe = (
        "import sys\nfrom claimdb.cli import main\ntry:\n    main(sys.argv[1:])\n"
        "except SystemExit as exc:\n    print(exc.code, 'spacy' in sys.modules)\n"
    )
    args = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "import", "claimreview", str(path)]
    proc = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120)
    assert proc.stdout.splitlines()[-1] == "0 False", proc.stdout + proc.stderr
