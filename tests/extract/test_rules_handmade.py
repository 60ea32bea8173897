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


# -- sources the parser strands ---------------------------------------------------------------------


def _stranded(subject: str) -> Doc:
    """ "In a statement(, her adviser, Jo Ames), said the plan was fair." with the speaker hung on
    the opening phrase as an apposition, as the small English pipeline often parses it."""
    rows = [
        ("In", 10, "prep", "ADP", "in"),
        ("a", 2, "det", "DET", "a"),
        ("statement", 0, "pobj", "NOUN", "statement"),
    ]
    if subject == "apposition":
        rows += [
            (",", 2, "punct", "PUNCT", ","),
            ("her", 5, "poss", "PRON", "her"),
            ("adviser", 2, "appos", "NOUN", "adviser"),
            (",", 5, "punct", "PUNCT", ","),
            ("Jo", 8, "compound", "PROPN", "Jo"),
            ("Ames", 5, "appos", "PROPN", "Ames"),
        ]
    else:  # the same words, the adviser parsed as the verb's subject
        rows += [
            (",", 10, "punct", "PUNCT", ","),
            ("her", 5, "poss", "PRON", "her"),
            ("adviser", 10, "nsubj", "NOUN", "adviser"),
            (",", 5, "punct", "PUNCT", ","),
            ("Jo", 8, "compound", "PROPN", "Jo"),
            ("Ames", 5, "appos", "PROPN", "Ames"),
        ]
    rows += [
        (",", 10, "punct", "PUNCT", ","),
        ("said", 10, "ROOT", "VERB", "say"),
        ("the", 12, "det", "DET", "the"),
        ("plan", 13, "nsubj", "NOUN", "plan"),
        ("was", 10, "ccomp", "AUX", "be"),
        ("fair", 13, "acomp", "ADJ", "fair"),
        (".", 10, "punct", "PUNCT", "."),
    ]
    return parse(rows)


@pytest.mark.parametrize("subject", ["apposition", "nsubj"])
def test_a_speaker_parsed_as_an_apposition_of_the_opening_phrase_is_the_source(subject: str) -> None:
    doc = _stranded(subject)
    (cand,) = run(doc)
    assert text_of(doc, cand.content[0]) == "the plan was fair"
    assert text_of(doc, cand.source) == "her adviser, Jo Ames"


def test_an_opening_phrase_without_an_apposition_gives_no_source() -> None:
    doc = parse(
        [
            ("In", 3, "prep", "ADP", "in"),
            ("Paris", 0, "pobj", "PROPN", "Paris"),
            (",", 3, "punct", "PUNCT", ","),
            ("said", 3, "ROOT", "VERB", "say"),
            ("the", 5, "det", "DET", "the"),
            ("plan", 6, "nsubj", "NOUN", "plan"),
            ("was", 3, "ccomp", "AUX", "be"),
            ("fair", 6, "acomp", "ADJ", "fair"),
        ]
    )
    reader = SentenceRules(doc, QuoteIndex([]))
    assert reader._subject_of(doc[3]) is None


@pytest.mark.parametrize(
    ("verb", "lemma", "source"),
    [("appeared", "appear", None), ("\u2019s", "\u2019", None), ("said", "say", "It")],
)
def test_it_before_a_clause_is_a_placeholder_not_a_speaker(verb: str, lemma: str, source: str | None) -> None:
    doc = parse(
        [
            ("It", 1, "nsubj", "PRON", "it"),
            (verb, 1, "ROOT", "VERB", lemma),
            ("that", 5, "mark", "SCONJ", "that"),
            ("the", 4, "det", "DET", "the"),
            ("plan", 5, "nsubj", "NOUN", "plan"),
            ("failed", 1, "ccomp", "VERB", "fail"),
        ]
    )
    span, _ = SentenceRules(doc, QuoteIndex([]))._source(doc[0], doc[1])
    assert text_of(doc, span) == source


