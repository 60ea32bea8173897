"""Scoring attribution predictions against gold, the way the PolNeAR scorer defines it.

Spans are compared as sets of character positions, ignoring spaces and quote marks. Predictions
and gold attributions are paired one to one by content overlap (Jaccard ≥ 0.5, best first). From
the pairs: content exact/overlap precision, recall and F1; source and cue accuracy; attribution
F1 (content pairs whose sources overlap too, or both have none); all-spans-exact F1.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .extract.brat import GoldDocument, Ranges
from .extract.types import ArticleParse

IGNORED = frozenset(" \t\r\n\u00a0\"'\u201c\u201d\u2018\u2019`\u00ab\u00bb")


@dataclass(frozen=True, slots=True)
class Spans:
    content: frozenset[int]
    source: frozenset[int] | None
    cue: frozenset[int] | None


@dataclass(slots=True)
class Counts:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    attribution: int = 0
    all_exact: int = 0
    source_ok: int = 0
    cue_ok: int = 0

    def prf(self, hits: int) -> dict[str, float]:
        p = hits / self.predicted if self.predicted else 0.0
        r = hits / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


@dataclass(slots=True)
class Report:
    docs: int = 0
    counts: Counts = field(default_factory=Counts)

    def as_dict(self) -> dict[str, object]:
        c = self.counts
        return {
            "docs": self.docs,
            "gold": c.gold,
            "predicted": c.predicted,
            "content_exact": c.prf(c.exact),
            "content_overlap": c.prf(c.overlap),
            "attribution_f1": c.prf(c.attribution),
            "all_spans_exact": c.prf(c.all_exact),
            "source_accuracy_on_paired": round(c.source_ok / c.overlap, 4) if c.overlap else 0.0,
            "cue_accuracy_on_paired": round(c.cue_ok / c.overlap, 4) if c.overlap else 0.0,
        }


def positions(text: str, ranges: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Character positions a span covers, without spaces and quote marks."""
    n = len(text)
    return frozenset(i for s, e in ranges for i in range(max(0, s), min(n, e)) if text[i] not in IGNORED)


def jaccard(a: frozenset[int] | None, b: frozenset[int] | None) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _same(a: frozenset[int] | None, b: frozenset[int] | None, exact: bool) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a == b if exact else jaccard(a, b) >= 0.5


def score_document(text: str, gold: Sequence[Spans], predicted: Sequence[Spans], counts: Counts) -> None:
    """Pair one document's predictions with its gold attributions and add up the outcomes."""
    counts.gold += len(gold)
    counts.predicted += len(predicted)
    pairs = sorted(
        (
            (jaccard(g.content, p.content), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(predicted)
            if g.content & p.content
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    for j, gi, pi in pairs:
        if j < 0.5 or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gold[gi], predicted[pi]
        exact = g.content == p.content
        counts.overlap += 1
        counts.exact += exact
        source_ok = _same(g.source, p.source, exact=False)
        counts.source_ok += source_ok
        counts.attribution += source_ok
        counts.cue_ok += _same(g.cue, p.cue, exact=False)
        counts.all_exact += (
            exact and _same(g.source, p.source, exact=True) and _same(g.cue, p.cue, exact=True)
        )


def gold_spans(doc: GoldDocument) -> list[Spans]:
    def pos(r: Ranges | None) -> frozenset[int] | None:
        return positions(doc.text, r) if r else None

    return [Spans(positions(doc.text, a.content), pos(a.source), pos(a.cue)) for a in doc.attributions]


def predicted_spans(text: str, parse: ArticleParse) -> list[Spans]:
    out = []
    for a in parse.attributions:
        content = positions(text, [(p.start, p.end) for p in a.content])
        source = positions(text, [(a.source.start, a.source.end)]) if a.source else None
        cue = positions(text, [(a.cue.start, a.cue.end)]) if a.cue else None
        out.append(Spans(content, source, cue))
    return out


def evaluate(docs: Sequence[GoldDocument], parses: Iterable[ArticleParse]) -> Report:
    """Score parses (one per document, same order) against the gold documents."""
    report = Report()
    for doc, parse in zip(docs, parses, strict=True):
        report.docs += 1
        score_document(doc.text, gold_spans(doc), predicted_spans(doc.text, parse), report.counts)
    return report
