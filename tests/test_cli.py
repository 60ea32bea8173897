"""The claims command end to end on the bundled sample articles (uses the model)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from claimdb.cli import app, main
from claimdb.export import EXPORT_COLUMNS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

pytestmark = pytest.mark.model

CLAIM_KEYS = {"id", "claim", "topics", "disputed", "asserted_by", "disputed_by", "statements"}
STATEMENT_KEYS = {"id", "speaker", "stance", "cue", "kind", "text", "article", "start", "end"}


def _quiet(*args: str) -> None:
    with (
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(io.StringIO()),
        contextlib.suppress(SystemExit),
    ):
        main(list(args))


@pytest.fixture(scope="module")
def stocked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the five sample articles (built once; copy it before writing)."""
    path = tmp_path_factory.mktemp("stocked") / "claims.db"
    _quiet("--db", f"sqlite:///{path}", "ingest", str(EXAMPLES))
    assert path.exists()
    return path


@pytest.fixture(scope="module")
def stocked_pg(pg_server) -> str:
    """The same, on PostgreSQL (tests using it only read)."""
    url = pg_server.new_database()
    _quiet("--db", url, "ingest", str(EXAMPLES))
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, stocked: Path, tmp_path: Path) -> str:
    """A database holding the sample articles, on each back end in turn."""
    if request.param == "postgresql":
        return request.getfixturevalue("stocked_pg")
    copy = tmp_path / "claims.db"
    shutil.copy(stocked, copy)
    return f"sqlite:///{copy}"


def test_both_back_ends_export_identical_bytes(cli, stocked, stocked_pg) -> None:
    sqlite = f"sqlite:///{stocked}"
    for args in (
        ["export"],
        ["export", "--format", "jsonl"],
        ["list", "--format", "json"],
        ["speakers", "--format", "csv"],
        ["topics", "--format", "csv"],
    ):
        one, two = cli("--db", sqlite, *args), cli("--db", stocked_pg, *args)
        assert one.code == two.code == 0
        # the one thing that differs is when each database last changed a claim (it was stocked
        # at another moment); it is written the same way, as UTC with its offset
        assert without_activity(one.out) == without_activity(two.out), args
        for result in (one, two):
            assert len(ACTIVITY.findall(result.out)) == result.out.count('"updated_at"'), args


ACTIVITY = re.compile(r'"updated_at": ?"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(\+00:00)"')


def without_activity(out: str) -> str:
    return ACTIVITY.sub('"updated_at": "…"', out)


def _json(result) -> object:
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_every_command_has_help(cli) -> None:
    names = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    groups = {g.name: g.typer_instance for g in app.registered_groups}
    assert {
        "init",
        "ingest",
        "extract",
        "list",
        "show",
        "export",
        "verdict",
        "link",
        "unlink",
    } <= set(names)
    assert {"merge", "match", "relate"} <= set(names) and {"speakers", "topics", "import"} <= set(groups)
    commands = [[name] for name in names] + [[g] for g in groups]
    commands += [[g, c.name or c.callback.__name__] for g, t in groups.items() for c in t.registered_commands]  # type: ignore[union-attr]
    for command in commands:
        result = cli(*command, "--help")
        assert result.code == 0, command
        assert "Usage" in result.out and len(result.out.splitlines()) > 3, command


def test_ingest_reports_and_reingest_changes_nothing(cli, any_db_url) -> None:
    db_url = any_db_url
    first = cli("--db", db_url, "ingest", str(EXAMPLES))
    assert first.code == 0, first.err
    assert first.out.startswith("5 articles: 5 new, 0 already stored;")
    before = _json(cli("--db", db_url, "list", "--format", "json"))
    speakers = _json(cli("--db", db_url, "speakers", "--format", "json"))
    again = cli("--db", db_url, "ingest", str(EXAMPLES))
    assert again.out.startswith("5 articles: 0 new, 5 already stored; 0 statements, 0 new claims")
    assert _json(cli("--db", db_url, "list", "--format", "json")) == before
    assert _json(cli("--db", db_url, "speakers", "--format", "json")) == speakers


def test_disputed_claims_name_who_asserts_and_who_denies(cli, db) -> None:
    claims = _json(cli("--db", db, "list", "--disputed", "--format", "json"))
    assert isinstance(claims, list) and claims
    for claim in claims:
        assert set(claim) >= CLAIM_KEYS
        assert claim["disputed"] is True
        assert claim["asserted_by"] and claim["disputed_by"]
        for st in claim["statements"]:
            assert set(st) >= STATEMENT_KEYS
    by_text = {c["claim"]: c for c in claims}
    wages = by_text["the fund had nothing to do with wages"]
    assert wages["asserted_by"] == ["Marguerite Halvorsen"]
    assert wages["disputed_by"] == ["Imogen Castellano"]
    # pronouns in reported speech are resolved, so the claim reads alone
    meetings = by_text["Odile Varga had discussed the application with the club outside the formal process"]
    assert meetings["asserted_by"] == ["Lucas Ferrand"] and meetings["disputed_by"] == ["Odile Varga"]
    # a claim made by a third party ("allegations, made by the union, that ...") is theirs
    staff = by_text[
        "the company planned to use agency staff without signalling qualifications to keep trains "
        "running during the walkout"
    ]
    assert staff["asserted_by"] == ["Federated Rail Workers' Union"]
    assert staff["disputed_by"] == ["Anselm Brecht"]


