"""What a claim is: its normalised text, its identity key, and the one definition of "disputed"."""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import aliased

from .extract.types import Stance
from .store.models import Claim, Statement

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_EDGE = " \t\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb`,;:\u2014\u2013-"
_LEADING_THAT = re.compile(r"^(?:that)\s+", re.IGNORECASE)


def normalise_claim(text: str) -> str:
    """Claim text as people read it alone: no leading "that", no wrapping quotes or stray punctuation.

    >>> normalise_claim('that the budget  includes "cuts",')
    'the budget includes "cuts"'
    """
    text = _SPACES.sub(" ", text).strip(_EDGE)
    text = _LEADING_THAT.sub("", text).strip(_EDGE)
    if text.count('"') % 2 or text.count("\u201c") != text.count("\u201d"):
        text = text.strip(_EDGE + "\u201c\u201d\"")  # an unbalanced mark left at an edge
    return text.rstrip(".").strip() if not text.endswith("...") else text


def claim_key(text: str) -> str:
    """Identity of a claim: the same words in the same order, whatever the case and punctuation."""
    words = _WORD.findall(normalise_claim(text).casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def disputed() -> ColumnElement[bool]:
    """SQL condition true for a claim that someone asserts and someone else denies.

    A claim is disputed when it has at least one asserting and at least one denying statement from
    different speakers. A statement whose speaker could not be resolved counts as a different
    speaker: nothing shows it is the same one. This is the only definition; every query uses it.
    """
    asserting = aliased(Statement)
    denying = aliased(Statement)
    return exists(
        select(asserting.id)
        .join(denying, denying.claim_id == asserting.claim_id)
        .where(
            asserting.claim_id == Claim.id,
            asserting.stance == Stance.ASSERTS,
            denying.stance == Stance.DENIES,
            or_(
                asserting.speaker_id.is_(None),
                denying.speaker_id.is_(None),
                and_(asserting.speaker_id != denying.speaker_id),
            ),
        )
    )
