"""A word index of claims in the database itself, for finding candidate matches fast.

Each claim stores its distinctive words (``claim_terms``). To find claims like a new text, the
rarest of its words are looked up (their postings are short by definition) and the claims sharing
the most of them come back. Document frequencies are counted on the index, capped, so a common
word never costs more than a bounded index scan. Works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import math
from collections import ChainMap
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, func, select, union_all, update
from sqlalchemy.orm import Session

from ..text import content_terms, words
from .models import Claim, ClaimTerm
from .upsert import insert_missing

#: bump when :func:`terms` changes; claims with an older version are re-indexed by ``claims init``
TERMS_VERSION = 2
#: postings counted per word at most (a word seen this often is common; its exact count is moot)
DF_CAP = 5_000
#: claims a database needs before its own word frequencies replace the packaged ones
MIN_CLAIMS_FOR_IDF = 500
#: rarest words of a text used to look candidates up
QUERY_TERMS = 8
#: longest index word kept (a longer "word" is noise: a URL, a hash)
MAX_TERM = 64


def terms(text: str) -> set[str]:
    """The index words of a text: the content terms the relate decision compares.

    Case-folded, stemmed (:func:`claimdb.text.stem`), without stop words and negations, so that
    retrieval and the decision agree on what a word is ("Ukrainian" and "Ukraine's" meet).
    """
    return {t[:MAX_TERM] for t in content_terms(words(text)) if len(t) >= 2 or t.isdigit()}


def index_claim(session: Session, claim_id: int, text: str) -> None:
    """Store the index words of one claim (in sorted order: concurrent writers lock alike)."""
    for term in sorted(terms(text)):
        insert_missing(session, ClaimTerm, {"term": term, "claim_id": claim_id}, ["term", "claim_id"])
    session.execute(update(Claim).where(Claim.id == claim_id).values(terms_version=TERMS_VERSION))


def reindex(session: Session, batch: int = 500) -> int:
    """Index the claims whose index is missing or older than :data:`TERMS_VERSION`."""
    done = 0
    while True:
        rows = session.execute(
            select(Claim.id, Claim.text)
            .where((Claim.terms_version.is_(None)) | (Claim.terms_version < TERMS_VERSION))
            .order_by(Claim.id)
            .limit(batch)
        ).all()
        if not rows:
            return done
        for claim_id, text in rows:
            session.execute(delete(ClaimTerm).where(ClaimTerm.claim_id == claim_id))
            index_claim(session, claim_id, text)
        done += len(rows)


@dataclass(frozen=True, slots=True)
class Hit:
    claim_id: int
    text: str
    shared: int


def document_frequencies(session: Session, words: set[str], cap: int = DF_CAP) -> dict[str, int]:
    """How many claims hold each word (counted up to ``cap``)."""
    postings = select(ClaimTerm.claim_id).where(ClaimTerm.term == bindparam("word")).limit(bindparam("cap"))
    count = select(func.count()).select_from(postings.subquery())  # one statement, compiled once
    return {w: int(session.scalar(count, {"word": w, "cap": cap}) or 0) for w in sorted(words)}


def idf_table(session: Session, df: dict[str, int], base: dict[str, float]) -> Mapping[str, float] | None:
    """``base`` (the packaged IDF table) with the database's own IDF for the words counted in ``df``.

    None while the database holds fewer than :data:`MIN_CLAIMS_FOR_IDF` claims, too few to say
    which words are common. The words of a new claim are the ones counted (:func:`candidates`
    counts them anyway), so every word it shares with a candidate is weighed by how common it is
    in this newsroom: names that fill a database ("Trump", "Clinton") count for little.
    """
    total = session.scalar(select(func.max(Claim.id))) or 0  # a cheap upper bound of the count
    if total < MIN_CLAIMS_FOR_IDF:
        return None
    own = {w: math.log((total + 1) / (n + 1)) + 1.0 for w, n in df.items()}
    return ChainMap(own, base)  # no copy of the packaged table per claim


def _only_in(session: Session, word: str, n: int, claims: frozenset[int]) -> bool:
    """Whether all ``n`` claims holding ``word`` are among ``claims``: then it finds nothing else.

    The linker indexes a new claim before looking for others, so its own new words have one
    posting, itself; were they taken as its rarest words, they would find nothing but it.
    """
    if not claims or n > len(claims):
        return False
    held = session.scalars(select(ClaimTerm.claim_id).where(ClaimTerm.term == word).limit(n + 1))
    return set(held) <= claims


def candidates(
    session: Session,
    text: str,
    limit: int = 50,
    exclude: frozenset[int] = frozenset(),
    counts: dict[str, int] | None = None,
) -> list[Hit]:
    """Stored claims sharing the most of ``text``'s rarest words, most shared first.

    Args:
        counts: filled with the number of claims holding each word of ``text`` (up to DF_CAP).
    """
    words = terms(text)
    if not words:
        return []
    df = document_frequencies(session, words)
    if counts is not None:
        counts.update(df)
    present = sorted((n, w) for w, n in df.items() if n > 0 and not _only_in(session, w, n, exclude))
    # the rarest words find the claims; a word at the cap is common and finds little but work
    query = [w for n, w in present if n < DF_CAP][:QUERY_TERMS] or [w for _, w in present[:2]]
    if not query:
        return []
    # each word's postings, newest claims first, at most DF_CAP of them: the cost is bounded
    postings = [
        select(ClaimTerm.claim_id.label("claim_id"))
        .where(ClaimTerm.term == w)
        .order_by(ClaimTerm.claim_id.desc())
        .limit(DF_CAP)
        .subquery()
        for w in query
    ]
    hits = union_all(*(select(p.c.claim_id) for p in postings)).subquery()
    shared = func.count().label("shared")
    stmt = (
        select(hits.c.claim_id, shared)
        .group_by(hits.c.claim_id)
        .order_by(shared.desc(), hits.c.claim_id)
        .limit(limit + len(exclude))
    )
    ranked = [(cid, int(n)) for cid, n in session.execute(stmt) if cid not in exclude][:limit]
    if not ranked:
        return []
    need = 2 if len(query) >= 3 else 1  # one shared rare word is too little evidence for long texts
    ranked = [(cid, n) for cid, n in ranked if n >= need]
    texts = dict(
        session.execute(
            select(Claim.id, Claim.text).where(
                Claim.id.in_([c for c, _ in ranked]), Claim.merged_into_id.is_(None)
            )
        ).all()
    )
    return [Hit(cid, texts[cid], n) for cid, n in ranked if cid in texts]
