"""Dependency rules that find attributions in one parsed ``Doc``.

Each rule starts from a cue (a reporting or denial verb, "according to", a claim noun) and reads the
parse around it for the content (the clause or quotation reported) and the source (who says it).
The rules return :class:`Candidate` objects holding absolute character offsets and the token of the
source, which :mod:`claimdb.extract.speakers` resolves to a named speaker afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .lexicon import (
    CLAIM_NOUNS,
    CLOSERS,
    COGNITIVE_VERBS,
    CUE_VERBS,
    DASHES,
    DENIAL_NOUNS,
    DENIAL_VERBS,
    EVIDENCE_VERBS,
    IMPERSONAL_VERBS,
    INTENT_VERBS,
    MEDIUM_NOUNS,
    NEEDS_THAT,
    OBJECT_VERBS,
    PROPOSITION_NOUNS,
    SPEECH_VERBS,
)
from .reader import (
    Candidate,
    ClauseReader,
    LemmaSet,
    Sentences,
    agent_of,
    has_that,
    is_negated,
    run_before,
    span_chars,
    text_of,
)
from .types import Kind, Stance

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

CLAUSE_VERBS = SPEECH_VERBS | DENIAL_VERBS | EVIDENCE_VERBS
#: lemmas a rule starts from (besides "according"): the verb rule's and the claim noun rule's
RULE_LEMMAS = LemmaSet(CUE_VERBS | CLAIM_NOUNS)
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLAUSES = frozenset({"ccomp"})
#: words of a "LABEL:" line that say it names no speaker ("Delegate Update:", "BREAKING:")
NOT_SPEAKERS = frozenset(
    "ALERT BOMBSHELL BOOM BREAKING BYLINE CLARIFICATION CORRECTION EDITOR EXCLUSIVE LISTEN LOOK NOTE PHOTO "
    "PHOTOS READ SHOCKING UPDATE VIDEO WATCH WOW".split()
)
_IMPERATIVES = frozenset({"LISTEN", "LOOK", "READ", "WATCH"})
RELATIVE_SLOTS = ("nsubj", "dobj")
#: what "in …" may open as a source of its sentence: "In a CNN poll released Monday, Clinton led …"
POLL_NOUNS = frozenset({"poll", "survey"})
_POLL_MENTION = re.compile(r"\b(?:poll|survey)", re.IGNORECASE)
#: an adverb that reports its clause without saying who reports it: "Bloomberg is reportedly
#: considering a run" (19 of 29 in train are annotated so; "allegedly" 2 of 12, "supposedly" 1 of 9)
HEARSAY = "reportedly"
_HEARSAY_MENTION = re.compile(HEARSAY, re.IGNORECASE)
#: confidence of a poll's or hearsay's finding: below most of the model's (on dev, 61 % of them score
#: over 0.8 and 12 % under 0.45), so that one said inside the clause is kept rather than dropped as
#: nested in it ("In the survey, 40 percent of voters said Clinton won": both stand)
UNSCORED_CONFIDENCE = 0.45
#: what a comma sets apart from the clause hearsay reports
_ASIDE_DEPS = frozenset({"advcl", "conj", "cc", "prep", "npadvmod", "advmod", "relcl"})
#: entity types of a speaker's name
NAMED = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: what the name or noun phrase before a colon may hold ("Republican pollster Daron Shaw:")
LABEL_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM"})
#: verbs that introduce who made a claim: "claims made by Z", "allegations promoted by Z"
MAKER_VERBS = frozenset("advance circulate level make promote publish push raise repeat spread voice".split())


def _name_like(tok: Token) -> bool:
    """A proper noun, or a name the tagger took for a common noun ("Obama: …" as NOUN)."""
    return tok.pos_ == "PROPN" or (tok.is_title and tok.ent_type_ in NAMED)


def _names_no_speaker(label: list[Token]) -> bool:
    """Whether a label before a colon says it is no one's ("BREAKING:", "Delegate Update:"). An
    imperative ("Watch", "Look") says so only as its first word: "Human Rights Watch:" speaks."""
    words = [t.text.strip(".").upper() for t in label]
    return bool(words) and (words[0] in NOT_SPEAKERS or any(w in NOT_SPEAKERS - _IMPERATIVES for w in words))


def _titled_word(tok: Token) -> bool:
    """A word written as a name: a noun in title case ("Sanders", "Gov."), or any word but a
    function word in capitals, however the tagger read it ("FALLIN", "BOULDUAN")."""
    word = tok.text.strip(".")
    if len(word) < 2 or not word.isalpha():
        return False
    if word.isupper():
        return not tok.is_stop
    return word.istitle() and tok.pos_ in ("PROPN", "NOUN")


def _content_clauses(verb: Token) -> list[Token]:
    """Clauses a verb reports: its ccomp on either side ("Y, she said" too), or a that-clause
    parsed as advcl after it."""
    clauses = [c for c in verb.children if c.dep_ in CLAUSES]
    if not clauses:
        clauses = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and has_that(c)]
    # "X said Y, and that Z" / "..., but the NYPD overruled it, the source added": keep conjoined clauses
    return [c for c in clauses if not _reported_by_a_participle(verb, c)]


def _set_apart(clause: Token) -> bool:
    """Whether a punctuation mark stands right before ``clause`` (", that …")."""
    first = clause.left_edge.i
    return first > 0 and clause.doc[first - 1].is_punct


def _reported_by_a_participle(verb: Token, clause: Token) -> bool:
    """Whether the parser hung another cue's clause on ``verb``: in '"…," he said, adding that
    the state would …, they serve their time …' the words after "adding" are what "adding"
    reports, however the parser attached them."""
    return any(
        verb.i < t.i < clause.i
        and t.dep_ in ("advcl", "xcomp")
        and t.tag_ == "VBG"
        and t.lemma_.lower() in SPEECH_VERBS
        for t in clause.subtree
    )


class SentenceRules(ClauseReader):
    """Applies every rule to one parsed document (an article or a chunk of one)."""

    # -- rules ---------------------------------------------------------------------------------

    def run(self) -> list[Candidate]:
        found: list[Candidate] = [*self.label_rule(), *self.dash_rule()]
        found += [*self.poll_rule(), *self.hearsay_rule()]
        for tok in self._cues():
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

    def _cues(self) -> list[Token]:
        """The cue tokens a rule may fire on: "according" and the lemmas of :data:`RULE_LEMMAS`.

        Picked from the Doc's arrays (:class:`Sentences`), so the many other cue tokens go
        without making a Token.
        """
        doc = self.doc
        strings = doc.vocab.strings
        according = strings["according"]
        has = RULE_LEMMAS.has
        return [
            doc[i]
            for i, lemma, low, _ in Sentences.of_doc(doc).cues
            if low == according or has(lemma, strings)
        ]

    def verb_rule(self, verb: Token) -> Iterator[Candidate]:
        lemma = verb.lemma_.lower()
        denial = lemma in DENIAL_VERBS
        if not denial and lemma not in CUE_VERBS:
            return
        if is_negated(verb):
            return  # "X did not say that ..." asserts nothing; "X did not deny ..." denies nothing
        stance = Stance.DENIES if denial else Stance.ASSERTS
        subject = self._subject_of(verb)
        if (
            subject is not None
            and subject.dep_ == "nsubjpass"
            or any(c.dep_ == "auxpass" for c in verb.children)
        ):
            # "it was reported that ...", "X is said to ...": no speaker unless an agent is named
            subject = agent_of(verb)
            if lemma not in IMPERSONAL_VERBS and subject is None:
                return
        cue = [verb, *(c for c in verb.children if c.dep_ == "prt"), *self._medium(verb)]

        # a claim noun object carrying the content: "denied claims that Y", "dismissed Z's claim that Y"
        for obj in verb.children:
            if obj.dep_ == "dobj" and obj.lemma_.lower() in CLAIM_NOUNS:
                clause = self._noun_clause(obj) or next(
                    (
                        c
                        for c in verb.children
                        if c.dep_ in ("advcl", "ccomp") and c.i > obj.i and has_that(c)
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
        if any(c.i > verb.i and has_that(c) and not _set_apart(c) for c in clauses):
            # "While he acknowledged …, he noted that …": a that-clause right after the verb is what
            # it reports, and a clause before it another of the sentence's. Set apart by a comma,
            # the clause goes on with the one before ("It makes a difference, she said, that …").
            clauses = [c for c in clauses if c.i > verb.i]
        if lemma in NEEDS_THAT:
            clauses = [
                c
                for c in clauses
                if has_that(c) or self.quotes.around(c.idx + self.base, c.idx + self.base + 1)
            ]
        if clauses:
            conf = 0.9 if subject is not None else 0.6
            # the clauses' own tokens, all of them (the verb's other words are in no clause's subtree)
            content = self._clause_spans(clauses, set())
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

    def _medium(self, verb: Token) -> list[Token]:
        """ "said in a statement", "wrote in a letter": the medium belongs to the cue."""
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "on") and prep.i == verb.i + 1:
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() in MEDIUM_NOUNS:
                    return list(self.doc[prep.i : obj.i + 1])
        return []

    def _noun_clause(self, noun: Token) -> Token | None:
        """The that-clause of a claim noun: "the claim that Y" (acl or ccomp with mark 'that')."""
        strong = noun.lemma_.lower() in PROPOSITION_NOUNS
        for child in noun.children:
            if child.dep_ not in ("acl", "ccomp", "relcl") or child.i < noun.i:
                continue
            that = next((c for c in child.children if c.lower_ == "that" and c.dep_ in RELATIVE_SLOTS), None)
            if has_that(child) and that is None:
                return child
            # "the report that he wrote" is a relative clause: its "that" is a subject or object. The
            # parser reads "his denial that the plant would close" that way too; for nouns that
            # always take a proposition, a "that" opening a clause with its own subject is the
            # complementiser
            subject = any(c.dep_ in ("nsubj", "nsubjpass") and c is not that for c in child.children)
            if strong and that is not None and that.i == child.left_edge.i and subject:
                return child
        return None

    def _claim_maker(self, noun: Token) -> Token | None:
        """Who made the claim a noun names: "Z's claim", "claims made by Z", "claims by Z"."""
        for child in noun.children:
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN", "PRON"):
                return child
            if child.dep_ == "nsubj" and noun.dep_ == "ROOT" and child.pos_ in ("PROPN", "PRON"):
                return child  # "Okafor claims that…" with the verb tagged as a noun
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
            if child.dep_ == "acl" and child.lemma_.lower() in MAKER_VERBS:
                agent = agent_of(child)
                if agent is not None:
                    return agent
        head = noun.head
        if noun.dep_ == "dobj" and head.dep_ == "ROOT" and head.i == noun.i - 1 and head.is_title:
            return head  # "Trump charges that…" read as a noun phrase with "Trump" for its verb
        if noun.dep_ == "ROOT" and noun.tag_ == "NNS" and noun.i > 0:
            # "The Clinton campaign plans to…", "Federal court rules against…": a verb read as
            # the plural noun heading its own subject
            prev = noun.doc[noun.i - 1]
            if prev.dep_ == "compound" and prev.head.i == noun.i:
                return prev
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
        written: list[Token] | None = None  # the source as written, when it is no pobj
        if source is None:
            # the parser read the source as a clause: "according to show insiders" (show, a verb)
            phrase = next((c for c in to.children if c.i > to.i), None)
            written = list(phrase.subtree) if phrase is not None else []
            nouns = [t for t in written if t.pos_ in ("NOUN", "PROPN", "PRON")]
            if not nouns:
                return
            source = nouns[-1]
        head = according.head
        while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and head.head is not head:
            head = head.head
        if head is according:
            return
        exclude = {t.i for t in according.subtree} | {to.i}
        content = self._clause_spans([head], exclude)
        cand = self._make(content, [according, to], source, Stance.ASSERTS, "according-to", 0.85, [head])
        if cand is not None:
            if written:
                cand.source = self._abs(span_chars(written))
            yield cand

    def poll_rule(self) -> Iterator[Candidate]:
        """A poll that opens its sentence is what the sentence reports: "In an NBC News poll
        released Monday, 50 percent chose Clinton" (the poll, and the clause without it).

        Only when "in" comes before the word it hangs on: after it ("Trump leads in the polls")
        the poll is most often where something happens, not what reports it (in train, 20 of 25
        are annotated before, 39 of 155 after).
        """
        if _POLL_MENTION.search(text_of(self.doc)) is None:
            return  # most paragraphs mention no poll: no Token needs to be made
        for tok in self.doc:
            if tok.lower_ != "in" or tok.i >= tok.head.i:
                continue
            poll = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if poll is None or poll.lemma_.lower() not in POLL_NOUNS:
                continue
            head = tok.head
            if head.pos_ not in ("VERB", "AUX") or self._quoted(tok):
                continue
            content = self._clause_spans([head], {t.i for t in tok.subtree})
            cand = self._make(content, [tok], poll, Stance.ASSERTS, "poll", UNSCORED_CONFIDENCE, [head])
            if cand is not None:
                yield cand

    def hearsay_rule(self) -> Iterator[Candidate]:
        """A clause reported as hearsay, with no source: "Bloomberg is *reportedly* considering a run"
        reports "Bloomberg is considering a run" (the adverb is the cue)."""
        if _HEARSAY_MENTION.search(text_of(self.doc)) is None:
            return
        for tok in self.doc:
            if tok.lower_ != HEARSAY or tok.dep_ != "advmod" or tok.head.pos_ not in ("VERB", "AUX"):
                continue
            if self._quoted(tok):
                continue
            head, doc = tok.head, self.doc
            drop = {tok.i}
            for c in head.children:  # "In total, …" and ", leaving …" are the writer's, not hearsay
                before = c.i < head.i and c.right_edge.i + 1 < head.i and doc[c.right_edge.i + 1].text == ","
                after = c.i > head.i and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","
                if c.dep_ in _ASIDE_DEPS and (before or after):
                    drop.update(t.i for t in c.subtree)
            content = self._clause_spans([head], drop)
            cand = self._make(content, [tok], None, Stance.ASSERTS, "hearsay", UNSCORED_CONFIDENCE, [head])
            if cand is not None:
                yield cand

    def label_rule(self) -> Iterator[Candidate]:
        """A transcript or headline that starts with who speaks: "PENCE: Well, look, ..." """
        doc = self.doc
        colon = next((t for t in doc[:6] if t.text == ":"), None)
        if colon is None or colon.i == 0:
            return
        # a transcript quoted paragraph by paragraph opens with a quotation mark: '"PENCE: Well, …'
        label = [t for t in doc[: colon.i] if not (t.is_space or t.is_quote)]
        if not label or _names_no_speaker(label):
            return
        words = [t.text.strip(".") for t in label]
        named = any(t.ent_type_ in NAMED for t in label)
        capitals = all(w.isupper() and len(w) > 1 for w in words)
        # or a headline's "Sanders: …" or "Historians: …", where the tagger took the name for a
        # common noun and the recogniser saw no entity
        titled = len(label) <= 3 and all(map(_titled_word, label))
        if not (titled or (all(map(_name_like, label)) and (named or capitals))):
            return
        rest = [t for t in doc[colon.i + 1 :] if not t.is_space]
        if len(rest) < 3:
            return
        span = span_chars(rest)
        if span is None:
            return
        content = [s for s in (self._abs(span),) if s is not None]
        cand = self._make(content, [colon], label[-1], Stance.ASSERTS, "speaker-label", 0.7, rest)
        if cand is not None:
            if cand.kind is Kind.DIRECT:
                # a transcript quoted paragraph by paragraph ('"WALLACE: …'): the quotation opens
                # before the label, and the next paragraph is someone else's
                cand.content = content
            cand.source = self._abs(span_chars(label))
            cand.cue = self._abs((colon.idx, colon.idx + 1))
            yield cand

    def colon_label(self, colon: Token) -> list[Token] | None:
        """Who a colon gives the floor to: "Poll: …", "A: …", "… - Carl Bialik: “…”".

        Looser than :meth:`label_rule`: at the start of a paragraph, any short phrase without a
        verb; elsewhere, the name or noun phrase right before the colon. Used only for the source
        of what the model already decided is an attribution."""
        if colon.text != ":" or colon.i == 0:
            return None
        doc = self.doc
        start = run_before(
            colon, lambda t: t.pos_ in LABEL_POS or t.lower_ in ("and", "&") or t.tag_ == "POS", 9
        )
        label = list(doc[start : colon.i])
        while (
            label
            and label[0].pos_ in ("DET", "CCONJ", "PART")
            and len(label) > 1
            and label[0].lower_ != "the"
        ):
            label.pop(0)
        if not label or len(label) > 8 or label[-1].pos_ not in ("PROPN", "NOUN"):
            if 0 < colon.i < 6:  # "A: Well, I think…"
                label = [t for t in doc[: colon.i] if not t.is_space]
                if len(label) > 3 or any(t.pos_ in ("VERB", "AUX", "ADP") for t in label):
                    return None
            else:
                return None
        if _names_no_speaker(label):
            return None
        return label

    def dash_rule(self) -> Iterator[Candidate]:
        """A quotation signed with a dash at the end of its line: '"..." ― Carla Sanchez'.

        A paragraph may hold several such lines (a list of reader quotes, one per line)."""
        doc = self.doc
        if "\n" not in text_of(doc).rstrip():  # most paragraphs are one line
            yield from self._signed(doc[:])
            return
        start = 0
        for tok in doc:
            if tok.is_space and "\n" in tok.text:
                if tok.i > start:
                    yield from self._signed(doc[start : tok.i])
                start = tok.i + 1
        if start < len(doc):
            yield from self._signed(doc[start:])

    def _signed(self, line: Span) -> Iterator[Candidate]:
        if not line:
            return
        tail = text_of(self.doc)[line[max(len(line) - 9, 0)].idx : line.end_char]
        if not any(dash in tail for dash in DASHES):
            return  # most lines end without a dash: no Token needs to be made
        words = [t for t in line[-9:] if not t.is_space]
        if len(words) < 3:
            return
        if words[-1].text == ".":
            words = words[:-1]
        # the dash may come glued to the closing mark: '…about.”― Pamela Padilla'
        dash = next((t for t in reversed(words[-6:]) if t.text.lstrip(CLOSERS) in DASHES), None)
        if dash is None:
            return
        name = [t for t in words if t.i > dash.i]
        if not name or len(name) > 5 or not all(t.is_title or t.pos_ == "PROPN" or t.is_punct for t in name):
            return
        mark = dash.idx + len(dash.text) - len(dash.text.lstrip(CLOSERS))
        end = mark + self.base
        quote = next((q for q in reversed(self.quotes.overlapping(end - 4, end)) if q.outer_end <= end), None)
        if quote is None or text_of(self.doc)[quote.outer_end - self.base : mark].strip():
            return
        pieces = self.quotes.group(quote)
        content = [(q.inner_start, q.inner_end) for q in pieces if q.open <= quote.open]
        cand = self._make(content, [dash], name[-1], Stance.ASSERTS, "dash-signature", 0.75, [dash])
        if cand is not None:
            cand.source = self._abs(span_chars(name))
            cand.cue = self._abs((mark, dash.idx + len(dash.text)))
            yield cand
