"""Topics of a statement: the named entities and key noun phrases of its sentence, normalised."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .lexicon import GENERIC_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: entity labels that make good topics (dates, numbers and money do not)
TOPIC_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT", "FAC", "LAW", "PRODUCT", "WORK_OF_ART"}
)
MAX_PHRASES = 4
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|\u2018s|'|\u2019)$")  # \u2018: a curly quote typed the wrong way
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


#: names news uses for the same place or body, folded into one topic
TOPIC_ALIASES = {
    "us": "United States",
    "u.s": "United States",
    "usa": "United States",
    "u.s.a": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "u.k": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "eu": "European Union",
    "e.u": "European Union",
    "un": "United Nations",
    "u.n": "United Nations",
    "nato": "NATO",
}
#: a place named with its kind ("the Kursk region") is the place
_PLACE_KIND = re.compile(r"\s+(?:region|province|oblast|county|district|state)$", re.IGNORECASE)


def normalise_topic(name: str) -> str:
    """Tidy a topic for display and fold variants together.

    One space between words, no leading article or trailing possessive, common aliases mapped to
    one name ("US", "U.S." and "America" → "United States"), and a place's kind dropped ("Kursk
    region" → "Kursk").

    >>> normalise_topic("the Kursk region"), normalise_topic("Barack Obama\u2018s"), normalise_topic("U.S.")
    ('Kursk', 'Barack Obama', 'United States')
    """
    name = _SPACES.sub(" ", name).strip(" \t\n.,;:!?\"'\u201c\u201d\u2018\u2019()[]")
    name = _POSSESSIVE.sub("", name)
    name = _LEADING.sub("", name).strip()
    alias = TOPIC_ALIASES.get(name.casefold().rstrip("."))
    if alias is not None:
        return alias
    if name[:1].isupper():
        name = _PLACE_KIND.sub("", name) or name
    return name


def topic_key(name: str) -> str:
    """The key two topics must share to be the same topic: case-, article- and plural-insensitive.

    >>> topic_key("the Republicans") == topic_key("Republican") and topic_key("taxes") == topic_key("tax")
    True
    """
    words = normalise_topic(name).casefold().split(" ")
    words[-1] = _singular(words[-1])
    return " ".join(words)


def legacy_topic_key(name: str) -> str:
    """The key earlier claimdb versions stored, plurals apart: their databases still hold some."""
    return normalise_topic(name).casefold()


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "os", "as")):
        return word[:-1]
    return word


def sentence_topics(
    sent: Span, base: int, canonical: Callable[[int], str | None]
) -> tuple[list[str], list[tuple[str, str]]]:
    """Topic candidates of one sentence: entity names, and noun phrases with their head lemma.

    Args:
        sent: the sentence, in a Doc that starts at character ``base`` of the article.
        canonical: maps an article offset to the canonical name of the speaker mentioned there,
            so "Starmer" and "Keir Starmer" make one topic.
    Returns:
        entity topics, and (phrase, head lemma) pairs for :func:`pick_topics` to filter.
    """
    names: list[str] = []
    covered: set[int] = set()
    for ent in sent.ents:
        if ent.label_ not in TOPIC_LABELS:
            continue
        covered.update(range(ent.start, ent.end))
        name = normalise_topic(canonical(ent.start_char + base) or ent.text)
        if len(name) > 1 and not name.isdigit():
            names.append(name)
    phrases: list[tuple[str, str]] = []
    for chunk in _noun_chunks(sent):
        root = chunk.root
        lemma = root.lemma_.lower()
        if root.pos_ != "NOUN" or lemma in GENERIC_NOUNS or any(t.i in covered for t in chunk):
            continue
        words = [t for t in chunk if t.dep_ == "compound" and t.pos_ == "NOUN" or t is root]
        name = normalise_topic(" ".join(t.lower_ for t in words))
        if len(name) > 2:
            phrases.append((name, lemma))
    return names, phrases


def _noun_chunks(sent: Span) -> Iterator[Span]:
    """The noun chunks of one sentence.

    ``sent.noun_chunks`` finds the chunks of the whole Doc and keeps those inside the sentence;
    the language's chunker itself reads only the tokens it is given. A pipeline whose language
    has no chunker gives none.
    """
    doc = sent.doc
    chunker = getattr(doc, "noun_chunks_iterator", None)  # not in spaCy's type stubs
    if chunker is None:
        return
    for start, end, _ in chunker(sent):
        yield doc[start:end]


#: lowercase lemma of each lemma id seen (ids are hashes of the strings, the same in every Vocab);
#: emptied when it holds this many, so a long ingest cannot grow it without end
_LOWER_LEMMAS: dict[int, str] = {}
_LOWER_LEMMAS_MAX = 200_000


def noun_lemmas(doc: Doc) -> list[str]:
    """Lemmas of the common nouns of a parsed text (to find which subjects an article keeps to)."""
    from spacy.attrs import LEMMA, POS  # noqa: TID253 - called only on parsed Docs
    from spacy.symbols import NOUN  # noqa: TID253

    strings = doc.vocab.strings
    columns = doc.to_array([POS, LEMMA])
    known = _LOWER_LEMMAS
    if len(known) > _LOWER_LEMMAS_MAX:
        known.clear()
    out = []
    for lemma in columns[columns[:, 0] == NOUN, 1].tolist():
        low = known.get(lemma)
        if low is None:
            low = known[lemma] = strings[lemma].lower()
        out.append(low)
    return out


def pick_topics(names: list[str], phrases: list[tuple[str, str]], counts: Counter[str]) -> tuple[str, ...]:
    """Entity names, then noun phrases whose head noun the article uses at least twice."""
    out: dict[str, str] = {}
    for name in names:
        out.setdefault(name.casefold(), name)
    kept = 0
    for name, lemma in phrases:
        if kept < MAX_PHRASES and counts[lemma] >= 2 and name.casefold() not in out:
            out[name.casefold()] = name
            kept += 1
    return tuple(out.values())
