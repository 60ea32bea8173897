"""Shared machinery for reading attributions out of a parsed ``Doc``.

Offsets here are absolute (into the article); a ``Doc`` may be one paragraph starting at ``base``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from itertools import takewhile
from typing import TYPE_CHECKING

from .lexicon import CUE_VERBS, CUE_WORDS, DASHES
from .quotes import QUOTE_MARKS, Quote, QuoteIndex
from .types import Kind, Stance

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Doc, Span, Token

INHERITS_SUBJECT = frozenset({"advcl", "conj", "xcomp", "acl", "pcomp", "acomp"})
#: tags of a clause hung on a noun whose noun does the verb ("people saying…"), unlike a passive
#: participle ("a report released…") or an infinitive ("a decision to say…")
ACTIVE_ACL = frozenset({"VBG", "VBD", "VBZ", "VBP"})
#: verbs whose subject only seems: "he seems to have a different set of rules" has no speaker (on
#: PolNeAR train, 165 of 205 such attributions have no source)
SEEM_VERBS = frozenset({"seem", "appear"})
#: verbs whose subject "it" is a placeholder for a clause, never a speaker
EXPLETIVE_VERBS = frozenset({"be", "appear", "seem", "remain", "become"})
DATELINE_DASHES = DASHES | {"-"}
EDGE_PUNCT = frozenset(",;:-\u2014\u2013") | QUOTE_MARKS
NEGATIONS = frozenset({"not", "n't", "never", "no"})


class Sentences:
    """The sentences of one Doc, indexed by token.

    ``token.sent`` walks the Doc's sentences from the start on every call; the rules ask for the
    sentence of many tokens, so they look it up here instead (built once per Doc and cached in
    ``doc.user_data``).
    """

    KEY = "claimdb.sentences"
    #: where the parser's caller leaves the text it gave the parser (see :meth:`remember_text`)
    TEXT_KEY = "claimdb.text"

    def __init__(self, doc: Doc) -> None:
        #: ``doc.text`` joins every token on each access: read it once, or take the text parsed
        self.text: str = doc.user_data.get(self.TEXT_KEY) or doc.text
        self.spans = list(doc.sents)
        #: (index, lemma id, lowercase word id, dependency label id) of every token that may be a cue
        self.cues = _cue_rows(doc)
        self.index: list[int] = []
        for n, sent in enumerate(self.spans):  # the sentences cover the Doc, in order
            self.index += [n] * (sent.end - sent.start)

    @classmethod
    def remember_text(cls, doc: Doc, text: str) -> None:
        """Keep the text ``doc`` was parsed from (``doc.text`` is that text, made again from the
        tokens on each access)."""
        doc.user_data[cls.TEXT_KEY] = text

    def of(self, tok: Token) -> Span:
        return self.spans[self.index[tok.i]]

    @classmethod
    def of_doc(cls, doc: Doc) -> Sentences:
        found = doc.user_data.get(cls.KEY)
        if not isinstance(found, cls):
            found = cls(doc)
            doc.user_data[cls.KEY] = found
        return found


def _cue_rows(doc: Doc) -> list[tuple[int, int, int, int]]:
    """Tokens any rule or the model may take for a cue, found from the Doc's arrays, with the
    columns the rules and the model filter them by next (lemma, lowercase word, dependency label).

    Making a ``Token`` object costs more than anything the rules then do with most of them, so
    the candidates (verbs, nouns, adjectives, proper nouns, "according", colons and dashes) are
    picked from the part-of-speech and word columns first.
    """
    from spacy.attrs import DEP, LEMMA, LOWER, POS, TAG  # noqa: TID253 - called only on parsed Docs
    from spacy.symbols import ADJ, AUX, NOUN, PROPN, VERB  # noqa: TID253

    words, verb_tags = _cue_ids()
    pos = {ADJ, AUX, NOUN, PROPN, VERB}
    table = doc.to_array([POS, LOWER, TAG, LEMMA, DEP]).tolist()
    return [
        (i, lemma, low, dep)
        for i, (p, low, tag, lemma, dep) in enumerate(table)
        if p in pos or low in words or tag in verb_tags
    ]


@cache
def _cue_ids() -> tuple[frozenset[int], frozenset[int]]:
    """The string ids of the cue words and of the verb tags (ids are hashes, the same in every Vocab)."""
    from spacy.strings import hash_string  # type: ignore[attr-defined]  # noqa: TID253

    verb_tags = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
    return frozenset(map(hash_string, CUE_WORDS)), frozenset(map(hash_string, verb_tags))


class LemmaSet:
    """A set of lowercase lemmas asked by lemma id, as ``doc.to_array([LEMMA])`` gives them.

    The answer for each id is cached: ids are hashes of the strings, the same in every Vocab.
    """

    __slots__ = ("words", "_ids")

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words
        self._ids: dict[int, bool] = {}

    def has(self, lemma: int, strings: StringStore) -> bool:
        found = self._ids.get(lemma)
        if found is None:
            found = self._ids[lemma] = strings[lemma].lower() in self.words
        return found


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per Doc."""
    return Sentences.of_doc(doc).text


