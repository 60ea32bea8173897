"""Article-level extraction: split into chunks, parse, apply the rules, resolve speakers, add topics."""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import rescore
from .accusations import ACCUSING_CUES, accusation_edits
from .learned import AttributionModel, LearnedRules, end_before_own_statements, run_all
from .lexicon import DENIABLE_NOUNS, HEDGE_VERBS, HEDGE_WORDS, SPOKESPEOPLE
from .markup import for_parser, mask_markdown
from .quotes import QuoteIndex, find_quotes, paragraph_bounds
from .reader import Candidate, Sentences, sentence_of, text_of
from .rules import SentenceRules
from .speakers import SpeakerResolver
from .topics import noun_lemmas, pick_topics, sentence_topics
from .types import ArticleParse, Attribution, Kind, Span, SpeakerKind, Stance

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

#: the longest piece of text the parser sees at once
CHUNK_CHARS = 50_000
TopicCandidates = tuple[list[str], list[tuple[str, str]]]
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+")


def _split_long(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """Cut one over-long paragraph at sentence ends (or, failing that, at spaces)."""
    while end - start > limit:
        window = text[start : start + limit]
        cut = max((m.end() for m in _SENTENCE_END.finditer(window)), default=0)
        if cut < limit // 4:
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = limit
        yield start, start + cut
        start += cut
    if end > start:
        yield start, end


def chunk_bounds(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Character ranges the parser sees one at a time: paragraphs, over-long ones cut to ``limit``.

    Parsing paragraph by paragraph keeps a headline without a full stop out of the first
    sentence, and keeps memory bounded however long the article is.
    """
    return [piece for start, end in paragraph_bounds(text) for piece in _split_long(text, start, end, limit)]


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Keep one candidate per (content, source, stance, cue), the most confident."""
    best: dict[tuple[object, ...], Candidate] = {}
    for cand in cands:
        key = (tuple(cand.content), cand.source, cand.stance, cand.cue)
        if key not in best or cand.confidence > best[key].confidence:
            best[key] = cand
    return sorted(best.values(), key=lambda c: (c.content[0][0], c.cue or (0, 0)))


def analyse_docs(
    text: str,
    docs: Iterable[tuple[Doc, int]],
    parsed_text: str | None = None,
    model: AttributionModel | None = None,
) -> ArticleParse:
    """Find the attributions of one article from its parsed pieces.

    Args:
        text: the article exactly as stored; every offset returned indexes it.
        docs: the parsed pieces in order, each with the offset where it starts in ``text``.
        parsed_text: what the parser saw when it differs from ``text`` (markup blanked out); it
            must have the same length.
        model: the statistical model; None reads with the rules alone.
    """
    analysis = ArticleAnalysis(text, parsed_text, model)
    for doc, base in docs:
        analysis.add(doc, base)
    return analysis.result()


#: paragraphs whose cue candidates the model weighs in one pass. A longer article is analysed
#: this many paragraphs at a time, and their Docs are let go: a 1 MB text held 0.9 GB at once.
#: The second look (:mod:`~claimdb.extract.rescore`) then sees the findings of one window
WINDOW = 256


class ArticleAnalysis:
    """The attributions of one article, found as its parsed pieces arrive (see :func:`analyse_docs`).

    Pieces are analysed :data:`WINDOW` at a time, in order; what one window leaves for the rest of
    the article (who has been named, which nouns recur) is plain data, so the Docs can go.
    """

    def __init__(
        self, text: str, parsed_text: str | None = None, model: AttributionModel | None = None
    ) -> None:
        self.text = text
        self.model = model
        self.quotes = QuoteIndex(find_quotes(parsed_text if parsed_text is not None else text))
        self.resolver = SpeakerResolver()
        self.found: list[tuple[Candidate, int | None, TopicCandidates, bool, bool, str]] = []
        self.nouns: Counter[str] = Counter()
        self.pending: list[tuple[Doc, int]] = []

    def add(self, doc: Doc, base: int) -> None:
        """Take the next parsed piece, which starts at ``base`` in the article."""
        self.pending.append((doc, base))
        if len(self.pending) >= WINDOW:
            self._analyse_pending()

    def result(self) -> ArticleParse:
        """The article's attributions and speakers, once every piece was added."""
        self._analyse_pending()
        text, found = self.text, self.found
        # names can still grow until the article ends ("Starmer" ... "Keir Starmer"): build last
        speakers = self.resolver.speakers(text)
        attributions = tuple(
            Attribution(
                content=tuple(_span(text, s) for s in cand.content),
                cue=_span(text, cand.cue) if cand.cue else None,
                source=_span(text, cand.source) if cand.source else None,
                speaker=speakers[ident] if ident is not None else None,
                stance=cand.stance,
                kind=cand.kind,
                sentence=_span(text, cand.sentence),
                confidence=cand.confidence,
                rule=cand.rule,
                topics=pick_topics(*topics, self.nouns),
                negated=cand.negated,
                hedged=hedged,
                proposition=proposition,
                standalone=standalone,
            )
            for cand, ident, topics, hedged, proposition, standalone in found
        )
        used = sorted({ident for _, ident, *_ in found if ident is not None})
        return ArticleParse(text=text, attributions=attributions, speakers=tuple(speakers[i] for i in used))

    def _analyse_pending(self) -> None:
        docs, self.pending = self.pending, []
        if not docs:
            return
        text, quotes, model, resolver = self.text, self.quotes, self.model, self.resolver
        if model is not None:  # the model weighs the candidates of all these paragraphs at once
            findings = [
                _dedupe(f) for f in run_all([LearnedRules(doc, quotes, base, model) for doc, base in docs])
            ]
            if model.rescorer is not None:
                findings = _second_look(findings, docs, text, model.rescorer, model.threshold)
            for found, (doc, base) in zip(findings, docs, strict=True):
                # only a statement that is kept ends its speaker's content before it
                end_before_own_statements(found, text_of(doc), base)
        else:
            findings = [_dedupe(f) for f in (SentenceRules(doc, quotes, base).run() for doc, base in docs)]
        for (doc, base), cands in zip(docs, findings, strict=True):
            self.nouns.update(noun_lemmas(doc))
            ids = resolver.process(doc, base, [c.source_token for c in cands], [c.content for c in cands])
            topic_cache: dict[int, TopicCandidates] = {}
            for cand, ident in zip(cands, ids, strict=True):
                content = _content_tokens(doc, base, cand.content)
                proposition = _proposition(cand, content)
                topics: TopicCandidates = ([], [])
                if proposition and not cand.negated:  # topics file claims: other attributions have none
                    sent = sentence_of(doc[cand.cue_token])
                    if sent.start not in topic_cache:
                        topic_cache[sent.start] = sentence_topics(sent, base, resolver.name_at)
                    topics = topic_cache[sent.start]
                if ident is not None and cand.source is not None and cand.source_head is not None:
                    head = doc[cand.source_head]
                    short = cand.source[1] - cand.source[0] <= 40 and head.lemma_.lower() not in SPOKESPEOPLE
                    if head.pos_ == "NOUN" and head.ent_iob_ == "O" and short:  # "the finance minister"
                        resolver.note_alias(ident, _span(text, cand.source))
                standalone = (
                    _standalone(text, content, base, resolver, doc[cand.cue_token], ident, cand.source)
                    if cand.kind is not Kind.DIRECT
                    else ""
                )
                self.found.append(
                    (cand, ident, topics, _hedged(doc[cand.cue_token], content), proposition, standalone)
                )


def _second_look(
    findings: list[list[Candidate]],
    docs: list[tuple[Doc, int]],
    text: str,
    rescorer: rescore.Rescorer,
    threshold: float,
) -> list[list[Candidate]]:
    """The findings of each Doc that the second look (:mod:`~claimdb.extract.rescore`), weighing
    them beside all the others of these Docs, finds likely enough; its probability becomes their
    confidence. The model's findings are weighed; those of rules that stand on their own (claims
    and denials, signed quotations, polls, hearsay) stay as they are, as context for the others."""
    flat = [cand for found in findings for cand in found]
    sentences = sum(len(Sentences.of_doc(doc).spans) for doc, _ in docs)
    for cand, p in zip(flat, rescorer.probabilities(flat, text, sentences), strict=True):
        if rescore.weighed(cand):
            cand.confidence = p
    return [[c for c in found if not rescore.weighed(c) or c.confidence >= threshold] for found in findings]


def _content_tokens(doc: Doc, base: int, spans: list[tuple[int, int]]) -> list[Token]:
    """Tokens of ``doc`` inside the (absolute) content spans."""
    out: list[Token] = []
    for start, end in spans:
        piece = doc.char_span(start - base, end - base, alignment_mode="expand")
        if piece is not None:
            out.extend(piece)
    return out


_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "them", "his", "her", "its", "their"})
_POSSESSIVE = frozenset({"his", "its", "their"})
#: pronouns for things and groups: replaced only by the subject named earlier in the sentence
_NEUTER = frozenset({"its", "they", "their"})
#: never replaced: "it" is as often a placeholder ("it was clear that …") or a thing ("pay for
#: it") as the organisation named before it, and "them" as often people as a group
_KEPT = frozenset({"it", "them"})
_NAMED_SUBJECTS = frozenset({SpeakerKind.ORGANISATION, SpeakerKind.PLACE, SpeakerKind.GROUP})
#: a verb whose subject is one of these heads a relative clause, not a reported one
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
#: quotation marks and spaces around a content or its sentences
_EDGE_MARKS = " \t\n\"'\u201c\u201d\u2018\u2019,"
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019]*\s+")
#: words that open a question ("What difference, at this point, does it make?" is no tag question)
_QUESTION_WORDS = frozenset(
    """what who whom whose which when where why how is isn't are aren't was wasn't were weren't do
    don't does doesn't did didn't have haven't has hasn't had can can't could couldn't will won't
    would wouldn't should shouldn't may might must shall""".split()
)
#: words that open an indirect question ("explained why the bridge had been closed")
_WH_WORDS = frozenset("what which who whom whose why how when where".split())
#: cues after which "to …" reports a state of affairs, not an intention ("is said to be furious",
#: "claimed to be worth $10 billion", "is believed to have fled")
RAISING_CUES = frozenset("allege believe claim know report rumor rumour say think".split())


