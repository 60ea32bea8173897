"""schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview): verdicts out and back in.

One document per verdict, holding only what means the same in any database:

- ``claimReviewed`` is the claim's text. Claim ids are local to a database, so none is written;
  importing finds claims by text (:func:`claimdb.claims.claim_key`).
- ``itemReviewed`` (a ``Claim``) comes from the statements: as ``author``, the speakers asserting
  the claim (``Person``, else ``Organization``), sorted by name; as ``appearance``, each article
  with a statement on it (``headline``, ``datePublished``, and ``url`` for a web address, never a
  local file name), sorted by date. Importing does not read it: without statements claimdb has
  nowhere to keep it.
- ``reviewRating`` has the rating as written (``alternateName``) and any ``ratingValue``,
  ``bestRating``, ``worstRating``. The label is not written; it follows from these.
- ``datePublished`` is the verdict's day (UTC); ``url`` the fact-check's address.

Unknown values are left out. Numbers are written as integers when they are whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .claims import claim_key, normalise_claim
from .errors import InputError, UsageError
from .extract.types import SpeakerKind, Stance
from .store.models import Claim, Statement, Verdict
from .store.search import index_claim
from .store.upsert import id_by, insert_missing
from .verdicts import VerdictFields, as_utc, check_verdict, put_verdict, resolve_claim

CONTEXT = "https://schema.org"


def _item_reviewed(claim: Claim, verdict: Verdict | None = None) -> dict[str, Any]:
    if not claim.statements and verdict is not None and verdict.item_reviewed:
        stored: dict[str, Any] = json.loads(verdict.item_reviewed)  # as imported: nothing better known
        return stored
    authors: dict[tuple[str, str], dict[str, str]] = {}
    works: dict[tuple[Any, ...], dict[str, str]] = {}
    for st in claim.statements:
        if st.stance is Stance.ASSERTS and st.speaker is not None:
            kind = "Person" if st.speaker.kind is SpeakerKind.PERSON else "Organization"
            authors[(kind, st.speaker.name)] = {"@type": kind, "name": st.speaker.name}
        art = st.article
        work = {"@type": "CreativeWork"}
        if art.url:
            work["url"] = art.url
        work["headline"] = art.title
        if art.published is not None:
            work["datePublished"] = art.published.isoformat()
        order = (art.published is None, art.published or date.min, art.url or "", art.title.casefold())
        works[(*order, art.title)] = work
    item: dict[str, Any] = {"@type": "Claim"}
    if authors:
        item["author"] = [authors[k] for k in sorted(authors, key=lambda k: (k[1].casefold(), k[1], k[0]))]
    if works:
        item["appearance"] = [works[k] for k in sorted(works)]
        dates = [w["datePublished"] for w in works.values() if "datePublished" in w]
        if dates:
            item["datePublished"] = min(dates)
    return item


def claimreview_document(verdict: Verdict) -> dict[str, Any]:
    """One verdict as a ClaimReview JSON-LD object (its claim's statements and articles loaded)."""
    numbers = {"ratingValue": verdict.score, "bestRating": verdict.best, "worstRating": verdict.worst}
    rating: dict[str, Any] = {"@type": "Rating"}
    rating.update((k, int(v) if v.is_integer() else v) for k, v in numbers.items() if v is not None)
    rating["alternateName"] = verdict.rating
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": verdict.claim.text,
        "itemReviewed": _item_reviewed(verdict.claim, verdict),
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": verdict.author},
        "datePublished": as_utc(verdict.reviewed_at).date().isoformat(),
    }
    if verdict.url:
        doc["url"] = verdict.url
    return doc


def claimreview_documents(session: Session) -> list[dict[str, Any]]:
    """A ClaimReview object for every verdict on a claim not merged away, by claim id then author."""
    verdicts = session.scalars(
        select(Verdict)
        .join(Claim, Claim.id == Verdict.claim_id)
        .where(Claim.merged_into_id.is_(None))
        .options(
            selectinload(Verdict.claim).selectinload(Claim.statements).selectinload(Statement.speaker),
            selectinload(Verdict.claim).selectinload(Claim.statements).selectinload(Statement.article),
        )
    ).all()
    ordered = sorted(verdicts, key=lambda v: (v.claim_id, v.author.casefold(), v.author, v.id))
    return [claimreview_document(v) for v in ordered]


