"""Train the attribution model on a corpus split (PolNeAR layout) and write its weights.

    python -m claimdb.extract.training ../shared/eval/polnear/train \\
        --dev ../shared/eval/polnear/dev --out claimdb/data/attribution-model.json.gz

Every step is deterministic (documents in name order, seeded shuffles and initial weights), so the
same corpus, pipeline and options give the same weights. ``--dev`` picks the decision threshold
that maximises content-overlap F1 there; without it the threshold is ``--threshold``. Three
models (seeds 0, 1 and 2, ``--models``) are trained on the same examples and averaged into one.
Then the second look (:mod:`claimdb.extract.rescore`) is fitted on cross-fitted findings: five
more models (``--folds``), each trained without a fifth of the documents, read that fifth.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..evaluate import evaluate, jaccard, positions
from . import rescore
from .brat import GoldAttribution, GoldDocument, read_split
from .features import (
    SLOTS,
    cue_features,
    dense_rows,
    is_cue_candidate,
    key_features,
    option_features,
    token_starts,
)
from .learned import MODEL_PATH, AttributionModel, by_cue, pipeline_id
from .markup import for_parser
from .options import content_options
from .pipeline import analyse_docs, chunk_bounds
from .quotes import QuoteIndex, find_quotes
from .reader import Candidate
from .rules import SentenceRules

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(slots=True)
class Example:
    """One cue candidate: its features, options and which option is right (0 = no attribution)."""

    lemma: str
    ruled: bool
    cue: list[str]
    options: list[list[str]]
    rows: np.ndarray
    gold: int


def parse_split(
    docs: Sequence[GoldDocument], nlp: Language, batch_size: int = 32
) -> list[list[tuple[Doc, int]]]:
    """Parse every document the way the extractor does: paragraph pieces of the parser's text."""
    items = []
    for n, doc in enumerate(docs):
        seen = for_parser(doc.text)
        items += [(seen[s:e], (n, s)) for s, e in chunk_bounds(seen)]
    out: list[list[tuple[Doc, int]]] = [[] for _ in docs]
    for parsed, (n, base) in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        out[n].append((parsed, base))
    return out


def _cue_heads(pieces, attrs: Sequence[GoldAttribution]) -> dict[tuple[int, int], list[GoldAttribution]]:  # type: ignore[no-untyped-def]
    """Map each gold attribution to the cue-candidate token heading its cue."""
    where: dict[int, tuple[int, int]] = {}
    for n, (doc, base) in enumerate(pieces):
        for tok in doc:
            for pos in range(tok.idx + base, tok.idx + base + len(tok.text)):
                where[pos] = (n, tok.i)
    heads: dict[tuple[int, int], list[GoldAttribution]] = defaultdict(list)
    for attr in attrs:
        if not attr.cue:
            continue
        toks = {where[p] for s, e in attr.cue for p in range(s, e) if p in where}
        if not toks:
            continue
        piece = min(toks)[0]
        doc = pieces[piece][0]
        ids = {i for n, i in toks if n == piece}
        tops = [i for i in sorted(ids) if doc[i].head.i not in ids or doc[i].head.i == i]
        head = next((i for i in tops if is_cue_candidate(doc[i])), None)
        if head is None:
            head = max((i for i in ids if is_cue_candidate(doc[i])), default=None)
        if head is not None:
            heads[(piece, head)].append(attr)
    return heads


def cue_lexicon(docs: Sequence[GoldDocument], parsed, min_count: int = 2) -> frozenset[str]:  # type: ignore[no-untyped-def]
    """Words that head a gold cue at least ``min_count`` times: the only cue candidates scored
    unless a rule fires (a word never seen as a cue is not worth the model's time)."""
    counts: Counter[str] = Counter()
    for doc, pieces in zip(docs, parsed, strict=True):
        for piece, tok in _cue_heads(pieces, doc.attributions):
            counts[pieces[piece][0][tok].lemma_.lower()] += 1
    return frozenset(lemma for lemma, n in counts.items() if n >= min_count)


