"""Features the statistical attribution model reads: sparse strings and the parser's token vectors.

A cue candidate is any verb, noun, adjective or proper noun, "according" or a colon or dash.
Its features describe the word and its syntactic frame; each content option adds its shape and
how it sits against the cue; the dense part is the pipeline's own token vectors (``doc.tensor``)
of the cue, its head and the option's root and last token.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .lexicon import CUE_WORDS
from .options import ContentOption
from .reader import sentence_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CUE_POS = frozenset({"VERB", "NOUN", "AUX", "ADJ", "PROPN"})
#: cue features that are also crossed with each option's shape
KEY_PREFIXES = ("l=", "d=", "cd=", "rule=", "inq=", "that=", "se=", "sl=", "neg=", "nosubj", "norule")
_NEXT_PUNCT = frozenset({":", ","})
_QUOTE_BEFORE = frozenset({'"', "\u201d", ",", "''"})


def is_cue_candidate(tok: Token) -> bool:
    return tok.pos_ in CUE_POS or tok.lower_ in CUE_WORDS


def cue_frame(tok: Token, rules: Sequence[str]) -> tuple[list[str], list[str]]:
    """The cheap part of :func:`cue_features`: the word, its tags, its head and its neighbours.

    No child of the cue is read, so this is enough to rule most candidates out early (see
    :data:`claimdb.extract.learned.PREGATE`). Returns the features that open the full list and
    those of the neighbouring words, which come later in it (after those of :func:`cue_rest`).
    """
    lem = tok.lemma_.lower()
    dep = tok.dep_
    head = tok.head
    head_lem = head.lemma_.lower()
    f = [f"rule={r}" for r in rules] + [f"lrule={lem}|{r}" for r in rules]
    if not rules:
        f.append("norule")
    f += [
        f"l={lem}",
        f"p={tok.pos_}",
        f"t={tok.tag_}",
        f"d={dep}",
        f"ld={lem}|{dep}",
        f"lt={lem}|{tok.tag_}",
        f"hl={head_lem}",
        f"hd={dep}|{head.pos_}",
        f"dhl={dep}|{head_lem}",
    ]
    doc = tok.doc
    pw = doc[tok.i - 1].lower_ if tok.i > 0 else "<s>"
    nw = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "</s>"
    return f, [f"pw={pw}", f"nw={nw}", f"lnw={lem}|{nw}", f"lpw={lem}|{pw}"]


def cue_features(tok: Token, in_quote: bool, rules: Sequence[str]) -> list[str]:
    """What the cue token itself looks like (shared by all its content options)."""
    return joined(cue_frame(tok, rules), cue_rest(tok, in_quote))


def joined(frame: tuple[list[str], list[str]], rest: tuple[list[str], list[str]]) -> list[str]:
    """:func:`cue_frame` and :func:`cue_rest` as one list, in the order training reads them."""
    return frame[0] + rest[0] + frame[1] + rest[1]


def cue_rest(tok: Token, in_quote: bool) -> tuple[list[str], list[str]]:
    """The rest of :func:`cue_features` after :func:`cue_frame`: the cue's children, whether it
    stands in a quotation, and the punctuation around it. Returns the features that come before
    the frame's neighbouring words in the full list, and those after them."""
    lem = tok.lemma_.lower()
    children = [(c, c.dep_) for c in tok.children]  # each property read costs a string lookup
    deps = sorted({d for _, d in children if d != "punct"})
    f = ["cd=" + ",".join(deps)]
    for d in deps:
        f.append(f"c={d}")
        f.append(f"lc={lem}|{d}")
    that = any(
        g.dep_ == "mark" and g.lower_ in ("that", "whether", "if")
        for c, d in children
        if d in ("ccomp", "acl", "advcl")
        for g in c.children
    )
    f += [f"that={that}", f"lthat={lem}|{that}"]
    subj = next((c for c, d in children if d in ("nsubj", "nsubjpass")), None)
    if subj is not None:
        subj_pos, subj_ent = subj.pos_, subj.ent_type_
        f += [f"sp={subj_pos}", f"se={subj_ent or '-'}", f"lse={lem}|{subj_ent or subj_pos}"]
        if subj_pos == "PRON":
            f.append(f"sl={subj.lower_}")
    else:
        f += ["nosubj", f"lnosubj={lem}"]
    f.append(f"neg={any(d == 'neg' for _, d in children)}")
    f += [f"inq={in_quote}", f"linq={lem}|{in_quote}"]
    closing = []
    doc = tok.doc
    if tok.i > 0 and doc[tok.i - 1].text in _QUOTE_BEFORE:
        closing += ["afterquote", f"lafterq={lem}"]
    if tok.i + 1 < len(doc) and (nxt := doc[tok.i + 1].text) in _NEXT_PUNCT:
        closing.append(f"nextpunct={nxt}|{lem}")
    closing.append(f"sentpos={min(tok.i - sentence_of(tok).start, 5)}")
    return f, closing