def sentence_of(tok: Token) -> Span:
    """The sentence holding ``tok`` (cached per Doc; see :class:`Sentences`)."""
    return Sentences.of_doc(tok.doc).of(tok)


@dataclass(slots=True)
class Candidate:
    """An attribution found in one sentence, before its speaker is resolved."""

    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    stance: Stance
    rule: str
    confidence: float
    sentence: tuple[int, int]
    kind: Kind = Kind.INDIRECT
    #: token (index into its Doc) whose referent is the speaker: the subject, or for "who said"
    #: the noun the relative clause hangs on
    source_token: int | None = None
    #: head token of the source mention as written ("who", "the minister", "he")
    source_head: int | None = None
    #: token (index into its Doc) of the cue, or of the content when there is no cue
    cue_token: int = 0
    #: the cue is negated ("did not say"): reported, but asserting nothing
    negated: bool = False


def span_chars(tokens: Iterable[Token]) -> tuple[int, int] | None:
    toks = sorted(tokens, key=lambda t: t.i)
    while toks and (toks[0].is_punct and toks[0].text in EDGE_PUNCT or toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].is_punct and toks[-1].text in EDGE_PUNCT or toks[-1].is_space):
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _cue_chars(tokens: list[Token]) -> tuple[int, int] | None:
    """The characters of a cue: its words, or the mark itself when it is only a colon or a dash."""
    span = span_chars(tokens)
    if span is None and tokens and not tokens[0].is_space:
        return tokens[0].idx, tokens[0].idx + len(tokens[0].text)
    return span


def _after_mark(text: str, base: int, span: tuple[int, int], mark: tuple[int, int]) -> tuple[int, int]:
    """The part of ``span`` after ``mark`` when the mark stands inside it (``text`` starts at
    article offset ``base``)."""
    start, end = span
    if not start < mark[0] < mark[1] < end:
        return span
    start = mark[1]
    while start < end and text[start - base].isspace():
        start += 1
    return start, end


def _contiguous(tokens: list[Token]) -> list[list[Token]]:
    """Split tokens (sorted) into runs of consecutive indices."""
    runs: list[list[Token]] = []
    for tok in sorted(tokens, key=lambda t: t.i):
        if runs and runs[-1][-1].i + 1 == tok.i:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


#: the cue's own phrases after it: where, when and to whom it was said, and who said it
OWN_PHRASES = frozenset({"prep", "npadvmod", "nsubj", "agent"})


def in_own_words(cue: Token, at: int) -> bool:
    """Whether character ``at`` of the Doc lies in a phrase after the cue that belongs to the cue
    itself, such as a title in quotation marks ('"…," he said on Fox News's "Fox and Friends."
    "…"'), and so is no part of a quotation split by the cue."""
    for child in cue.children:
        if child.i > cue.i and child.dep_ in OWN_PHRASES:
            first, last = child.left_edge, child.right_edge
            if first.idx <= at < last.idx + len(last.text):
                return True
    return False


#: a line break that ends a line of its own: the next line does not go on in lower case
_HARD_BREAK = re.compile(r"[ \t\u00a0]*\n\s*(?=[^\sa-z]|\Z)")


