"""Tests for claimdb.export: CSV cells defused for spreadsheets, CSV/JSON/JSONL writers, claim rows."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from claimdb.export import (
    CLAIM_SUMMARY_COLUMNS,
    EXPORT_COLUMNS,
    UTF8_BOM,
    claim_rows,
    claim_summary_rows,
    safe_cell,
    write_csv,
    write_json,
    write_jsonl,
)
from claimdb.store.views import ClaimView, StatementView

# ---------------------------------------------------------------------------------------------
# safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # formula prefixes are defused with a leading apostrophe
        ("=1+1", "'=1+1"),
        ("+5", "'+5"),
        ("-3+2", "'-3+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
        ("-", "'-"),
        ("=", "'="),
        # ordinary text untouched, including marks that are not at the start
        ("a=b", "a=b"),
        ("1+1=2", "1+1=2"),
        ("email@example.com", "email@example.com"),
        (" =1+1", " =1+1"),
        ("'quoted'", "'quoted'"),
        ("", ""),
        ("caf\u00e9 \u2014 \u201cquoted\u201d", "caf\u00e9 \u2014 \u201cquoted\u201d"),
        # numbers stay numbers, negative ones included
        (0, 0),
        (42, 42),
        (-3, -3),
        (3.5, 3.5),
        (-0.25, -0.25),
        # bools, None, dates
        (True, "true"),
        (False, "false"),
        (None, ""),
        (date(2024, 3, 1), "2024-03-01"),
        (datetime(2024, 3, 1, 12, 30, 5), "2024-03-01T12:30:05"),
        # lists and tuples are joined, then defused as a whole
        (["economy", "health"], "economy; health"),
        (("a", "b", "c"), "a; b; c"),
        ([], ""),
        (["=cmd", "x"], "'=cmd; x"),
        ([1, 2], "1; 2"),
    ],
)
def test_safe_cell(value: Any, expected: Any) -> None:
    result = safe_cell(value)
    assert result == expected
    assert type(result) is type(expected)


def test_safe_cell_other_objects_use_str() -> None:
    class Thing:
        def __str__(self) -> str:
            return "=evil()"

    assert safe_cell(Thing()) == "'=evil()"


# ---------------------------------------------------------------------------------------------
# write_csv


def csv_text(rows: list[dict[str, Any]], columns: tuple[str, ...] | list[str], *, excel: bool = False) -> str:
    out = io.StringIO(newline="")
    n = write_csv(rows, columns, out, excel=excel)
    assert n == len(rows)
    return out.getvalue()


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


TRICKY = [
    {"id": 1, "text": "plain", "note": None},
    {"id": 2, "text": "comma, inside", "note": 'say "hi"'},
    {"id": 3, "text": "line one\nline two", "note": "crlf\r\ninside"},
    {"id": 4, "text": '"fully quoted"', "note": "caf\u00e9 \u2014 \u05e9\u05dc\u05d5\u05dd \U0001f600"},
    {"id": 5, "text": "", "note": "trailing space "},
]


def test_csv_round_trip() -> None:
    columns = ["id", "text", "note"]
    rows = parse(csv_text(TRICKY, columns))
    assert rows[0] == columns
    assert rows[1:] == [[str(r["id"]), r["text"], r["note"] or ""] for r in TRICKY]


def test_csv_header_only_when_no_rows() -> None:
    text = csv_text([], ["a", "b"])
    assert text == "a,b\r\n"


def test_csv_line_terminators_are_crlf() -> None:
    text = csv_text([{"a": "x", "b": "y"}, {"a": "1", "b": "2"}], ["a", "b"])
    assert text == "a,b\r\nx,y\r\n1,2\r\n"


def test_csv_quotes_doubled() -> None:
    text = csv_text([{"a": 'he said "no"'}], ["a"])
    assert text == 'a\r\n"he said ""no"""\r\n'


def test_csv_missing_keys_are_empty_and_extra_keys_ignored() -> None:
    text = csv_text([{"a": "x", "zzz": "ignored"}], ["a", "b"])
    assert parse(text) == [["a", "b"], ["x", ""]]


