"""What a claim is: its normalised text, its identity key, and the one definition of "disputed"."""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import ColumnElement, FromClause, and_, case, exists, or_, select

from .extract.types import Stance
from .store.tables import Decision, RelationKind, claim_relations, claims, statements

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


def _different(a: FromClause, b: FromClause) -> ColumnElement[bool]:
    """Two statements by different speakers (an unresolved speaker counts as someone else)."""
    return or_(a.c.speaker_id.is_(None), b.c.speaker_id.is_(None), and_(a.c.speaker_id != b.c.speaker_id))


def disputed() -> ColumnElement[bool]:
    """SQL condition true for a claim that someone asserts and someone else disputes.

    A claim is disputed when, from different speakers (an unresolved speaker counts as a different
    one: nothing shows it is the same):

    1. one statement asserts it and another denies it;
    2. it asserts (or denies) and a claim linked to it as the *same claim* is denied (or asserted)
       in another sentence (two readings of one sentence are one statement, not a dispute);
    3. it is asserted and a claim linked to it as *contradicting* it is asserted too.

    Links an editor rejected do not count. This is the only definition; every query uses it. It is
    written over the Core tables and correlates with ``claims``, so it serves Core selects from
    the ``claims`` table and ORM queries of ``Claim`` alike.
    """
    here = statements.alias()
    there = statements.alias()
    link = claim_relations.alias()
    claim_id = claims.c.id
    direct = exists(
        select(here.c.id)
        .join(there, there.c.claim_id == here.c.claim_id)
        .where(
            here.c.claim_id == claim_id,
            here.c.stance == Stance.ASSERTS,
            there.c.stance == Stance.DENIES,
            _different(here, there),
        )
    )
    partner = case((link.c.source_id == claim_id, link.c.target_id), else_=link.c.source_id)
    elsewhere = or_(here.c.article_id != there.c.article_id, here.c.sentence_start != there.c.sentence_start)
    opposed = or_(
        and_(link.c.kind == RelationKind.SAME_AS, here.c.stance != there.c.stance, elsewhere),
        and_(
            link.c.kind == RelationKind.CONTRADICTS,
            here.c.stance == Stance.ASSERTS,
            there.c.stance == Stance.ASSERTS,
        ),
    )
    linked = exists(
        select(link.c.id)
        .select_from(  # joined from the link: the ON clauses name the outer query's claim
            link.join(here, here.c.claim_id == claim_id).join(there, there.c.claim_id == partner)
        )
        .where(
            or_(link.c.source_id == claim_id, link.c.target_id == claim_id),
            link.c.kind.in_([RelationKind.SAME_AS, RelationKind.CONTRADICTS]),
            link.c.decision != Decision.REJECTED,
            opposed,
            _different(here, there),
        )
    )
    return or_(direct, linked)