def _on_cue_line(text: str, base: int, span: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
    """The part of a content on the cue's side of any line break in it: no content runs over a
    headline or from one paragraph into the next ("Michael Mulgrew … said he hopes …" then a
    new line '"Let's get back to …," said Mulgrew'). ``text`` starts at article offset ``base``."""
    start, end = span
    breaks = list(_HARD_BREAK.finditer(text, start - base, end - base))
    if not breaks or start < cue[1] and cue[0] < end:
        return span
    if end <= cue[0]:  # before the cue: what follows the last break
        return breaks[-1].end() + base, end
    if start >= cue[1]:  # after it: up to the first break, without the line's closing ";"
        cut = breaks[0].start()
        while cut > start - base and text[cut - 1] in " ;,:":
            cut -= 1
        return start, cut + base
    return span


def _line_between(text: str, base: int, span: tuple[int, int], cue: tuple[int, int]) -> bool:
    """Whether a line break stands between ``span`` and the cue (``text`` starts at ``base``)."""
    start, end = (span[1], cue[0]) if span[1] <= cue[0] else (cue[1], span[0])
    return start < end and _HARD_BREAK.search(text, start - base, end - base) is not None


def _bare_manner(cue: Token, child: Token) -> bool:
    """Whether ``child`` is a bare word of manner after the cue that reports nothing of its own:
    '"…," she said, clapping. "…"' goes on with the same quotation."""
    return (
        child.dep_ in ("advcl", "xcomp")
        and child.i > cue.i
        and child.lemma_.lower() not in CUE_VERBS
        and all(c.dep_ in ("punct", "advmod", "prt") for c in child.children)
    )


def _bridge_negations(runs: list[list[Token]]) -> list[list[Token]]:
    """Join runs of content split by a negation the parse hung elsewhere: in the headline "Clinton
    Says Trump's Bigotry Doesn't 'Fit With …'" the "n't" belongs to "Says", and without it the
    content would say the opposite. Only gaps of negations and punctuation are bridged."""
    out: list[list[Token]] = []
    for run in runs:
        if out:
            gap = list(run[0].doc[out[-1][-1].i + 1 : run[0].i])
            # "n't" is sometimes tagged as punctuation: every word of the gap is read as text
            negation = [t.lower_.replace("\u2019", "'") in NEGATIONS for t in gap]
            rest_is_punct = all(neg or t.is_punct or t.is_space for t, neg in zip(gap, negation, strict=True))
            if any(negation) and rest_is_punct:
                out[-1] = [*out[-1], *gap, *run]
                continue
        out.append(run)
    return out


def is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATIONS) for c in verb.children)


def _subject(verb: Token, foreign: Callable[[Token], bool]) -> Token | None:
    """The verb's subject; of two (a dateline parsed as one: "LONDON (Reuters) - Trump said"),
    the nearer. ``foreign`` rules out words that cannot be the speaker."""
    found = None
    for child in verb.children:
        subject = child.dep_ in ("nsubj", "csubj") and not child.is_punct and not foreign(child)
        if subject and (found is None or child.i < verb.i):
            found = child
    return found


def agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _passive(verb: Token) -> bool:
    """A passive verb, or a participle without auxiliary ("Asked about it, Lee said…")."""
    deps = [c.dep_ for c in verb.children]
    if "nsubjpass" in deps or "auxpass" in deps:
        return True
    return verb.tag_ == "VBN" and "aux" not in deps and "nsubj" not in deps


def _reported_clause(tok: Token) -> bool:
    """Whether ``tok`` heads the clause a reporting verb reports ("said [that she would go]")."""
    return tok.dep_ == "ccomp" and tok.head.lemma_.lower() in CUE_VERBS


def _expletive(head: Token) -> bool:
    """ "it" that stands for the clause after it: "it appeared that…", "nor is it clear that…"."""
    if head.lower_ != "it" or head.dep_ not in ("nsubj", "expl"):
        return False
    verb = head.head
    # the pipeline lemmatises a curly "’s" to "’": "it’s unclear whether…"
    lemma = "be" if verb.lower_ in ("\u2019s", "'s") else verb.lemma_.lower()
    return lemma in EXPLETIVE_VERBS and any(
        c.dep_ in ("ccomp", "acomp", "attr", "xcomp") for c in verb.children
    )