def test_the_quick_start_table_is_what_the_samples_give(cli, db) -> None:
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    shown = sorted(int(i) for i in re.findall(r"^\u2502\s*(\d+) \u2502", quick_start, re.M))
    claims = _json(cli("--db", db, "list", "--disputed", "--format", "json"))
    assert isinstance(claims, list)
    assert shown == sorted(c["id"] for c in claims)
    assert f"{len(claims)} claims" in quick_start


def test_offsets_point_into_the_stored_article(cli, db) -> None:
    claims = _json(cli("--db", db, "list", "--format", "json"))
    texts = {p.read_text(encoding="utf-8") for p in EXAMPLES.glob("*.txt")}
    checked = 0
    for claim in claims:
        for st in claim["statements"]:
            if " … " not in st["text"]:
                assert any(t[st["start"] : st["end"]] == st["text"] for t in texts)
                checked += 1
    assert checked > 50


def test_filters_by_topic_and_speaker_alias(cli, db) -> None:
    by_alias = _json(cli("--db", db, "list", "--speaker", "sir tobias", "--format", "json"))
    by_name = _json(cli("--db", db, "list", "--speaker", "Tobias Renwick", "--format", "json"))
    assert by_alias == by_name and by_alias
    for claim in by_alias:
        assert any(st["speaker"] == "Tobias Renwick" for st in claim["statements"])
    topical = _json(cli("--db", db, "list", "--topic", "odile varga", "--format", "json"))
    assert topical and all("Odile Varga" in c["topics"] for c in topical)
    both = _json(cli("--db", db, "list", "--disputed", "--topic", "Odile Varga", "--format", "json"))
    assert {c["id"] for c in both} <= {c["id"] for c in topical}
    assert all(c["disputed"] for c in both)
    limited = _json(cli("--db", db, "list", "--limit", "2", "--format", "json"))
    assert len(limited) == 2


def test_show_lists_statements_for_and_against(cli, db) -> None:
    disputed = _json(cli("--db", db, "list", "--disputed", "--format", "json"))
    # a claim denied in its own words (others are disputed through a link to another claim)
    claim_id = next(c["id"] for c in disputed if any(st["stance"] == "denies" for st in c["statements"]))
    shown = _json(cli("--db", db, "show", str(claim_id), "--format", "json"))
    assert shown["id"] == claim_id and {s["stance"] for s in shown["statements"]} == {"asserts", "denies"}
    table = cli("--db", db, "show", str(claim_id))
    assert table.code == 0 and "Disputed: yes" in table.out and "denies" in table.out


def test_export_csv_is_deterministic_and_spreadsheet_shaped(cli, db, tmp_path) -> None:
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert cli("--db", db, "export", "-o", str(one)).code == 0
    assert cli("--db", db, "export", "--output", str(two)).code == 0
    assert one.read_bytes() == two.read_bytes()
    rows = list(csv.reader(io.StringIO(one.read_text(encoding="utf-8"), newline="")))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    statements = sum(len(c["statements"]) for c in _json(cli("--db", db, "list", "--format", "json")))
    assert len(rows) - 1 == statements
    excel = tmp_path / "excel.csv"
    assert cli("--db", db, "export", "--excel", "--disputed", "-o", str(excel)).code == 0
    assert excel.read_bytes().startswith(b"\xef\xbb\xbf")
    lines = cli("--db", db, "export", "--format", "jsonl", "--disputed").out.splitlines()
    assert lines and all(set(json.loads(line)) == set(EXPORT_COLUMNS) for line in lines)


def test_speakers_and_topics_commands(cli, db) -> None:
    speakers = _json(cli("--db", db, "speakers", "--format", "json"))
    halvorsen = next(s for s in speakers if s["name"] == "Marguerite Halvorsen")
    assert halvorsen["kind"] == "person"
    assert {"Halvorsen", "Ms Halvorsen", "the finance minister"} <= set(halvorsen["aliases"])
    topics = _json(cli("--db", db, "topics", "--format", "json"))
    assert all(set(t) == {"id", "name", "claims", "disputed"} for t in topics)
    assert any(t["disputed"] > 0 for t in topics)
    assert cli("--db", db, "topics", "--format", "csv").out.startswith("id,name,claims,disputed")


