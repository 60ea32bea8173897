"""The second look: each attribution the model finds is weighed again beside the article's others.

The model (:mod:`claimdb.extract.learned`) decides on one cue candidate at a time. Some of what
tells whether a finding is right is only known once the article's other findings are: whether the
same cue word was confident elsewhere in the article, whether a more confident finding overlaps
this one's content or has its cue inside it, how many findings the sentence holds, how dense the
article's attributions are. And the model's pooled probability is off by the kind of option it
reports (a clause, an object, a quotation).

So the model keeps every finding down to :data:`FLOOR`, and a logistic regression over those
facts gives each the probability that it pairs with a gold attribution. The attribution's
confidence is that probability, and the decision threshold applies to it. The regression is fitted
by ``python -m claimdb.extract.training`` on *cross-fitted* findings: each train article is read
by a model trained without it, so the regression learns how far a model's belief can be trusted
on text it has not seen.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .reader import Candidate

#: findings down to this pooled probability reach the second look (the threshold applies after it).
#: On the 100 held-out PolNeAR train articles of ``bench/heldout.py``, findings down to 0.08 pair
#: with 72 % of the gold attributions, those at 0.30 or more with 64 %
FLOOR = 0.08
#: L2 strength of the regression (on about 20,000 findings of 840 articles)
STRENGTH = 10.0
#: a finding counts as confident, for the article's context, from this probability up
CONFIDENT = 0.5


def weighed(cand: Candidate) -> bool:
    """Whether the second look decides on ``cand``: the model's findings. The rules' own (claims
    and denials, signed quotations, polls, hearsay) stand, and are context for the others."""
    return cand.rule.startswith("model:")


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def features(cands: Sequence[Candidate], text: str, sentences: int) -> list[dict[str, float]]:
    """The facts the second look weighs, for each of an article's findings (see the module doc).

    ``cands`` are all the findings of the article (or of one window of a long one), ``text`` the
    article, ``sentences`` how many sentences they were found in.
    """
    conf = [c.confidence for c in cands]
    words = [text[c.cue[0] : c.cue[1]].lower() if c.cue else "" for c in cands]
    by_word: dict[str, list[float]] = defaultdict(list)
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(cands):
        by_word[words[i]].append(conf[i])
        by_sentence[c.sentence[0]].append(i)
    density = sum(p >= CONFIDENT for p in conf) / max(sentences, 1)
    spans = [(c.content[0][0], c.content[-1][1]) for c in cands]
    out = []
    for i, c in enumerate(cands):
        p = conf[i]
        start, end = spans[i]
        length = sum(e - s for s, e in c.content)
        others = [conf[j] for j in by_sentence[c.sentence[0]] if j != i]
        alike = by_word[words[i]]
        # the same cue word's mean confidence elsewhere in the article
        elsewhere = (sum(alike) - p) / (len(alike) - 1) if len(alike) > 1 else None
        overlapped = cue_inside = False
        for j, other in enumerate(cands):
            if j == i:
                continue
            s, e = spans[j]
            overlapped = overlapped or (s < end and start < e and conf[j] > p)
            cue_inside = cue_inside or (
                other.cue is not None and start <= other.cue[0] < end and conf[j] >= 0.3
            )
        z = _logit(p)
        out.append(
            {
                "logit": z,
                "logit^2": z * z / 10,
                f"rule={c.rule}": 1.0,
                f"kind={c.kind.value}": 1.0,
                "negated": float(c.negated),
                "no source": float(c.source is None),
                "log length": math.log(1 + length),
                "opening": float(c.sentence[0] < 200),
                "position": start / max(len(text), 1),
                "sentence best other": max(others, default=0.0),
                "sentence others": len(others) / 3,
                "word elsewhere count": math.log(len(alike)),
                "word elsewhere mean": elsewhere or 0.0,
                "word nowhere else": float(elsewhere is None),
                "overlapped by a surer one": float(overlapped),
                "holds another's cue": float(cue_inside),
                "density": density,
            }
        )
    return out


@dataclass(slots=True)
class Rescorer:
    """The fitted regression: a weight per fact, and a bias."""

    weights: dict[str, float]
    bias: float

    def probabilities(self, cands: Sequence[Candidate], text: str, sentences: int) -> list[float]:
        """For each finding, the probability that it pairs with a gold attribution."""
        out = []
        for feats in features(cands, text, sentences):
            z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
            out.append(1.0 / (1.0 + math.exp(-min(max(z, -30.0), 30.0))))
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "bias": round(self.bias, 5),
            "weights": {k: round(v, 5) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-5},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Rescorer:
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]))


def fit(rows: Sequence[dict[str, float]], labels: Sequence[bool], strength: float = STRENGTH) -> Rescorer:
    """The L2-penalised logistic regression of ``labels`` on ``rows`` (Newton's method; the bias
    is not penalised). Deterministic: features are taken in sorted order."""
    names = sorted({k for row in rows for k in row})
    column = {k: n for n, k in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    for i, row in enumerate(rows):
        for k, v in row.items():
            x[i, column[k]] = v
    x[:, -1] = 1.0
    y = np.asarray(labels, dtype=np.float64)
    penalty = np.full(len(names) + 1, strength)
    penalty[-1] = 1e-6
    w = np.zeros(len(names) + 1)
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x.T * (p * (1 - p))) @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return Rescorer({k: float(w[n]) for k, n in column.items()}, float(w[-1]))