def _standalone(
    text: str,
    content: list[Token],
    base: int,
    resolver: SpeakerResolver,
    cue: Token,
    speaker: int | None = None,
    source: tuple[int, int] | None = None,
) -> str:
    """The content as a claim that reads alone: third-person pronouns outside quotation marks
    replaced by their referents, and what ``cue`` accuses someone of said plainly ("the firm of
    hiding losses" → "the firm hid losses", see :mod:`claimdb.extract.accusations`).

    A "he" or "she" that is a subject is first the speaker (``speaker``, the resolver's id), when
    the pronoun fits them: "Ryan said he would back Trump" claims that *Ryan* would. Other forms
    ("his remarks", "against him") are as often someone else. When the pronoun cannot be the
    speaker (an organisation, a "she" for a man, or no speaker at all), it is first the person
    named nearest before it in its sentence, outside the source, whose gender is known and fits
    ("warned by the Russian government that he was a threat" after "Tamerlan Tsarnaev"; Neera
    Tanden "asked former Attorney General Eric Holder whether he had thoughts"). Otherwise "he",
    "she" and their forms take the person the resolver finds, the article's most salient speaker.
    Of 30 PolNeAR train attributions (a random sample of the 216 whose text the nearest person
    changed), 27 read right only with it (the right name, or the pronoun kept because that name
    is already in the text), one was wrong either way, two were unclear, none got worse.

    "Its", "their" and "they" most often stand for something that is no named entity ("the
    editorial", "the voters"), so they are replaced only by the organisation, place or group that
    is the nearest subject before them in the sentence: "Ukraine says its forces …" becomes
    "Ukraine's forces". In samples of PolNeAR train judged by reading, the resolver's guess for
    it/its/they/them/their was right about 2 times in 25; the nearest subject, about 28 in 33 for
    its/their/they and about 11 in 19 for "it", which is therefore left alone. A pronoun whose
    referent is named elsewhere in the text stays: "Crutcher had refused to keep his hands up",
    "Trump said he would win and he would …" names Trump once, and in "he would not back Trump
    now" the "he" is not Trump.
    """
    if not content:
        return ""
    edits = accusation_edits(content, cue)
    start, end = content[0].idx + base, content[-1].idx + len(content[-1].text) + base
    pieces: list[str] = []
    last = start
    for tok in content:
        at = tok.idx + base
        if tok.i in edits:
            new = edits[tok.i]
            pieces += [text[last:at], new]
            last = at + (len(tok.text) if new else len(tok.text_with_ws))
            continue
        word = tok.lower_
        if word not in _PRONOUNS or tok.tag_ not in ("PRP", "PRP$"):
            continue
        after = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
        if after == "own" or word in _KEPT:  # "of its own" reads fine as it is
            name = None
        elif word in _NEUTER:
            name = _subject_before(tok, base, resolver)
        else:
            the_speaker = resolver.could_be(speaker, word) if speaker is not None else None
            name = the_speaker if tok.dep_ in ("nsubj", "nsubjpass") else None
            if the_speaker is None:
                name = _person_before(tok, base, resolver, word, source)
            if name is None:
                name = resolver.referent(word)
        around = "".join(pieces) + text[last:at] + " " + text[at + len(tok.text) : end]
        if name is None or _named_in(name, around):
            # the name is already there: "Crutcher had refused to keep his hands up", and "he
            # would not back Trump now" is not about Trump
            continue
        if word in _POSSESSIVE or (word == "her" and tok.tag_ == "PRP$"):
            # a group or thing named in the plural takes a bare apostrophe: "the United States'
            # ships", "Democrats' nominee"; people keep "'s" ("Sanders's plan")
            name += "'" if word in _NEUTER and name.endswith("s") else "'s"
        pieces += [text[last:at], name]
        last = at + len(tok.text)
    if last == start:
        return ""
    pieces.append(text[last:end])
    return "".join(pieces)


