"""How a speaker's name is read from the entity the recogniser found (hand-built Docs, no model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Token

from claimdb.extract.speakers import _in_headline, _name_words, _runs_on

VOCAB = spacy.blank("en").vocab


def _entity(words: list[str], pos: list[str], spaces: list[bool]) -> list[Token]:
    doc = Doc(VOCAB, words=words, spaces=spaces, pos=pos, ents=["B-PERSON"] + ["I-PERSON"] * (len(words) - 1))
    return list(doc.ents[0])


@pytest.mark.parametrize(
    ("words", "pos", "spaces", "name"),
    [
        # a headline's word the recogniser ran into the name
        (["Weak", "-", "Rubio"], ["ADJ", "PUNCT", "PROPN"], [True, True, False], "Rubio"),
        (["Asserting", "Clinton"], ["VERB", "PROPN"], [True, False], "Clinton"),
        # a compound such as "pro-Rubio" stays whole: it names a group, not Rubio
        (["pro", "-", "Rubio"], ["ADJ", "PUNCT", "PROPN"], [False, False, False], "pro-Rubio"),
        # a given name the tagger takes for an adjective or a verb is still a name
        (["Josh", "Earnest"], ["VERB", "PROPN"], [True, False], "Josh Earnest"),
        (["Marco", "Rubio"], ["PROPN", "PROPN"], [True, False], "Marco Rubio"),
    ],
)
def test_a_headline_word_before_a_name_is_not_part_of_it(words, pos, spaces, name) -> None:
    found = _name_words(_entity(words, pos, spaces))
    assert "".join(t.text_with_ws for t in found).strip() == name


@pytest.mark.parametrize(
    ("headline", "body", "expected"),
    [
        (("ted", "cruz", "south", "carolina"), ("ted", "cruz"), True),
        (("donald", "trump", "tweets"), ("donald", "trump"), True),
        (("donald", "trump", "jr."), ("donald", "trump"), False),  # another person
        (("obama", "speech"), ("obama",), False),  # one word: "Obama" could be anyone of that name
        (("ted", "cruz"), ("ted", "cruz"), False),  # nothing run on
    ],
)
def test_a_headline_name_runs_on_into_words_the_body_leaves_off(headline, body, expected) -> None:
    assert _runs_on(headline, body) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ted Cruz South Carolina Win Boosts Campaign\n\nCruz spoke.", True),
        ("Title\n\nTed Cruz said on Saturday that he would win.", False),
        ("Ted Cruz Wins\nThe senator said he would win.", True),
    ],
)
def test_a_name_in_a_title_case_line_is_in_a_headline(text: str, expected: bool) -> None:
    words = [w for w in text.replace("\n", " \n ").split(" ") if w]
    doc = Doc(VOCAB, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    ted = next(t for t in doc if t.text == "Ted")
    assert _in_headline(doc[ted.i : ted.i + 2]) is expected