def test_csv_defuses_formulas() -> None:
    rows = [{"v": v} for v in ("=1+1", "@SUM(A1)", "+5", "-3+2", 7, -7)]
    parsed = parse(csv_text(rows, ["v"]))
    assert [r[0] for r in parsed[1:]] == ["'=1+1", "'@SUM(A1)", "'+5", "'-3+2", "7", "-7"]


def test_csv_excel_bom() -> None:
    plain = csv_text([{"a": "caf\u00e9"}], ["a"])
    excel = csv_text([{"a": "caf\u00e9"}], ["a"], excel=True)
    assert not plain.startswith(UTF8_BOM)
    assert excel == UTF8_BOM + plain
    assert excel.count(UTF8_BOM) == 1


def test_csv_excel_bom_in_file(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        write_csv([{"a": "caf\u00e9"}], ["a"], fh, excel=True)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfa\r\n")
    assert data == b"\xef\xbb\xbfa\r\ncaf\xc3\xa9\r\n"


def test_csv_deterministic() -> None:
    columns = ["id", "text", "note"]
    assert csv_text(TRICKY, columns) == csv_text(TRICKY, columns)


def test_csv_accepts_generator() -> None:
    out = io.StringIO(newline="")
    n = write_csv(({"a": i} for i in range(3)), ["a"], out)
    assert n == 3
    assert parse(out.getvalue()) == [["a"], ["0"], ["1"], ["2"]]


# ---------------------------------------------------------------------------------------------
# write_jsonl and write_json


def test_jsonl_one_object_per_line() -> None:
    rows: list[dict[str, Any]] = [
        {"id": 1, "text": "line one\nline two", "when": date(2024, 1, 2)},
        {"id": 2, "text": "caf\u00e9 \u201cq\u201d \u05e9\u05dc\u05d5\u05dd \U0001f600", "when": None},
        {"id": 3, "tags": ["a", "b"], "ok": True},
    ]
    out = io.StringIO()
    assert write_jsonl(rows, out) == 3
    text = out.getvalue()
    assert text.endswith("\n")
    lines = text.split("\n")[:-1]
    assert len(lines) == 3
    parsed = [json.loads(line) for line in lines]
    assert parsed[0] == {"id": 1, "text": "line one\nline two", "when": "2024-01-02"}
    assert parsed[1]["text"] == rows[1]["text"]
    assert parsed[2] == {"id": 3, "tags": ["a", "b"], "ok": True}
    # non-ASCII written as is, not as \\u escapes
    assert "caf\u00e9" in lines[1] and "\U0001f600" in lines[1]
    assert "\\u" not in text
    # keys in the row's order
    assert lines[0].startswith('{"id": 1, "text"')


def test_jsonl_empty() -> None:
    out = io.StringIO()
    assert write_jsonl([], out) == 0
    assert out.getvalue() == ""


def test_jsonl_datetime() -> None:
    out = io.StringIO()
    write_jsonl([{"at": datetime(2024, 5, 6, 7, 8, 9)}], out)
    assert json.loads(out.getvalue()) == {"at": "2024-05-06T07:08:09"}


def test_jsonl_unserialisable_raises() -> None:
    with pytest.raises(TypeError, match="cannot write"):
        write_jsonl([{"x": {1, 2}}], io.StringIO())


def test_write_json_indented_and_non_ascii() -> None:
    value = {"claim": "caf\u00e9", "published": date(2023, 12, 31), "n": [1, 2]}
    out = io.StringIO()
    write_json(value, out)
    text = out.getvalue()
    assert text.endswith("}\n")
    assert "\n  " in text  # indented
    assert "caf\u00e9" in text
    assert json.loads(text) == {"claim": "caf\u00e9", "published": "2023-12-31", "n": [1, 2]}


def test_write_json_deterministic() -> None:
    value = [{"b": 1, "a": "x"}]
    one, two = io.StringIO(), io.StringIO()
    write_json(value, one)
    write_json(value, two)
    assert one.getvalue() == two.getvalue()


# ---------------------------------------------------------------------------------------------
# claim_rows and claim_summary_rows


def statement(ident: int, **kw: Any) -> StatementView:
    fields: dict[str, Any] = {
        "id": ident,
        "speaker": "Jane Smith",
        "speaker_kind": "person",
        "source": "the minister",
        "stance": "asserts",
        "cue": "said",
        "kind": "direct",
        "text": "taxes will rise",
        "sentence": "\u201cTaxes will rise,\u201d the minister said.",
        "article_id": 1,
        "article_title": "Budget row",
        "article_source": "https://example.com/budget",
        "published": date(2024, 3, 1),
        "start": 1,
        "end": 16,
        "confidence": 0.9,
    }
    fields.update(kw)
    return StatementView(**fields)


@pytest.fixture
def claims() -> list[ClaimView]:
    return [
        ClaimView(
            1,
            "taxes will rise",
            ["Economy", "tax"],
            True,
            [
                statement(10),
                statement(11, speaker=None, source="a spokesman", stance="denies", kind="indirect"),
                statement(12, speaker="=HACK()", stance="denies", published=None, article_source=None),
            ],
        ),
        ClaimView(2, "the bridge is safe", [], False, [statement(20, text="the bridge is safe")]),
        ClaimView(3, "no statements", ["x"], False, []),
    ]


def test_claim_rows_one_per_statement(claims: list[ClaimView]) -> None:
    rows = list(claim_rows(claims))
    assert len(rows) == sum(len(c.statements) for c in claims) == 4
    for row in rows:
        assert set(row) == set(EXPORT_COLUMNS)
    assert [r["claim_id"] for r in rows] == [1, 1, 1, 2]


def test_claim_rows_values(claims: list[ClaimView]) -> None:
    first, unresolved, hostile, other = claim_rows(claims)
    assert first == {
        "claim_id": 1,
        "claim": "taxes will rise",
        "disputed": True,
        "topics": "Economy; tax",
        "speaker": "Jane Smith",
        "stance": "asserts",
        "cue": "said",
        "kind": "direct",
        "statement": "taxes will rise",
        "sentence": "\u201cTaxes will rise,\u201d the minister said.",
        "article_title": "Budget row",
        "article_source": "https://example.com/budget",
        "published": date(2024, 3, 1),
        "start": 1,
        "end": 16,
    }
    # an unresolved speaker falls back to the source text
    assert unresolved["speaker"] == "a spokesman"
    assert unresolved["stance"] == "denies"
    assert hostile["published"] is None
    assert other["topics"] == ""
    assert other["disputed"] is False


def test_claim_rows_to_csv(claims: list[ClaimView]) -> None:
    text = csv_text(list(claim_rows(claims)), EXPORT_COLUMNS)
    parsed = parse(text)
    assert parsed[0] == list(EXPORT_COLUMNS)
    assert len(parsed) == 5
    col = {name: i for i, name in enumerate(EXPORT_COLUMNS)}
    assert parsed[1][col["disputed"]] == "true"
    assert parsed[1][col["published"]] == "2024-03-01"
    assert parsed[3][col["speaker"]] == "'=HACK()"
    assert parsed[3][col["published"]] == ""
    assert parsed[3][col["article_source"]] == ""
    assert parsed[4][col["disputed"]] == "false"


def test_claim_summary_rows(claims: list[ClaimView]) -> None:
    rows = list(claim_summary_rows(claims))
    assert len(rows) == 3
    for row in rows:
        assert set(row) == set(CLAIM_SUMMARY_COLUMNS)
    assert rows[0] == {
        "id": 1,
        "claim": "taxes will rise",
        "disputed": True,
        "topics": "Economy; tax",
        "asserted_by": "Jane Smith",
        "disputed_by": "(a spokesman); =HACK()",
        "statements": 3,
    }
    assert rows[2]["statements"] == 0
    assert rows[2]["asserted_by"] == "" and rows[2]["disputed_by"] == ""
    parsed = parse(csv_text(rows, CLAIM_SUMMARY_COLUMNS))
    assert parsed[0] == list(CLAIM_SUMMARY_COLUMNS)
    assert parsed[1] == [
        "1",
        "taxes will rise",
        "true",
        "Economy; tax",
        "Jane Smith",
        "(a spokesman); =HACK()",
        "3",
    ]


def test_claim_summary_defuses_speaker_names() -> None:
    claim = ClaimView(7, "x", [], False, [statement(1, speaker="@evil", stance="asserts")])
    parsed = parse(csv_text(list(claim_summary_rows([claim])), CLAIM_SUMMARY_COLUMNS))
    assert parsed[1][4] == "'@evil"
