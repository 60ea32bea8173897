"""What a cue could be reporting: the candidate content spans around one cue token.

The statistical model ranks these options; they follow the shapes content takes in news: a
clause or object of the cue, a quotation before, after or around it, the clause the cue
interrupts ("…, she said, …"), and the trimmed variants annotators prefer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .reader import Candidate, in_own_words, sentence_of, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .quotes import Quote
    from .reader import ClauseReader

#: children of a cue that are never its content
SKIP_DEPS = frozenset(
    {"punct", "nsubj", "aux", "auxpass", "neg", "det", "case", "cc", "prt", "mark", "csubj"}
)
#: children that can be trimmed at a semicolon, a dash or a non-restrictive relative clause
TRIMMED_DEPS = frozenset(
    {"ccomp", "dobj", "xcomp", "advcl", "nsubjpass", "csubjpass", "attr", "acomp", "oprd"}
)
#: children that do not take part in "everything the cue governs to its right"
NOT_RIGHT = frozenset({"punct", "prep", "advmod", "npadvmod", "cc"})
_TRIM_MARKS = frozenset({";", "\u2014", "--"})
#: children after a comma that end what the clause reports
_TAIL_DEPS = frozenset({"advcl", "conj", "cc"})


@dataclass(frozen=True, slots=True)
class ContentOption:
    """One possible content: its shape, absolute character spans and root token (if a subtree)."""

    kind: str
    spans: tuple[tuple[int, int], ...]
    root: int | None = None

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def _skip(tok: Token) -> bool:
    return tok.is_space or (tok.is_punct and tok.text in ",;:")


def _range(doc: Doc, first: int, last: int, base: int) -> tuple[int, int] | None:
    """Characters of tokens ``first..last`` (inclusive), without edge commas, colons or spaces."""
    while first <= last and _skip(doc[first]):
        first += 1
    while last >= first and _skip(doc[last]):
        last -= 1
    if first > last:
        return None
    return doc[first].idx + base, doc[last].idx + len(doc[last].text) + base


def _subtree(tok: Token, base: int) -> tuple[int, int] | None:
    # English parses are projective: a subtree is the run of tokens between its edges
    return _range(tok.doc, tok.left_edge.i, tok.right_edge.i, base)


def content_options(
    reader: ClauseReader, cue: Token, from_rules: Sequence[Candidate] = ()
) -> list[ContentOption]:
    """Every candidate content of ``cue``, rule findings first.

    The same span can appear under several kinds (a rule's finding and the child it came from):
    each kind is evidence the model weighs.
    """
    base = reader.base
    out: list[ContentOption] = []

    def add(kind: str, spans: Iterable[tuple[int, int] | None], root: Token | None = None) -> None:
        clean = tuple(s for s in spans if s is not None and s[1] > s[0])
        if clean:
            out.append(ContentOption(kind, clean, root.i if root is not None else None))

    for cand in from_rules:
        add("rule:" + cand.rule, cand.content)
    for child in cue.children:
        if child.dep_ in SKIP_DEPS:
            continue
        add("child:" + child.dep_, [_subtree(child, base)], child)
        if child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    add("pobj:" + child.lower_, [_subtree(obj, base)], obj)
        if child.dep_ in TRIMMED_DEPS:
            _trimmed(add, child, base)
    right = [c for c in cue.children if c.i > cue.i and c.dep_ not in NOT_RIGHT]
    if len(right) > 1:
        add(
            "right",
            [_range(cue.doc, min(c.left_edge.i for c in right), max(c.right_edge.i for c in right), base)],
        )
    head = cue.head
    if head.i != cue.i:  # Tokens are made anew on each access: compare indices
        first, last = head.left_edge.i, head.right_edge.i
        if cue.left_edge.i == first:  # the cue's clause opens the head's: the rest follows it
            first = cue.right_edge.i + 1
        elif cue.right_edge.i == last:
            last = cue.left_edge.i - 1
        add("head-minus:" + cue.dep_, [_range(cue.doc, first, last, base)], head)
    _quotations(add, reader, cue)
    return out


def _trimmed(add, child: Token, base: int) -> None:  # type: ignore[no-untyped-def]
    doc = child.doc
    first, last = child.left_edge.i, child.right_edge.i
    for i in range(child.i + 1, last + 1):
        tok = doc[i]
        relative = tok.dep_ == "relcl" and tok.left_edge.i > 0 and doc[tok.left_edge.i - 1].text == ","
        if tok.text in _TRIM_MARKS or relative:
            cut = tok.left_edge.i if relative else tok.i
            add("trim:" + child.dep_, [_range(doc, first, cut - 1, base)], child)
            break
    # what the clause adds after a comma ("he makes $41,000 a year, and questioned how…", "…, as
    # was the case on Tuesday", "…, while Republicans went after…") is often not what was said
    tail = next(
        (
            c
            for c in child.rights
            if c.dep_ in _TAIL_DEPS and c.left_edge.i > child.i + 1 and doc[c.left_edge.i - 1].text == ","
        ),
        None,
    )
    if tail is not None:
        add("tail:" + child.dep_, [_range(doc, first, tail.left_edge.i - 1, base)], child)
    if child.dep_ in ("dobj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
        if child.i < last:
            add("np:" + child.dep_, [_range(doc, first, child.i, base)], child)
        for prep in child.children:
            if prep.dep_ == "prep":
                for obj in prep.children:
                    if obj.dep_ in ("pobj", "pcomp"):
                        add("objpobj:" + prep.lower_, [_subtree(obj, base)], obj)


def _quotations(add, reader: ClauseReader, cue: Token) -> None:  # type: ignore[no-untyped-def]
    base = reader.base
    sent = sentence_of(cue)
    pos = cue.idx + base
    before = after = None
    seen = set()
    for q in reader.quotes.overlapping(sent.start_char + base, sent.end_char + base + 3):
        key = (q.inner_start, q.inner_end)
        if q.inner_end <= q.inner_start or key in seen:
            continue
        seen.add(key)
        where = "qafter" if q.open >= pos else ("qinside" if q.inner_end > pos else "qbefore")
        add(where, [key])
        if where == "qbefore":
            before = q
        elif where == "qafter" and after is None and not in_own_words(cue, q.inner_start - base):
            after = q
    if before is None and (before := _closed_just_before(reader, cue, sent)) is not None:
        add("qbefore", [(before.inner_start, before.inner_end)])
    if after is not None and after.open >= sent.end_char + base and reader.has_own_cue(after):
        after = None  # the next sentence's quotation leads in to a cue of its own (as in _continuation)
    if before is not None and after is not None:
        add("qsplit", [(before.inner_start, before.inner_end), (after.inner_start, after.inner_end)])


def _closed_just_before(reader: ClauseReader, cue: Token, sent: Span) -> Quote | None:
    """The quotation that the parser cut off from its cue's sentence: '"Who would have believed
    …?" Trump said' read as two sentences. It closes right before the sentence, which opens with
    the cue's own words."""
    base = reader.base
    start = sent.start_char + base
    text = text_of(cue.doc)
    first = sent[0]
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if not (first.i == cue.i or (subject is not None and first.i == subject.left_edge.i)):
        return None  # '… virtue." In one tweet, Trump said: "…"' opens with other words
    for q in reader.quotes.overlapping(start - 3, start):
        between = text[q.outer_end - base : start - base]
        last = text[q.inner_start - base : q.inner_end - base].rstrip(_INNER_CLOSE)[-1:]
        if q.outer_end <= start and not between.strip() and last in _LEAD_ENDS:
            return q
    return None


#: how a quotation ends that leads in to its cue: '"…," she said', '"…?" she asked'
_LEAD_ENDS = frozenset(",?!\u2014\u2013-")
#: what may close a quotation inside it, before its own closing mark: "'… Manhattan poor,' ''"
_INNER_CLOSE = " '\u2019"
