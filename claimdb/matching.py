"""`claims match`: stored claims that say the same as a text, contradict it, or support it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from .linking import related_claims
from .relate import load_relater
from .store.queries import get_claim
from .store.views import ClaimView

#: columns of `claims match --format csv` (list cells are joined with "; ")
MATCH_COLUMNS = (
    "id",
    "claim",
    "relation",
    "score",
    "similarity",
    "disputed",
    "asserted_by",
    "disputed_by",
    "articles",
)
#: how a match is worded for a reader, from the stored claim's side
RELATION_NAMES = {"same_as": "same claim", "contradicts": "contradicts it", "supports": "supports it"}


@dataclass(frozen=True, slots=True)
class Match:
    claim: ClaimView
    relation: str  # same_as, contradicts, supports
    score: float
    similarity: float
    reasons: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        c = self.claim
        return {
            "id": c.id,
            "claim": c.text,
            "relation": self.relation,
            "score": self.score,
            "similarity": self.similarity,
            "reasons": list(self.reasons),
            "disputed": c.disputed,
            "asserted_by": c.asserted_by,
            "disputed_by": c.disputed_by,
            "articles": sorted({s.article_title for s in c.statements}),
            "verdicts": [{"rating": v.rating, "label": v.label, "author": v.author} for v in c.verdicts],
        }


def match_claims(session: Session, text: str, top: int = 10) -> list[Match]:
    """The stored claims ``text`` matches, same claims first, then contradictions, then support.

    Uses the same retrieval and the same decision as the linker inside the database.
    """
    found = [
        (link.kind.value, link.score, link.relation, link.other)
        for link in related_claims(session, load_relater(), text)
    ]
    order = {"same_as": 0, "contradicts": 1, "supports": 2}
    found.sort(key=lambda f: (order[f[0]], -f[1], f[3]))
    return [
        Match(get_claim(session, claim_id), kind, round(score, 4), relation.similarity, relation.reasons)
        for kind, score, relation, claim_id in found[:top]
    ]
