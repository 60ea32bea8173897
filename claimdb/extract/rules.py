"""Dependency rules that find attributions in one parsed ``Doc``.

Each rule starts from a cue (a reporting or denial verb, "according to", a claim noun) and reads the
parse around it for the content (the clause or quotation reported) and the source (who says it).
The rules return :class:`Candidate` objects holding absolute character offsets and the token of the
source, which :mod:`claimdb.extract.speakers` resolves to a named speaker afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import (
    CLAIM_NOUNS,
    COGNITIVE_VERBS,
    DENIAL_NOUNS,
    DENIAL_VERBS,
    EVIDENCE_VERBS,
    IMPERSONAL_VERBS,
    INTENT_VERBS,
    NEEDS_THAT,
    OBJECT_VERBS,
    SPEECH_VERBS,
)
from .quotes import QUOTE_MARKS, QuoteIndex
from .types import Kind, Stance

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CLAUSE_VERBS = SPEECH_VERBS | DENIAL_VERBS | EVIDENCE_VERBS
CUE_VERBS = CLAUSE_VERBS | OBJECT_VERBS | INTENT_VERBS
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLAUSES = frozenset({"ccomp"})
INHERITS_SUBJECT = frozenset({"advcl", "conj", "xcomp", "acl", "pcomp"})
EDGE_PUNCT = frozenset(",;:-\u2014\u2013") | QUOTE_MARKS
NEGATIONS = frozenset({"not", "n't", "never", "no"})
#: verbs that introduce who made a claim: "claims made by Z", "allegations promoted by Z"
MAKER_VERBS = frozenset("advance circulate level make promote publish push raise repeat spread voice".split())


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


def _span_chars(tokens: Iterable[Token]) -> tuple[int, int] | None:
    toks = sorted(tokens, key=lambda t: t.i)
    while toks and (toks[0].is_punct and toks[0].text in EDGE_PUNCT or toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].is_punct and toks[-1].text in EDGE_PUNCT or toks[-1].is_space):
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _contiguous(tokens: list[Token]) -> list[list[Token]]:
    """Split tokens (sorted) into runs of consecutive indices."""
    runs: list[list[Token]] = []
    for tok in sorted(tokens, key=lambda t: t.i):
        if runs and runs[-1][-1].i + 1 == tok.i:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def _is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATIONS) for c in verb.children)


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj") and not child.is_punct:
            return child
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _source_tokens(head: Token) -> list[Token]:
    """The whole noun phrase of a source, appositions and relative clauses included."""
    if head.lower_ in ("who", "which", "that"):
        return [head]
    # "the minister's claim": the possessive ending is not part of the name
    return [t for t in head.subtree if not (t.dep_ == "case" and t.head == head)]


def _has_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") for c in clause.children)


def _content_clauses(verb: Token) -> list[Token]:
    """Clauses a verb reports: its ccomp, or a that-clause parsed as advcl after a claim noun."""
    clauses = [c for c in verb.children if c.dep_ in CLAUSES and c.i > verb.i or c.dep_ in CLAUSES]
    if not clauses:
        clauses = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and _has_that(c)]
    # "X said Y, and that Z" / "..., but the NYPD overruled it, the source added": keep conjoined clauses
    return clauses


class SentenceRules:
    """Applies every rule to one parsed document (an article or a chunk of one)."""

    def __init__(self, doc: Doc, quotes: QuoteIndex, base: int = 0) -> None:
        self.doc = doc
        self.quotes = quotes
        self.base = base

    # -- helpers -------------------------------------------------------------------------------

    def _abs(self, span: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if span is None else (span[0] + self.base, span[1] + self.base)

    def _sentence_of(self, tokens: Iterable[Token]) -> tuple[int, int]:
        toks = list(tokens)
        start = min(t.sent.start_char for t in toks)
        end = max(t.sent.end_char for t in toks)
        return start + self.base, end + self.base

    def _source(self, head: Token | None) -> tuple[tuple[int, int] | None, int | None]:
        if head is None:
            return None, None
        span = self._abs(_span_chars(_source_tokens(head)))
        anchor = head
        if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
            anchor = head.head.head
        return span, anchor.i

    def _subject_of(self, verb: Token) -> Token | None:
        """Who does the verb: its subject, the agent of a passive, or the subject it inherits."""
        seen = 0
        tok = verb
        while seen < 4:
            subj = _subject(tok)
            if subj is not None:
                return subj
            agent = _agent(tok)
            if agent is not None:
                return agent
            if tok.dep_ in INHERITS_SUBJECT and tok.head is not tok:
                tok = tok.head
                seen += 1
                continue
            return None
        return None

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
        """The quotation that carries on after '"...," she said' in the same or the next sentence."""
        if not content or content[-1][1] > cue.idx + self.base:
            return None  # the cue does not come after the quotation
        sent_end = cue.sent.end_char + self.base
        quote = self.quotes.starting_after(cue.idx + self.base, sent_end + 3)
        if quote is None or quote.inner_start <= content[-1][1]:
            return None
        # only the cue's own words (its subject, an apposition) may stand between
        allowed = {cue.i}
        for child in cue.children:
            if child.dep_ not in ("ccomp", "conj", "advcl", "parataxis", "xcomp"):
                allowed.update(t.i for t in child.subtree)
        doc = self.doc
        i = cue.i + 1
        while i < len(doc) and doc[i].idx + self.base < quote.open:
            tok = doc[i]
            if "\n" in tok.text or (not tok.is_punct and not tok.is_space and tok.i not in allowed):
                return None
            i += 1
        last = max(self.quotes.group(quote), key=lambda q: q.inner_end)
        return quote.inner_start, last.inner_end

    def _clause_spans(self, roots: list[Token], exclude: set[int]) -> list[tuple[int, int]]:
        tokens = [t for root in roots for t in root.subtree if t.i not in exclude]
        spans = []
        for run in _contiguous(tokens):
            span = _span_chars(run)
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
        cue_span = self._abs(_span_chars(cue_tokens)) if cue_tokens else None
        spans, kind = self._expand_quotes(content, cue_span)
        if kind is Kind.DIRECT and cue_tokens:
            more = self._continuation(cue_tokens[0], spans)
            if more is not None:
                spans.append(more)
        elif kind is Kind.INDIRECT and spans:
            # reported speech: the sentence's full stop is not part of what was said
            start, end = spans[-1]
            text, base = self.doc.text, self.base
            while end > start and text[end - 1 - base] in ".!":
                end -= 1
            spans[-1] = (start, end)
        source, anchor = self._source(source_head)
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

    # -- rules ---------------------------------------------------------------------------------

    def run(self) -> list[Candidate]:
        found: list[Candidate] = []
        for tok in self.doc:
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                found.extend(self.according_rule(tok))
            elif tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                found.extend(self.verb_rule(tok))
            elif tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in CLAIM_NOUNS:
                # "denied claims that ..." is read from the verb; the noun rule takes the rest
                governed = (
                    tok.dep_ in ("dobj", "pobj") and tok.head.lemma_.lower() in DENIAL_VERBS | SPEECH_VERBS
                )
                if not governed:
                    found.extend(self.noun_rule(tok))
        return found

    def verb_rule(self, verb: Token) -> Iterator[Candidate]:
        lemma = verb.lemma_.lower()
        denial = lemma in DENIAL_VERBS
        if not denial and lemma not in CUE_VERBS:
            return
        if _is_negated(verb):
            return  # "X did not say that ..." asserts nothing; "X did not deny ..." denies nothing
        stance = Stance.DENIES if denial else Stance.ASSERTS
        subject = self._subject_of(verb)
        if (
            subject is not None
            and subject.dep_ == "nsubjpass"
            or any(c.dep_ == "auxpass" for c in verb.children)
        ):
            # "it was reported that ...", "X is said to ...": no speaker unless an agent is named
            subject = _agent(verb)
            if lemma not in IMPERSONAL_VERBS and subject is None:
                return
        cue = [verb, *(c for c in verb.children if c.dep_ == "prt")]

        # a claim noun object carrying the content: "denied claims that Y", "dismissed Z's claim that Y"
        for obj in verb.children:
            if obj.dep_ == "dobj" and obj.lemma_.lower() in CLAIM_NOUNS:
                clause = self._noun_clause(obj) or next(
                    (
                        c
                        for c in verb.children
                        if c.dep_ in ("advcl", "ccomp") and c.i > obj.i and _has_that(c)
                    ),
                    None,
                )
                if clause is None:
                    continue
                content = self._clause_spans([clause], set())
                cand = self._make(content, cue, subject, stance, "verb+claim-noun", 0.85, [verb, clause])
                if cand is not None:
                    yield cand
                    maker = self._claim_maker(obj)
                    if maker is not None:
                        made = self._make(
                            content, [obj], maker, Stance.ASSERTS, "claim-maker", 0.75, [verb, clause]
                        )
                        if made is not None:
                            yield made
                return

        clauses = _content_clauses(verb) if lemma in CLAUSE_VERBS else []
        if lemma in NEEDS_THAT:
            clauses = [
                c
                for c in clauses
                if _has_that(c) or self.quotes.around(c.idx + self.base, c.idx + self.base + 1)
            ]
        if clauses:
            conf = 0.9 if subject is not None else 0.6
            exclude = {t.i for t in verb.subtree} - {t.i for c in clauses for t in c.subtree}
            content = self._clause_spans(clauses, exclude)
            cand = self._make(content, cue, subject, stance, "verb+clause", conf, [verb, *clauses])
            if cand is not None:
                yield cand
            return

        # "X criticised the plan", "X called Y a liar", "X vowed to fight", "X urged Y to act"
        complements = self._complements(verb, lemma)
        if complements:
            conf = 0.7 if subject is not None else 0.45
            content = self._clause_spans(complements, set())
            cand = self._make(content, cue, subject, stance, "verb+object", conf, [verb, *complements])
            if cand is not None:
                yield cand
            return

        # "The talks failed, the minister said." / "The first part," she said, "and the second."
        if lemma not in SPEECH_VERBS | DENIAL_VERBS or lemma in COGNITIVE_VERBS:
            return
        if (
            verb.dep_ in ("parataxis", "ccomp")
            and verb.head is not verb
            and verb.head.i < verb.i
            and subject is not None
            and self._set_off(verb)
            and verb.head.lemma_.lower() not in CUE_VERBS
            and (verb.head.pos_ in ("VERB", "AUX") or self._quoted(verb.head))
        ):
            head = verb.head
            exclude = {t.i for t in verb.subtree}
            content = self._clause_spans([head], exclude | {head.i} - {head.i})
            if content:
                cand = self._make(content, cue, subject, stance, "parenthetical", 0.8, [verb, head])
                if cand is not None:
                    yield cand
                return

        # Smith said: "We will win." where the parser put the quotation elsewhere
        after = verb.idx + len(verb.text) + self.base
        quote = self.quotes.starting_after(after, after + 4)
        if quote is None and verb.i + 1 < len(self.doc) and self.doc[verb.i + 1].text in (":", ","):
            nxt = self.doc[verb.i + 1]
            quote = self.quotes.starting_after(nxt.idx + self.base, nxt.idx + self.base + 4)
        if quote is not None and subject is not None:
            cand = self._make(
                [(quote.inner_start, quote.inner_end)], cue, subject, stance, "cue+quote", 0.8, [verb]
            )
            if cand is not None:
                yield cand

    def _quoted(self, tok: Token) -> bool:
        pos = tok.idx + self.base
        return self.quotes.around(pos, pos + 1) is not None

    def _set_off(self, verb: Token) -> bool:
        """Whether a clause stands apart from what precedes it: ", the minister said"."""
        first = min(t.i for t in verb.subtree if not t.is_punct)
        return first > 0 and self.doc[first - 1].is_punct

    def _complements(self, verb: Token, lemma: str) -> list[Token]:
        """Objects and infinitives that carry what an object or intent verb reports."""
        found: list[Token] = []
        if lemma == "call" and not any(
            c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ in ("for", "on") for c in verb.children
        ):
            return found  # "called X a liar", "called for X"; not "call the helpline"
        if lemma in OBJECT_VERBS or lemma in DENIAL_VERBS:
            for child in verb.children:
                if child.i < verb.i:
                    continue
                if (
                    child.dep_ in ("dobj", "oprd")
                    and child.pos_ != "PRON"
                    or child.dep_ == "oprd"
                    or (
                        child.dep_ == "prep"
                        and child.lower_ in ("as", "of", "for")
                        and (found or lemma in ("call", "push"))
                    )
                    or child.dep_ == "xcomp"
                    and found
                ):
                    found.append(child)
        if not found and lemma in INTENT_VERBS:
            found = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
        return found

    def _noun_clause(self, noun: Token) -> Token | None:
        """The that-clause of a claim noun: "the claim that Y" (acl or ccomp with mark 'that')."""
        for child in noun.children:
            if child.dep_ in ("acl", "ccomp", "relcl") and child.i > noun.i and _has_that(child):
                # "the report that he wrote" is a relative clause: its "that" is a subject/object
                if any(c.dep_ in ("nsubj", "dobj") and c.lower_ == "that" for c in child.children):
                    continue
                return child
        return None

    def _claim_maker(self, noun: Token) -> Token | None:
        """Who made the claim a noun names: "Z's claim", "claims made by Z", "claims by Z"."""
        for child in noun.children:
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN", "PRON"):
                return child
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
            if child.dep_ == "acl" and child.lemma_.lower() in MAKER_VERBS:
                agent = _agent(child)
                if agent is not None:
                    return agent
        return None

    def noun_rule(self, noun: Token) -> Iterator[Candidate]:
        clause = self._noun_clause(noun)
        if clause is None:
            return
        maker = self._claim_maker(noun)
        stance = Stance.DENIES if noun.lemma_.lower() in DENIAL_NOUNS else Stance.ASSERTS
        content = self._clause_spans([clause], set())
        cand = self._make(
            content, [noun], maker, stance, "claim-noun", 0.6 if maker else 0.45, [noun, clause]
        )
        if cand is not None:
            yield cand

    def according_rule(self, according: Token) -> Iterator[Candidate]:
        to = self.doc[according.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            return
        head = according.head
        while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and head.head is not head:
            head = head.head
        if head is according:
            return
        exclude = {t.i for t in according.subtree} | {to.i}
        content = self._clause_spans([head], exclude)
        cand = self._make(content, [according, to], source, Stance.ASSERTS, "according-to", 0.85, [head])
        if cand is not None:
            yield cand
