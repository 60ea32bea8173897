"""Writers for CSV, JSON and JSON Lines: pure functions over plain rows and an open text file.

CSV is what journalists open in a spreadsheet, so every text cell that a spreadsheet would run as
a formula (one starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written
with a leading apostrophe, the convention spreadsheets use for "this is text". Numbers are
written as numbers.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import IO, Any

from .store.views import ClaimView, SpeakerRow, StatementView, TopicRow

#: columns of ``claims export``, one row per statement
EXPORT_COLUMNS = (
    "claim_id",
    "claim",
    "disputed",
    "topics",
    "speaker",
    "stance",
    "cue",
    "kind",
    "statement",
    "sentence",
    "article_title",
    "article_source",
    "published",
    "start",
    "end",
)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"


def safe_cell(value: Any) -> Any:
    """A value ready for a CSV cell: text that a spreadsheet would evaluate is defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def write_csv(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], out: IO[str], *, excel: bool = False
) -> int:
    """Write RFC 4180 CSV (CRLF line ends, quotes doubled) with a header row; return the row count.

    Args:
        excel: start with a UTF-8 byte-order mark, which Excel needs to read UTF-8.
    """
    if excel:
        out.write(UTF8_BOM)
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([safe_cell(row.get(col)) for col in columns])
        n += 1
    return n


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_jsonl(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """One JSON object per line (UTF-8, keys in a fixed order); return the row count."""
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=_json_default))
        out.write("\n")
        n += 1
    return n


def write_json(value: Any, out: IO[str]) -> None:
    """One JSON document, indented for reading."""
    json.dump(value, out, ensure_ascii=False, indent=2, default=_json_default)
    out.write("\n")


def statement_json(st: StatementView) -> dict[str, Any]:
    return {
        "id": st.id,
        "speaker": st.speaker,
        "source": st.source,
        "stance": st.stance,
        "cue": st.cue,
        "kind": st.kind,
        "text": st.text,
        "sentence": st.sentence,
        "article": st.article_title,
        "article_id": st.article_id,
        "article_source": st.article_source,
        "published": st.published,
        "start": st.start,
        "end": st.end,
        "confidence": round(st.confidence, 3),
        "hedged": st.hedged,
    }


def claim_json(claim: ClaimView) -> dict[str, Any]:
    """A claim as ``claims list --format json`` and ``claims show --format json`` print it."""
    return {
        "id": claim.id,
        "claim": claim.text,
        "topics": claim.topics,
        "disputed": claim.disputed,
        "asserted_by": claim.asserted_by,
        "disputed_by": claim.disputed_by,
        "statements": [statement_json(st) for st in claim.statements],
        "related": [
            {
                "id": r.id,
                "claim": r.text,
                "relation": r.relation,
                "origin": r.origin,
                "decision": r.decision,
                "score": r.score,
                "decided_by": r.decided_by,
            }
            for r in claim.related
        ],
        "verdicts": [
            {
                "rating": v.rating,
                "label": v.label,
                "author": v.author,
                "url": v.url,
                "reviewed_at": v.reviewed_at,
                "score": v.score,
                "best": v.best,
                "worst": v.worst,
            }
            for v in claim.verdicts
        ],
        "updated_at": claim.updated_at,
    }


def claim_rows(claims: Iterable[ClaimView]) -> Iterable[dict[str, Any]]:
    """Flatten claims into one export row per statement (columns :data:`EXPORT_COLUMNS`)."""
    for claim in claims:
        topics = "; ".join(claim.topics)
        for st in claim.statements:
            yield {
                "claim_id": claim.id,
                "claim": claim.text,
                "disputed": claim.disputed,
                "topics": topics,
                "speaker": st.speaker or st.source,
                "stance": st.stance,
                "cue": st.cue,
                "kind": st.kind,
                "statement": st.text,
                "sentence": st.sentence,
                "article_title": st.article_title,
                "article_source": st.article_source,
                "published": st.published,
                "start": st.start,
                "end": st.end,
            }


def claim_summary_rows(claims: Iterable[ClaimView]) -> Iterable[dict[str, Any]]:
    """One row per claim (``claims list --format csv``)."""
    for claim in claims:
        yield {
            "id": claim.id,
            "claim": claim.text,
            "disputed": claim.disputed,
            "topics": "; ".join(claim.topics),
            "asserted_by": "; ".join(claim.asserted_by),
            "disputed_by": "; ".join(claim.disputed_by),
            "statements": len(claim.statements),
        }


CLAIM_SUMMARY_COLUMNS = ("id", "claim", "disputed", "topics", "asserted_by", "disputed_by", "statements")
SPEAKER_COLUMNS = ("id", "name", "kind", "aliases", "statements", "claims")
TOPIC_COLUMNS = ("id", "name", "claims", "disputed")


def speaker_row(sp: SpeakerRow) -> dict[str, Any]:
    return {
        "id": sp.id,
        "name": sp.name,
        "kind": sp.kind,
        "aliases": sp.aliases,
        "statements": sp.statements,
        "claims": sp.claims,
    }


def topic_row(t: TopicRow) -> dict[str, Any]:
    return {"id": t.id, "name": t.name, "claims": t.claims, "disputed": t.disputed}
