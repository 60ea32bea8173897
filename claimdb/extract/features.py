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

from .options import ContentOption

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CUE_POS = frozenset({"VERB", "NOUN", "AUX", "ADJ", "PROPN"})
CUE_WORDS = frozenset({"according", ":", "\u2015", "\u2014"})
#: cue features that are also crossed with each option's shape
KEY_PREFIXES = ("l=", "d=", "cd=", "rule=", "inq=", "that=", "se=", "sl=", "neg=", "nosubj", "norule")
_NEXT_PUNCT = frozenset({":", ","})
_QUOTE_BEFORE = frozenset({'"', "\u201d", ",", "''"})


def is_cue_candidate(tok: Token) -> bool:
    return tok.pos_ in CUE_POS or tok.lower_ in CUE_WORDS


def cue_features(tok: Token, in_quote: bool, rules: Sequence[str]) -> list[str]:
    """What the cue token itself looks like (shared by all its content options)."""
    lem = tok.lemma_.lower()
    f = [f"rule={r}" for r in rules] + [f"lrule={lem}|{r}" for r in rules]
    if not rules:
        f.append("norule")
    head = tok.head
    f += [
        f"l={lem}",
        f"p={tok.pos_}",
        f"t={tok.tag_}",
        f"d={tok.dep_}",
        f"ld={lem}|{tok.dep_}",
        f"lt={lem}|{tok.tag_}",
        f"hl={head.lemma_.lower()}",
        f"hd={tok.dep_}|{head.pos_}",
        f"dhl={tok.dep_}|{head.lemma_.lower()}",
    ]
    deps = sorted({c.dep_ for c in tok.children if c.dep_ != "punct"})
    f.append("cd=" + ",".join(deps))
    for dep in deps:
        f.append(f"c={dep}")
        f.append(f"lc={lem}|{dep}")
    that = any(
        g.dep_ == "mark" and g.lower_ in ("that", "whether", "if")
        for c in tok.children
        if c.dep_ in ("ccomp", "acl", "advcl")
        for g in c.children
    )
    f += [f"that={that}", f"lthat={lem}|{that}"]
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None:
        kind = subj.ent_type_ or "-"
        f += [f"sp={subj.pos_}", f"se={kind}", f"lse={lem}|{subj.ent_type_ or subj.pos_}"]
        if subj.pos_ == "PRON":
            f.append(f"sl={subj.lower_}")
    else:
        f += ["nosubj", f"lnosubj={lem}"]
    f.append(f"neg={any(c.dep_ == 'neg' for c in tok.children)}")
    f += [f"inq={in_quote}", f"linq={lem}|{in_quote}"]
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    pw = prev.lower_ if prev is not None else "<s>"
    nw = nxt.lower_ if nxt is not None else "</s>"
    f += [f"pw={pw}", f"nw={nw}", f"lnw={lem}|{nw}", f"lpw={lem}|{pw}"]
    if prev is not None and prev.text in _QUOTE_BEFORE:
        f += ["afterquote", f"lafterq={lem}"]
    if nxt is not None and nxt.text in _NEXT_PUNCT:
        f.append(f"nextpunct={nxt.text}|{lem}")
    f.append(f"sentpos={min(tok.i - tok.sent.start, 5)}")
    return f


def option_features(
    tok: Token,
    option: ContentOption,
    key: Sequence[str],
    base: int,
    rule_spans: frozenset[tuple[tuple[int, int], ...]],
) -> list[str]:
    """How one content option relates to its cue."""
    lem = tok.lemma_.lower()
    kind = option.kind
    shape = kind.split(":", 1)[0]
    f = [f"k={kind}", f"lk={lem}|{kind}", f"pk={tok.pos_}|{kind}", f"dk={tok.dep_}|{kind}"]
    if option.spans in rule_spans:
        f += ["asrule", f"asrule|{kind}"]
    f.append(f"len={kind}|{min((option.end - option.start) // 20, 10)}")
    pos = tok.idx + base
    dist = option.start - pos if option.start > pos else pos - option.end
    f.append(f"dist={kind}|{min(max(dist, 0) // 10, 8)}")
    if option.root is not None:
        root = tok.doc[option.root]
        f += [
            f"rp={kind}|{root.pos_}",
            f"rt={kind}|{root.tag_}",
            f"rm={kind}|{any(c.dep_ == 'mark' for c in root.children)}",
        ]
    f += [f"X:{shape}|{k}" for k in key]
    return f


def key_features(cue: Sequence[str]) -> list[str]:
    return [x for x in cue if x.startswith(KEY_PREFIXES)]


def token_starts(doc: Doc, base: int) -> list[int]:
    """Absolute start of every token, for :func:`dense_rows` (computed once per Doc)."""
    return [t.idx + base for t in doc]


def dense_rows(
    tok: Token, options: Sequence[ContentOption], tensor: np.ndarray, starts: list[int]
) -> np.ndarray:
    """One row per option: token vectors of the cue, its head, the option's root and last token."""
    width = tensor.shape[1]
    rows = np.zeros((len(options), 4 * width), dtype=np.float32)
    cue_vec, head_vec = tensor[tok.i], tensor[tok.head.i]
    for n, option in enumerate(options):
        first = _token_at(starts, option.start)
        last = _token_at(starts, option.end - 1)
        root = option.root if option.root is not None else first
        rows[n, :width] = cue_vec
        rows[n, width : 2 * width] = head_vec
        if root is not None:
            rows[n, 2 * width : 3 * width] = tensor[root]
        if last is not None:
            rows[n, 3 * width :] = tensor[last]
    return rows


def _token_at(starts: list[int], pos: int) -> int | None:
    """Index of the token covering character ``pos`` (tokens are contiguous enough for this)."""
    import bisect

    i = bisect.bisect_right(starts, pos) - 1
    return i if 0 <= i < len(starts) else None