def _person_before(
    tok: Token, base: int, resolver: SpeakerResolver, word: str, source: tuple[int, int] | None
) -> str | None:
    """The person named nearest before ``tok`` in its sentence, outside ``source``, whom the pronoun
    ``word`` fits, with a gender known (a name the resolver knows nothing of, or "Twitter" tagged
    as a person, is passed over)."""
    sent = sentence_of(tok)
    for other in reversed(sent.doc[sent.start : tok.i]):
        if other.ent_type_ != "PERSON" or (source and source[0] <= other.idx + base < source[1]):
            continue
        found = resolver.entity_at(other.idx + base)
        if (
            found is not None
            and found.gender is not None
            and resolver.could_be(found.ident, word) is not None
        ):
            return found.name
    return None


def _named_in(name: str, text: str) -> bool:
    """Whether a word of ``name`` (a capitalised one, three letters or more) is in ``text``."""
    words = [w for w in name.split() if len(w) >= 3 and w[0].isupper()]
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in words)


def _subject_before(tok: Token, base: int, resolver: SpeakerResolver) -> str | None:
    """The organisation, place or group that is the nearest subject before ``tok`` in its
    sentence (None when that subject is anything else)."""
    sent = sentence_of(tok)
    for other in reversed(sent.doc[sent.start : tok.i]):
        if other.dep_ in ("nsubj", "nsubjpass"):
            found = resolver.entity_at(other.idx + base)
            return found.name if found is not None and found.kind in _NAMED_SUBJECTS else None
    return None


