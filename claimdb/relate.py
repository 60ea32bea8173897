"""How one claim text relates to another: same claim or not, and the stance of one toward the other.

The one decision claimdb uses to relate two claim texts, for ``claims relate`` and the database
linker. Plain Python and numpy: no spaCy, no model download, well under a millisecond per pair.

* **Similarity** is a TF-IDF cosine over stemmed content words (:mod:`claimdb.text`) blended with a
  cosine over character 4-grams of those words, which catches forms the stemmer misses.
* **Same claim** needs the similarity above a fitted threshold and the checks to agree: numbers
  for the same quantity, years, and capitalised names. A negated paraphrase ("X is not Y" against
  "X is Y") *is* about the same claim: it is the same proposition, contradicted, so ``same_claim``
  is true and the stance is ``denies``. A different number for the same quantity is a different
  claim (``same_claim`` false) that contradicts this one (stance ``denies``).
* **Stance** comes from a multinomial logistic regression (fitted by :mod:`claimdb.relate_fit`)
  over lexicon hits, word n-grams of the text, negation and number agreement and the similarity.
  Texts whose similarity is below a lower "related" threshold are ``unrelated``.
"""

from __future__ import annotations

import gzip
import json
import math
import os
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .errors import ModelError
from .text import NEGATIONS, STOPWORDS, Quantity, has_negation, names, quantities, term, words

MODEL_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "relate-model.json.gz")
FORMAT = 1
STANCES = ("asserts", "denies", "reports")
GRAM = 4
#: texts of at most this many content words are claim-sized: names and numbers must agree (see checks_apply)
CLAIM_SIZE = 20

#: words that say a claim is false (and, as "refuting" cues go, "doubt" and "despite")
REFUTE = frozenset(
    """false fake fakes faked hoax hoaxes hoaxer hoaxers debunk debunks debunked debunking deny denies denied
    denying denial refute refutes refuted rebut rebuts rebutted dismiss dismisses dismissed reject rejects
    rejected untrue myth myths bogus lie lies lied lying liar fabricated fabrication fabricates made-up
    satire satirical parody prank pranks pranked photoshopped photoshop doctored misleading baseless
    unfounded nonsense scam fraud nope wrong retract retracts retracted retraction backtracks disprove
    disproved disproves fiction fictional alive contradict contradicts phony doubt doubts doubted
    despite misinformation trolled troll trolls bullshit bs debunker rebuff rebuffs rebuffed rubbish
    exaggerated exaggerates inaccurate fooled""".split()
)
#: word pairs (adjacent, or with one word between) that say a claim is false or unsupported
REFUTE_PHRASES = frozenset(
    """not true|no evidence|no proof|not real|n't true|no truth|n't happen|did n't|does n't|has n't|
    is n't|was n't|were n't|are n't|have n't|pants fire|cast doubt|casts doubt|shoots down|shot down|
    made up|no sign|never happened|not dead|is safe|is alive|still alive|not so|set record|not behind
    never was|no such|not confirmed|not real|probably not|n't real|record straight|put rest""".replace(
        "\n", ""
    ).split("|")
)
#: refuting words and phrases that, over most of a claim's words, say it is false (a subset of
#: REFUTE without the stance cues "despite", "doubt", "alive" or a bare "didn't")
CONTRARY = frozenset(
    """false fake hoax hoaxes debunk debunks debunked deny denies denied denial refute refutes refuted
    rebut rebuts rebutted reject rejects rejected untrue myth bogus lie lies lied lying liar fabricated
    fabrication misleading baseless unfounded nonsense wrong phony rubbish inaccurate exaggerated
    misinformation disprove disproved disproves contradict contradicts""".split()
) | frozenset(("no evidence", "no proof", "not true", "n't true", "no truth"))
#: words that hedge or attribute a claim without endorsing it (Ferreira & Vlachos's hedges and more)
HEDGE = frozenset(
    """reportedly allegedly alleged alleges allege report reports reported claims claim claimed claiming
    rumored rumoured may might could possibly perhaps apparently supposedly purportedly seemingly appears
    appear seems seem suggests suggest suggested believed believes thought likely unlikely unconfirmed
    unverified speculation speculate speculates speculated expected expects predicts predicted predict
    forecast forecasts tipped considering mulls weighs eyes hints hinted whether if would possible
    potential potentially maybe rumour rumours rumor rumors says said say tells told according sources
    source insider insiders analyst analysts leaked leak leaks purported probably presumably evidently
    somewhat suspect suspected suspects accused accuses accusing investigate investigating investigation
    probe probing mystery unclear question questions wonder wonders speculating plans planning planned
    considers mulling tipster whispers chatter buzz viral story stories emerge emerges surfaced
    sees purports insists insist discussions talks rethinking feared fears warned official
    officials""".split()
)
#: words that present a claim as established
AFFIRM = frozenset(
    """confirms confirmed confirm officially proof proves proved proven reveals revealed shows
    show showing finally indeed yes truth true definitely video footage photos pictures caught watch
    here's now it's really actually fact facts evidence identified dies dead killed arrested""".split()
)
ATTRIBUTION = frozenset("says said say tells told claims claimed according report reports sources".split())
#: verbs of saying: a claim that contains one is itself about what someone said
SPEECH = frozenset(
    """says said say tells told claims claimed claim claiming insists insist reveals revealed admits
    admitted announces announced""".split()
)
#: modal verbs: a claim that contains one (or a hedge) is itself tentative
MODALS = frozenset("may might could would should can will".split())
QUESTION_WORDS = frozenset(
    "is are was were did does do can could will would has have should who what why how".split()
)