def write_claimreview(documents: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write the documents as one JSON array (UTF-8 as is, indented); return how many."""
    docs = list(documents)
    out.write(json.dumps(docs, ensure_ascii=False, indent=2) + "\n")
    return len(docs)


def read_claimreview_file(path: str | Path) -> object:
    """The JSON in a file that should hold ClaimReview documents.

    Raises:
        InputError: a missing or unreadable file, bytes that are not UTF-8, invalid JSON (with
            line and column), or JSON that is neither an object nor an array.
    """
    try:
        raw = Path(path).read_bytes()
        data: object = json.loads(raw.decode("utf-8-sig"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a JSON file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    if not isinstance(data, (dict, list)):
        raise InputError(f"{path}: expected a ClaimReview object or an array of them, not {_shown(data)}")
    return data


def _shown(value: object) -> str:
    """A JSON value for an error message, cut short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One checked ClaimReview: where it is in the input, the claim's text, the verdict."""

    path: str
    claim: str
    fields: VerdictFields
    reviewed: datetime | date | None
    #: the item's itemReviewed, as canonical JSON (None when it has none)
    item: str | None = None


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What importing ClaimReview documents did."""

    claims_created: int  # new claims, without statements
    claims_matched: int  # existing claims that received verdicts
    verdicts: int  # inserted or changed
    unchanged: int = 0  # verdicts already stored exactly so
    ignored: int = 0  # items that are not ClaimReview objects


_TYPES = frozenset(f"{ns}ClaimReview" for ns in ("", "schema:", "http://schema.org/", "https://schema.org/"))


def _items(data: object) -> list[tuple[str, object]]:
    if isinstance(data, dict) and "@graph" in data:
        graph = data["@graph"]
        if not isinstance(graph, list):
            raise InputError(f'$["@graph"] must be an array, not {_shown(graph)}')
        return [(f'$["@graph"][{i}]', item) for i, item in enumerate(graph)]
    if isinstance(data, list):
        return [(f"$[{i}]", item) for i, item in enumerate(data)]
    if isinstance(data, dict):
        return [("$", data)]
    raise InputError(f"expected a ClaimReview object or an array of them, not {_shown(data)}")


def _is_claimreview(item: object) -> bool:
    kind = item.get("@type") if isinstance(item, dict) else None
    return any(isinstance(k, str) and k in _TYPES for k in (kind if isinstance(kind, list) else [kind]))


def _text(obj: dict[str, Any], key: str, path: str, *, required: bool = True) -> str | None:
    value = obj.get(key)
    if value is None:
        if required:
            raise InputError(f"{path}.{key} is missing")
        return None
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{path}.{key} must be a non-empty string, not {_shown(value)}")
    return value


def _score(rating: dict[str, Any], key: str, path: str) -> float | None:
    value = rating.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        try:
            return float(value)
        except ValueError:
            pass
    raise InputError(f"{path}.reviewRating.{key} must be a number, not {_shown(value)}")


def _review(path: str, item: dict[str, Any]) -> ReviewItem:
    claim = _text(item, "claimReviewed", path) or ""
    if not any(c.isalnum() for c in normalise_claim(claim)):
        raise InputError(f"{path}.claimReviewed has no words: {claim!r}")
    rating = item.get("reviewRating")
    if not isinstance(rating, dict):
        raise InputError(f"{path}.reviewRating must be an object, not {_shown(rating)}")
    score = _score(rating, "ratingValue", path)
    text = _text(rating, "alternateName", f"{path}.reviewRating", required=False)
    if text is None and score is None:
        raise InputError(f"{path}.reviewRating needs an alternateName or a ratingValue")
    best, worst = _score(rating, "bestRating", path), _score(rating, "worstRating", path)
    if score is None:
        best = worst = None  # the ends of a scale say nothing without a value on it
    else:  # schema.org's defaults
        best, worst = 5.0 if best is None else best, 1.0 if worst is None else worst
    author = item.get("author")
    if isinstance(author, list) and len(author) == 1:
        author = author[0]
    if not isinstance(author, dict):
        raise InputError(f"{path}.author must be an object with a name, not {_shown(author)}")
    name = _text(author, "name", f"{path}.author") or ""
    url = _text(item, "url", path, required=False)
    try:
        fields = check_verdict(
            text or str(rating["ratingValue"]), name, score=score, best=best, worst=worst, url=url
        )
    except UsageError as exc:
        raise InputError(f"{path}: {exc}") from None
    day = _text(item, "datePublished", path, required=False) or ""
    try:  # a bare date keeps a stored verdict's time on that day (see put_verdict)
        when = datetime.fromisoformat(day) if len(day) > 10 else date.fromisoformat(day) if day else None
    except ValueError:
        raise InputError(f"{path}.datePublished must be a date like 2026-03-14, not {day!r}") from None
    item_reviewed = item.get("itemReviewed")
    described = (
        json.dumps(item_reviewed, sort_keys=True, ensure_ascii=False)
        if isinstance(item_reviewed, dict)
        else None
    )
    return ReviewItem(path, claim, fields, when, described)


def check_claimreview(data: object) -> tuple[list[ReviewItem], int]:
    """The checked ClaimReview items of ``data``, and how many other items it holds (see import).

    Raises:
        InputError: a malformed item; the message names it by JSON path (``$[2].author.name``).
    """
    items = _items(data)
    reviews = [
        _review(path, item) for path, item in items if isinstance(item, dict) and _is_claimreview(item)
    ]
    return reviews, len(items) - len(reviews)


def _claim_id(session: Session, text: str, now: datetime, created: set[int], matched: set[int]) -> int:
    """The claim with this text (the one it was merged into, if so), created when there is none."""
    key = claim_key(text)
    ident = id_by(session, Claim, key=key)
    if ident is None:
        values = {"text": normalise_claim(text), "key": key, "created_at": now, "updated_at": now}
        inserted = insert_missing(session, Claim, values, ["key"])  # False: a concurrent writer made it
        ident = id_by(session, Claim, key=key)
        assert ident is not None
        if inserted:
            index_claim(session, ident, normalise_claim(text))  # so that `claims match` finds it
            created.add(ident)
            return ident
    ident = resolve_claim(session, ident).id
    if ident not in created:
        matched.add(ident)
    return ident


def _has_statements(session: Session, claim_id: int) -> bool:
    return session.scalar(select(Statement.id).where(Statement.claim_id == claim_id).limit(1)) is not None


def import_claimreview(session: Session, data: object) -> ImportSummary:
    """Store the verdicts of ClaimReview documents, in the caller's transaction.

    ``data`` is one ClaimReview object, a list of them, or an object with an ``@graph`` list; other
    items are ignored. Every item is checked before anything is written. ``claimReviewed`` finds
    the claim with the same key (following merges), else a claim without statements is created.
    The verdict is then stored as by :func:`claimdb.verdicts.add_verdict`: a missing
    ``datePublished`` keeps a stored verdict's date (else today), and a missing
    ``bestRating``/``worstRating`` is 5/1 as schema.org says. Importing the same data twice changes
    nothing the second time.

    Raises:
        InputError: a malformed item; the message names it by JSON path (``$[2].author.name``).
    """
    reviews, ignored = check_claimreview(data)
    now = datetime.now(UTC)
    created: set[int] = set()
    matched: set[int] = set()
    written = 0
    for review in reviews:
        claim_id = _claim_id(session, review.claim, now, created, matched)
        verdict, changed = put_verdict(session, claim_id, review.fields, review.reviewed)
        # who made the claim and where it appeared come from statements where the database has
        # them; the imported itemReviewed is only kept for a claim known by its verdicts alone
        if (
            review.item is not None
            and verdict.item_reviewed != review.item
            and not _has_statements(session, claim_id)
        ):
            verdict.item_reviewed = review.item
            changed = True
        written += changed
    return ImportSummary(len(created), len(matched), written, len(reviews) - written, ignored)
