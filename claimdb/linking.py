"""Linking claims across statements and articles: same claim, contradiction, support.

A new claim is looked up in the word index (:mod:`claimdb.store.search`); each candidate is
compared with the one decision claimdb uses to relate two texts (:mod:`claimdb.relate`):

- the same claim in other words, asserted or reported → ``same_as``;
- a text that denies the other (negation, refuting words, a contrary number) → ``contradicts``;
- a related text that asserts without being the same claim → ``supports`` (new → stored).

Links are stored as *proposed* automatic relations with their score. An editor's decision on a
pair (confirmed, rejected, or a link of their own) is never overwritten: automatic inserts skip
any pair and kind that already has a row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from .relate import Relater, Relation
from .store.models import Claim, ClaimRelation, Decision, Origin, RelationKind
from .store.search import candidates
from .store.upsert import insert_missing

#: candidates compared per new claim
CANDIDATES = 40
#: links of each kind kept per new claim, best first
LINKS_PER_KIND = 3
#: similarity a related assertion needs to count as support rather than a passing resemblance
SUPPORT_SIMILARITY = 0.45
AUTOMATIC = "claimdb"


@dataclass(frozen=True, slots=True)
class Link:
    """A relation found between a new claim and a stored one."""

    other: int
    kind: RelationKind
    score: float
    relation: Relation


def classify(relation: Relation) -> RelationKind | None:
    """The relation kind a relate decision implies, if any."""
    if relation.stance == "denies" and (relation.same_claim or relation.similarity >= SUPPORT_SIMILARITY):
        return RelationKind.CONTRADICTS
    if relation.same_claim and relation.stance in ("asserts", "reports"):
        return RelationKind.SAME_AS
    if relation.stance == "asserts" and relation.similarity >= SUPPORT_SIMILARITY:
        return RelationKind.SUPPORTS
    return None


def find_links(session: Session, relater: Relater, claim_id: int, text: str) -> list[Link]:
    """Relations between claim ``claim_id`` (text ``text``) and the stored claims most like it."""
    found: list[Link] = []
    for hit in candidates(session, text, limit=CANDIDATES, exclude=frozenset({claim_id})):
        relation = relater.relate(hit.text, text, same_bias=relater.link_bias)
        kind = classify(relation)
        if kind is not None:
            score = relation.similarity if kind is RelationKind.SAME_AS else relation.score
            found.append(Link(hit.claim_id, kind, round(score, 4), relation))
    kept: list[Link] = []
    for kind in RelationKind:
        of_kind = sorted((f for f in found if f.kind is kind), key=lambda f: (-f.score, f.other))
        kept += of_kind[:LINKS_PER_KIND]
    return kept


def pair(kind: RelationKind, a: int, b: int) -> tuple[int, int]:
    """Storage order of a pair: symmetric kinds are stored smaller id first."""
    return (a, b) if kind is RelationKind.SUPPORTS or a < b else (b, a)


def store_links(session: Session, claim_id: int, links: Iterable[Link], now: datetime) -> int:
    """Store automatic links (skipping pairs an editor or an earlier run already decided)."""
    made = 0
    for link in sorted(links, key=lambda x: (pair(x.kind, claim_id, x.other), x.kind.value)):
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
