"""Fit the relate model (:mod:`claimdb.relate`) from Emergent and ClaimMatch, with honest cross-validation.

    python -m claimdb.relate_fit EMERGENT_CSV CLAIMMATCH_TSV [--out PATH] [--folds 5] [--seed 0]

* Emergent (claim headline vs article headline, for / against / observing) trains the stance
  model. Cross-validation is grouped by claim: no claim is in both a training and a test fold.
  The L2 strength is chosen inside each training fold by an inner grouped cross-validation.
* ClaimMatch (two texts, same claim or not) fits the same-claim threshold and slope; its
  cross-validation is grouped by the second text (a fact-check shared by several posts).
* The "related" threshold (below it the stance is ``unrelated``) is the similarity that 99.5 % of
  the related pairs (Emergent pairs and ClaimMatch matches) reach, and at least RELATED_FLOOR.

Everything is deterministic: the same files and seed give a byte-identical model file.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .relate import (
    MODEL_PATH,
    STANCES,
    Relater,
    analyse,
    checks_agree,
    checks_apply,
    compute_idf,
    pair_features,
    softmax_scores,
)

LABELS = {"for": "asserts", "against": "denies", "observing": "reports"}
LAMBDAS = (3e-3, 1e-2, 3e-2)
#: general features (lexicon classes, negation, numbers, similarity) are penalised this much less than
#: word features: there are few of them and they carry over to unseen claims, word features do not
GENERAL_SCALE = 9.0
WORD_FEATURES = ("w:", "b:", "new:", "ns:")
MIX = 0.7  # word cosine 0.7, character 4-gram cosine 0.3: characters only back up the stemmer
MIN_COUNT = 2  # a sparse feature must occur in this many training pairs
INNER_FOLDS = 4
RELATED_QUANTILE = 0.005
RELATED_FLOOR = 1e-3
NEAREST_OTHERS = 3  # hard negatives per Emergent claim, from headlines and from claims (see hard_negatives)
LINK_FALSE_RATE = 0.05  # look-alikes of different claims the linker may still call the same claim


@dataclass(frozen=True, slots=True)
class Pair:
    claim: str
    text: str
    label: str  # a stance for Emergent, "1"/"0" for ClaimMatch
    group: str


def read_emergent(path: str) -> list[Pair]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [
            Pair(r["claimHeadline"], r["articleHeadline"], LABELS[r["articleHeadlineStance"]], r["claimId"])
            for r in csv.DictReader(fh)
        ]


def read_claimmatch(path: str) -> list[Pair]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [
            Pair(r["claim1"], r["claim2"], r["label"], r["claim2"])
            for r in csv.DictReader(fh, delimiter="\t")
        ]


def group_folds(groups: Sequence[str], k: int, seed: int) -> list[int]:
    """A fold number per item; all items of a group share a fold, and fold sizes stay even."""
    sizes = Counter(groups)
    order = sorted(sizes)
    random.Random(seed).shuffle(order)
    order.sort(key=lambda g: -sizes[g])  # stable: big groups first, ties in shuffled order
    load = [0] * k
    fold_of: dict[str, int] = {}
    for g in order:
        fold = min(range(k), key=lambda f: (load[f], f))
        fold_of[g] = fold
        load[fold] += sizes[g]
    return [fold_of[g] for g in groups]


# --- multinomial logistic regression -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sparse:
    """A sparse matrix as coordinate lists; the products the optimiser needs, with bincount."""

    rows: np.ndarray
    cols: np.ndarray
    vals: np.ndarray
    shape: tuple[int, int]

    @classmethod
    def from_dicts(cls, feats: Sequence[dict[str, float]], index: dict[str, int]) -> Sparse:
        rows, cols, vals = [], [], []
        for r, f in enumerate(feats):
            for name, v in f.items():
                c = index.get(name)
                if c is not None and v:
                    rows.append(r)
                    cols.append(c)
                    vals.append(v)
        return cls(
            np.array(rows, dtype=np.int64),
            np.array(cols, dtype=np.int64),
            np.array(vals),
            (len(feats), len(index)),
        )

    def dot(self, w: np.ndarray) -> np.ndarray:
        """self @ w for a dense (d, k) matrix."""
        n = self.shape[0]
        return np.stack(
            [np.bincount(self.rows, self.vals * w[self.cols, j], n) for j in range(w.shape[1])], 1
        )

    def tdot(self, g: np.ndarray) -> np.ndarray:
        """self.T @ g for a dense (n, k) matrix."""
        d = self.shape[1]
        return np.stack(
            [np.bincount(self.cols, self.vals * g[self.rows, j], d) for j in range(g.shape[1])], 1
        )


def _loss_grad(
    w: np.ndarray, x: Sparse, y: np.ndarray, lam: float, mask: np.ndarray
) -> tuple[float, np.ndarray]:
    z = x.dot(w)
    z -= z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    n = x.shape[0]
    loss = -float((y * logp).sum()) / n + 0.5 * lam * float((mask * w * w).sum())
    grad = x.tdot(np.exp(logp) - y) / n + lam * mask * w
    return loss, grad


def fit_logreg(
    x: Sparse, y: np.ndarray, lam: float, penalty: np.ndarray | None = None, iters: int = 500
) -> np.ndarray:
    """L2-regularised multinomial logistic regression by L-BFGS.

    Args:
        penalty: a multiplier of ``lam`` per feature; by default 1, and 0 for column 0 (the bias).
    """
    d, k = x.shape[1], y.shape[1]
    w = np.zeros((d, k))
    if penalty is None:
        penalty = np.ones(d)
        penalty[0] = 0.0
    mask = penalty.reshape(d, 1)
    loss, grad = _loss_grad(w, x, y, lam, mask)
    hist: list[tuple[np.ndarray, np.ndarray]] = []
    for _ in range(iters):
        q = grad.copy()
        alphas = []
        for s, t in reversed(hist):
            a = float((s * q).sum()) / float((t * s).sum())
            alphas.append(a)
            q -= a * t
        if hist:
            s, t = hist[-1]
            q *= float((s * t).sum()) / float((t * t).sum())
        for (s, t), a in zip(hist, reversed(alphas), strict=True):
            q += (a - float((t * q).sum()) / float((t * s).sum())) * s
        direction = -q
        slope = float((grad * direction).sum())
        if slope >= 0:
            direction, slope, hist = -grad, -float((grad * grad).sum()), []
        step = 1.0
        while True:
            new_w = w + step * direction
            new_loss, new_grad = _loss_grad(new_w, x, y, lam, mask)
            if new_loss <= loss + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        if float(((new_grad - grad) * (new_w - w)).sum()) > 1e-12:
            hist = [*hist, (new_w - w, new_grad - grad)][-10:]
        converged = loss - new_loss < 1e-10 * max(1.0, abs(loss))
        w, loss, grad = new_w, new_loss, new_grad
        if converged or float(np.abs(grad).max()) < 1e-7:
            break
    return w


# --- stance -----------------------------------------------------------------------------------


def stance_features(pairs: Sequence[Pair], relater: Relater) -> list[dict[str, float]]:
    out = []
    for p in pairs:
        a, b = analyse(p.claim), analyse(p.text)
        out.append(pair_features(a, b, relater.similarity(a, b)).features)
    return out


def fit_stance(
    feats: Sequence[dict[str, float]], labels: Sequence[str], lam: float
) -> dict[str, list[float]]:
    """Weights per feature name (one per stance) of a model fitted on these pairs."""
    counts: Counter[str] = Counter(name for f in feats for name in f)
    names = ["bias"] + sorted(n for n, c in counts.items() if c >= MIN_COUNT and n != "bias")
    index = {n: i for i, n in enumerate(names)}
    x = Sparse.from_dicts(feats, index)
    y = np.zeros((len(labels), len(STANCES)))
    y[np.arange(len(labels)), [STANCES.index(lab) for lab in labels]] = 1.0
    penalty = np.array([1.0 if n.startswith(WORD_FEATURES) else 1.0 / GENERAL_SCALE for n in names])
    penalty[0] = 0.0
    w = fit_logreg(x, y, lam, penalty)
    w -= w.mean(axis=1, keepdims=True)  # softmax is unchanged; smaller numbers in the file
    return {n: [float(v) for v in w[i]] for n, i in index.items() if np.abs(w[i]).max() >= 1e-5}


def predict_stances(weights: dict[str, list[float]], feats: Sequence[dict[str, float]]) -> list[str]:
    out = []
    for f in feats:
        probs = softmax_scores(weights, f)
        out.append(STANCES[max(range(len(STANCES)), key=lambda k: (probs[k], -k))])
    return out


def choose_lambda(feats: Sequence[dict[str, float]], pairs: Sequence[Pair], seed: int) -> float:
    """The L2 strength with the best inner grouped cross-validated accuracy (ties: the stronger)."""
    folds = group_folds([p.group for p in pairs], INNER_FOLDS, seed + 1)
    best: tuple[float, float] = (-1.0, 0.0)
    for lam in LAMBDAS:
        correct = 0
        for k in range(INNER_FOLDS):
            tr = [i for i, f in enumerate(folds) if f != k]
            te = [i for i, f in enumerate(folds) if f == k]
            w = fit_stance([feats[i] for i in tr], [pairs[i].label for i in tr], lam)
            pred = predict_stances(w, [feats[i] for i in te])
            correct += sum(pr == pairs[i].label for pr, i in zip(pred, te, strict=True))
        acc = correct / len(pairs)
        if acc > best[0] + 1e-9 or (abs(acc - best[0]) <= 1e-9 and lam > best[1]):
            best = (acc, lam)
    return best[1]


def stance_scores(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """Accuracy and macro-F1 over the three stances, as the official scorer computes them."""
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    f1s = []
    for lab in STANCES:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return acc, sum(f1s) / len(f1s)


# --- same claim ---------------------------------------------------------------------------------


def same_inputs(pairs: Sequence[Pair], relater: Relater) -> list[tuple[float, bool]]:
    """(similarity, checks agree) of each pair."""
    out = []
    for p in pairs:
        a, b = analyse(p.claim), analyse(p.text)
        ok = not checks_apply(a, b) or checks_agree(pair_features(a, b, 0.0))
        out.append((relater.similarity(a, b), ok))
    return out


def f1_score(gold: Sequence[bool], pred: Sequence[bool]) -> float:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    wrong = sum(g != p for g, p in zip(gold, pred, strict=True))
    return 2 * tp / (2 * tp + wrong) if tp else 0.0


def fit_threshold(inputs: Sequence[tuple[float, bool]], gold: Sequence[bool]) -> tuple[float, float]:
    """The F1-best similarity threshold (the middle of the best range) and a logistic slope around it."""
    sims = sorted({s for s, _ in inputs})
    cands = [(x + y) / 2 for x, y in zip(sims, sims[1:], strict=False)] or [0.5]
    scored = [(f1_score(gold, [s >= t and ok for s, ok in inputs]), t) for t in cands]
    top = max(f for f, _ in scored)
    best = [t for f, t in scored if f >= top - 1e-12]
    threshold = best[len(best) // 2]
    # slope: 1-D logistic fit of gold on (sim - threshold), mildly regularised so it stays finite
    x = Sparse.from_dicts([{"bias": 1.0, "sim": s - threshold} for s, _ in inputs], {"bias": 0, "sim": 1})
    y = np.array([[float(g), 1.0 - float(g)] for g in gold])
    w = fit_logreg(x, y, 1e-3)
    return threshold, float(w[1, 0] - w[1, 1])


def hard_negatives(emergent: Sequence[Pair], relater: Relater) -> list[Pair]:
    """Pairs that look alike but make different claims, from Emergent: for each claim, the
    NEAREST_OTHERS most similar headlines and claims of *other* claims (at most one per claim).

    Many are about the same story (prices of one product, one man's death), which is what makes
    them the negatives the same-claim model needs: ClaimMatch's negatives are random pairs.
    """
    claims: dict[str, str] = {}
    for p in emergent:
        claims.setdefault(p.group, p.claim)
    heads = [(p.group, p.text) for p in emergent]
    out: list[Pair] = []
    for group, claim in sorted(claims.items()):
        a = analyse(claim)
        for pool in (heads, sorted(claims.items())):
            ranked = sorted(
                ((relater.similarity(a, analyse(t)), t, g) for g, t in pool if g != group),
                key=lambda x: (-x[0], x[1], x[2]),
            )
            seen: set[str] = set()
            for _, text, other in ranked:
                if other not in seen:
                    seen.add(other)
                    out.append(Pair(claim, text, "0", group))
                if len(seen) == NEAREST_OTHERS:
                    break
    return out


def fit_link_bias(emergent: Sequence[Pair], relater: Relater) -> float:
    """The same-claim log-odds bias for claims retrieved from a database.

    The smallest shift (in steps of 0.1) at which at most LINK_FALSE_RATE of the look-alike pairs
    of different claims (:func:`hard_negatives`) are still called the same claim.
    """
    negatives = hard_negatives(emergent, relater)
    bias = 0.0
    while bias > -10.0:
        wrong = sum(relater.relate(p.claim, p.text, same_bias=bias).same_claim for p in negatives)
        if wrong <= LINK_FALSE_RATE * len(negatives):
            break
        bias = round(bias - 0.1, 1)
    return bias


def fit_related(related: Sequence[float]) -> float:
    """The similarity below which a pair counts as unrelated: the RELATED_QUANTILE of related pairs.

    Calling a related pair unrelated loses its stance, while a stance given to an unrelated pair
    is harmless (it is not the same claim either way), so the threshold keeps 99.5 % of related
    pairs. About 1 % of Emergent's headlines share no word with their claim ("World's oldest
    burger"), so the quantile is often 0: RELATED_FLOOR then still makes texts that share nothing
    at all (no word, no character n-gram) unrelated.
    """
    ordered = sorted(related)
    return max(RELATED_FLOOR, ordered[int(RELATED_QUANTILE * len(ordered))])


# --- the whole fit --------------------------------------------------------------------------------


def fit_model(emergent: Sequence[Pair], claimmatch: Sequence[Pair], seed: int) -> tuple[Relater, float]:
    """A relater fitted on these pairs, and the L2 strength chosen for its stance model."""
    texts = sorted({t for p in [*emergent, *claimmatch] for t in (p.claim, p.text)})
    relater = Relater({}, compute_idf(texts), MIX, 0.5, 10.0, 0.0)
    gold = [p.label == "1" for p in claimmatch]
    inputs = same_inputs(claimmatch, relater)
    relater.same_threshold, relater.same_slope = fit_threshold(inputs, gold)
    related = [s for s, _ in same_inputs(emergent, relater)]
    related += [s for (s, _), g in zip(inputs, gold, strict=True) if g]
    relater.related_threshold = min(relater.same_threshold, fit_related(related))
    relater.link_bias = fit_link_bias(emergent, relater)
    feats = stance_features(emergent, relater)
    lam = choose_lambda(feats, emergent, seed)
    relater.weights = fit_stance(feats, [p.label for p in emergent], lam)
    return relater, lam


def cross_validate(emergent: list[Pair], claimmatch: list[Pair], k: int, seed: int) -> None:
    """Print grouped k-fold results: each fold's model never sees its test claims."""
    e_folds = group_folds([p.group for p in emergent], k, seed)
    c_folds = group_folds([p.group for p in claimmatch], k, seed)
    gold_all: list[str] = []
    pred_all: list[str] = []
    same_gold: list[bool] = []
    same_pred: list[bool] = []
    e_same: list[bool] = []
    e_link: list[bool] = []
    hard = [0, 0, 0]  # look-alikes of test claims: called the same claim, number, called so when linking
    print(
        f"{'fold':>4} {'pairs':>5} {'lambda':>7} {'acc':>6} {'macroF1':>7} {'model acc':>9} {'unrel':>5}  "
        f"{'cm pairs':>8} {'cm F1':>6} {'hard FP':>7}"
    )
    for fold in range(k):
        e_tr = [p for p, f in zip(emergent, e_folds, strict=True) if f != fold]
        e_te = [p for p, f in zip(emergent, e_folds, strict=True) if f == fold]
        c_tr = [p for p, f in zip(claimmatch, c_folds, strict=True) if f != fold]
        c_te = [p for p, f in zip(claimmatch, c_folds, strict=True) if f == fold]
        relater, lam = fit_model(e_tr, c_tr, seed)
        rels = [relater.relate(p.claim, p.text) for p in e_te]
        e_same += [r.same_claim for r in rels]
        e_link += [relater.relate(p.claim, p.text, same_bias=relater.link_bias).same_claim for p in e_te]
        pred = [r.stance for r in rels]
        model_only = predict_stances(relater.weights, stance_features(e_te, relater))
        gold = [p.label for p in e_te]
        acc, mf1 = stance_scores(gold, pred)
        m_acc = stance_scores(gold, model_only)[0]
        c_gold = [p.label == "1" for p in c_te]
        c_pred = [relater.relate(p.claim, p.text).same_claim for p in c_te]
        negatives = hard_negatives(e_te, relater)
        wrong = sum(relater.relate(p.claim, p.text).same_claim for p in negatives)
        hard[0] += wrong
        hard[1] += len(negatives)
        hard[2] += sum(
            relater.relate(p.claim, p.text, same_bias=relater.link_bias).same_claim for p in negatives
        )
        print(
            f"{fold:>4} {len(e_te):>5} {lam:>7g} {acc:>6.4f} {mf1:>7.4f} {m_acc:>9.4f} "
            f"{pred.count('unrelated'):>5}  {len(c_te):>8} {f1_score(c_gold, c_pred):>6.4f} "
            f"{wrong / max(1, len(negatives)):>7.3f}"
        )
        gold_all += gold
        pred_all += pred
        same_gold += c_gold
        same_pred += c_pred
    acc, mf1 = stance_scores(gold_all, pred_all)
    print(f"Emergent  {k}-fold grouped by claim: accuracy {acc:.4f}, macro-F1 {mf1:.4f} (pooled)")
    print(
        f"ClaimMatch {k}-fold grouped by fact-check: "
        f"same-claim F1 {f1_score(same_gold, same_pred):.4f} (pooled)"
    )
    print(
        f"Emergent same claim, as pairs: {sum(e_same)}/{len(e_same)} claim-headline pairs called the same "
        f"claim, and {hard[0]}/{hard[1]} look-alikes of other claims"
    )
    print(
        f"Emergent same claim, when linking (bias {relater.link_bias:g} in the last fold): "
        f"{sum(e_link)}/{len(e_link)} claim-headline pairs, {hard[2]}/{hard[1]} look-alikes"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m claimdb.relate_fit", description=__doc__.splitlines()[0])
    ap.add_argument("emergent", help="Emergent train.csv")
    ap.add_argument("claimmatch", help="ClaimMatch dev.tsv")
    ap.add_argument("--out", default=MODEL_PATH)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-cv", action="store_true", help="skip cross-validation, only fit and write")
    args = ap.parse_args(argv)
    emergent, claimmatch = read_emergent(args.emergent), read_claimmatch(args.claimmatch)
    if not args.no_cv:
        cross_validate(emergent, claimmatch, args.folds, args.seed)
    relater, lam = fit_model(emergent, claimmatch, args.seed)
    relater.save(args.out)
    print(
        f"wrote {args.out}: {len(relater.weights)} weights, {len(relater.idf)} IDF terms, "
        f"lambda {lam:g}, same-claim threshold {relater.same_threshold:.4f}, "
        f"link bias {relater.link_bias:g}, related threshold {relater.related_threshold:.4f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