def option_features(
    tok: Token,
    options: Sequence[ContentOption],
    key: Sequence[str],
    base: int,
    rule_spans: frozenset[tuple[tuple[int, int], ...]],
) -> list[list[str]]:
    """How each content option of one cue relates to the cue.

    The features an option shares with the cue's other options of the same kind (its kind crossed
    with the cue's word, tags and :func:`key_features`) are made once per kind.
    """
    lem = tok.lemma_.lower()
    pos, dep = tok.pos_, tok.dep_
    at = tok.idx + base
    doc = tok.doc
    by_kind: dict[str, list[str]] = {}
    out = []
    for option in options:
        kind = option.kind
        shared = by_kind.get(kind)
        if shared is None:
            shape = kind.split(":", 1)[0]
            shared = by_kind[kind] = [f"k={kind}", f"lk={lem}|{kind}", f"pk={pos}|{kind}", f"dk={dep}|{kind}"]
            shared += [f"X:{shape}|{k}" for k in key]
        f = shared[:4]
        if option.spans in rule_spans:
            f += ["asrule", f"asrule|{kind}"]
        f.append(f"len={kind}|{min((option.end - option.start) // 20, 10)}")
        dist = option.start - at if option.start > at else at - option.end
        f.append(f"dist={kind}|{min(max(dist, 0) // 10, 8)}")
        if option.root is not None:
            root = doc[option.root]
            f += [
                f"rp={kind}|{root.pos_}",
                f"rt={kind}|{root.tag_}",
                f"rm={kind}|{any(c.dep_ == 'mark' for c in root.children)}",
            ]
        f += shared[4:]
        out.append(f)
    return out


def key_features(cue: Sequence[str]) -> list[str]:
    return [x for x in cue if x.startswith(KEY_PREFIXES)]


def token_starts(doc: Doc, base: int) -> list[int]:
    """Absolute start of every token, for :func:`dense_rows` (computed once per Doc)."""
    from spacy.attrs import IDX  # noqa: TID253 - called only on parsed Docs

    return [int(i) + base for i in doc.to_array([IDX]).ravel().tolist()]


#: tokens whose vectors the model reads per option (see :func:`dense_index`)
TOKENS = 6
#: vectors per option: those tokens', and the mean of the option's own tokens
SLOTS = TOKENS + 1


def dense_index(tok: Token, options: Sequence[ContentOption], starts: list[int]) -> list[tuple[int, ...]]:
    """For each option, the tokens whose vectors the model reads: the cue, its head, the option's
    root, its last token, and the tokens just outside it on either side (-1 where there is none);
    then the option's first and last token, between which the model reads the mean vector
    (-1 and -1 for none).

    The two outside tokens say whether the option stops where a clause stops: on PolNeAR dev they
    raise content-overlap F1 by about 0.006 over the four inside ones (two training seeds). The
    mean says what the option is about, which no single token of it does.
    """
    out: list[tuple[int, ...]] = []
    cue, head = tok.i, tok.head.i
    n = len(starts)
    for option in options:
        first = _token_at(starts, option.start)
        last = _token_at(starts, option.end - 1)
        root = option.root if option.root is not None else first
        before = -1 if first is None or first == 0 else first - 1
        after = -1 if last is None or last + 1 >= n else last + 1
        tokens = (cue, head, -1 if root is None else root, -1 if last is None else last, before, after)
        span = (first, last) if first is not None and last is not None and first <= last else (-1, -1)
        out.append(tokens + span)
    return out


def dense_rows(
    tok: Token, options: Sequence[ContentOption], tensor: np.ndarray, starts: list[int]
) -> np.ndarray:
    """One row per option of one cue: the vectors :func:`dense_index` names (:func:`option_rows`)."""
    index = np.asarray(dense_index(tok, options, starts), dtype=np.intp).reshape(-1, TOKENS + 2)
    return option_rows(tensor, index)


def option_rows(tensor: np.ndarray, index: np.ndarray) -> np.ndarray:
    """The hidden layer's input for each row of ``index`` (as :func:`dense_index` gives them): the
    vectors of its TOKENS tokens side by side (zeros for -1), then the mean vector of its span
    (zeros for none). Training and the extractor both build their rows here, so they cannot differ.
    """
    width = tensor.shape[1]
    padded = np.concatenate([tensor, np.zeros((1, width), dtype=tensor.dtype)])
    rows = np.zeros((len(index), SLOTS * width), dtype=np.float32)
    rows[:, : TOKENS * width] = padded[index[:, :TOKENS]].reshape(len(index), TOKENS * width)  # -1: zeros
    first, size = index[:, TOKENS], index[:, TOKENS + 1] - index[:, TOKENS] + 1
    for n in np.unique(size[first >= 0]).tolist():  # spans of one length at a time, in one gather
        alike = np.flatnonzero((size == n) & (first >= 0))
        rows[alike, TOKENS * width :] = tensor[first[alike, None] + np.arange(n)].mean(axis=1)
    return rows


def _token_at(starts: list[int], pos: int) -> int | None:
    """Index of the token covering character ``pos`` (tokens are contiguous enough for this)."""
    import bisect

    i = bisect.bisect_right(starts, pos) - 1
    return i if 0 <= i < len(starts) else None
