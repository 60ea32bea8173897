"""Sentences → who said what: the parser's contract, one construction per row (uses the model)."""

from __future__ import annotations

import pytest

from claimdb.extract.types import Attribution, Kind, Stance

pytestmark = pytest.mark.model

A, D = Stance.ASSERTS, Stance.DENIES
DIRECT, INDIRECT, MIXED = Kind.DIRECT, Kind.INDIRECT, Kind.MIXED

# (text, cue, speaker or None, content pieces, stance, kind)
POSITIVE = [
    # direct quotes: cue after, before with a colon, in the middle; straight and curly marks
    (
        '"We will not back down," Lena Smith said.',
        "said",
        "Lena Smith",
        ["We will not back down,"],
        A,
        DIRECT,
    ),
    (
        'Lena Smith said: "We will win. We always win."',
        "said",
        "Lena Smith",
        ["We will win. We always win."],
        A,
        DIRECT,
    ),
    (
        '"The first part," Lena Smith said, "and the second part."',
        "said",
        "Lena Smith",
        ["The first part,", "and the second part."],
        A,
        DIRECT,
    ),
    (
        "\u201cCurly quotes work too,\u201d Lena Smith said.",
        "said",
        "Lena Smith",
        ["Curly quotes work too,"],
        A,
        DIRECT,
    ),
    (
        '"It is a disgrace," said Mr Jones, the party\'s leader.',
        "said",
        "Jones",
        ["It is a disgrace,"],
        A,
        DIRECT,
    ),
    (
        '"We are ready," Lena Smith said. "The vote is tomorrow."',
        "said",
        "Lena Smith",
        ["We are ready,", "The vote is tomorrow."],
        A,
        DIRECT,
    ),
    # reported speech
    (
        "Adaeze Okafor said the talks had failed.",
        "said",
        "Adaeze Okafor",
        ["the talks had failed"],
        A,
        INDIRECT,
    ),
    (
        "Adaeze Okafor told reporters that the deal was dead.",
        "told",
        "Adaeze Okafor",
        ["that the deal was dead"],
        A,
        INDIRECT,
    ),
    (
        "Adaeze Okafor mentioned that the vote would be delayed.",
        "mentioned",
        "Adaeze Okafor",
        ["that the vote would be delayed"],
        A,
        INDIRECT,
    ),
    (
        "Adaeze Okafor confirmed that the plant would close.",
        "confirmed",
        "Adaeze Okafor",
        ["that the plant would close"],
        A,
        INDIRECT,
    ),
    (
        "The plant will close next year, Adaeze Okafor added.",
        "added",
        "Adaeze Okafor",
        ["The plant will close next year"],
        A,
        INDIRECT,
    ),
    ("The ministry said the figures were wrong.", "said", None, ["the figures were wrong"], A, INDIRECT),
    # mixed: reported speech carrying a quoted fragment
    (
        'Adaeze Okafor said the vote was "a turning point for the city."',
        "said",
        "Adaeze Okafor",
        ['the vote was "a turning point for the city.'],
        A,
        MIXED,
    ),
    # "according to" and participial cues
    (
        "According to the ministry, the budget includes cuts.",
        "According to",
        None,
        ["the budget includes cuts"],
        A,
        INDIRECT,
    ),
    (
        "The budget includes cuts, according to a spokesperson.",
        "according to",
        None,
        ["The budget includes cuts"],
        A,
        INDIRECT,
    ),
    (
        "Adaeze Okafor expressed optimism, suggesting that the deal would pass.",
        "suggesting",
        "Adaeze Okafor",
        ["that the deal would pass"],
        A,
        INDIRECT,
    ),
    # denials and counter-claims
    (
        "Adaeze Okafor denied claims that the budget includes cuts.",
        "denied",
        "Adaeze Okafor",
        ["that the budget includes cuts"],
        D,
        INDIRECT,
    ),
    (
        "Adaeze Okafor denied reports that she would resign.",
        "denied",
        "Adaeze Okafor",
        ["that she would resign"],
        D,
        INDIRECT,
    ),
    (
        "Adaeze Okafor rejected allegations, made by Tobias Renwick, that the budget includes cuts.",
        "rejected",
        "Adaeze Okafor",
        ["that the budget includes cuts"],
        D,
        INDIRECT,
    ),
    (
        "Adaeze Okafor rejected allegations, made by Tobias Renwick, that the budget includes cuts.",
        "allegations",
        "Tobias Renwick",
        ["that the budget includes cuts"],
        A,
        INDIRECT,
    ),
    (
        "Adaeze Okafor dismissed Tobias Renwick's claim that the budget includes cuts.",
        "dismissed",
        "Adaeze Okafor",
        ["that the budget includes cuts"],
        D,
        INDIRECT,
    ),
    (
        "Adaeze Okafor dismissed Tobias Renwick's claim that the budget includes cuts.",
        "claim",
        "Tobias Renwick",
        ["that the budget includes cuts"],
        A,
        INDIRECT,
    ),
    (
        "Adaeze Okafor denied claims promoted by Tobias Renwick that the budget includes cuts.",
        "claims",
        "Tobias Renwick",
        ["that the budget includes cuts"],
        A,
        INDIRECT,
    ),
    (
        "Ukraine denies that its troops are surrounded.",
        "denies",
        "Ukraine",
        ["that its troops are surrounded"],
        D,
        INDIRECT,
    ),
    # speakers through titles and pronouns
    (
        "Prime Minister Jane Doe spoke on Monday. The prime minister said the economy was growing.",
        "said",
        "Jane Doe",
        ["the economy was growing"],
        A,
        INDIRECT,
    ),
    (
        "Prime Minister Jane Doe spoke on Monday. She added that inflation had peaked.",
        "added",
        "Jane Doe",
        ["that inflation had peaked"],
        A,
        INDIRECT,
    ),
    (
        "Sir Keir Starmer visited the plant. Sir Keir said the jobs were safe.",
        "said",
        "Keir Starmer",
        ["the jobs were safe"],
        A,
        INDIRECT,
    ),
    (  # a nickname before the given name is no part of the name
        "Trump wrote that Crooked Hillary Clinton was duped. Clinton said the tweets were lies.",
        "said",
        "Hillary Clinton",
        ["the tweets were lies"],
        A,
        INDIRECT,
    ),
]