@dataclass(frozen=True, slots=True)
class Relation:
    """How ``text`` relates to ``claim``."""

    stance: str  # "asserts" | "denies" | "reports" | "unrelated": stance of `text` toward `claim`
    same_claim: bool  # whether both are about the same claim (paraphrase / same proposition)
    score: float  # confidence in [0, 1] of the chosen stance (or of "not the same claim" when unrelated)
    similarity: float  # the same-claim similarity in [0, 1]
    reasons: tuple[str, ...]  # short human-readable reasons
    #: why ``text`` contradicts ``claim``, for texts close enough to be about the same thing:
    #: "numbers" (another number for the same quantity), "negation" (it repeats most of the claim
    #: and negates one of its words) or "refuted" (a refuting word over most of the claim's
    #: words); "" when nothing says so
    contrary: str = ""
    #: share of the claim's content words that the text repeats
    cover: float = 0.0


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the comparison needs from one text; computed once per text (see :func:`analyse`)."""

    text: str
    tokens: tuple[str, ...]
    stems: tuple[str, ...]  # stem of each token, "" for stopwords and negations
    terms: Mapping[str, int]  # stemmed content word -> count
    grams: Mapping[str, int]  # character n-grams of the content words -> count
    gram_norm: float
    quantities: tuple[Quantity, ...]
    names: frozenset[str]
    prefixes: frozenset[str]  # first four letters of every content word, for matching names loosely
    negated: bool


@lru_cache(maxsize=8192)
def analyse(text: str) -> Analysis:
    """Tokens, terms, character n-grams, numbers and names of one text (cached: the linker reuses them)."""
    tokens = tuple(words(text))
    stems = tuple(term(t) if t not in STOPWORDS and t not in NEGATIONS and t != "n't" else "" for t in tokens)
    terms = Counter(s for s in stems if s)
    grams: Counter[str] = Counter()
    for key in terms:
        padded = f" {key} "
        grams.update(padded[i : i + GRAM] for i in range(max(1, len(padded) - GRAM + 1)))
    norm = math.sqrt(sum(c * c for c in grams.values()))
    return Analysis(
        text=text,
        tokens=tokens,
        stems=stems,
        terms=terms,
        grams=grams,
        gram_norm=norm,
        quantities=tuple(quantities(list(tokens))),
        names=frozenset(names(text)),
        prefixes=frozenset(t[:4] for t in terms if len(t) >= 4),
        negated=has_negation(list(tokens)),
    )


def compute_idf(texts: list[str]) -> dict[str, float]:
    """Smoothed IDF of every term in ``texts``, in the form :meth:`Relater.relate` takes.

    The entry for ``""`` is the IDF of a term never seen, used for every term missing from the table.
    """
    df: Counter[str] = Counter()
    for text in texts:
        df.update(analyse(text).terms.keys())
    n = len(texts)
    table = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in sorted(df.items())}
    table[""] = math.log(n + 1) + 1.0
    return table


def word_cosine(a: Analysis, b: Analysis, idf: Mapping[str, float]) -> float:
    """Cosine of the sub-linear TF-IDF vectors of the two texts' content words."""
    unseen = idf.get("", 1.0)

    def vector(terms: Mapping[str, int]) -> dict[str, float]:
        return {t: (1.0 + math.log(c)) * idf.get(t, unseen) for t, c in terms.items()}

    va, vb = vector(a.terms), vector(b.terms)
    if not va or not vb:
        return 0.0
    dot = sum(w * vb.get(t, 0.0) for t, w in va.items())
    return dot / math.sqrt(sum(w * w for w in va.values()) * sum(w * w for w in vb.values()))


