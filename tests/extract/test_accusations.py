from __future__ import annotations

import pytest

from claimdb.extract.accusations import past_tense


@pytest.mark.parametrize(
    ("lemma", "plural", "past"),
    [
        ("hide", False, "hid"),
        ("be", False, "was"),
        ("be", True, "were"),
        ("having", False, "had"),  # the tagger leaves some auxiliaries as their own lemma
        ("rig", False, "rigged"),
        ("stop", False, "stopped"),
        ("admit", False, "admitted"),
        ("visit", False, "visited"),
        ("try", False, "tried"),
        ("play", False, "played"),
        ("agree", False, "agreed"),
        ("open", False, "opened"),
        ("bungle", False, "bungled"),
    ],
)
def test_past_tense(lemma, plural, past) -> None:
    assert past_tense(lemma, plural) == past


@pytest.fixture(scope="module")
def learned(nlp):
    from claimdb.extract.learned import AttributionModel
    from claimdb.extract.pipeline import Extractor

    return Extractor(nlp, AttributionModel.load())


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Clinton accused Trump of running a campaign of hatred.", "Trump ran a campaign of hatred"),
        ("The senator accused the governor of being a liar.", "the governor was a liar"),
        ("The report accused officials of being paid by the company.", "officials were paid by the company"),
        ("Critics accused the ministers of having misled parliament.", "the ministers had misled parliament"),
        ("The union accused the company of not paying overtime.", "the company did not pay overtime"),
        ("Sanders accused Clinton of not being a progressive.", "Clinton was not a progressive"),
        ("He accused the banks of rigging the market.", "the banks rigged the market"),
        # nothing to say plainly: no one of its own is accused, or they accuse each other
        ("The two candidates accused each other of lying.", "each other of lying"),
    ],
)
def test_what_someone_is_accused_of_reads_as_a_plain_claim(learned, text, claim) -> None:
    (attr,) = [a for a in learned.parse(text).attributions if a.cue and a.cue.text == "accused"]
    assert attr.claim_text == claim and attr.is_claim