def _source_tokens(head: Token) -> list[Token]:
    """The whole noun phrase of a source, appositions and relative clauses included."""
    if head.lower_ in ("who", "which", "that"):
        return [head]
    # "the minister's claim": the possessive ending is not part of the name
    tokens = [t for t in head.subtree if not (t.dep_ == "case" and t.head == head)]
    doc = head.doc
    for child in head.rights:
        # "Trump, speaking to veterans, said", "Trump, asked about it, said": what the speaker was
        # doing is not who spoke
        edge = child.left_edge.i
        if (
            child.dep_ in ("acl", "advcl")
            and child.tag_ in ("VBG", "VBN")
            and edge > 0
            and doc[edge - 1].text == ","
        ):
            inside = range(edge - 1, child.right_edge.i + 2)
            tokens = [t for t in tokens if t.i not in inside]
    return _without_dateline(tokens)


def _without_dateline(tokens: list[Token]) -> list[Token]:
    """A dateline the parser made part of the speaker: "BRUSSELS - European leaders",
    "MACAU (Reuters) – Sheldon Adelson", "LA CROSSE, Wisc. — Gov. Mike Pence", "CLEVELAND, July 19
    (UPI) — Former Attorney General Michael Mukasey": a place in capitals, then what a comma or a
    bracket adds to it (a state, a date, the agency), then a dash."""
    dash = next((n for n, t in enumerate(tokens[:10]) if t.text in DATELINE_DASHES), None)
    if not dash or dash == len(tokens) - 1:
        return tokens
    words = [t for t in tokens[:dash] if not t.is_punct]
    place = [t for t in takewhile(lambda t: t.text not in (",", "("), tokens[:dash]) if not t.is_punct]
    added = len(place) < len(words)  # "LA CROSSE, Wisc.", "MACAU (Reuters)"
    if (
        place
        and len(place[0]) > 1
        and all(w.is_upper for w in place)
        and (added or all(w.is_upper for w in words))
    ):
        return tokens[dash + 1 :]
    return tokens


def run_before(tok: Token, fits: Callable[[Token], bool], limit: int) -> int:
    """Where the run of up to ``limit`` tokens right before ``tok`` that all ``fit`` starts."""
    start = tok.i
    while start > 0 and tok.i - start < limit and fits(tok.doc[start - 1]):
        start -= 1
    return start


def has_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") for c in clause.children)


