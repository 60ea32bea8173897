"""Linking claims across statements and articles: same claim, contradiction, support.

A new claim is looked up in the word index (:mod:`claimdb.store.search`); each candidate is
compared with the one decision claimdb uses to relate two texts (:mod:`claimdb.relate`):

- the same claim in other words, asserted or reported → ``same_as``;
- a text that denies the other (negation, refuting words, a contrary number) → ``contradicts``;
- a text that asserts most of the other's words and more, without being the same claim → ``supports``.

Links are stored as *proposed* automatic relations with their score. An editor's decision on a
pair (confirmed, rejected, or a link of their own) is never overwritten: automatic inserts skip
any pair that already has a relation of any kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from .extract.types import Stance
from .relate import Relater, Relation, analyse
from .store.models import Claim, ClaimRelation, Decision, Origin, RelationKind
from .store.search import candidates, idf_table
from .store.upsert import insert_missing

#: candidates compared per new claim
CANDIDATES = 40
#: links of each kind kept per new claim, best first
LINKS_PER_KIND = 3
#: content words a claim needs before the linker links it automatically (editors can link any)
MIN_TERMS = 3
#: a supporting assertion repeats most of the claim's words ("he paid no income tax for years"
#: supports "not paying income tax") and is close enough overall; a shared name is not support
SUPPORT_SIMILARITY = 0.3
SUPPORT_COVER = 0.8
AUTOMATIC = "claimdb"


@dataclass(frozen=True, slots=True)
class Link:
    """A relation found between a new claim and a stored one."""

    other: int
    kind: RelationKind
    score: float
    relation: Relation
    text: str = ""  # the other claim's text


def classify(relation: Relation) -> RelationKind | None:
    """The relation kind a relate decision implies, if any.

    A contradiction needs the denying stance *and* evidence aimed at the claim itself (another
    number for the same quantity, a negated shared word, a refuting word over most of the claim):
    a stray "not" or "doesn't" elsewhere in a related sentence is no contradiction.
    """
    if relation.stance == "denies" and relation.contrary:
        return RelationKind.CONTRADICTS
    if relation.same_claim and relation.stance in ("asserts", "reports"):
        return RelationKind.SAME_AS
    if (
        relation.stance == "asserts"
        and relation.similarity >= SUPPORT_SIMILARITY
        and relation.cover >= SUPPORT_COVER
    ):
        return RelationKind.SUPPORTS
    return None


def related_claims(
    session: Session, relater: Relater, text: str, exclude: frozenset[int] = frozenset()
) -> list[Link]:
    """Every stored claim among the candidates for ``text`` that the relate decision links to it.

    The candidates come from the word index; they are compared with ``text`` using the
    database's own word frequencies once it holds enough claims, and the link bias (most
    look-alikes in a database are other claims about the same story).
    """
    counts: dict[str, int] = {}
    hits = candidates(session, text, limit=CANDIDATES, exclude=exclude, counts=counts)
    if not hits:
        return []
    idf = idf_table(session, counts, relater.idf)
    found: list[Link] = []
    for hit in hits:
        relation = relater.relate(hit.text, text, idf, same_bias=relater.link_bias)
        kind = classify(relation)
        if kind is not None:
            score = relation.similarity if kind is RelationKind.SAME_AS else relation.score
            found.append(Link(hit.claim_id, kind, round(score, 4), relation, hit.text))
    return found


def find_links(
    session: Session,
    relater: Relater,
    claim_id: int,
    text: str,
    siblings: Mapping[int, frozenset[Stance]] | None = None,
) -> list[Link]:
    """Links to store for the new claim ``claim_id`` (text ``text``): the best few of each kind.

    Args:
        siblings: the claims of the same article (this one included) with the stances its
            statements take. One article's claims share its names and words, so look-alikes among
            them are mostly different claims about one story: a sibling is linked as the same claim
            only when one of the two is asserted and the other denied ("X said A; Y denied A'"),
            and otherwise only by a contradiction. The same claim in other words is linked freely
            across articles and outlets.
    """
    if len(analyse(text).terms) < MIN_TERMS:
        return []  # "I hope not", "never happened": too little said to link to anything
    siblings = siblings or {}
    mine = siblings.get(claim_id, frozenset())

    def wanted(link: Link) -> bool:
        theirs = siblings.get(link.other)
        if theirs is None or link.kind is RelationKind.CONTRADICTS:
            return True
        return link.kind is RelationKind.SAME_AS and _opposed(mine, theirs)

    found = [
        link
        for link in related_claims(session, relater, text, frozenset({claim_id}))
        if wanted(link) and len(analyse(link.text).terms) >= MIN_TERMS
    ]
    kept: list[Link] = []
    for kind in RelationKind:
        of_kind = sorted((f for f in found if f.kind is kind), key=lambda f: (-f.score, f.other))
        kept += of_kind[:LINKS_PER_KIND]
    return kept


def _opposed(a: frozenset[Stance], b: frozenset[Stance]) -> bool:
    return (Stance.ASSERTS in a and Stance.DENIES in b) or (Stance.DENIES in a and Stance.ASSERTS in b)


def pair(kind: RelationKind, a: int, b: int) -> tuple[int, int]:
    """Storage order of a pair: symmetric kinds are stored smaller id first."""
    return (a, b) if kind is RelationKind.SUPPORTS or a < b else (b, a)


def _linked(session: Session, a: int, b: int) -> bool:
    """Whether the two claims have a relation of any kind, in either direction, decided or not."""
    either = or_(
        and_(ClaimRelation.source_id == a, ClaimRelation.target_id == b),
        and_(ClaimRelation.source_id == b, ClaimRelation.target_id == a),
    )
    return session.scalar(select(ClaimRelation.id).where(either).limit(1)) is not None


def store_links(session: Session, claim_id: int, links: Iterable[Link], now: datetime) -> int:
    """Store automatic links, one per pair of claims.

    A pair that already has a relation of any kind is left alone: an editor's decision (confirmed,
    rejected, or their own link) is never overwritten, and two claims new in one article are
    compared both ways but linked once.
    """
    made = 0
    for link in sorted(links, key=lambda x: (pair(x.kind, claim_id, x.other), x.kind.value)):
        if _linked(session, claim_id, link.other):
            continue
        source, target = pair(link.kind, claim_id, link.other)
        values = {
            "source_id": source,
            "target_id": target,
            "kind": link.kind,
            "origin": Origin.AUTO,
            "decision": Decision.PROPOSED,
            "score": link.score,
            "decided_by": AUTOMATIC,
            "decided_at": now,
            "note": "; ".join(link.relation.reasons)[:1000] or None,
        }
        if insert_missing(session, ClaimRelation, values, ["source_id", "target_id", "kind"]):
            made += 1
            touch(session, [link.other], now)
    return made


def touch(session: Session, claim_ids: Iterable[int], now: datetime) -> None:
    """Record activity on claims (what ``claims list`` sorts by)."""
    ids = sorted(set(claim_ids))
    if ids:
        session.execute(update(Claim).where(Claim.id.in_(ids)).values(updated_at=now))
