"""The relate model on hand-written pairs, and a deterministic fit on a tiny synthetic dataset."""

from __future__ import annotations

import csv

import pytest

from claimdb import relate_fit
from claimdb.relate import STANCES, Relater, analyse, load_relater, pair_features


@pytest.fixture(scope="module")
def relater() -> Relater:
    return load_relater()


def test_negated_paraphrase_is_the_same_claim_denied(relater: Relater) -> None:
    r = relater.relate(
        "Russian forces have encircled the city of Pokrovsk",
        "Russian forces have not encircled the city of Pokrovsk",
    )
    assert r.same_claim and r.stance == "denies"


def test_different_number_for_the_same_quantity_denies_and_is_another_claim(relater: Relater) -> None:
    r = relater.relate(
        "The new stadium cost 40 million dollars to build",
        "The new stadium cost 90 million dollars to build",
    )
    assert not r.same_claim and r.stance == "denies"
    assert any(reason.startswith("numbers differ") for reason in r.reasons)


def test_what_counts_as_contradicting_evidence(relater: Relater) -> None:
    negated = relater.relate("the old bridge is safe for lorries", "the old bridge is not safe for lorries")
    assert negated.contrary == "negation"
    # the stance model reads a denial, but the negation covers little of the claim
    loose = relater.relate(
        "Senator Carla Mendes should win the nomination this summer",
        "you do not win the nomination by how many states you win",
    )
    assert loose.contrary == ""
    refuted = relater.relate(
        "the mayor took a bribe from the builder", "the mayor took a bribe from the builder: a hoax"
    )
    assert refuted.contrary == "refuted"
    unrelated = relater.relate("the old bridge is safe for lorries", "tax rates fall in spring")
    assert unrelated.contrary == ""


def test_a_refuting_word_far_from_the_claim_in_a_long_text_refutes_something_else(relater: Relater) -> None:
    claim = "the harbour tunnel is a costly failure"
    # a long quotation that repeats the claim, then calls another story false
    speech = (
        "This is a sad week for the city. The harbour tunnel is a costly failure, and everyone "
        "who drives through it every morning knows that the harbour tunnel is a costly failure. "
        "Last spring the minister told us the repairs were finished. That was false. The contractor "
        "was paid twice for the same work and nobody has been asked to explain why it happened"
    )
    assert relater.relate(claim, speech).contrary == ""
    # the same long text, with the refuting word right after the claim's words
    denial = (
        "People keep saying the harbour tunnel is a costly failure, which is plainly false, and the "
        "figures published by the port authority last spring show that traffic through it has grown "
        "every month since it opened and that tolls now cover the cost of running it"
    )
    assert relater.relate(claim, denial).contrary == "refuted"
    # a headline-sized text refutes its claim wherever the word stands
    headline = "Harbour tunnel a costly failure? No, the story is fake"
    assert relater.relate(claim, headline).contrary == "refuted"


def test_hedged_headline_reports(relater: Relater) -> None:
    r = relater.relate(
        "The city council will ban cars from the old town",
        "City council reportedly considering a ban on cars in the old town, sources say",
    )
    assert r.stance == "reports"


def test_refuting_headline_denies(relater: Relater) -> None:
    r = relater.relate(
        "A shark was seen swimming in the flooded subway",
        "Photo of shark in flooded subway is a hoax, officials say",
    )
    assert r.stance == "denies"


def _features(claim: str, text: str) -> dict[str, float]:
    return pair_features(analyse(claim), analyse(text), 0.5).features


def test_cue_the_claim_has_in_another_form_is_not_added() -> None:
    f = _features("Voters rejected the mayor's budget plan", "Voters reject mayor's budget plan")
    assert "refute" not in f and "plain" in f
    f = _features("Scientists cast doubt on the new drug", "Scientist casts doubt on new drug")
    assert "refute" not in f and "plain" in f
    # a refuting word or phrase the claim lacks in every form still counts
    f = _features("Voters approved the mayor's budget plan", "Voters reject mayor's budget plan")
    assert "refute" in f and "lex:reject" in f
    f = _features("The new drug works", "Scientists cast doubt on the new drug")
    assert "refute" in f


def test_where_hedges_and_attribution_sit() -> None:
    claim = "The mayor of Springfield was arrested for fraud"
    before = _features(claim, "Police say the mayor of Springfield was arrested for fraud")
    assert {"hedge@before", "attr@before", "src:new", "attr:then-claim"} <= before.keys()
    assert "attr@after" not in before and "hedge@after" not in before
    after = _features(claim, "Mayor of Springfield arrested for fraud, police say")
    assert {"hedge@after", "attr@after"} <= after.keys() and "attr@before" not in after
    inside = _features(claim, "Mayor of Springfield may be arrested for fraud")
    assert "hedge@inside" in inside and "attribution" not in inside
    assert "lex:may" in inside and "lex:say" in before
    refuted = _features(claim, "Springfield mayor arrested for fraud? No, the story is a hoax")
    assert "refute@after" in refuted


