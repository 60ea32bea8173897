"""Property tests of the extractor: any text parses without error into spans that index it exactly.

The first property feeds arbitrary Unicode; the second builds news-like sentences from a small
grammar of names, reporting verbs, quotation styles and clauses, where some answers are known.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimdb.extract.types import ArticleParse, Kind, Span, SpeakerKind, Stance

pytestmark = pytest.mark.model

FUZZ = settings(max_examples=150, deadline=None, database=None)

# -- arbitrary text ---------------------------------------------------------------------------

QUOTES = list("\"'\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb\u2039\u203a`")
SPECIAL = QUOTES + [
    *"\n\r\t\x0b\x0c\x1c\x85\u2028\u2029 \u00a0\u2009\u200b\u200d\u200e\u200f\u202b\u202c\u2066\u2069\ufeff",
    *".,;:!?\u2026\u2014\u2013-()[]",
    *"\x00\x01\x07\x1b\x1f\x7f\ufffd",  # control characters (sources refuses most; the parser must not care)
    *"\u0301\u0308\u0327\u20dd\u0489",  # combining marks, possibly with nothing to combine with
    *"\u0627\u0644\u0648\u0632\u064a\u0631\u05e9\u05dc\u05d5\u05dd\u0645",  # Arabic and Hebrew letters
    *"\U0001f600\U0001f44d\U0001f3fd\U0001f1fa\U0001f1e6\u2764\ufe0f",  # emoji, modifiers, flags
    *"\u00e9\u00df\u0131\u0130\ufb01\u1e9e\u03a3\u0416\u4e2d\u6587\u3002",  # case mapping traps, CJK
]
WORDS = (
    "said says told added claimed denied insisted according to that the minister Lena Smith Mr Jones "
    'she he they it We will not back down Ministry of Finance spokesperson for . , \u201c \u201d "'
).split()
# every code point, lone surrogates included (no decoded file holds one, but library callers might)
CHARACTERS = st.characters()
ARBITRARY = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.one_of(st.sampled_from(SPECIAL), CHARACTERS), max_size=300),
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(SPECIAL)), max_size=80).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(SPECIAL)), max_size=120).map("".join),
)


def check_parse(text: str, parse: ArticleParse) -> None:
    """Every span indexes ``text`` exactly, and every label is one the types define."""
    assert parse.text == text

    def check(span: Span) -> None:
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start : span.end] == span.text, span

    for speaker in parse.speakers:
        assert speaker.name == speaker.name.strip() and any(c.isalpha() for c in speaker.name), speaker
        assert speaker.kind in set(SpeakerKind)
        for alias in speaker.aliases:
            check(alias)
    for attr in parse.attributions:
        assert attr.content, attr
        for piece in attr.content:
            check(piece)
        for span in (attr.cue, attr.source, attr.sentence):
            if span is not None:
                check(span)
        assert attr.stance in set(Stance)
        assert attr.kind in set(Kind)
        assert attr.speaker is None or attr.speaker in parse.speakers
        assert 0.0 <= attr.confidence <= 1.0
        assert attr.start <= attr.end


@FUZZ
@given(ARBITRARY)
@example("")
@example("\u201d\u201c\u201d said \u201c")
@example('"' * 200)
@example(
    "\u202b\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631: \u00ab\u0644\u0627\u00bb\u202c, she said."
)
@example("e\u0301\u0301\u0301 said \u201cx\u0308\u201d \U0001f44d\U0001f3fd\n\n\n\x0b\x0c")
@example("J11\x1fSaid SaB")  # a control character inside a name: the parser sees a space there
def test_any_text_parses_into_exact_spans(extractor, text: str) -> None:
    check_parse(text, extractor.parse(text))


def test_a_speakers_aliases_quote_the_article_not_what_the_parser_saw(extractor) -> None:
    text = "Adaeze\x1fOkafor said that the plant would close."
    (speaker,) = extractor.parse(text).speakers
    assert speaker.name == "Adaeze Okafor"  # the name reads well
    assert [a.text for a in speaker.aliases] == ["Adaeze\x1fOkafor"]  # the span quotes the text


def test_lone_surrogate(extractor) -> None:
    text = "Ann Lee said \ud800 the plan would fail."
    (said,) = extractor.parse(text).attributions
    assert text[said.start : said.end] == said.text


def test_stray_byte_order_mark_is_not_a_speaker(extractor) -> None:
    parse = extractor.parse("\ufeff  said the plan would fail.")
    assert all(s.name == s.name.strip(" \ufeff") and any(c.isalpha() for c in s.name) for s in parse.speakers)


# -- a grammar of news sentences --------------------------------------------------------------

NAMES = ["Lena Smith", "Adaeze Okafor", "Marguerite Halvorsen", "Tom Reed", "Mr Jones", "Dr Ana Silva"]
SUBJECTS = ["the plan", "the budget", "our party", "the council", "nobody", "the hospital"]
PREDICATES = ["will fail", "is working", "has no money left", "was never costed", "will close next year"]
VERBS = ["said", "added", "claimed", "insisted", "warned", "told reporters", "denied"]
MARKS = [('"', '"'), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u201e", "\u201c"), ("\u00ab", "\u00bb")]
CLAUSES = st.builds(lambda s, p: f"{s} {p}", st.sampled_from(SUBJECTS), st.sampled_from(PREDICATES))
SAID_QUOTES = [('"', '"'), ("\u201c", "\u201d")]  # the styles "…," NAME said. is pinned down for


def _sentence(template: int, name: str, verb: str, clause: str, marks: tuple[str, str]) -> str:
    opening, closing = marks
    quoted = clause[0].upper() + clause[1:]
    return [
        f"{opening}{quoted},{closing} {name} {verb}.",
        f"{opening}{quoted},{closing} {verb} {name}.",
        f"{name} {verb} that {clause}.",
        f"{name} {verb}: {opening}{quoted}.{closing}",
        f"According to {name}, {clause}.",
        f"{name} {verb} {clause}, and {clause}.",
        f"{opening}{quoted},{closing} {name} {verb}, {opening}{clause}.{closing}",
        f"{name} did not say that {clause}.",
    ][template]


SENTENCES = st.builds(
    _sentence,
    st.integers(0, 7),
    st.sampled_from(NAMES),
    st.sampled_from(VERBS),
    CLAUSES,
    st.sampled_from(MARKS),
)
ARTICLES = st.lists(SENTENCES, min_size=1, max_size=4).flatmap(
    lambda parts: st.sampled_from([" ", "\n", "\n\n"]).map(lambda sep: sep.join(parts))
)


@FUZZ
@given(ARTICLES)
def test_grammar_sentences_parse_into_exact_spans(extractor, text: str) -> None:
    check_parse(text, extractor.parse(text))


@FUZZ
@given(st.sampled_from(NAMES), CLAUSES, st.sampled_from(SAID_QUOTES))
def test_quote_then_name_said_gives_the_quotation(extractor, name: str, clause: str, marks) -> None:
    opening, closing = marks
    quoted = clause[0].upper() + clause[1:]
    text = f"{opening}{quoted},{closing} {name} said."
    parse = extractor.parse(text)
    check_parse(text, parse)
    said = [a for a in parse.attributions if a.cue is not None and a.cue.text == "said"]
    assert len(said) == 1, said
    # the content is the whole quotation, its comma included (the attribution table's contract)
    assert said[0].text == f"{quoted},"
    assert said[0].kind is Kind.DIRECT and said[0].stance is Stance.ASSERTS
    assert said[0].source is not None and said[0].source.text == name


def test_guillemets_and_a_title(extractor) -> None:
    (said,) = extractor.parse("\u00abThe plan will fail,\u00bb Dr Ana Silva said.").attributions
    assert said.text == "The plan will fail,"
    assert said.source is not None and said.source.text == "Dr Ana Silva"
