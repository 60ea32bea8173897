"""What a claim is: its normalised text, its identity key, and the one definition of "disputed"."""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import ColumnElement, and_, case, exists, or_, select
from sqlalchemy.orm import aliased

from .extract.types import Stance
from .store.models import Claim, ClaimRelation, Decision, RelationKind, Statement

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_EDGE_PUNCT = ",;:\u2014\u2013"
_LEADING_THAT = re.compile(r"^that\s+", re.IGNORECASE)
_ABBREVIATION = re.compile(r"(?:\b\w\.){2,}$")  # "U.S.", "a.m."
_PAIRS = {
    '"': '"',
    "'": "'",
    "`": "`",
    "\u201c": "\u201d",
    "\u201e": "\u201c",
    "\u2018": "\u2019",
    "\u00ab": "\u00bb",
}
_DOUBLE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'


def _balanced(text: str) -> bool:
    if text.count('"') % 2:
        return False
    opening = text.count("\u201c") + text.count("\u201e") + text.count("\u00ab")
    return opening == text.count("\u201d") + text.count("\u00bb")


def _tidy(text: str) -> str:
    text = text.strip().strip(_EDGE_PUNCT).strip()
    if text.endswith(".") and not text.endswith("...") and not _ABBREVIATION.search(text):
        text = text[:-1].rstrip()
    if len(text) > 1 and _PAIRS.get(text[0]) == text[-1] and _balanced(text[1:-1]):
        text = text[1:-1]  # wrapped in one pair of quotation marks
    elif not _balanced(text):  # a mark whose partner fell outside the content
        if text and text[0] in _DOUBLE_MARKS and _balanced(text[1:]):
            text = text[1:]
        elif text and text[-1] in _DOUBLE_MARKS:
            text = text[:-1]
    return text


def normalise_claim(text: str) -> str:
    """Claim text as people read it alone: no leading "that", no wrapping quotes or stray punctuation.

    >>> normalise_claim('that the budget  includes "cuts",')
    'the budget includes "cuts"'
    >>> normalise_claim('"taxes will rise".')
    'taxes will rise'
    """
    text = _LEADING_THAT.sub("", _tidy(_SPACES.sub(" ", text)), count=1)
    while True:
        tidied = _tidy(text)
        if tidied == text:
            return text
        text = tidied


def claim_key(text: str) -> str:
    """Identity of a claim: the same words in the same order, whatever the case and punctuation."""
    words = _WORD.findall(normalise_claim(text).casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def _different(a: type[Statement], b: type[Statement]) -> ColumnElement[bool]:
    """Two statements by different speakers (an unresolved speaker counts as someone else)."""
    return or_(a.speaker_id.is_(None), b.speaker_id.is_(None), and_(a.speaker_id != b.speaker_id))


def disputed() -> ColumnElement[bool]:
    """SQL condition true for a claim that someone asserts and someone else disputes.

    A claim is disputed when, from different speakers (an unresolved speaker counts as a different
    one: nothing shows it is the same):

    1. one statement asserts it and another denies it;
    2. it asserts (or denies) and a claim linked to it as the *same claim* is denied (or asserted)
       in another sentence (two readings of one sentence are one statement, not a dispute);
    3. it is asserted and a claim linked to it as *contradicting* it is asserted too.

    Links an editor rejected do not count. This is the only definition; every query uses it.
    """
    here = aliased(Statement)
    there = aliased(Statement)
    link = aliased(ClaimRelation)
    direct = exists(
        select(here.id)
        .join(there, there.claim_id == here.claim_id)
        .where(
            here.claim_id == Claim.id,
            here.stance == Stance.ASSERTS,
            there.stance == Stance.DENIES,
            _different(here, there),
        )
    )
    partner = case((link.source_id == Claim.id, link.target_id), else_=link.source_id)
    elsewhere = or_(here.article_id != there.article_id, here.sentence_start != there.sentence_start)
    opposed = or_(
        and_(link.kind == RelationKind.SAME_AS, here.stance != there.stance, elsewhere),
        and_(
            link.kind == RelationKind.CONTRADICTS,
            here.stance == Stance.ASSERTS,
            there.stance == Stance.ASSERTS,
        ),
    )
    linked = exists(
        select(link.id)
        .join(here, here.claim_id == Claim.id)
        .join(there, there.claim_id == partner)
        .where(
            or_(link.source_id == Claim.id, link.target_id == Claim.id),
            link.kind.in_([RelationKind.SAME_AS, RelationKind.CONTRADICTS]),
            link.decision != Decision.REJECTED,
            opposed,
            _different(here, there),
        )
    )
    return or_(direct, linked)