def _hedged(cue: Token, content: list[Token]) -> bool:
    """A hedging cue ("suggested", hearsay's "reportedly"), or a hedge word by the cue or in the
    content ("may", "reportedly")."""
    if cue.lemma_.lower() in HEDGE_VERBS or cue.lower_ in HEDGE_WORDS:
        return True
    near = [c for c in cue.children if c.dep_ in ("advmod", "aux")]
    return any(t.lower_ in HEDGE_WORDS for t in [*near, *content])


def _proposition(cand: Candidate, content: list[Token]) -> bool:
    """A clause or a quotation of three words or more: something that can be true or false.

    Reported content must be headed by its verb ("said the plant would close"), have its own
    subject ("found the plan unworkable" has none, "expressed concern that he was encouraging
    violence" has one), or be a claim noun ("denied the allegations", "dismissed those
    reports"). A noun phrase is not a claim, even with a verb inside it: "called for a ban on
    Muslims entering the country", "approved a resolution condemning the call", "rejected the
    self-described socialist". A claim noun counts only as what is denied: "described his views"
    asserts nothing. Neither is an intention ("vowed to 'take our fight' to every state"; but
    "is said to be furious" and "claimed to be worth $10 billion" are claims), nor an activity
    (see :func:`_activity`).
    """
    words = [t for t in content if not (t.is_punct or t.is_space)]
    if not words:
        return False
    if _only_questions(content):
        return False  # "What difference, at this point, does it make?"
    relative = words[0].i < cand.cue_token < words[-1].i  # "which the probe said were covered up"
    if cand.kind is not Kind.DIRECT and not relative and _indirect_question(words[0]):
        return False  # "asked whether the plant would close", "questions about what had gone wrong"
    if cand.kind is Kind.DIRECT and len(words) >= 3:
        return True
    cue = words[0].doc[cand.cue_token].lemma_.lower()
    lead = words[1:] if words[0].lower_ in ("not", "never") else words
    if lead and lead[0].lower_ == "to" and lead[0].pos_ == "PART" and cue not in RAISING_CUES:
        return False  # an intention ("vowed to fight", "refusing to say the words 'radical Islam'")
    if _for_to(words[0]):
        return False  # a demand: "called for her messages to be made public"
    if cue not in RAISING_CUES and _directive(words):
        return False  # "told a reporter not to 'moan' about Hillary Clinton", "urged voters to stay home"
    if _opposed(words):
        return False  # "decided against recommending charges", "warned against allowing them in"
    denies = cand.stance is Stance.DENIES
    # reported speech around a quotation is a claim ("called him a 'loser'"), but what is denied
    # is read like plain reported speech ("rejected Trump's offer to make an 'exception'")
    if cand.kind is Kind.MIXED and len(words) >= 3 and not denies:
        return True
    if cue == "accuse":  # "accused the firm of hiding losses": what the firm is accused of is the claim
        return any(t.lower_ == "of" for t in words)
    if cand.kind is Kind.DIRECT or (cand.kind is Kind.MIXED and not denies) or cue == "according":
        return any(t.pos_ in ("VERB", "AUX") for t in words)
    inside = {t.i for t in words}
    heads = [t for t in words if t.head.i not in inside or t.head == t]
    if not denies and cue not in ACCUSING_CUES and len(heads) == 1 and _activity(heads[0], inside):
        return False  # "his policy of not attacking Trump", "they differ on backing a $15 minimum wage"
    return any(
        t.pos_ in ("VERB", "AUX")
        or (denies and t.lemma_.lower() in DENIABLE_NOUNS)
        or any(c.dep_ in ("nsubj", "nsubjpass") and c.i in inside for c in t.children)
        for t in heads
    ) or any(
        _own_subject(t, inside)
        for t in words
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "relcl" and (t.head in heads or t.head.head in heads)
    )