class ClauseReader:
    """Reads spans out of one parsed document: clauses, quotations, subjects, sentences.

    The rule-based finder and the statistical one both build their candidates with it, so
    quotation growth, split quotes and full stops are handled the same way for both.
    """

    def __init__(self, doc: Doc, quotes: QuoteIndex, base: int = 0) -> None:
        self.doc = doc
        self.quotes = quotes
        self.base = base

    # -- helpers -------------------------------------------------------------------------------

    def _abs(self, span: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if span is None else (span[0] + self.base, span[1] + self.base)

    def _sentence_of(self, tokens: Iterable[Token]) -> tuple[int, int]:
        toks = list(tokens)
        start = min(sentence_of(t).start_char for t in toks)
        end = max(sentence_of(t).end_char for t in toks)
        return start + self.base, end + self.base

    def _source(
        self, head: Token | None, cue: Token | None = None
    ) -> tuple[tuple[int, int] | None, int | None]:
        if head is None or _expletive(head) or (cue is not None and cue.lemma_.lower() in SEEM_VERBS):
            return None, None
        tokens = _source_tokens(head)
        if cue is not None and head.is_ancestor(cue):  # "a poll found that…": the poll, not its finding
            if head.i < cue.i:
                tokens = [t for t in tokens if t.i < cue.left_edge.i]
            elif cue.dep_ == "compound":  # "Said Ellis: …"
                tokens = [t for t in tokens if cue.i < t.i <= head.i]
            else:
                inside = range(cue.left_edge.i, cue.right_edge.i + 1)
                tokens = [t for t in tokens if t.i not in inside]
        span = self._abs(span_chars(tokens))
        anchor = head
        kept = {t.i for t in tokens}
        if tokens and head.i not in kept:  # a dateline taken for the head: the speaker is the rest
            anchor = next((t for t in tokens if t.head.i not in kept), tokens[-1])
        if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
            anchor = head.head.head
        return span, anchor.i

    def _subject_of(self, verb: Token) -> Token | None:
        """Who does the verb: its subject, the agent of a passive, or the subject it inherits."""
        if verb.dep_ == "acl" and verb.tag_ in ACTIVE_ACL and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "disclaimers urging calm", or "a poll found that…" misparsed as a noun's clause
            return verb.head
        # words of a quotation the cue stands outside are never its speaker ("“Happy Cinco de
        # Mayo!,” he tweeted" parsed with the greeting as the subject)
        foreign = (lambda t: False) if self._quoted(verb) else self._quoted
        seen = 0
        tok = verb
        while seen < 4:
            subj = _subject(tok, foreign)
            if subj is not None:
                return subj
            agent = agent_of(tok)
            if agent is not None:
                return agent
            if tok.i == verb.i:
                if _passive(verb):
                    return None  # "when the diagnosis was confirmed, Clinton…": not Clinton's doing
                # "Trump predicts that…", with the name parsed as a compound of the verb
                named = [c for c in verb.lefts if c.dep_ == "compound" and c.pos_ in ("PROPN", "NOUN")]
                if named:
                    return named[-1]
                if verb.dep_ == "compound" and verb.head.i > verb.i and verb.head.pos_ == "PROPN":
                    return verb.head  # "Said Ellis: …"
            if tok.dep_ in INHERITS_SUBJECT and tok.head.i != tok.i:
                # "after bragging about…, Trump is spending": through the preposition to its verb
                tok = tok.head.head if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" else tok.head
                if _reported_clause(tok) and verb.lemma_.lower() in CUE_VERBS:
                    # "He said that she would resign and denied that…", "… argued that X would
                    # work, saying…": hung on the reported clause, the cue goes with its reporter
                    tok = tok.head
                seen += 1
                continue
            break
        return self._stranded_subject(verb) or self._name_before(verb)

    def _name_before(self, verb: Token) -> Token | None:
        """The name right before a verb left without a subject: '“…,” Tulsa police Chief Chuck
        Jordan said' parsed with the name as an object of a word in the quotation.

        Returns the token whose subtree covers most of the name."""
        doc = self.doc
        if verb.pos_ != "VERB" and not (verb.dep_ in ("compound", "amod") and verb.is_title):
            return None  # a headline verb read as part of a name: "Glenn Beck Blasts Drudge"
        start = run_before(verb, lambda t: (t.pos_ in ("PROPN", "NOUN") or t.is_title) and not t.is_punct, 6)
        if start == verb.i or doc[verb.i - 1].pos_ != "PROPN":
            return None
        inside = [t for t in doc[start : verb.i] if t.left_edge.i >= start and t.right_edge.i < verb.i]
        return max(inside, key=lambda t: t.right_edge.i - t.left_edge.i, default=None)

    def _stranded_subject(self, verb: Token) -> Token | None:
        """A subject the parser hung on an opening phrase as an apposition: "In a statement to the
        Observer, her adviser, Jake Sullivan, said…" (the adviser parsed as the Observer's)."""
        doc = self.doc
        i = verb.i - 1
        while i >= 0 and doc[i].is_punct:
            i -= 1
        if i < 0 or verb.pos_ != "VERB":
            return None
        found = None
        tok = doc[i]
        while tok.head.i != tok.i and tok.i < verb.i and not tok.is_ancestor(verb):
            if tok.dep_ == "appos" and tok.head.i < tok.i:
                found = tok
            tok = tok.head
        # the climb must end on the verb or on one of its own openers ("In …")
        if found is None or verb.i not in (tok.i, tok.head.i):
            return None
        return found

    def _expand_quotes(
        self, spans: list[tuple[int, int]], cue: tuple[int, int] | None
    ) -> tuple[list[tuple[int, int]], Kind]:
        """Grow content that sits in a quotation to the whole quotation; say how it was quoted.

        A cue inside the quotation ("I think ...") reports only its own clause, so nothing grows.
        Reported speech that ends inside a quotation ("... measures "to demonstrate it."") runs
        on to the closing mark.
        """
        out: list[tuple[int, int]] = []
        inside = 0
        touches = False
        for start, end in spans:
            quote = self.quotes.around(start, end)
            if quote is not None and not (cue and quote.inner_start <= cue[0] < quote.inner_end):
                start, end = quote.inner_start, quote.inner_end
                inside += 1
            else:
                for q in self.quotes.overlapping(start, end):
                    touches = True
                    if q.inner_start < end < q.inner_end and start < q.inner_start:
                        end = q.inner_end
            out.append((start, end))
        merged: list[tuple[int, int]] = []
        for span in sorted(set(out)):
            if merged and span[0] <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], span[1]))
            else:
                merged.append(span)
        if inside == len(spans):
            kind = Kind.DIRECT
        elif inside or touches:
            kind = Kind.MIXED
        else:
            kind = Kind.INDIRECT
        return merged, kind

    def _continuation(self, cue: Token, content: list[tuple[int, int]]) -> tuple[int, int] | None:
        """The quotation that carries on after '"...," she said' in the same or the next sentence.

        In the next paragraph, only a quotation that ends its paragraph carries on: '"...," she
        said.' then a paragraph '"I love you," he said.' is someone else's.
        """
        at = cue.idx + self.base
        if not content or content[-1][1] > at:
            return None  # the cue does not come after the quotation
        sent_end = sentence_of(cue).end_char + self.base
        quote = self.quotes.starting_after(at, sent_end + 3)
        while quote is not None and in_own_words(cue, quote.inner_start - self.base):
            quote = self.quotes.starting_after(quote.open + 1, sent_end + 3)
        if quote is None or quote.inner_start <= content[-1][1]:
            return None
        last = max(self.quotes.group(quote), key=lambda q: q.inner_end)
        if quote.paragraph > at and not last.ends_paragraph:
            return None
        if quote.open >= sent_end and self.has_own_cue(last):
            return None  # '"…," said Collins. "…," she added.': the next one is someone's again
        if not self.only_own_words(cue, at, quote.open):
            return None
        return quote.inner_start, last.inner_end

    def has_own_cue(self, quote: Quote) -> bool:
        """Whether a quotation leads in to a cue of its own: it ends in a comma ('"…," she
        added'), or words go on after it in lower case ('"…?" she asked')."""
        text, base = text_of(self.doc), self.base
        inner = text[quote.inner_start - base : quote.inner_end - base].rstrip(" '\u2019")
        after = text[quote.outer_end - base : quote.outer_end - base + 3].lstrip(" ")
        return inner.endswith(",") or after[:1].islower()

    def _lead_in(self, cue: Token, content: list[tuple[int, int]]) -> tuple[int, int] | None:
        """The first part of a quotation split by its cue, '"...," he told the host, "..."', when
        the content found is the part after the cue. Only a quotation that ends in a comma leads
        in, and the cue needs its own subject: in '"...," adding, "..."' the first part is another
        verb's."""
        at = cue.idx + self.base
        if not content or content[0][0] < at:
            return None  # the content does not come after the cue
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
            return None
        first = sentence_of(cue).start_char + self.base
        before = [q for q in self.quotes.overlapping(first, at) if q.outer_end <= at and q.closed]
        after = self.quotes.around(*content[0])
        if not before or after is None:
            return None
        quote = before[-1]
        text = text_of(self.doc)
        if not text[: quote.inner_end - self.base].rstrip().endswith(","):
            return None
        for subj in cue.children:  # a title in who speaks: 'X, who wrote "Y," put it'
            lo, hi = subj.left_edge.idx + self.base, subj.right_edge.idx + self.base
            inside = quote.open <= subj.idx + self.base < quote.outer_end
            if subj.dep_ == "nsubj" and lo <= quote.inner_start <= hi and not inside:
                return None
        if not self.only_own_words(cue, quote.outer_end, after.open):
            return None
        return quote.inner_start, quote.inner_end

    def only_own_words(self, cue: Token, start: int, end: int) -> bool:
        """Whether only the cue and its own words (its subject, an apposition, whom it was said
        to), punctuation and spaces, stand between the article offsets ``start`` and ``end``, all
        in one paragraph."""
        allowed = {cue.i}
        for child in cue.children:
            if child.dep_ not in ("ccomp", "conj", "advcl", "parataxis", "xcomp") or _bare_manner(cue, child):
                allowed.update(t.i for t in child.subtree)
        doc, base = self.doc, self.base
        i = cue.i  # walk from the cue, which stands near the stretch, not from the Doc's start
        while i > 0 and doc[i].idx + base > start:
            i -= 1
        for tok in doc[i:]:
            pos = tok.idx + base
            if pos < start:
                continue
            if pos >= end:
                break
            if "\n" in tok.text or (not tok.is_punct and not tok.is_space and tok.i not in allowed):
                return False
        return True

    def _following_paragraphs(self, last: tuple[int, int]) -> list[tuple[int, int]]:
        """The later paragraphs of a quotation that runs on without a closing mark."""
        quote = self.quotes.around(last[0], last[1])
        if quote is None or quote.closed:
            return []
        return [(q.inner_start, q.inner_end) for q in self.quotes.group(quote) if q.open > quote.open]

    def _clause_spans(self, roots: list[Token], exclude: set[int]) -> list[tuple[int, int]]:
        tokens = [t for root in roots for t in root.subtree if t.i not in exclude]
        spans = []
        for run in _bridge_negations(_contiguous(tokens)):
            span = span_chars(run)
            if span is not None and any(not (t.is_punct or t.is_space) for t in run):
                spans.append(span)
        return [s for s in (self._abs(s) for s in spans) if s is not None]

    def _make(
        self,
        content: list[tuple[int, int]],
        cue: Iterable[Token],
        source_head: Token | None,
        stance: Stance,
        rule: str,
        confidence: float,
        sentence_tokens: Iterable[Token],
    ) -> Candidate | None:
        if not content:
            return None
        cue_tokens = list(cue)
        cue_span = self._abs(_cue_chars(cue_tokens)) if cue_tokens else None
        if cue_span is not None and len(cue_tokens) == 1 and cue_tokens[0].is_punct:
            # "Clinton camp: Trump's …": what a colon or a dash introduces is what follows it
            content = [_after_mark(text_of(self.doc), self.base, s, cue_span) for s in content]
        spans, kind = self._expand_quotes(content, cue_span)
        if kind is Kind.DIRECT and cue_tokens:
            more = self._continuation(cue_tokens[0], spans)
            if more is not None:
                spans.append(more)
            elif (lead := self._lead_in(cue_tokens[0], spans)) is not None:
                spans.insert(0, lead)
            spans.extend(self._following_paragraphs(spans[-1]))
        elif kind is Kind.INDIRECT and spans:
            # reported speech: the sentence's full stop is not part of what was said
            start, end = spans[-1]
            text, base = text_of(self.doc), self.base
            while end > start and text[end - 1 - base] in ".!":
                end -= 1
            spans[-1] = (start, end)
        if cue_span is not None:
            spans = [_on_cue_line(text_of(self.doc), self.base, span, cue_span) for span in spans]
            if kind is Kind.INDIRECT and len(spans) > 1:  # reported speech keeps to the cue's line
                on_line = [s for s in spans if not _line_between(text_of(self.doc), self.base, s, cue_span)]
                spans = on_line or spans
        source, anchor = self._source(source_head, cue_tokens[0] if cue_tokens else None)
        return Candidate(
            content=spans,
            cue=cue_span,
            source=source,
            stance=stance,
            rule=rule,
            confidence=confidence,
            sentence=self._sentence_of([*sentence_tokens, *cue_tokens]),
            kind=kind,
            source_token=anchor,
            source_head=source_head.i if source_head is not None else None,
            cue_token=cue_tokens[0].i if cue_tokens else next(iter(sentence_tokens)).i,
        )

    def _quoted(self, tok: Token) -> bool:
        pos = tok.idx + self.base
        return self.quotes.around(pos, pos + 1) is not None

    def _set_off(self, verb: Token) -> bool:
        """Whether a clause stands apart from what precedes it: ", the minister said"."""
        first = min(t.i for t in verb.subtree if not t.is_punct)
        return first > 0 and self.doc[first - 1].is_punct
