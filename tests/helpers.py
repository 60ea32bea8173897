"""Hand-made parse results, so storage and query tests need no language model."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from claimdb.extract.types import ArticleParse, Attribution, Kind, Span, Speaker, SpeakerKind, Stance


def _sentence(text: str, at: int) -> Span:
    """The sentence of ``text`` around offset ``at``: sentences end with ". " (enough for tests)."""
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", at)
    end = len(text) if end < 0 else end + 1
    return Span(start, end, text[start:end])


def make_parse(
    text: str,
    items: list[tuple[str, str | None, Stance]],
    topics: tuple[str, ...] = (),
    genders: dict[str, str] | None = None,
) -> ArticleParse:
    """An ArticleParse where each (content, speaker name, stance) is found verbatim in ``text``.

    ``genders`` gives a speaker's grammatical gender ("m" or "f") by name, as the parser would
    from an honorific or a pronoun."""
    speakers: dict[str, Speaker] = {}
    attrs = []
    for content, name, stance in items:
        start = text.index(content)
        piece = Span(start, start + len(content), content)
        speaker = None
        if name is not None:
            if name not in speakers:
                at = text.find(name)
                aliases = (Span(at, at + len(name), name),) if at >= 0 else ()
                short = name.split()[-1]
                at = text.find(short, at + len(name) if at >= 0 else 0)
                if at >= 0 and short != name:
                    aliases += (Span(at, at + len(short), short),)
                speakers[name] = Speaker(name, SpeakerKind.PERSON, aliases, (genders or {}).get(name))
            speaker = speakers[name]
        attrs.append(
            Attribution(
                content=(piece,),
                cue=None,
                source=None,
                speaker=speaker,
                stance=stance,
                kind=Kind.INDIRECT,
                sentence=_sentence(text, start),
                confidence=0.9,
                rule="test",
                topics=topics,
            )
        )
    return ArticleParse(text, tuple(attrs), tuple(speakers.values()))


def store_text(
    factory: Any,
    text: str,
    items: list[tuple[str, str | None, Stance]],
    topics: tuple[str, ...] = (),
    when: datetime | None = None,
) -> Any:
    """Store ``text`` as one article with the hand-made parse of :func:`make_parse`."""
    from claimdb.ingest import ArticleInput, store_parse

    with factory.begin() as session:
        return store_parse(session, ArticleInput(text, "test"), make_parse(text, items, topics), now=when)