def char_cosine(a: Analysis, b: Analysis) -> float:
    """Cosine of the character n-gram counts of the two texts' content words."""
    if not a.gram_norm or not b.gram_norm:
        return 0.0
    small, large = (a.grams, b.grams) if len(a.grams) <= len(b.grams) else (b.grams, a.grams)
    dot = sum(c * large.get(g, 0) for g, c in small.items())
    return dot / (a.gram_norm * b.gram_norm)


def _show(q: Quantity) -> str:
    return q.shown


def compare_numbers(a: Analysis, b: Analysis) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Numbers for the same quantity (same scale or unit word) that agree, and that differ.

    Two values agree when they are within 5 % of each other ("15.4M" and "15 million").
    """
    agree: list[tuple[str, str]] = []
    differ: list[tuple[str, str]] = []
    keys = {k for q in a.quantities for k in q.keys} & {k for q in b.quantities for k in q.keys}
    for key in sorted(keys):
        qa = [q for q in a.quantities if key in q.keys]
        qb = [q for q in b.quantities if key in q.keys]
        pairs = [(x, y) for x in qa for y in qb]
        close = [(x, y) for x, y in pairs if abs(x.value - y.value) <= 0.05 * max(abs(x.value), abs(y.value))]
        if close:
            agree.append((_show(close[0][0]), _show(close[0][1])))
        else:
            differ.append((_show(qa[0]), _show(qb[0])))
    return agree, differ


def _names_in(a: Analysis, b: Analysis) -> bool:
    """Whether some name of ``a`` occurs in ``b`` (as a word, or a word with its first four letters)."""
    return any(n in b.terms or n[:4] in b.prefixes for n in a.names)


def _words_differ(a: Analysis, b: Analysis) -> bool:
    """Whether both texts have content words other than names and share none of them."""
    names = a.names | b.names
    mine = {t for t in a.terms if t not in names}
    theirs = {t for t in b.terms if t not in names}
    return bool(mine and theirs) and mine.isdisjoint(theirs)


def _negation_scope(negated: Analysis, other: Analysis) -> bool:
    """Whether a negation in ``negated`` comes right before (within three words) a word of ``other``."""
    return any(
        (t in NEGATIONS or t == "n't") and any(s in other.terms for s in negated.stems[i + 1 : i + 4])
        for i, t in enumerate(negated.tokens)
    )


def _negates_shared_word(negated: Analysis, other: Analysis) -> bool:
    """Whether the first content word after a negation in ``negated`` is a word of ``other``.

    Tighter than :func:`_negation_scope`: "not surrounded" negates "surrounded", while in "cannot
    allow Clinton to win" the negated word is "allow", not the shared name.
    """
    for i, t in enumerate(negated.tokens):
        if t in NEGATIONS or t == "n't":
            following = next((s for s in negated.stems[i + 1 : i + 4] if s), "")
            if following and following in other.terms:
                return True
    return False


#: in a text longer than a claim, a refuting word at most this many words after the last word it
#: shares with the claim still speaks of it ("X did Y, which is false"); further on, it speaks of
#: something else ("… Trump is a disgusting fraud. He started this … He had no proof of it. …").
#: A headline's refuting word speaks of its claim wherever it stands ("X? Nope, the story is fake")
REFUTE_REACH = 6


def _refutes_near(claim: Analysis, text: Analysis) -> bool:
    """Whether ``text`` has a refuting word or phrase of CONTRARY (one ``claim`` lacks) before, among
    or just after (REFUTE_REACH) the words it shares with ``claim``."""
    toks, stems = text.tokens, text.stems
    shared = [i for i, st in enumerate(stems) if st and st in claim.terms]
    if not shared:
        return False
    claim_toks, claim_keys = set(claim.tokens), {term(t) for t in claim.tokens}
    claim_phrases = {_phrase_key(p) for p in _phrases(claim.tokens)}
    last = shared[-1] + REFUTE_REACH
    words = any(t in CONTRARY and t not in claim_toks and term(t) not in claim_keys for t in toks[: last + 1])
    return words or any(
        i <= last and p in CONTRARY and _phrase_key(p) not in claim_phrases for i, p in _phrases_at(toks)
    )


def _phrases_at(tokens: tuple[str, ...]) -> list[tuple[int, str]]:
    """The refuting phrases of ``tokens`` (REFUTE_PHRASES), each with the index of its first word."""
    out = [(i, f"{x} {y}") for i, (x, y) in enumerate(zip(tokens, tokens[1:], strict=False))]
    # "pants on fire" -> "pants fire"
    out += [(i, f"{x} {z}") for i, (x, z) in enumerate(zip(tokens, tokens[2:], strict=False))]
    return [(i, p) for i, p in out if p in REFUTE_PHRASES]


def _phrases(tokens: tuple[str, ...]) -> list[str]:
    return [p for _, p in _phrases_at(tokens)]


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(term(w) for w in phrase.split())


@dataclass(frozen=True, slots=True)
class PairFeatures:
    """The stance model's features of one pair, and the facts reported as reasons."""

    features: dict[str, float]
    refute: list[str]
    hedge: list[str]
    numbers_agree: list[tuple[str, str]]
    numbers_differ: list[tuple[str, str]]
    negation_mismatch: bool
    negation_scope: bool  # the negation sits right before a word the other text shares
    names_differ: bool
    #: both have content words besides names, and they share none of them ("Chris Christie to
    #: resign" / "Chris Christie is a king"): sharing a name is not saying the same thing
    words_differ: bool
    cover: float  # share of the claim's content words found in the text
    precision: float  # share of the text's content words found in the claim


