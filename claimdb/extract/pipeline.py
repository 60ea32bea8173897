"""Article-level extraction: split into chunks, parse, apply the rules, resolve speakers, add topics."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .lexicon import SPOKESPEOPLE
from .markup import for_parser, mask_markdown
from .quotes import QuoteIndex, find_quotes, paragraph_bounds
from .reader import Candidate
from .rules import SentenceRules
from .speakers import SpeakerResolver
from .topics import noun_lemmas, pick_topics, sentence_topics
from .types import ArticleParse, Attribution, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

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


def analyse_docs(text: str, docs: Iterable[tuple[Doc, int]], parsed_text: str | None = None) -> ArticleParse:
    """Find the attributions of one article from its parsed pieces.

    Args:
        text: the article exactly as stored; every offset returned indexes it.
        docs: the parsed pieces in order, each with the offset where it starts in ``text``.
        parsed_text: what the parser saw when it differs from ``text`` (markup blanked out); it
            must have the same length.
    """
    seen = parsed_text if parsed_text is not None else text
    quotes = QuoteIndex(find_quotes(seen))
    resolver = SpeakerResolver()
    found: list[tuple[Candidate, int | None, TopicCandidates]] = []
    nouns: Counter[str] = Counter()
    for doc, base in docs:
        nouns.update(noun_lemmas(doc))
        cands = _dedupe(SentenceRules(doc, quotes, base).run())
        ids = resolver.process(doc, base, [c.source_token for c in cands])
        topic_cache: dict[int, TopicCandidates] = {}
        for cand, ident in zip(cands, ids, strict=True):
            sent = doc[cand.cue_token].sent
            if sent.start not in topic_cache:
                topic_cache[sent.start] = sentence_topics(sent, base, resolver.name_at)
            if ident is not None and cand.source is not None and cand.source_head is not None:
                head = doc[cand.source_head]
                short = cand.source[1] - cand.source[0] <= 40 and head.lemma_.lower() not in SPOKESPEOPLE
                if head.pos_ == "NOUN" and head.ent_iob_ == "O" and short:  # "the finance minister"
                    resolver.note_alias(ident, _span(text, cand.source))
            found.append((cand, ident, topic_cache[sent.start]))
    # names can still grow until the article ends ("Starmer" ... "Keir Starmer"): build last
    speakers = resolver.speakers()
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
            topics=pick_topics(*topics, nouns),
        )
        for cand, ident, topics in found
    )
    used = sorted({ident for _, ident, _ in found if ident is not None})
    return ArticleParse(text=text, attributions=attributions, speakers=tuple(speakers[i] for i in used))


def _span(text: str, span: tuple[int, int]) -> Span:
    return Span(span[0], span[1], text[span[0] : span[1]])


class Extractor:
    """Parses articles with a loaded spaCy pipeline and returns what they attribute to whom."""

    def __init__(self, nlp: Language, batch_size: int = 16) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    def parse(self, text: str, *, markdown: bool = False) -> ArticleParse:
        """Extract the attributions of one article."""
        return next(self.parse_many([(text, markdown)]))

    def parse_many(self, articles: Iterable[tuple[str, bool]]) -> Iterator[ArticleParse]:
        """Extract attributions from many ``(text, is_markdown)`` articles, parsing in batches."""
        for text, markdown in articles:
            seen = for_parser(mask_markdown(text) if markdown else text)
            bounds = chunk_bounds(seen)
            pieces = ((seen[s:e], s) for s, e in bounds)
            docs = self.nlp.pipe(pieces, as_tuples=True, batch_size=self.batch_size)
            yield analyse_docs(text, docs, parsed_text=seen)