# (text, cue that must not yield an attribution, why)
NEGATIVE = [
    ("Adaeze Okafor did not say whether the plan would pass.", "say", "negated reporting verb"),
    ("Adaeze Okafor never said that the plan would pass.", "said", "negated reporting verb"),
    ('She wrote the memoir "Harbour Lights" in 2009.', "wrote", "a title in quotes is not a quotation"),
    (
        "The fans had the final word, as the chairman said at the time.",
        "said",
        "a verb of saying with no content",
    ),
    ("Adaeze Okafor said nothing.", "said", "no proposition"),
    ("Anyone who is worried should call the helpline.", "call", "call is a phone call here"),
]


def _by_cue(attrs: tuple[Attribution, ...], cue: str) -> list[Attribution]:
    return [a for a in attrs if a.cue is not None and a.cue.text == cue]


@pytest.mark.parametrize(("text", "cue", "speaker", "content", "stance", "kind"), POSITIVE)
def test_attribution(extractor, text, cue, speaker, content, stance, kind):
    found = _by_cue(extractor.parse(text).attributions, cue)
    assert found, f"no attribution with cue {cue!r}"
    attr = found[0]
    assert [p.text for p in attr.content] == content
    assert (attr.speaker.name if attr.speaker else None) == speaker
    assert attr.stance is stance
    assert attr.kind is kind
    for piece in attr.content:  # offsets index the text exactly
        assert text[piece.start : piece.end] == piece.text
    assert attr.cue is not None and text[attr.cue.start : attr.cue.end] == cue
    assert attr.sentence.start <= attr.cue.start < attr.sentence.end


@pytest.mark.parametrize(("text", "cue", "why"), NEGATIVE)
def test_no_attribution(extractor, text, cue, why):
    assert _by_cue(extractor.parse(text).attributions, cue) == [], why


def test_source_mention_is_kept_beside_the_resolved_speaker(extractor):
    text = (
        "Finance Minister Marguerite Halvorsen spoke first. "
        "The finance minister insisted the budget was fair."
    )
    (attr,) = _by_cue(extractor.parse(text).attributions, "insisted")
    assert attr.source is not None and attr.source.text == "The finance minister"
    assert attr.speaker is not None and attr.speaker.name == "Marguerite Halvorsen"


@pytest.mark.parametrize(
    "text",
    [
        '"This quote never closes, Smith said.',
        'He said "one "two" three',
        '""""""""""',
        "\u201c\u201c\u201c\u201d",
        '" " " "\n\n" "',
        "He said: \u201c",
    ],
)
def test_unbalanced_quotes_do_not_crash(extractor, text):
    parse = extractor.parse(text)
    for attr in parse.attributions:
        for piece in attr.content:
            assert 0 <= piece.start <= piece.end <= len(text)