def _indirect_question(first: Token) -> bool:
    """Whether a content opening with ``first`` is an indirect question: "whether the plant would
    close", "what had gone wrong with her campaign", "why he had not released his returns"."""
    if first.lower_ == "whether":
        return True
    # a wh-word tagged as one: a free relative ("criticised what she called divisive rhetoric")
    # is tagged the same and goes too, but it names something said rather than saying it
    return first.tag_ in ("WDT", "WP", "WP$", "WRB") and first.lower_ in _WH_WORDS


def _for_to(first: Token) -> bool:
    """Whether the content is "for" + someone + "to" + a verb: what someone wants done."""
    if first.lower_ != "for" or first.dep_ != "mark":
        return False
    return any(c.lower_ == "to" and c.dep_ == "aux" for c in first.head.children)


def _directive(words: list[Token]) -> bool:
    """Whether the content is someone + "to" + a verb and nothing finite: what someone is told or
    asked to do ("a reporter not to moan", "voters to stay home")."""
    inside = {t.i for t in words}
    heads = [t for t in words if t.head.i not in inside or t.head == t]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")]
    if len(heads) != 2 or len(verbs) != 1 or heads[0].i == verbs[0].i:
        return False
    verb = verbs[0]
    return any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children) and verb.tag_ == "VB"