def build_examples(docs: Sequence[GoldDocument], parsed, lexicon: frozenset[str]) -> list[Example]:  # type: ignore[no-untyped-def]
    out = []
    for doc, pieces in zip(docs, parsed, strict=True):
        quotes = QuoteIndex(find_quotes(for_parser(doc.text)))
        heads = _cue_heads(pieces, doc.attributions)
        for n, (piece, base) in enumerate(pieces):
            reader = SentenceRules(piece, quotes, base)
            starts = token_starts(piece, base)
            ruled = by_cue(reader.run())
            for tok in piece:
                if not is_cue_candidate(tok):
                    continue
                rules = ruled.get(tok.i, [])
                golds = heads.get((n, tok.i))
                if not (golds or rules or tok.lemma_.lower() in lexicon):
                    continue
                options = content_options(reader, tok, rules)
                if not options:
                    continue
                gold = 0
                if golds:
                    want = positions(doc.text, golds[0].content)
                    scores = [jaccard(want, positions(doc.text, o.spans)) for o in options]
                    best = max(range(len(options)), key=scores.__getitem__)
                    if scores[best] < 0.5:
                        continue  # no option fits: teaches nothing either way
                    gold = best + 1
                cue = cue_features(tok, reader._quoted(tok), [r.rule for r in rules])
                key = key_features(cue)
                spans = frozenset(tuple(r.content) for r in rules)
                feats = option_features(tok, options, key, base, spans)
                rows = dense_rows(tok, options, piece.tensor, starts)
                out.append(Example(tok.lemma_.lower(), bool(rules), cue, feats, rows, gold))
    return out