def test_where_a_word_the_claim_has_in_another_form_sits_is_no_feature() -> None:
    f = _features("The council rejected the stadium plan", "Council rejects stadium plan, reports claim")
    assert not {k for k in f if k.startswith("refute@")}
    assert "attr@after" in f  # "claim(s)" is in the claim in no form
    f = _features("Reports claim the council rejected the plan", "Council rejects plan, reports claim")
    assert not {k for k in f if k.startswith(("refute@", "attr@", "src:"))} and "attribution" not in f


def test_tentative_or_reported_claims() -> None:
    f = _features("The Pope told a boy that dogs go to heaven", "Pope says dogs go to heaven")
    assert {"claim:speech", "hedge*claimspeech", "src:claim"} <= f.keys()
    f = _features("Apple could launch a larger iPhone", "Apple could launch larger iPhone, analysts say")
    assert {"claim:hedge", "hedge*claimhedge"} <= f.keys()
    f = _features("Apple launched a larger iPhone", "Apple launched larger iPhone")
    assert not {"claim:hedge", "claim:speech", "hedge*claimhedge", "src:claim", "src:new"} & f.keys()


def test_unrelated_text(relater: Relater) -> None:
    r = relater.relate(
        "The central bank raised interest rates by half a point",
        "Local bakery wins award for its sourdough bread",
    )
    assert r.stance == "unrelated" and not r.same_claim
    assert r.stance not in STANCES


def test_sharing_only_a_name_is_not_the_same_claim(relater: Relater) -> None:
    # close enough on words to pass the similarity threshold, even with the linker's bias
    alike = relater.relate("Chris Christie will resign", "Chris Christie acts as if he were a king")
    assert relater.same_probability(alike.similarity, relater.link_bias) >= 0.5
    assert not alike.same_claim and "no word shared but names" in alike.reasons
    # the same name and one word more in common is enough
    resign = relater.relate("Chris Christie will resign", "Chris Christie said he would resign soon")
    assert resign.same_claim
    # a text made only of names ("Make America Great Again") has no other words to share
    slogan = relater.relate("Make America Great Again", "to make America great again")
    assert slogan.same_claim


def _synthetic(tmp_path):
    """A small Emergent-like CSV and ClaimMatch-like TSV, made up here."""
    subjects = ["the mayor", "a pop star", "the old bridge", "a tech company", "the zoo", "a football club"]
    events = ["was arrested", "will close", "bought an island", "won the lottery", "lost a lawsuit"]
    emergent = tmp_path / "emergent.csv"
    with open(emergent, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId"])
        n = 0
        for i, subject in enumerate(subjects):
            for j, event in enumerate(events):
                claim = f"{subject} {event}"
                heads = [
                    (f"{subject.title()} {event} yesterday", "for"),
                    (f"Report: {subject} reportedly {event}", "observing"),
                    (f"{subject.title()} {event}, sources claim", "observing"),
                    (f"No, {subject} has not {event.split()[-1]}: story is a hoax", "against"),
                ]
                for text, label in heads:
                    w.writerow([n, claim, text, label, f"a{n}", f"c{i}-{j}"])
                    n += 1
    claimmatch = tmp_path / "claimmatch.tsv"
    with open(claimmatch, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["claim1", "claim2", "label"])
        for i, subject in enumerate(subjects):
            for j, event in enumerate(events):
                w.writerow([f"Did you hear {subject} {event}?", f"{subject} {event}", "1"])
                other = events[(j + 2) % len(events)]
                unrelated = f"Breaking: {subjects[(i + 1) % len(subjects)]} {other}"
                w.writerow([unrelated, f"{subject} {event}", "0"])
    return str(emergent), str(claimmatch)


def test_fit_is_deterministic_and_learns(tmp_path) -> None:
    emergent, claimmatch = _synthetic(tmp_path)
    out1, out2 = tmp_path / "m1.json.gz", tmp_path / "m2.json.gz"
    assert relate_fit.main([emergent, claimmatch, "--out", str(out1), "--no-cv"]) == 0
    assert relate_fit.main([emergent, claimmatch, "--out", str(out2), "--no-cv"]) == 0
    assert out1.read_bytes() == out2.read_bytes()
    model = Relater.load(str(out1))
    hedged = model.relate("the mayor was arrested", "Report: the mayor reportedly was arrested")
    assert hedged.stance == "reports"
    assert model.relate("the zoo will close", "No, the zoo has not close: story is a hoax").stance == "denies"