def _own_subject(verb: Token, inside: set[int]) -> bool:
    """Whether ``verb`` has a subject of its own inside the content, other than a relative pronoun."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i in inside and c.lower_ not in RELATIVE_PRONOUNS
        for c in verb.children
    )


def _only_questions(content: list[Token]) -> bool:
    """Whether every sentence of the content is a question, the last no tag question ("She's a
    liar, right?" and "some people get carried away, have you noticed that?" assert something)."""
    last = next((t for t in reversed(content) if not (t.is_space or t.is_quote or t.text == ",")), None)
    if last is None or last.text != "?":
        return False  # the last sentence is no question
    text = "".join(t.text_with_ws for t in content).strip(_EDGE_MARKS)
    sentences = [p.strip(_EDGE_MARKS) for p in _SENTENCE_SPLIT.split(text) if p.strip(_EDGE_MARKS)]
    if not sentences or not all(p.endswith("?") for p in sentences):
        return False
    final = sentences[-1]
    first = final.split(None, 1)[0].lower()
    tag = "," in final and len(final.rsplit(",", 1)[1].split()) <= 4 and first not in _QUESTION_WORDS
    return not tag


def _activity(head: Token, inside: set[int]) -> bool:
    """Whether the content is a gerund without a subject of its own, hung on a preposition: an
    activity ("his policy of not attacking Trump", "focus on bringing back jobs"), not a claim.
    Denials and accusations are not asked: "denied taking the money" denies that he took it,
    "charged with receiving bribes" claims that he did."""
    return (
        head.tag_ == "VBG"
        and head.dep_ in ("pcomp", "pobj")
        and head.head.pos_ == "ADP"
        and not _own_subject(head, inside)
        and not any(c.dep_ == "ccomp" for c in head.children)  # "criticized him for saying he had …"
    )


def _opposed(words: list[Token]) -> bool:
    """Whether the content is what the cue is *against*: its head word hangs on "against"
    outside the content. Whoever "decided against recommending charges" did not say that charges
    should be recommended."""
    inside = {t.i for t in words}
    return any(t.head.i not in inside and t.head.lower_ == "against" for t in words)


def _span(text: str, span: tuple[int, int]) -> Span:
    return Span(span[0], span[1], text[span[0] : span[1]])


#: paragraphs the parser takes at a time. On the PolNeAR dev articles ``nlp.pipe`` alone took
#: 10.8-11.1 s in batches of 16 and 9.3-10.0 s in batches of 64 (five runs, sizes in turn), with
#: the same attributions. Batches of 256 were at most 3 % faster and raised peak memory from 320 MB
#: to 490 MB.
BATCH_SIZE = 64


class Extractor:
    """Parses articles with a loaded spaCy pipeline and returns what they attribute to whom."""

    def __init__(
        self,
        nlp: Language,
        model: AttributionModel | None = None,
        batch_size: int = BATCH_SIZE,
        notice: str | None = None,
    ) -> None:
        self.nlp = nlp
        self.model = model
        self.batch_size = batch_size
        #: why the extractor runs differently from what was asked (shown to users once)
        self.notice = notice

    def parse(self, text: str, *, markdown: bool = False) -> ArticleParse:
        """Extract the attributions of one article."""
        return next(self.parse_many([(text, markdown)]))

    def parse_many(self, articles: Iterable[tuple[str, bool]]) -> Iterator[ArticleParse]:
        """Extract attributions from many ``(text, is_markdown)`` articles, in order.

        The paragraphs of all articles go through one ``nlp.pipe`` stream, so batches stay full
        across article boundaries; each article is analysed as soon as its last paragraph is back.
        """
        waiting: deque[_Pending] = deque()

        def pieces() -> Iterator[tuple[str, tuple[_Pending, int, int]]]:
            for text, markdown in articles:
                seen = for_parser(mask_markdown(text) if markdown else text)
                bounds = chunk_bounds(seen) or [(0, len(seen))]
                entry = _Pending(seen, len(bounds), ArticleAnalysis(text, seen, self.model))
                waiting.append(entry)
                for start, end in bounds:
                    yield seen[start:end], (entry, start, end)

        for doc, (entry, base, end) in self.nlp.pipe(pieces(), as_tuples=True, batch_size=self.batch_size):
            Sentences.remember_text(doc, entry.seen[base:end])
            entry.analysis.add(doc, base)
            entry.added += 1
            while waiting and waiting[0].added == waiting[0].pieces:
                yield waiting.popleft().analysis.result()


@dataclass(slots=True)
class _Pending:
    """An article whose paragraphs are still in the parser."""

    seen: str
    pieces: int
    analysis: ArticleAnalysis
    added: int = 0