class Trainer:
    """Softmax over "no attribution" and the options: AdaGrad on sparse weights and a ReLU layer.

    The model it gives has the average of the weights over all steps, not the last ones: the last
    steps fit the last examples seen, the average generalises better (on PolNeAR dev, content-overlap
    F1 +0.003 with the same features and seed). Each change at step ``t`` is also added ``t`` times
    to a sum, so that the average is ``w - sum / T`` after ``T`` steps, without visiting every
    weight at every step.
    """

    def __init__(self, width: int, units: int, seed: int) -> None:
        rng = np.random.default_rng(seed)
        dim = SLOTS * width
        self.cw: dict[str, float] = {}
        self.ow: dict[str, float] = {}
        self.none = 0.0
        self.acc: dict[tuple[int, str], float] = {}
        self.none_acc = 1e-8
        self.H = (rng.standard_normal((dim, units)) * math.sqrt(2.0 / dim)).astype(np.float32)
        self.b = np.zeros(units, np.float32)
        self.v = np.zeros(units, np.float32)
        self.gH = np.full_like(self.H, 1e-8)
        self.gb = np.full_like(self.b, 1e-8)
        self.gv = np.full_like(self.v, 1e-8)
        self.t = 1  # steps taken, plus one
        self.sums: tuple[dict[str, float], dict[str, float]] = ({}, {})  # t-weighted changes, cw and ow
        self.none_sum = 0.0
        self.dense_sums = (np.zeros_like(self.v), np.zeros_like(self.H), np.zeros_like(self.b))

    def _sparse(
        self, table: dict[str, float], tag: int, feats: Sequence[str], grad: float, lr: float
    ) -> None:
        acc = self.acc
        sums = self.sums[tag]
        t = self.t
        for f in feats:
            a = acc.get((tag, f), 1e-8) + grad * grad
            acc[(tag, f)] = a
            change = lr * grad / math.sqrt(a)
            table[f] = table.get(f, 0.0) - change
            sums[f] = sums.get(f, 0.0) - t * change

    def step(self, ex: Example, lr: float, lr_dense: float) -> None:
        shared = sum(self.cw.get(f, 0.0) for f in ex.cue)
        z = ex.rows @ self.H + self.b
        a = np.maximum(z, 0.0)
        scores = np.empty(len(ex.options) + 1)
        scores[0] = self.none
        scores[1:] = [shared + sum(self.ow.get(f, 0.0) for f in o) for o in ex.options]
        scores[1:] += a @ self.v
        scores -= scores.max()
        p = np.exp(scores)
        p /= p.sum()
        p[ex.gold] -= 1.0  # gradient of the cross-entropy
        self.none_acc += p[0] * p[0]
        change = lr * p[0] / math.sqrt(self.none_acc)
        self.none -= change
        self.none_sum -= self.t * change
        self._sparse(self.cw, 0, ex.cue, float(p[1:].sum()), lr)
        for g, feats in zip(p[1:], ex.options, strict=True):
            if abs(g) > 1e-4:
                self._sparse(self.ow, 1, feats, float(g), lr)
        g_opt = p[1:]
        gv = g_opt @ a
        dz = np.outer(g_opt, self.v) * (z > 0)
        gH = ex.rows.T @ dz
        gb = dz.sum(0)
        dense = zip(self.dense, (gv, gH, gb), (self.gv, self.gH, self.gb), self.dense_sums, strict=True)
        for param, grad, acc, total in dense:
            acc += grad * grad
            change = lr_dense * grad / np.sqrt(acc)
            param -= change
            total -= self.t * change
        self.t += 1

    @property
    def dense(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.v, self.H, self.b

    def model(self, lexicon: frozenset[str], threshold: float, width: int, pipeline: str) -> AttributionModel:
        """The model with the weights averaged over all steps."""
        t = self.t
        cw = {f: w - self.sums[0].get(f, 0.0) / t for f, w in self.cw.items()}
        ow = {f: w - self.sums[1].get(f, 0.0) / t for f, w in self.ow.items()}
        v, H, b = (param - total / t for param, total in zip(self.dense, self.dense_sums, strict=True))
        none = self.none - self.none_sum / t
        return AttributionModel(cw, ow, none, H, b, v, lexicon, threshold, width, pipeline)


def train(examples: list[Example], width: int, units: int = 64, epochs: int = 4, seed: int = 0) -> Trainer:
    """Fit the model to the examples (in a seeded order)."""
    kept = list(examples)
    trainer = Trainer(width, units, seed)
    rnd = random.Random(seed)
    for epoch in range(epochs):
        rnd.shuffle(kept)
        start = time.time()
        for ex in kept:
            trainer.step(ex, lr=0.2, lr_dense=0.02)
        print(
            f"epoch {epoch + 1}/{epochs}: {len(kept)} cue candidates, {time.time() - start:.0f} s",
            file=sys.stderr,
        )
    return trainer


def scores(model: AttributionModel, docs: Sequence[GoldDocument], parsed) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The scorer's figures (:func:`claimdb.evaluate.evaluate`) of ``model`` on parsed ``docs``."""
    parses = [
        analyse_docs(d.text, pieces, parsed_text=for_parser(d.text), model=model)
        for d, pieces in zip(docs, parsed, strict=True)
    ]
    return evaluate(docs, parses).as_dict()


def pick_threshold(model: AttributionModel, docs: Sequence[GoldDocument], parsed) -> float:  # type: ignore[no-untyped-def]
    """The decision threshold with the best content-overlap F1 on ``docs``."""
    best = (-1.0, model.threshold)
    for step in range(5, 13):
        model.threshold = step / 20
        f1 = float(scores(model, docs, parsed)["content_overlap"]["f1"])  # type: ignore[index]
        print(f"threshold {model.threshold:.2f}: content-overlap F1 {f1:.4f}", file=sys.stderr)
        best = max(best, (f1, model.threshold))
    return best[1]


class _Recorder(rescore.Rescorer):
    """A second look that keeps every finding and notes the facts of each. The rules' standing
    findings are noted too: few, they weigh mostly on the weights of their own rules, which the
    second look does not use (:func:`claimdb.extract.rescore.weighed`)."""

    def __init__(self) -> None:
        super().__init__({}, 0.0)
        self.seen: list[tuple[dict[str, float], list[tuple[int, int]]]] = []

    def probabilities(self, cands: Sequence[Candidate], text: str, sentences: int) -> list[float]:
        feats = rescore.features(cands, text, sentences)
        self.seen += [(f, list(c.content)) for f, c in zip(feats, cands, strict=True)]
        return [1.0] * len(cands)


def fit_second_look(  # type: ignore[no-untyped-def]
    docs: Sequence[GoldDocument],
    parsed,
    width: int,
    pipeline: str,
    units: int = 64,
    epochs: int = 4,
    seed: int = 0,
    folds: int = 5,
) -> rescore.Rescorer:
    """The second look (:mod:`claimdb.extract.rescore`), fitted on cross-fitted findings: the
    documents are dealt into ``folds`` (seeded, :func:`deal_folds`), and each fold is read by one
    model (seed ``seed``) trained on the others, with its own lexicon (:func:`fold_findings`)."""
    fold_of = deal_folds(len(docs), folds, seed)
    rows: list[dict[str, float]] = []
    labels: list[bool] = []
    for fold in range(max(fold_of, default=0) + 1):
        found, right = fold_findings(docs, parsed, fold_of, fold, width, pipeline, units, epochs, seed)
        rows += found
        labels += right
    return rescore.fit(rows, labels)


def deal_folds(n: int, folds: int, seed: int) -> list[int]:
    """The fold of each of ``n`` documents: a seeded shuffle dealt round the ``folds``."""
    folds = min(folds, n)
    order = list(range(n))
    random.Random(seed).shuffle(order)
    fold_of = [0] * n
    for k, doc in enumerate(order):
        fold_of[doc] = k % folds
    return fold_of


def fold_findings(  # type: ignore[no-untyped-def]
    docs: Sequence[GoldDocument],
    parsed,
    fold_of: Sequence[int],
    fold: int,
    width: int,
    pipeline: str,
    units: int = 64,
    epochs: int = 4,
    seed: int = 0,
) -> tuple[list[dict[str, float]], list[bool]]:
    """The facts of every finding in the documents of ``fold``, read by a model trained on the
    other folds, and whether each is right: its content is ALIKE (Jaccard ≥ 0.5) to a gold
    content of its document."""
    start = time.time()
    inside = [i for i in range(len(docs)) if fold_of[i] != fold]
    train_docs, train_parsed = [docs[i] for i in inside], [parsed[i] for i in inside]
    lexicon = cue_lexicon(train_docs, train_parsed)
    examples = build_examples(train_docs, train_parsed, lexicon)
    model = train(examples, width, units, epochs, seed).model(lexicon, 0.5, width, pipeline)
    recorder = model.rescorer = _Recorder()
    rows: list[dict[str, float]] = []
    labels: list[bool] = []
    for i in range(len(docs)):
        if fold_of[i] != fold:
            continue
        doc = docs[i]
        analyse_docs(doc.text, parsed[i], parsed_text=for_parser(doc.text), model=model)
        gold = [positions(doc.text, a.content) for a in doc.attributions]
        for feats, content in recorder.seen:
            found = positions(doc.text, content)
            rows.append(feats)
            labels.append(any(jaccard(g, found) >= 0.5 for g in gold))
        recorder.seen.clear()
    print(
        f"second look: fold {fold + 1} read, {len(rows)} findings, {time.time() - start:.0f} s",
        file=sys.stderr,
    )
    return rows, labels


def fit(
    docs: Sequence[GoldDocument],
    nlp: Language,
    units: int = 64,
    epochs: int = 4,
    seed: int = 0,
    threshold: float = 0.4,
    models: int = 3,
    folds: int = 5,
) -> AttributionModel:
    """A model trained on ``docs``, parsed with ``nlp`` (whose token vectors it reads).

    With ``models`` > 1, as many are trained with seeds ``seed``, ``seed + 1``, … on the same
    examples and averaged (:meth:`AttributionModel.average`): their errors partly cancel. With
    ``folds`` > 1, the second look is fitted on that many cross-fitted folds
    (:func:`fit_second_look`); with 0 or 1 the model has none.
    """
    start = time.time()
    parsed = parse_split(docs, nlp)
    lexicon = cue_lexicon(docs, parsed)
    examples = build_examples(docs, parsed, lexicon)
    width = int(parsed[0][0][0].tensor.shape[1])
    print(
        f"{len(docs)} documents parsed, {len(examples)} cue candidates, {time.time() - start:.0f} s",
        file=sys.stderr,
    )
    pipeline = pipeline_id(nlp.meta)
    trained = [
        train(examples, width, units, epochs, seed + n).model(lexicon, threshold, width, pipeline)
        for n in range(models)
    ]
    model = AttributionModel.average(trained)  # of one model: the same model
    if folds > 1:
        model.rescorer = fit_second_look(docs, parsed, width, pipeline, units, epochs, seed, folds)
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m claimdb.extract.training", description=__doc__.splitlines()[0]
    )
    ap.add_argument("train", help="training split directory (text/ and attributions/)")
    ap.add_argument("--dev", help="split to choose the decision threshold on")
    ap.add_argument("--out", default=MODEL_PATH, help="where to write the model (default: the packaged one)")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default as for claims)")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--units", type=int, default=64)
    ap.add_argument("--seed", type=int, default=0, help="seed of the first model")
    ap.add_argument("--models", type=int, default=3, help="models trained (seeds in turn) and averaged")
    ap.add_argument("--threshold", type=float, default=0.4)
    ap.add_argument(
        "--folds", type=int, default=5, help="cross-fitted folds for the second look (0: no second look)"
    )
    args = ap.parse_args(argv)
    if args.models < 1:
        ap.error("--models must be at least 1")
    if args.folds < 0 or args.folds == 1:
        ap.error("--folds must be 0 (no second look) or at least 2")

    from .model import load_nlp

    nlp = load_nlp(args.model)
    start = time.time()
    model = fit(
        read_split(args.train),
        nlp,
        args.units,
        args.epochs,
        args.seed,
        args.threshold,
        args.models,
        args.folds,
    )
    if args.dev:
        dev = read_split(args.dev)
        model.threshold = pick_threshold(model, dev, parse_split(dev, nlp))
    model.save(args.out)
    print(
        f"wrote {args.out} (threshold {model.threshold:.2f}) in {time.time() - start:.0f} s", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