def pair_features(claim: Analysis, text: Analysis, similarity: float) -> PairFeatures:
    """Sparse features of ``text`` (and of how it differs from ``claim``) for the stance model.

    Word features are named ``w:`` (stem), ``b:`` (bigram) and ``new:`` (a word the claim lacks);
    the others are general (lexicon classes, negation, numbers, similarity, form of the headline).
    """
    f: dict[str, float] = {"bias": 1.0}
    toks = text.tokens
    claim_toks = set(claim.tokens)
    # a cue the claim has in another form ("shot down" / "shoots down") repeats the claim
    claim_keys = {term(t) for t in claim.tokens}
    claim_phrase_keys = {_phrase_key(p) for p in _phrases(claim.tokens)}

    def added(t: str, lexicon: frozenset[str]) -> bool:
        return t in lexicon and t not in claim_toks and term(t) not in claim_keys

    refute = [t for t in toks if added(t, REFUTE)]
    refute += [p for p in _phrases(toks) if _phrase_key(p) not in claim_phrase_keys]
    hedge = [t for t in toks if added(t, HEDGE)]
    affirm = [t for t in toks if added(t, AFFIRM)]
    for w, st in zip(toks, text.stems, strict=True):
        f[f"w:{st or w}"] = 1.0
        if w not in claim_toks:
            f[f"new:{w}"] = 1.0
    for x, y in zip(("<s>", *toks), (*toks, "</s>"), strict=True):
        f[f"b:{x} {y}"] = 1.0
    for name, hits in (("refute", refute), ("hedge", hedge), ("affirm", affirm)):
        if hits:
            f[name] = 1.0
            f[f"{name}:n"] = math.log1p(len(hits))
    if not hedge and not refute:
        f["plain"] = 1.0
    for name, lexicon in (("refute", REFUTE), ("hedge", HEDGE), ("affirm", AFFIRM)):
        if any(t in lexicon for t in toks[:2]):
            f[f"{name}:start"] = 1.0
    if any(added(t, ATTRIBUTION) for t in toks):
        f["attribution"] = 1.0
    for w in sorted({*hedge, *refute}):
        f[f"lex:{w}"] = 1.0  # each lexicon entry its own weight, penalised as a general feature
    for st in text.stems:
        if st and st not in claim.terms:
            f[f"ns:{st}"] = 1.0
    _frame_features(f, claim, text, added, bool(hedge))
    raw = text.text.strip()
    colon = raw.find(":")
    if colon > 0:
        f["colon:head" if len(raw[:colon].split()) <= 4 else "colon:tail"] = 1.0
    if "?" in raw:
        f["question"] = 1.0
    if toks and toks[0] in QUESTION_WORDS:
        f["question:start"] = 1.0
    if any(q in raw for q in '"\u201c\u201d') or " '" in raw:
        f["quoted"] = 1.0
    if "!" in raw:
        f["exclaim"] = 1.0
    mismatch = claim.negated != text.negated
    if mismatch:
        f["neg:text" if text.negated else "neg:claim"] = 1.0
    elif text.negated:
        f["neg:both"] = 1.0
    scope = (
        mismatch and _negation_scope(text, claim)
        if text.negated
        else mismatch and _negation_scope(claim, text)
    )
    if scope:
        f["neg:scope"] = 1.0
    agree, differ = compare_numbers(claim, text)
    if agree:
        f["num:agree"] = 1.0
    if differ:
        f["num:differ"] = 1.0
    names_differ = bool(claim.names and text.names) and not (_names_in(claim, text) or _names_in(text, claim))
    if names_differ:
        f["names:differ"] = 1.0
    words_differ = _words_differ(claim, text)
    shared = sum(1 for t in claim.terms if t in text.terms)
    cover = shared / max(1, len(claim.terms))
    precision = shared / max(1, len(text.terms))
    f["sim"] = similarity
    f["cover"] = cover
    # how much of the claim the text repeats matters differently for a plain, hedged or refuting text
    f["cover:plain" if "plain" in f else "cover:refute" if refute else "cover:hedge"] = cover
    f["precision"] = precision
    f["len"] = math.log1p(len(text.terms))
    f[f"sim:{min(5, int(similarity * 10))}"] = 1.0
    f[f"cover:{min(4, int(cover * 5))}"] = 1.0
    f[f"len:{min(4, len(text.terms) // 4)}"] = 1.0
    return PairFeatures(
        f, refute, hedge, agree, differ, mismatch, scope, names_differ, words_differ, cover, precision
    )


