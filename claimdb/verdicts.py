"""Fact-checkers' verdicts on claims: the rating as written, its normalised label, who and when.

A rating is kept exactly as the fact-checker wrote it ("Pants on Fire!", "Four Pinocchios") and
filed under one of five labels (:class:`~claimdb.store.models.VerdictLabel`) so verdicts from
different organisations can be compared. :func:`normalise_rating` decides the label:

1. **Words.** The rating is split into lower-case words (hyphens and punctuation are spaces, so
   "half-true" is "half true") and searched for the phrases in :data:`RATING_PHRASES`. The longest
   phrase found wins, so "mostly false" is *misleading* although it contains "false", and "not
   true" is *false* although it contains "true"; between phrases of the same length, the first in
   the rating wins. A phrase directly after "not" that is not itself a "not …" phrase is skipped
   ("not misleading" says nothing certain).
2. **Numbers**, when no phrase matches and a score is given with the best and worst scores of its
   scale: the position ``p = (score - worst) / (best - worst)`` (0 = worst, 1 = best) falls in one
   of :data:`SCORE_BANDS`: ``p < 0.2`` false, ``p < 0.4`` misleading, ``p <= 0.6`` mixed, else
   true. On a 1–5 scale that is 1 false, 2 misleading, 3 mixed, 4 and 5 true; on 0–10, 0–1 false,
   2–3 misleading, 4–6 mixed, 7–10 true. A scale may run backwards (best < worst).
3. Otherwise **unproven**.

A score needs both ends of its scale, and the ends need a score: anything else is a usage error.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from urllib.parse import urlparse

from sqlalchemy import select
from sqlalchemy.orm import Session

from .errors import NotFoundError, UsageError
from .store.models import Claim, Verdict, VerdictLabel, name_key

#: longest rating, author and URL the verdicts table holds
RATING_CHARS = 300
AUTHOR_CHARS = 300
URL_CHARS = 2000

_L = VerdictLabel
#: phrases (as lower-case words) that decide a label; see the module docstring for how they match
RATING_PHRASES: dict[VerdictLabel, tuple[str, ...]] = {
    _L.FALSE: (
        "false", "pants on fire", "fake", "incorrect", "wrong", "four pinocchios", "4 pinocchios",
        "fabricated", "hoax", "not true", "untrue", "not correct", "not accurate", "inaccurate",
    ),
    _L.MISLEADING: (
        "misleading", "mostly false", "out of context", "exaggerated", "exaggeration", "distorted",
        "missing context", "lacks context", "needs context", "three pinocchios", "3 pinocchios",
    ),
    _L.MIXED: (
        "half true", "half truth", "mixture", "mixed", "partly true", "partly false", "partially true",
        "partially false", "two pinocchios", "2 pinocchios",
    ),
    _L.TRUE: (
        "true", "correct", "accurate", "mostly true", "mostly correct", "mostly accurate", "verified",
        "one pinocchio", "1 pinocchio",
    ),
    _L.UNPROVEN: (
        "unproven", "unproved", "unverified", "unsupported", "no evidence", "research in progress",
        "can't confirm", "cannot confirm", "unconfirmed", "not proven", "not verified",
    ),
}  # fmt: skip
#: (upper bound of the position on the scale, whether the bound is included, label), in order
SCORE_BANDS: tuple[tuple[float, bool, VerdictLabel], ...] = (
    (0.2, False, _L.FALSE), (0.4, False, _L.MISLEADING), (0.6, True, _L.MIXED), (1.0, True, _L.TRUE),
)  # fmt: skip

_PHRASES = {tuple(p.split()): label for label, phrases in RATING_PHRASES.items() for p in phrases}
_LONGEST = max(len(words) for words in _PHRASES)
_WORDS = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def _num(value: float) -> str:
    """A number as people write it: 3, not 3.0."""
    return str(int(value)) if float(value).is_integer() else str(value)


def _label_from_words(rating: str) -> VerdictLabel | None:
    words = _WORDS.findall(rating.casefold().replace("\u2019", "'"))
    for size in range(min(_LONGEST, len(words)), 0, -1):  # longest phrase first, then leftmost
        for at in range(len(words) - size + 1):
            label = _PHRASES.get(tuple(words[at : at + size]))
            if label is not None and not (at > 0 and words[at - 1] == "not"):
                return label
    return None


def _check_numbers(score: float | None, best: float | None, worst: float | None) -> None:
    given = {"score": score, "best": best, "worst": worst}
    if all(v is None for v in given.values()):
        return
    if any(v is None for v in given.values()):
        shown = ", ".join(f"{n} {_num(v)}" for n, v in given.items() if v is not None)
        raise UsageError(f"a numeric rating needs score, best and worst together: got {shown} only")
    assert score is not None and best is not None and worst is not None
    for name, value in given.items():
        if value is not None and not math.isfinite(value):
            raise UsageError(f"{name} must be a finite number, not {value}")
    if best == worst:
        raise UsageError(f"best and worst must differ (both are {_num(best)})")
    if not min(best, worst) <= score <= max(best, worst):
        raise UsageError(
            f"score {_num(score)} is outside the scale from worst {_num(worst)} to best {_num(best)}"
        )


def normalise_rating(
    rating: str, score: float | None = None, best: float | None = None, worst: float | None = None
) -> VerdictLabel:
    """The label for a fact-checker's rating: by its words, else by its score, else unproven.

    Raises:
        UsageError: inconsistent numbers (a score without both ends of its scale, ends without a
            score, best equal to worst, a score outside the scale).
    """
    _check_numbers(score, best, worst)
    label = _label_from_words(rating)
    if label is not None:
        return label
    if score is not None and best is not None and worst is not None:
        position = (score - worst) / (best - worst)
        for bound, inclusive, band in SCORE_BANDS:
            if position < bound or (inclusive and position == bound):
                return band
    return VerdictLabel.UNPROVEN


@dataclass(frozen=True, slots=True)
class VerdictFields:
    """A verdict's checked values, before it is attached to a claim."""

    rating: str
    author: str
    label: VerdictLabel
    score: float | None = None
    best: float | None = None
    worst: float | None = None
    url: str | None = None