@pytest.mark.parametrize("reading", ["noun-root", "name-root"])
def test_a_reporting_verb_tagged_as_a_noun_keeps_its_speaker(reading: str) -> None:
    # "Okafor claims that the plan failed." read as a noun phrase: either "claims" heads the
    # sentence with Okafor as its subject, or Okafor heads it with "claims" as its object
    if reading == "noun-root":
        first, second = ("Okafor", 1, "nsubj", "PROPN", "Okafor"), ("claims", 1, "ROOT", "NOUN", "claim")
    else:
        first, second = ("Okafor", 0, "ROOT", "NOUN", "okafor"), ("claims", 0, "dobj", "NOUN", "claim")
    doc = parse(
        [
            first,
            second,
            ("that", 5, "mark", "SCONJ", "that"),
            ("the", 4, "det", "DET", "the"),
            ("plan", 5, "nsubj", "NOUN", "plan"),
            ("failed", 1, "acl", "VERB", "fail"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )
    (cand,) = [c for c in run(doc) if c.rule == "claim-noun"]
    assert text_of(doc, cand.content[0]) == "that the plan failed"
    assert text_of(doc, cand.source) == "Okafor"


def test_a_claim_noun_after_a_lower_case_word_has_no_maker() -> None:
    doc = parse(
        [
            ("more", 0, "ROOT", "ADJ", "more"),
            ("claims", 0, "dobj", "NOUN", "claim"),
            ("that", 5, "mark", "SCONJ", "that"),
            ("the", 4, "det", "DET", "the"),
            ("plan", 5, "nsubj", "NOUN", "plan"),
            ("failed", 1, "acl", "VERB", "fail"),
        ]
    )
    (cand,) = [c for c in run(doc) if c.rule == "claim-noun"]
    assert cand.source is None


@pytest.mark.parametrize(
    ("rows", "label"),
    [
        # "Poll: Voters back the plan."
        (
            [
                ("Poll", 3, "dep", "NOUN", "poll"),
                (":", 3, "punct", "PUNCT", ":"),
                ("Voters", 3, "nsubj", "NOUN", "voter"),
                ("back", 3, "ROOT", "VERB", "back"),
                ("the", 5, "det", "DET", "the"),
                ("plan", 3, "dobj", "NOUN", "plan"),
            ],
            "Poll",
        ),
        # "Experts agree - Jo Ames: the plan failed."
        (
            [
                ("Experts", 1, "nsubj", "NOUN", "expert"),
                ("agree", 1, "ROOT", "VERB", "agree"),
                ("-", 1, "punct", "PUNCT", "-"),
                ("Jo", 4, "compound", "PROPN", "Jo"),
                ("Ames", 1, "appos", "PROPN", "Ames"),
                (":", 1, "punct", "PUNCT", ":"),
                ("the", 7, "det", "DET", "the"),
                ("plan", 8, "nsubj", "NOUN", "plan"),
                ("failed", 1, "ccomp", "VERB", "fail"),
            ],
            "Jo Ames",
        ),
        # "From the report: plan failed." (a headline)
        (
            [
                ("From", 4, "prep", "ADP", "from"),
                ("the", 2, "det", "DET", "the"),
                ("report", 0, "pobj", "NOUN", "report"),
                (":", 4, "punct", "PUNCT", ":"),
                ("plan", 5, "nsubj", "NOUN", "plan"),
                ("failed", 5, "ROOT", "VERB", "fail"),
            ],
            "the report",
        ),
        # "UPDATE: plan failed." is an editor's note
        (
            [
                ("UPDATE", 3, "dep", "NOUN", "update"),
                (":", 3, "punct", "PUNCT", ":"),
                ("plan", 3, "nsubj", "NOUN", "plan"),
                ("failed", 3, "ROOT", "VERB", "fail"),
            ],
            None,
        ),
        # "The answer was simple: no." has nobody speaking
        (
            [
                ("The", 1, "det", "DET", "the"),
                ("answer", 2, "nsubj", "NOUN", "answer"),
                ("was", 2, "ROOT", "AUX", "be"),
                ("simple", 2, "acomp", "ADJ", "simple"),
                (":", 2, "punct", "PUNCT", ":"),
                ("no", 2, "npadvmod", "INTJ", "no"),
            ],
            None,
        ),
    ],
)
def test_who_a_colon_gives_the_floor_to(rows, label: str | None) -> None:
    doc = parse(rows)
    colon = next(t for t in doc if t.text == ":")
    found = SentenceRules(doc, QuoteIndex([])).colon_label(colon)
    assert (" ".join(t.text for t in found) if found else None) == label


def test_a_dateline_parsed_as_a_second_subject_is_not_the_source() -> None:
    doc = parse(
        [
            ("LONDON", 7, "nsubj", "PROPN", "LONDON"),
            ("(", 2, "punct", "PUNCT", "("),
            ("Reuters", 0, "appos", "PROPN", "Reuters"),
            (")", 2, "punct", "PUNCT", ")"),
            ("-", 0, "punct", "PUNCT", "-"),
            ("Jo", 6, "compound", "PROPN", "Jo"),
            ("Ames", 7, "nsubj", "PROPN", "Ames"),
            ("said", 7, "ROOT", "VERB", "say"),
            ("the", 9, "det", "DET", "the"),
            ("plan", 10, "nsubj", "NOUN", "plan"),
            ("failed", 7, "ccomp", "VERB", "fail"),
        ]
    )
    (cand,) = run(doc)
    assert text_of(doc, cand.source) == "Jo Ames"


@pytest.mark.parametrize(("greeting_dep", "source"), [("nsubj", "he"), ("npadvmod", "he")])
def test_words_of_a_quotation_are_not_the_subject_of_the_verb_outside_it(
    greeting_dep: str, source: str
) -> None:
    # "“Happy day!,” he tweeted." with the greeting parsed as a second subject of "tweeted"
    doc = parse(
        [
            ("\u201c", 7, "punct", "PUNCT", "\u201c"),
            ("Happy", 2, "amod", "ADJ", "happy"),
            ("day", 7, greeting_dep, "NOUN", "day"),
            ("!", 2, "punct", "PUNCT", "!"),
            (",", 7, "punct", "PUNCT", ","),
            ("\u201d", 7, "punct", "PUNCT", "\u201d"),
            ("he", 7, "nsubj", "PRON", "he"),
            ("tweeted", 7, "ROOT", "VERB", "tweet"),
            (".", 7, "punct", "PUNCT", "."),
        ],
        spaces=[False, True, False, False, False, True, True, False, False],
    )
    assert doc.text == "\u201cHappy day!,\u201d he tweeted."
    reader = SentenceRules(doc, QuoteIndex(find_quotes(doc.text)))
    assert reader._subject_of(doc[7]).text == source  # type: ignore[union-attr]


def test_a_quoted_subject_stays_the_subject_of_a_quoted_verb() -> None:
    # inside the quotation the words are the speaker's own: "“The day will come,” he said."
    doc = parse(
        [
            ("\u201c", 3, "punct", "PUNCT", "\u201c"),
            ("The", 2, "det", "DET", "the"),
            ("day", 3, "nsubj", "NOUN", "day"),
            ("came", 3, "ROOT", "VERB", "come"),
            ("\u201d", 3, "punct", "PUNCT", "\u201d"),
        ],
        spaces=[False, True, True, False, False],
    )
    reader = SentenceRules(doc, QuoteIndex(find_quotes(doc.text)))
    assert reader._subject_of(doc[3]).text == "day"  # type: ignore[union-attr]


@pytest.mark.parametrize(("word", "lemma", "subject"), [("denied", "deny", "Jo"), ("left", "leave", "Lee")])
def test_a_cue_joined_to_a_reported_clause_goes_with_its_reporter(
    word: str, lemma: str, subject: str
) -> None:
    # "Jo said that Lee would resign and denied that the plan failed.": the parser joins "denied"
    # to "resign"; a reporting verb there continues Jo's report, any other verb is Lee's
    doc = parse(
        [
            ("Jo", 1, "nsubj", "PROPN", "Jo"),
            ("said", 1, "ROOT", "VERB", "say"),
            ("that", 5, "mark", "SCONJ", "that"),
            ("Lee", 5, "nsubj", "PROPN", "Lee"),
            ("would", 5, "aux", "AUX", "would"),
            ("resign", 1, "ccomp", "VERB", "resign"),
            ("and", 5, "cc", "CCONJ", "and"),
            (word, 5, "conj", "VERB", lemma),
            ("that", 11, "mark", "SCONJ", "that"),
            ("the", 10, "det", "DET", "the"),
            ("plan", 11, "nsubj", "NOUN", "plan"),
            ("failed", 7, "ccomp", "VERB", "fail"),
        ]
    )
    reader = SentenceRules(doc, QuoteIndex([]))
    assert reader._subject_of(doc[7]).text == subject  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("opening", "source"),
    [
        (
            [("BRUSSELS", 2, "compound", "PROPN", "BRUSSELS"), ("-", 2, "punct", "PUNCT", "-")],
            "European leaders",
        ),
        ([("Some", 2, "det", "DET", "some"), ("-", 2, "punct", "PUNCT", "-")], "Some - European leaders"),
        # "LA CROSSE, Wisc. — European leaders said …": a state after the place
        (
            [
                ("LA", 5, "compound", "PROPN", "LA"),
                ("CROSSE", 5, "compound", "PROPN", "CROSSE"),
                (",", 5, "punct", "PUNCT", ","),
                ("Wisc.", 5, "appos", "PROPN", "Wisc."),
                ("\u2014", 5, "punct", "PUNCT", "\u2014"),
            ],
            "European leaders",
        ),
        # "CLEVELAND, July 19 (UPI) — …": a date and an agency
        (
            [
                ("CLEVELAND", 8, "compound", "PROPN", "CLEVELAND"),
                (",", 8, "punct", "PUNCT", ","),
                ("July", 8, "npadvmod", "PROPN", "July"),
                ("19", 2, "nummod", "NUM", "19"),
                ("(", 8, "punct", "PUNCT", "("),
                ("UPI", 8, "appos", "PROPN", "UPI"),
                (")", 8, "punct", "PUNCT", ")"),
                ("\u2014", 8, "punct", "PUNCT", "\u2014"),
            ],
            "European leaders",
        ),
        # a place written in small letters is no dateline
        (
            [
                ("Brussels", 4, "compound", "PROPN", "Brussels"),
                (",", 4, "punct", "PUNCT", ","),
                ("Belgium", 4, "appos", "PROPN", "Belgium"),
                ("-", 4, "punct", "PUNCT", "-"),
            ],
            "Brussels, Belgium - European leaders",
        ),
    ],
)
def test_a_dateline_is_cut_from_the_source(opening, source: str) -> None:
    n = len(opening)
    rows = [
        *opening,
        ("European", n + 1, "amod", "ADJ", "european"),
        ("leaders", n + 2, "nsubj", "NOUN", "leader"),
        ("said", n + 2, "ROOT", "VERB", "say"),
        ("the", n + 4, "det", "DET", "the"),
        ("plan", n + 5, "nsubj", "NOUN", "plan"),
        ("failed", n + 2, "ccomp", "VERB", "fail"),
    ]
    doc = parse(rows)
    (cand,) = run(doc)
    assert text_of(doc, cand.source) == source


@pytest.mark.parametrize(
    ("tag", "source"), [("VBG", "Jo Ames"), ("VBN", "Jo Ames"), ("VB", "Jo Ames, speak to veterans")]
)
def test_what_the_speaker_was_doing_is_not_part_of_the_source(tag: str, source: str) -> None:
    # "Jo Ames, speaking to veterans, said the plan failed."
    doc = parse(
        [
            ("Jo", 1, "compound", "PROPN", "Jo"),
            ("Ames", 7, "nsubj", "PROPN", "Ames"),
            (",", 1, "punct", "PUNCT", ","),
            ("speaking" if tag != "VB" else "speak", 1, "acl", "VERB", "speak"),
            ("to", 3, "prep", "ADP", "to"),
            ("veterans", 4, "pobj", "NOUN", "veteran"),
            (",", 1, "punct", "PUNCT", ","),
            ("said", 7, "ROOT", "VERB", "say"),
            ("the", 9, "det", "DET", "the"),
            ("plan", 10, "nsubj", "NOUN", "plan"),
            ("failed", 7, "ccomp", "VERB", "fail"),
        ]
    )
    doc[3].tag_ = tag
    (cand,) = run(doc)
    assert text_of(doc, cand.source) == source


def test_an_inverted_said_parsed_as_part_of_the_name_keeps_the_name() -> None:
    # "Said Ellis: the plan failed."
    doc = parse(
        [
            ("Said", 1, "compound", "VERB", "say"),
            ("Ellis", 1, "ROOT", "PROPN", "Ellis"),
            (":", 1, "punct", "PUNCT", ":"),
            ("the", 4, "det", "DET", "the"),
            ("plan", 5, "nsubj", "NOUN", "plan"),
            ("failed", 1, "acl", "VERB", "fail"),
        ]
    )
    reader = SentenceRules(doc, QuoteIndex([]))
    head = reader._subject_of(doc[0])
    assert head is not None and head.text == "Ellis"
    span, _ = reader._source(head, doc[0])
    assert text_of(doc, span) == "Ellis"


def _name_then_said(name_pos: str) -> Doc:
    """'“We will win,” Tulsa police Chief Jo Ames said.' with "said" joined to "win" and the name
    hung on a quoted word, as the parser reads it inside a long article."""
    return parse(
        [
            ("\u201c", 3, "punct", "PUNCT", "\u201c"),
            ("We", 3, "nsubj", "PRON", "we"),
            ("will", 3, "aux", "AUX", "will"),
            ("win", 3, "ROOT", "VERB", "win"),
            (",", 3, "punct", "PUNCT", ","),
            ("\u201d", 3, "punct", "PUNCT", "\u201d"),
            ("Tulsa", 3, "dep", "VERB", "tulsa"),
            ("police", 8, "compound", "NOUN", "police"),
            ("Chief", 6, "dobj", "PROPN", "Chief"),
            ("Jo", 10, "compound", "PROPN", "Jo"),
            ("Ames", 8, "appos", name_pos, "Ames"),
            ("said", 3, "conj", "VERB", "say"),
            (".", 3, "punct", "PUNCT", "."),
        ],
        spaces=[False, True, True, False, False, True, True, True, True, True, True, False, False],
    )


@pytest.mark.parametrize(("name_pos", "source"), [("PROPN", "Tulsa police Chief Jo Ames"), ("NOUN", None)])
def test_a_name_right_before_a_verb_without_subject_is_its_speaker(name_pos: str, source: str | None) -> None:
    doc = _name_then_said(name_pos)
    reader = SentenceRules(doc, QuoteIndex(find_quotes(doc.text)))
    head = reader._subject_of(doc[11])
    span = reader._source(head, doc[11])[0] if head is not None else None
    assert text_of(doc, span) == source


def test_a_cue_after_an_adjective_takes_the_subject_of_its_verb() -> None:
    # "Jo is likely to deny that the plan failed."
    doc = parse(
        [
            ("Jo", 1, "nsubj", "PROPN", "Jo"),
            ("is", 1, "ROOT", "AUX", "be"),
            ("likely", 1, "acomp", "ADJ", "likely"),
            ("to", 4, "aux", "PART", "to"),
            ("deny", 2, "xcomp", "VERB", "deny"),
            ("that", 8, "mark", "SCONJ", "that"),
            ("the", 7, "det", "DET", "the"),
            ("plan", 8, "nsubj", "NOUN", "plan"),
            ("failed", 4, "ccomp", "VERB", "fail"),
        ]
    )
    assert SentenceRules(doc, QuoteIndex([]))._subject_of(doc[4]).text == "Jo"  # type: ignore[union-attr]


@pytest.mark.parametrize(("verb", "lemma", "source"), [("seems", "seem", None), ("wants", "want", "Jo")])
def test_who_only_seems_is_no_speaker(verb: str, lemma: str, source: str | None) -> None:
    # "Jo seems to know the plan." reports an impression, nobody's statement
    doc = parse(
        [
            ("Jo", 1, "nsubj", "PROPN", "Jo"),
            (verb, 1, "ROOT", "VERB", lemma),
            ("to", 3, "aux", "PART", "to"),
            ("know", 1, "xcomp", "VERB", "know"),
            ("the", 5, "det", "DET", "the"),
            ("plan", 3, "dobj", "NOUN", "plan"),
        ]
    )
    span, _ = SentenceRules(doc, QuoteIndex([]))._source(doc[0], doc[1])
    assert text_of(doc, span) == source


@pytest.mark.parametrize(("verb", "source"), [("Blasts", "Glenn Beck"), ("blasts", None)])
def test_a_headline_verb_read_as_part_of_a_name_keeps_the_name_before_it(
    verb: str, source: str | None
) -> None:
    # "Glenn Beck Blasts Drudge." parsed as one noun phrase
    doc = parse(
        [
            ("Glenn", 1, "compound", "PROPN", "Glenn"),
            ("Beck", 2, "compound", "PROPN", "Beck"),
            (verb, 3, "compound", "NOUN", "blast"),
            ("Drudge", 3, "ROOT", "PROPN", "Drudge"),
            (".", 3, "punct", "PUNCT", "."),
        ]
    )
    reader = SentenceRules(doc, QuoteIndex([]))
    head = reader._name_before(doc[2])
    assert text_of(doc, reader._source(head, doc[2])[0] if head is not None else None) == source


@pytest.mark.parametrize(("agent", "source"), [(False, None), (True, "Jo")])
def test_a_passive_cue_takes_no_subject_from_the_clause_it_hangs_on(agent: bool, source: str | None) -> None:
    # "When the plan was confirmed (by Jo), Lee left."
    rows = [
        ("When", 3, "advmod", "SCONJ", "when"),
        ("the", 2, "det", "DET", "the"),
        ("plan", 4, "nsubjpass", "NOUN", "plan"),
        ("was", 4, "auxpass", "AUX", "be"),
        ("confirmed", 8 if agent else 6, "advcl", "VERB", "confirm"),
    ]
    if agent:
        rows += [("by", 4, "agent", "ADP", "by"), ("Jo", 5, "pobj", "PROPN", "Jo")]
    n = len(rows)
    rows += [
        (",", n + 2, "punct", "PUNCT", ","),
        ("Lee", n + 2, "nsubj", "PROPN", "Lee"),
        ("left", n + 2, "ROOT", "VERB", "leave"),
    ]
    rows = [(w, h if i != 4 else n + 2, d, p, lem) for i, (w, h, d, p, lem) in enumerate(rows)]
    doc = parse(rows)
    subject = SentenceRules(doc, QuoteIndex([]))._subject_of(doc[4])
    assert (subject.text if subject is not None else None) == source


@pytest.mark.parametrize(("aux", "source"), [(False, None), (True, "Lee")])
def test_a_participle_without_auxiliary_is_passive(aux: bool, source: str | None) -> None:
    # "Asked about the plan, Lee said it failed." (nobody named asked) against "Having asked…"
    rows = [("Having", 1, "aux", "AUX", "have")] if aux else []
    k = len(rows)
    rows += [
        ("asked" if aux else "Asked", k + 5, "advcl", "VERB", "ask"),
        ("about", k, "prep", "ADP", "about"),
        ("it", k + 1, "pobj", "PRON", "it"),
        (",", k + 5, "punct", "PUNCT", ","),
        ("Lee", k + 5, "nsubj", "PROPN", "Lee"),
        ("said", k + 5, "ROOT", "VERB", "say"),
    ]
    rows = [(w, h if i != 0 or not aux else 1, d, p, lem) for i, (w, h, d, p, lem) in enumerate(rows)]
    doc = parse(rows)
    doc[k].tag_ = "VBN"
    subject = SentenceRules(doc, QuoteIndex([]))._subject_of(doc[k])
    assert (subject.text if subject is not None else None) == source


@pytest.mark.parametrize(("tag", "source"), [("NNS", "Clinton campaign"), ("NN", None)])
def test_a_verb_read_as_a_plural_noun_keeps_its_subject(tag: str, source: str | None) -> None:
    # "The Clinton campaign plans to win." with "plans" heading the noun phrase
    doc = parse(
        [
            ("The", 3, "det", "DET", "the"),
            ("Clinton", 2, "compound", "PROPN", "Clinton"),
            ("campaign", 3, "compound", "NOUN", "campaign"),
            ("plans", 3, "ROOT", "NOUN", "plan"),
            ("to", 5, "aux", "PART", "to"),
            ("win", 3, "acl", "VERB", "win"),
        ]
    )
    doc[3].tag_ = tag
    reader = SentenceRules(doc, QuoteIndex([]))
    maker = reader._claim_maker(doc[3])
    assert text_of(doc, reader._source(maker, doc[3])[0] if maker is not None else None) == source


def test_a_clause_the_parser_hung_on_the_cue_after_another_cues_participle_is_not_its() -> None:
    # '"The plan works," Okafor said, adding the city will pay, they agree.' read with "agree"
    # as a second clause of "said" that holds "adding …": what follows "adding" is not Okafor's
    # first statement
    rows = [
        ("Okafor", 1, "nsubj", "PROPN", "Okafor", "NNP"),
        ("said", 1, "ROOT", "VERB", "say", "VBD"),
        ("the", 3, "det", "DET", "the", "DT"),
        ("plan", 4, "nsubj", "NOUN", "plan", "NN"),
        ("works", 1, "ccomp", "VERB", "work", "VBZ"),
        (",", 1, "punct", "PUNCT", ",", ","),
        ("adding", 13, "advcl", "VERB", "add", "VBG"),
        ("the", 8, "det", "DET", "the", "DT"),
        ("city", 10, "nsubj", "NOUN", "city", "NN"),
        ("will", 10, "aux", "AUX", "will", "MD"),
        ("pay", 6, "ccomp", "VERB", "pay", "VB"),
        (",", 13, "punct", "PUNCT", ",", ","),
        ("they", 13, "nsubj", "PRON", "they", "PRP"),
        ("agree", 1, "ccomp", "VERB", "agree", "VBP"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ]
    words = [r[0] for r in rows]
    doc = Doc(
        VOCAB,
        words=words,
        spaces=[i + 1 < len(words) and words[i + 1] not in {".", ","} for i in range(len(words))],
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        lemmas=[r[4] for r in rows],
        tags=[r[5] for r in rows],
        sent_starts=[True] + [False] * (len(words) - 1),
    )
    by_cue = {text_of(doc, c.cue): [text_of(doc, s) for s in c.content] for c in run(doc)}
    assert by_cue["said"] == ["the plan works"]
    assert by_cue["adding"] == ["the city will pay"]


def test_a_clause_before_the_verb_is_not_reported_when_a_that_clause_follows_it() -> None:
    # "Though pay mattered, Ruiz noted that problems remained", with the opening clause hung on
    # "noted" as the parser sometimes does
    doc = parse(
        [
            ("Though", 2, "mark", "SCONJ", "though"),
            ("pay", 2, "nsubj", "NOUN", "pay"),
            ("mattered", 5, "ccomp", "VERB", "matter"),
            (",", 5, "punct", "PUNCT", ","),
            ("Ruiz", 5, "nsubj", "PROPN", "Ruiz"),
            ("noted", 5, "ROOT", "VERB", "note"),
            ("that", 8, "mark", "SCONJ", "that"),
            ("problems", 8, "nsubj", "NOUN", "problem"),
            ("remained", 5, "ccomp", "VERB", "remain"),
            (".", 5, "punct", "PUNCT", "."),
        ]
    )
    (cand,) = run(doc)
    assert [text_of(doc, s) for s in cand.content] == ["that problems remained"]


def test_a_that_clause_set_apart_by_the_cue_goes_on_with_the_clause_before_it() -> None:
    doc = parse(
        [
            ("It", 1, "nsubj", "PRON", "it"),
            ("matters", 4, "ccomp", "VERB", "matter"),
            (",", 4, "punct", "PUNCT", ","),
            ("Ruiz", 4, "nsubj", "PROPN", "Ruiz"),
            ("said", 4, "ROOT", "VERB", "say"),
            (",", 4, "punct", "PUNCT", ","),
            ("that", 8, "mark", "SCONJ", "that"),
            ("problems", 8, "nsubj", "NOUN", "problem"),
            ("remained", 4, "ccomp", "VERB", "remain"),
            (".", 4, "punct", "PUNCT", "."),
        ]
    )
    (cand,) = run(doc)
    assert [text_of(doc, s) for s in cand.content] == ["It matters", "that problems remained"]