def test_extract_jsonl_is_the_scorer_format(cli) -> None:
    path = EXAMPLES / "budget-cuts-row.txt"
    text = path.read_text(encoding="utf-8")
    result = cli("extract", str(path), "--format", "jsonl")
    assert result.code == 0, result.err
    records = [json.loads(line) for line in result.out.splitlines()]
    assert len(records) > 10
    for rec in records:
        assert {"doc", "content", "source", "cue", "speaker", "stance", "kind", "text"} <= set(rec)
        spans = rec["content"] if isinstance(rec["content"], list) else [rec["content"]]
        for span in spans:
            assert 0 <= span["start"] < span["end"] <= len(text)
        if rec["cue"]:
            assert text[rec["cue"]["start"] : rec["cue"]["end"]] == rec["cue_text"]
    denial = next(r for r in records if r["stance"] == "denies" and r["cue_text"] == "denied")
    assert denial["speaker"] == "Marguerite Halvorsen"


def test_ingest_from_stdin_with_metadata(cli, db_url) -> None:
    text = "Mayor Ann Lee said the bridge would reopen in May.\n"
    result = cli(
        "--db",
        db_url,
        "ingest",
        "-",
        "--title",
        "Bridge",
        "--url",
        "https://example.org/b",
        "--published",
        "2026-03-14",
        "--outlet",
        "Gazette",
        stdin=text.encode(),
    )
    assert result.code == 0, result.err
    claims = _json(cli("--db", db_url, "list", "--format", "json"))
    (st,) = claims[0]["statements"]
    assert st["article"] == "Bridge" and st["published"] == "2026-03-14"
    assert st["speaker"] == "Ann Lee" and st["article_source"] == "https://example.org/b"


def test_default_database_is_claims_db_in_the_working_directory(cli, tmp_path, monkeypatch, no_env) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Mayor Ann Lee said the bridge would reopen in May.\n", encoding="utf-8")
    assert cli("ingest", "a.txt").code == 0
    assert (tmp_path / "claims.db").exists()
    monkeypatch.setenv("CLAIMDB_URL", f"sqlite:///{tmp_path / 'other.db'}")
    assert cli("ingest", "a.txt").code == 0
    assert (tmp_path / "other.db").exists()


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["show", "99999"], 1, "no claim with id 99999"),
        (["show", "abc"], 2, "'ID'"),
        (["list", "--limit", "0"], 2, "--limit"),
        (["list", "--format", "xml"], 2, "xml"),
        (["list", "--frobnicate"], 2, "--frobnicate"),
        (["list", "--topic", "no such topic"], 1, "no topic 'no such topic'"),
        (["list", "--speaker", "Nobody Atall"], 1, "no speaker 'Nobody Atall'"),
        (["export", "--format", "jsonl", "--excel"], 2, "--excel"),
        (["show", "1", "--format", "csv"], 2, "export"),
    ],
)
def test_bad_requests_fail_in_one_line(cli, db, args, code, needle) -> None:
    result = cli("--db", db, *args)
    assert result.code == code
    assert result.err.count("\n") == 1 and needle in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Caf\u00e9 owners said prices rose.".encode("cp1252"), "cp1252"),
    ],
)
def test_bad_files_write_nothing(cli, db_url, tmp_path, content, needle) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Mayor Ann Lee said the bridge would reopen in May.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = cli("--db", db_url, "ingest", str(good), str(bad))
    assert result.code == 1
    assert needle in result.err and str(bad) in result.err and result.err.count("\n") == 1
    assert not (tmp_path / "claims.db").exists()  # checked before the database was even opened


def test_usage_errors_on_ingest(cli, db_url, tmp_path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for p in (a, b):
        p.write_text(f"Mayor Ann Lee said the {p.stem} bridge would reopen.\n", encoding="utf-8")
    assert cli("--db", db_url, "ingest", str(a), str(b), "--title", "T").code == 2
    assert cli("--db", db_url, "ingest", str(a), "--published", "14/03/2026").code == 2
    assert cli("--db", db_url, "ingest", str(a), "--url", "not a url").code == 2
    assert cli("--db", db_url, "ingest", str(tmp_path / "missing.txt")).code == 1
    assert cli("--db", "mysql://x/y", "ingest", str(a)).code == 2
    assert not (tmp_path / "claims.db").exists()


def test_missing_model_is_one_line(cli, db_url, tmp_path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Mayor Ann Lee said the bridge would reopen.\n", encoding="utf-8")
    result = cli("--db", db_url, "ingest", str(a), "--model", "no_such_pipeline")
    assert result.code == 1
    assert "no_such_pipeline" in result.err and "pip install" in result.err
    assert result.err.count("\n") == 1
    assert cli("--db", db_url, "list", "--format", "json").out.strip() == "[]"


def test_reading_a_missing_database_does_not_create_it(cli, tmp_path) -> None:
    path = tmp_path / "nothing.db"
    result = cli("--db", f"sqlite:///{path}", "list")
    assert result.code == 1 and "no database" in result.err
    assert not path.exists()


def test_init_creates_then_reports_up_to_date(cli, db_url) -> None:
    assert "created" in cli("--db", db_url, "init").out
    assert "already up to date" in cli("--db", db_url, "init").out