def _text(value: str, name: str, limit: int) -> str:
    text = " ".join(value.split())
    if not text:
        raise UsageError(f"{name} must not be empty")
    if len(text) > limit:
        raise UsageError(f"{name} is {len(text)} characters long; at most {limit} are allowed")
    return text


def check_verdict(
    rating: str,
    author: str,
    *,
    score: float | None = None,
    best: float | None = None,
    worst: float | None = None,
    url: str | None = None,
) -> VerdictFields:
    """Check and tidy a verdict's values (spaces collapsed) and find its label.

    Raises:
        UsageError: empty or over-long rating or author, a URL that is not http(s), bad numbers.
    """
    rating = _text(rating, "rating", RATING_CHARS)
    author = _text(author, "author", AUTHOR_CHARS)
    if url is not None:
        parts = urlparse(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
            raise UsageError(f"url must be an http(s) URL, not {url!r}")
        if len(url) > URL_CHARS:
            raise UsageError(f"url is {len(url)} characters long; at most {URL_CHARS} are allowed")
    score, best, worst = (None if v is None else float(v) for v in (score, best, worst))
    label = normalise_rating(rating, score, best, worst)
    return VerdictFields(rating, author, label, score, best, worst, url)


def as_utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one (SQLite hands those back) is taken to be UTC already."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def resolve_claim(session: Session, claim_id: int) -> Claim:
    """The claim with this id, or the claim it was merged into (followed to the end).

    Raises:
        NotFoundError: no claim has that id.
    """
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    seen = {claim.id}
    while claim.merged_into_id is not None and claim.merged_into_id not in seen:
        target = session.get(Claim, claim.merged_into_id)
        if target is None:  # pragma: no cover - the foreign key sets it to NULL first
            break
        seen.add(target.id)
        claim = target
    return claim


def _same_day(verdict: Verdict, day: datetime | date | None) -> bool:
    """Whether a bare date (not a datetime) names the day the verdict was published."""
    if day is None or isinstance(day, datetime):
        return False
    return as_utc(verdict.reviewed_at).date() == day


def put_verdict(
    session: Session, claim_id: int, fields: VerdictFields, reviewed_at: datetime | date | None = None
) -> tuple[Verdict, bool]:
    """Insert or replace the organisation's verdict on a claim; also says whether anything changed.

    See :func:`add_verdict`. An unchanged verdict is left alone, and so is the claim's
    ``updated_at``: writing the same verdict twice changes nothing.
    """
    claim = resolve_claim(session, claim_id)
    # lock the claim row (PostgreSQL; SQLite writers hold the database lock already), so two
    # verdicts by one organisation on one claim never race to insert
    session.execute(select(Claim.id).where(Claim.id == claim.id).with_for_update())
    now = datetime.now(UTC)
    key = name_key(fields.author)
    existing = next(
        (
            v
            for v in session.scalars(select(Verdict).where(Verdict.claim_id == claim.id))
            if name_key(v.author) == key
        ),
        None,
    )
    values = {
        "rating": fields.rating,
        "label": fields.label,
        "score": fields.score,
        "best": fields.best,
        "worst": fields.worst,
        "author": fields.author,
        "url": fields.url,
    }
    same = existing is not None and all(getattr(existing, k) == v for k, v in values.items())
    if existing is not None and (reviewed_at is None and same or _same_day(existing, reviewed_at)):
        when = as_utc(existing.reviewed_at)  # keep the stored, more precise time
    elif isinstance(reviewed_at, datetime):
        when = as_utc(reviewed_at)
    elif isinstance(reviewed_at, date):
        when = datetime.combine(reviewed_at, time(), tzinfo=UTC)
    else:
        when = now
    if existing is not None and same and as_utc(existing.reviewed_at) == when:
        return existing, False
    if existing is not None:
        verdict = existing
    else:
        verdict = Verdict(claim_id=claim.id)
        session.add(verdict)
    for name, value in values.items():
        setattr(verdict, name, value)
    verdict.reviewed_at = when
    claim.updated_at = now
    session.flush()
    return verdict, True


def add_verdict(
    session: Session,
    claim_id: int,
    rating: str,
    author: str,
    *,
    score: float | None = None,
    best: float | None = None,
    worst: float | None = None,
    url: str | None = None,
    reviewed_at: datetime | date | None = None,
) -> Verdict:
    """Record a fact-checker's verdict on a claim, in the caller's transaction.

    A claim merged into another gets the verdict on the claim it was merged into. One organisation
    has one verdict per claim: a second one replaces the first (organisation names are compared
    ignoring case and spacing). The claim's ``updated_at`` becomes now.

    Args:
        reviewed_at: when the verdict was published. None: now, unless the same verdict is already
            stored (then nothing changes). A date: midnight UTC that day, or the stored verdict's
            time when it falls on that day.
    Raises:
        NotFoundError: no claim has that id.
        UsageError: a bad rating, author, URL or numbers (see :func:`check_verdict`).
    """
    fields = check_verdict(rating, author, score=score, best=best, worst=worst, url=url)
    return put_verdict(session, claim_id, fields, reviewed_at)[0]


def verdicts_of(session: Session, claim_id: int) -> list[Verdict]:
    """The verdicts recorded on one claim (not following merges), oldest first, then by author.

    Sorted here rather than in SQL so the order does not depend on the database's collation.
    """
    found = session.scalars(select(Verdict).where(Verdict.claim_id == claim_id)).all()
    return sorted(found, key=lambda v: (as_utc(v.reviewed_at), v.author.casefold(), v.author, v.id))
