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
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, bindparam, delete, func, select, union_all, update
from sqlalchemy.orm import Session

from ..text import content_terms, words
from .models import Claim, ClaimTerm
from .upsert import connection, insert_all_missing

#: bump when :func:`terms` changes; claims with an older version are re-indexed by ``claims init``
TERMS_VERSION = 2
#: postings counted per word at most (a word seen this often is common; its exact count is moot)
DF_CAP = 5_000
#: claims a database needs before its own word frequencies replace the packaged ones
MIN_CLAIMS_FOR_IDF = 500
#: rarest words of a text used to look candidates up
QUERY_TERMS = 8
#: words whose postings one statement counts at most (a long quotation has hundreds of words)
COUNT_BATCH = 50
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
    rows = [{"term": term, "claim_id": claim_id} for term in sorted(terms(text))]
    insert_all_missing(session, ClaimTerm, rows, ["term", "claim_id"])
    connection(session).execute(update(Claim).where(Claim.id == claim_id).values(terms_version=TERMS_VERSION))


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


@lru_cache(maxsize=64)
def _count_statement(words: int) -> Select[Any]:
    """Counts of the postings of ``words`` words (parameters w0, w1, …), each up to ``cap``."""
    counts = [
        select(func.count()).select_from(
            select(ClaimTerm.claim_id)
            .where(ClaimTerm.term == bindparam(f"w{k}"))
            .limit(bindparam("cap"))
            .subquery()
        )
        for k in range(words)
    ]
    return counts[0] if words == 1 else union_all(*counts)  # type: ignore[return-value]


@lru_cache(maxsize=16)
def _ranking_statement(words: int) -> Select[Any]:
    """Claims by how many of ``words`` words (parameters w0, w1, …) they hold, most first, at most
    ``top`` of them. Each word's postings are read newest first, at most ``cap`` of them: the cost
    is bounded."""
    postings = [
        select(ClaimTerm.claim_id.label("claim_id"))
        .where(ClaimTerm.term == bindparam(f"w{k}"))
        .order_by(ClaimTerm.claim_id.desc())
        .limit(bindparam("cap"))
        .subquery()
        for k in range(words)
    ]
    hits = union_all(*(select(p.c.claim_id) for p in postings)).subquery()
    shared = func.count().label("shared")
    return (
        select(hits.c.claim_id, shared)
        .group_by(hits.c.claim_id)
        .order_by(shared.desc(), hits.c.claim_id)
        .limit(bindparam("top"))
    )


def document_frequencies(session: Session, words: set[str], cap: int = DF_CAP) -> dict[str, int]:
    """How many claims hold each word (counted up to ``cap``), in one statement.

    Each word's postings are counted up to ``cap``, so a common word costs a bounded index scan.
    The statement for each number of words is built once: building one costs more than running it.
    """
    ordered = sorted(words)
    conn = connection(session)
    out: dict[str, int] = {}
    for at in range(0, len(ordered), COUNT_BATCH):  # SQLite allows 500 parts in one UNION
        batch = ordered[at : at + COUNT_BATCH]
        params: dict[str, Any] = {f"w{k}": w for k, w in enumerate(batch)}
        params["cap"] = cap
        found = conn.scalars(_count_statement(len(batch)), params)
        out.update(zip(batch, (int(n or 0) for n in found), strict=True))
    return out


def idf_table(session: Session, df: dict[str, int], base: dict[str, float]) -> Mapping[str, float] | None:
    """``base`` (the packaged IDF table) with the database's own IDF for the words counted in ``df``.

    None while the database holds fewer than :data:`MIN_CLAIMS_FOR_IDF` claims, too few to say
    which words are common. The words of a new claim are the ones counted (:func:`candidates`
    counts them anyway), so every word it shares with a candidate is weighed by how common it is
    in this newsroom: names that fill a database ("Trump", "Clinton") count for little.
    """
    total = connection(session).scalar(select(func.max(Claim.id))) or 0  # a cheap upper bound of the count
    if total < MIN_CLAIMS_FOR_IDF:
        return None
    own = {w: math.log((total + 1) / (n + 1)) + 1.0 for w, n in df.items()}
    return ChainMap(own, base)  # no copy of the packaged table per claim


def _only_in(session: Session, df: dict[str, int], claims: frozenset[int]) -> set[str]:
    """The words all of whose claims are among ``claims`` (``df`` counts them): they find nothing else.

    The linker indexes a new claim before looking for others, so its own new words have one
    posting, itself; were they taken as its rarest words, they would find nothing but it.
    """
    few = sorted(w for w, n in df.items() if 0 < n <= len(claims))
    if not few:
        return set()
    held: dict[str, set[int]] = {}
    rows = connection(session).execute(
        select(ClaimTerm.term, ClaimTerm.claim_id).where(ClaimTerm.term.in_(few))
    )
    for word, claim_id in rows:
        held.setdefault(word, set()).add(claim_id)
    return {w for w in few if held.get(w, set()) <= claims}


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
    alone = _only_in(session, df, exclude)
    present = sorted((n, w) for w, n in df.items() if n > 0 and w not in alone)
    # the rarest words find the claims; a word at the cap is common and finds little but work
    query = [w for n, w in present if n < DF_CAP][:QUERY_TERMS] or [w for _, w in present[:2]]
    if not query:
        return []
    params: dict[str, Any] = {f"w{k}": w for k, w in enumerate(query)}
    params.update(cap=DF_CAP, top=limit + len(exclude))
    conn = connection(session)
    found = conn.execute(_ranking_statement(len(query)), params)
    ranked = [(cid, int(n)) for cid, n in found if cid not in exclude][:limit]
    if not ranked:
        return []
    need = 2 if len(query) >= 3 else 1  # one shared rare word is too little evidence for long texts
    ranked = [(cid, n) for cid, n in ranked if n >= need]
    texts = dict(
        conn.execute(
            select(Claim.id, Claim.text).where(
                Claim.id.in_([c for c, _ in ranked]), Claim.merged_into_id.is_(None)
            )
        ).all()
    )
    return [Hit(cid, texts[cid], n) for cid, n in ranked if cid in texts]
