"""The dependency rules on hand-built parses: fast, no statistical model, exact trees."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from claimdb.extract.options import content_options
from claimdb.extract.quotes import QuoteIndex, find_quotes
from claimdb.extract.reader import Candidate
from claimdb.extract.rules import SentenceRules
from claimdb.extract.types import Kind, Stance

# a blank English vocabulary: lexical attributes (lower case, punctuation) but no statistical model
VOCAB = spacy.blank("en").vocab


def parse(tokens: list[tuple[str, int, str, str, str]], spaces: list[bool] | None = None) -> Doc:
    """Build a Doc from (word, head index, dep, pos, lemma) rows."""
    words = [t[0] for t in tokens]
    if spaces is None:
        spaces = [i + 1 < len(words) and words[i + 1] not in {".", ",", ":"} for i in range(len(words))]
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        heads=[t[1] for t in tokens],
        deps=[t[2] for t in tokens],
        pos=[t[3] for t in tokens],
        lemmas=[t[4] for t in tokens],
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def run(doc: Doc) -> list[Candidate]:
    return SentenceRules(doc, QuoteIndex(find_quotes(doc.text))).run()


def text_of(doc: Doc, span: tuple[int, int] | None) -> str | None:
    return None if span is None else doc.text[span[0] : span[1]]


def test_reporting_verb_with_that_clause() -> None:
    doc = parse(
        [
            ("Okafor", 1, "nsubj", "PROPN", "Okafor"),
            ("said", 1, "ROOT", "VERB", "say"),
            ("that", 5, "mark", "SCONJ", "that"),
            ("talks", 5, "nsubj", "NOUN", "talk"),
            ("had", 5, "aux", "AUX", "have"),
            ("failed", 1, "ccomp", "VERB", "fail"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )
    (cand,) = run(doc)
    assert text_of(doc, cand.content[0]) == "that talks had failed"
    assert text_of(doc, cand.cue) == "said"
    assert text_of(doc, cand.source) == "Okafor"
    assert cand.stance is Stance.ASSERTS and cand.kind is Kind.INDIRECT


def test_according_to_takes_the_clause_it_modifies() -> None:
    doc = parse(
        [
            ("Cuts", 1, "nsubj", "NOUN", "cut"),
            ("loom", 1, "ROOT", "VERB", "loom"),
            (",", 1, "punct", "PUNCT", ","),
            ("according", 1, "prep", "VERB", "accord"),
            ("to", 3, "prep", "ADP", "to"),
            ("officials", 4, "pobj", "NOUN", "official"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )
    (cand,) = run(doc)
    assert text_of(doc, cand.content[0]) == "Cuts loom"
    assert text_of(doc, cand.cue) == "according to"
    assert text_of(doc, cand.source) == "officials"


def test_denied_claims_by_someone_gives_a_denial_and_an_assertion() -> None:
    doc = parse(
        [
            ("Okafor", 1, "nsubj", "PROPN", "Okafor"),
            ("denied", 1, "ROOT", "VERB", "deny"),
            ("Renwick", 4, "poss", "PROPN", "Renwick"),
            ("'s", 2, "case", "PART", "'s"),
            ("claim", 1, "dobj", "NOUN", "claim"),
            ("that", 8, "mark", "SCONJ", "that"),
            ("cuts", 8, "nsubj", "NOUN", "cut"),
            ("were", 8, "aux", "AUX", "be"),
            ("planned", 4, "acl", "VERB", "plan"),
            (".", 1, "punct", "PUNCT", "."),
        ],
        spaces=[True, True, False, True, True, True, True, True, False, False],
    )
    cands = run(doc)
    by_stance = {c.stance: c for c in cands}
    assert set(by_stance) == {Stance.DENIES, Stance.ASSERTS}
    assert text_of(doc, by_stance[Stance.DENIES].source) == "Okafor"
    assert text_of(doc, by_stance[Stance.ASSERTS].source) == "Renwick"
    assert all(text_of(doc, c.content[0]) == "that cuts were planned" for c in cands)


@pytest.mark.parametrize("neg", ["not", "never"])
def test_negated_reporting_verb_reports_nothing(neg: str) -> None:
    doc = parse(
        [
            ("Okafor", 2, "nsubj", "PROPN", "Okafor"),
            (neg, 2, "neg", "PART", neg),
            ("said", 2, "ROOT", "VERB", "say"),
            ("that", 5, "mark", "SCONJ", "that"),
            ("it", 5, "nsubj", "PRON", "it"),
            ("failed", 2, "ccomp", "VERB", "fail"),
        ]
    )
    assert run(doc) == []


def test_quoted_content_grows_to_the_whole_quotation() -> None:
    # "Go. Win," he said.  (the clause hung on "said" is only part of the quotation)
    doc = parse(
        [
            ('"', 7, "punct", "PUNCT", '"'),
            ("Go", 3, "advcl", "VERB", "go"),
            (".", 1, "punct", "PUNCT", "."),
            ("Win", 7, "ccomp", "VERB", "win"),
            (",", 7, "punct", "PUNCT", ","),
            ('"', 7, "punct", "PUNCT", '"'),
            ("he", 7, "nsubj", "PRON", "he"),
            ("said", 7, "ROOT", "VERB", "say"),
            (".", 7, "punct", "PUNCT", "."),
        ],
        spaces=[False, False, True, False, False, True, True, False, False],
    )
    (cand,) = [c for c in run(doc) if text_of(doc, c.cue) == "said"]
    assert text_of(doc, cand.content[0]) == "Go. Win,"
    assert cand.kind is Kind.DIRECT


def _flat(words: list[tuple[str, str]], spaces: list[bool]) -> Doc:
    """A Doc whose tokens are their own heads: enough for rules that read only words and lines."""
    return parse([(w, i, "ROOT", pos, w.lower()) for i, (w, pos) in enumerate(words)], spaces=spaces)


def test_each_line_of_signed_quotations_is_read() -> None:
    # “It will close.” ― Carla Sanchez \n “Nobody told us.”― Pamela Padilla  (one paragraph)
    words = [
        ("\u201c", "PUNCT"), ("It", "PRON"), ("will", "AUX"), ("close", "VERB"), (".", "PUNCT"),
        ("\u201d", "PUNCT"), ("\u2015", "PUNCT"), ("Carla", "PROPN"), ("Sanchez", "PROPN"),
        ("\n", "SPACE"),
        ("\u201c", "PUNCT"), ("Nobody", "PRON"), ("told", "VERB"), ("us", "PRON"), (".", "PUNCT"),
        ("\u201d\u2015", "PUNCT"), ("Pamela", "PROPN"), ("Padilla", "PROPN"),
    ]  # fmt: skip
    spaces = [False, True, True, False, False, True, True, True, False,
              False, False, True, True, False, False, True, True, False]  # fmt: skip
    doc = _flat(words, spaces)
    found = {
        (text_of(doc, c.source), text_of(doc, c.content[0]), text_of(doc, c.cue))
        for c in SentenceRules(doc, QuoteIndex(find_quotes(doc.text))).dash_rule()
    }
    assert found == {
        ("Carla Sanchez", "It will close.", "\u2015"),
        ("Pamela Padilla", "Nobody told us.", "\u2015"),  # the cue is the dash, not the closing mark
    }


def test_a_dash_inside_a_line_signs_nothing() -> None:
    # “It will close.” ― Carla Sanchez said so  (the name does not end the line)
    words = [
        ("\u201c", "PUNCT"), ("It", "PRON"), ("closes", "VERB"), (".", "PUNCT"), ("\u201d", "PUNCT"),
        ("\u2015", "PUNCT"), ("Carla", "PROPN"), ("Sanchez", "PROPN"), ("said", "VERB"), ("so", "ADV"),
    ]  # fmt: skip
    doc = _flat(words, [False, True, False, False, True, True, True, True, True, False])
    assert list(SentenceRules(doc, QuoteIndex(find_quotes(doc.text))).dash_rule()) == []


def test_content_options_offer_the_clause_without_what_follows_a_comma() -> None:
    # He said he makes money, and questioned it.
    doc = parse(
        [
            ("He", 1, "nsubj", "PRON", "he"),
            ("said", 1, "ROOT", "VERB", "say"),
            ("he", 3, "nsubj", "PRON", "he"),
            ("makes", 1, "ccomp", "VERB", "make"),
            ("money", 3, "dobj", "NOUN", "money"),
            (",", 3, "punct", "PUNCT", ","),
            ("and", 3, "cc", "CCONJ", "and"),
            ("questioned", 3, "conj", "VERB", "question"),
            ("it", 7, "dobj", "PRON", "it"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )
    reader = SentenceRules(doc, QuoteIndex(find_quotes(doc.text)))
    options = {o.kind: doc.text[o.start : o.end] for o in content_options(reader, doc[1])}
    assert options["child:ccomp"] == "he makes money, and questioned it"
    assert options["tail:ccomp"] == "he makes money"