def _frame_features(
    f: dict[str, float],
    claim: Analysis,
    text: Analysis,
    added: Callable[[str, frozenset[str]], bool],
    hedged: bool,
) -> None:
    """Where the text's hedging, refuting and attributing words sit relative to the claim's words.

    * ``hedge@before`` / ``@inside`` / ``@after`` (and ``refute@...``): a hedge or refuting word
      the claim lacks, before the first word the text shares with the claim, between shared words,
      or after the last ("Report: X did Y" against "X did Y, reports say" against "X may do Y").
    * ``attr@before`` / ``attr@after``: an attribution word before or after the repeated claim.
    * ``src:claim`` / ``src:new``: whether one of the three words before an attribution word is a
      word of the claim ("Pope says" for a claim about the Pope; also "X did Y, police say") or none
      is ("Police say X did Y"). Only the nearest word was measured worse (0.789 against 0.793).
    * ``attr:then-claim``: at least half of what follows an attribution word repeats the claim.
    * ``claim:hedge`` / ``claim:speech``: the claim itself is tentative, or about what someone said,
      and their conjunctions with a hedged text: then "could" or "says" may just repeat the claim.
    """
    toks, stems = text.tokens, text.stems
    shared = [i for i, s in enumerate(stems) if s and s in claim.terms]
    if shared:
        lo, hi = shared[0], shared[-1]
        for name, lexicon in (("hedge", HEDGE), ("refute", REFUTE)):
            for i, t in enumerate(toks):
                if added(t, lexicon):
                    f[f"{name}@{'before' if i < lo else 'after' if i > hi else 'inside'}"] = 1.0
        if any(added(t, ATTRIBUTION) for t in toks[hi + 1 :]):
            f["attr@after"] = 1.0
        if any(added(t, ATTRIBUTION) for t in toks[:lo]):
            f["attr@before"] = 1.0
    for i, t in enumerate(toks):
        if added(t, ATTRIBUTION):
            before = [s for s in stems[max(0, i - 3) : i] if s]
            if before:
                f["src:claim" if any(s in claim.terms for s in before) else "src:new"] = 1.0
            after = [s for s in stems[i + 1 :] if s]
            if after and sum(s in claim.terms for s in after) >= max(1, len(after) // 2):
                f["attr:then-claim"] = 1.0
    if any(t in HEDGE or t in MODALS for t in claim.tokens):
        f["claim:hedge"] = 1.0
        if hedged:
            f["hedge*claimhedge"] = 1.0
    if any(t in SPEECH for t in claim.tokens):
        f["claim:speech"] = 1.0
        if hedged:
            f["hedge*claimspeech"] = 1.0


def softmax_scores(weights: Mapping[str, list[float]], features: Mapping[str, float]) -> list[float]:
    """Class probabilities of the stance model for one pair's features."""
    s = [0.0] * len(STANCES)
    for name, value in features.items():
        w = weights.get(name)
        if w is not None:
            for k in range(len(s)):
                s[k] += w[k] * value
    top = max(s)
    exp = [math.exp(v - top) for v in s]
    total = sum(exp)
    return [e / total for e in exp]


@dataclass(slots=True)
class Relater:
    """The fitted stance model, the IDF table and the thresholds: see the module docstring."""

    weights: dict[str, list[float]]
    idf: dict[str, float]
    mix: float  # weight of the word cosine in the similarity (the rest is the character cosine)
    same_threshold: float
    same_slope: float
    related_threshold: float
    #: log-odds added to the same-claim decision for claims retrieved from a database (see relate)
    link_bias: float = 0.0

    @classmethod
    def load(cls, path: str | None = None) -> Relater:
        """Read a model written by :meth:`save` (the packaged one by default)."""
        path = path or MODEL_PATH
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read the relate model {path}: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelError(f"{path}: relate model format {data.get('format')!r}, expected {FORMAT}")
        return cls(
            weights={k: [float(x) for x in v] for k, v in data["weights"].items()},
            idf={k: float(v) for k, v in data["idf"].items()},
            mix=float(data["mix"]),
            same_threshold=float(data["same_threshold"]),
            same_slope=float(data["same_slope"]),
            related_threshold=float(data["related_threshold"]),
            link_bias=float(data.get("link_bias", 0.0)),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "mix": self.mix,
            "same_threshold": round(self.same_threshold, 6),
            "same_slope": round(self.same_slope, 6),
            "related_threshold": round(self.related_threshold, 6),
            "link_bias": round(self.link_bias, 6),
            "idf": {k: round(v, 4) for k, v in sorted(self.idf.items())},
            "weights": {k: [round(x, 5) for x in v] for k, v in sorted(self.weights.items())},
        }

    def save(self, path: str) -> None:
        data = json.dumps(self.to_json(), separators=(",", ":"), sort_keys=True).encode("utf-8")
        # no timestamp or file name in the gzip header: the same model gives the same bytes
        with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as fh:
            fh.write(data)

    def similarity(self, a: Analysis, b: Analysis, idf: Mapping[str, float] | None = None) -> float:
        """The same-claim similarity of two analysed texts, in [0, 1]."""
        cos = word_cosine(a, b, self.idf if idf is None else idf)
        return min(1.0, max(0.0, self.mix * cos + (1.0 - self.mix) * char_cosine(a, b)))

    def same_probability(self, similarity: float, bias: float = 0.0) -> float:
        """Probability of the same claim at this similarity, before the name and number checks.

        Args:
            bias: log-odds added for a lower prior (see :meth:`relate`).
        """
        z = self.same_slope * (similarity - self.same_threshold) + bias
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def relate(
        self, claim: str, text: str, idf: Mapping[str, float] | None = None, *, same_bias: float = 0.0
    ) -> Relation:
        """The stance of ``text`` toward ``claim`` and whether both are about the same claim.

        Args:
            idf: term -> IDF, with terms as :func:`compute_idf` makes them and ``""`` for the IDF of
                terms missing from the table. Defaults to the table fitted with the model.
            same_bias: log-odds added to the same-claim probability. 0 for a pair put forward as
                possibly the same claim (ClaimMatch's prior, where the threshold was fitted);
                :attr:`link_bias` for a claim set against the nearest of thousands of stored claims,
                where most look-alikes are other claims about the same story.
        """
        a, b = analyse(claim), analyse(text)
        sim = self.similarity(a, b, idf)
        pf = pair_features(a, b, sim)
        reasons = _reasons(a, b, sim, pf)
        checked = checks_apply(a, b)
        p_same = self.same_probability(sim, same_bias)
        same = p_same >= 0.5 and (not checked or checks_agree(pf))
        if sim < self.related_threshold:
            return Relation("unrelated", False, round(1.0 - p_same, 4), round(sim, 4), reasons)
        probs = softmax_scores(self.weights, pf.features)
        best = max(range(len(STANCES)), key=lambda k: (probs[k], -k))
        stance, score = STANCES[best], probs[best]
        contrary_numbers = checked and bool(pf.numbers_differ) and not pf.numbers_agree
        negated_claim = pf.negation_scope and pf.cover >= 0.8 and pf.precision >= 0.6
        if stance == "asserts" and (contrary_numbers or negated_claim):
            # a plain statement of another number for the same quantity, or of the negated claim,
            # contradicts it; Emergent has too few of these for the model to learn them
            stance, score = "denies", 1.0 - probs[2]
            reasons += ("contradiction: " + ("numbers differ" if contrary_numbers else "negated claim"),)
        contrary = ""
        if p_same >= 0.5:
            if contrary_numbers and not pf.names_differ and pf.cover >= 0.5:
                contrary = "numbers"  # the same quantity of the same thing: not Trump's and Obama's ratings
            elif (
                pf.negation_mismatch
                and pf.cover >= 0.6
                and (_negates_shared_word(b, a) if b.negated else _negates_shared_word(a, b))
            ):
                contrary = "negation"
            elif (
                any(r in CONTRARY for r in pf.refute) and pf.cover >= 0.6 and (checked or _refutes_near(a, b))
            ):
                contrary = "refuted"
        return Relation(stance, same, round(score, 4), round(sim, 4), reasons, contrary, round(pf.cover, 4))


def checks_apply(a: Analysis, b: Analysis) -> bool:
    """Whether both texts are claim-sized, so that names and numbers must agree for the same claim.

    Longer texts (posts, paragraphs) name authors, outlets and bystanders and carry dates and other
    figures beside the claim, so a name or number one lacks says little about the claim itself.
    """
    return max(len(a.terms), len(b.terms)) <= CLAIM_SIZE


def checks_agree(pf: PairFeatures) -> bool:
    """Whether the numbers, names and words of two claim-sized texts allow them to be the same claim."""
    return not pf.numbers_differ and not pf.names_differ and not pf.words_differ


def _reasons(a: Analysis, b: Analysis, sim: float, pf: PairFeatures) -> tuple[str, ...]:
    reasons = [f"similarity: {sim:.2f}"]
    reasons += [f"refuting word: {r}" for r in pf.refute[:3]]
    reasons += [f"hedging word: {h}" for h in pf.hedge[:3]]
    if pf.negation_mismatch:
        reasons.append(f"negation only in the {'text' if b.negated else 'claim'}")
    reasons += [f"numbers differ: {x} vs {y}" for x, y in pf.numbers_differ]
    reasons += [f"numbers agree: {x} = {y}" for x, y in pf.numbers_agree]
    if pf.names_differ:
        reasons.append(f"names differ: {', '.join(sorted(a.names))} vs {', '.join(sorted(b.names))}")
    if pf.words_differ:
        reasons.append("no word shared but names")
    return tuple(reasons)


@lru_cache(maxsize=1)
def load_relater() -> Relater:
    """The packaged relate model, loaded once per process."""
    return Relater.load()
