"""How a speaker's name is read from the entity the recogniser found (hand-built Docs, no model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Token

from claimdb.extract.speakers import _name_words

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
