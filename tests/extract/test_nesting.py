"""An attribution said inside what a more confident one reports is not kept beside it."""

from __future__ import annotations

import pytest

from claimdb.extract.learned import _without_overlaps, end_before_own_statements
from claimdb.extract.reader import Candidate
from claimdb.extract.types import Kind, Stance

TEXT = "The mayor said the council had promised at its meeting last week to rebuild the old bridge by May."


def _at(words: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


SAID, PROMISED, MAYOR = _at("said"), _at("promised"), _at("The mayor")
OUTER = _at("the council had promised at its meeting last week to rebuild the old bridge by May")
INNER = _at("to rebuild the old bridge by May")


def _cand(
    content: tuple[int, int],
    cue: tuple[int, int],
    confidence: float,
    rule: str = "model:child:ccomp",
    stance: Stance = Stance.ASSERTS,
    source: tuple[int, int] | None = None,
) -> Candidate:
    return Candidate(
        content=[content],
        cue=cue,
        source=source,
        stance=stance,
        rule=rule,
        confidence=confidence,
        sentence=(0, len(TEXT)),
    )


def _kept(*cands: Candidate) -> list[tuple[int, int] | None]:
    return [c.cue for c in _without_overlaps(list(cands))]


def test_a_less_confident_attribution_inside_another_s_content_is_dropped() -> None:
    outer = _cand(OUTER, SAID, 0.95)
    inner = _cand(INNER, PROMISED, 0.6)  # "promised" is a word of what the mayor said
    assert _kept(outer, inner) == [SAID]
    assert _kept(inner, outer) == [SAID]  # whatever the order they come in


def test_the_same_speaker_going_on_stays() -> None:
    # as if the parser had read "the council" as the mayor ("X said A and described B as C")
    outer = _cand(OUTER, SAID, 0.95, source=MAYOR)
    inner = _cand(INNER, PROMISED, 0.6, source=MAYOR)
    assert _kept(outer, inner) == [SAID, PROMISED]
    assert _kept(outer, _cand(INNER, PROMISED, 0.6, source=_at("the council"))) == [SAID]


def test_a_more_confident_inner_attribution_stays() -> None:
    outer = _cand(OUTER, SAID, 0.6)
    inner = _cand(INNER, PROMISED, 0.9)
    assert _kept(outer, inner) == [SAID, PROMISED]


def test_a_claim_found_by_the_rules_inside_a_denial_stays() -> None:
    denial = _cand(OUTER, SAID, 0.95, stance=Stance.DENIES)
    claim = _cand(INNER, PROMISED, 0.75, rule="claim-maker")
    assert _kept(denial, claim) == [SAID, PROMISED]


def test_an_attribution_whose_cue_is_outside_the_content_stays() -> None:
    outer = _cand(OUTER, SAID, 0.95)
    beside = _cand(INNER, MAYOR, 0.6)  # its cue is no word of what the mayor said
    assert _kept(outer, beside) == [SAID, MAYOR]


def test_an_attribution_mostly_outside_the_other_content_stays() -> None:
    outer = _cand(_at("the council had promised at its meeting"), SAID, 0.95)
    inner = _cand(_at("promised at its meeting last week to rebuild"), PROMISED, 0.6)
    assert _kept(outer, inner) == [SAID, PROMISED]


@pytest.fixture(scope="module")
def learned():  # type: ignore[no-untyped-def]
    """The extractor with its trained model (the session's ``extractor`` reads with the rules alone)."""
    from claimdb.extract import load_extractor

    return load_extractor()


def _contents(extractor, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each attribution's cue and the first span of its content."""
    return {a.cue.text: a.content[0].text for a in extractor.parse(text).attributions if a.cue}


@pytest.mark.model
def test_the_model_s_cue_word_of_a_reported_clause_is_dropped(learned) -> None:  # type: ignore[no-untyped-def]
    text = "The senator said voters who question the results are wrong."
    assert [a.cue.text for a in learned.parse(text).attributions if a.cue] == ["said"]


@pytest.mark.model
def test_an_accusation_reported_as_a_lie_stays(learned) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Clinton said on Monday that Trump's early-morning tweets accusing Alicia Machado "
        "of having a criminal record were lies."
    )
    found = _contents(learned, text)
    assert found["accusing"] == "Alicia Machado of having a criminal record"
    assert "said" in found


@pytest.mark.model
def test_a_pronoun_speaker_inside_a_content_stays(learned) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Donald Trump spoke in Iowa. He attacked the other candidates for accepting his donations, "
        "which he said were accompanied by leverage and return favors."
    )
    found = [
        (a.cue.text, a.speaker.name if a.speaker else None) for a in learned.parse(text).attributions if a.cue
    ]
    assert found == [("attacked", "Donald Trump"), ("said", "Donald Trump")]


ARGUING = "Perdue said the attacks did Romney in four years ago, arguing that the party was divided."


def _in(words: str) -> tuple[int, int]:
    return _at(words, ARGUING)


def _perdue(kind: Kind = Kind.INDIRECT, inner_source: str = "Perdue", inner_cue: str = "arguing") -> str:
    said = _cand(
        _in("the attacks did Romney in four years ago, arguing that the party was divided"), _in("said"), 0.9
    )
    said.kind, said.source = kind, _in("Perdue")
    arguing = _cand(_in("that the party was divided"), _in(inner_cue), 0.8, source=_in(inner_source))
    end_before_own_statements([said, arguing], ARGUING, 0)
    return " … ".join(ARGUING[s:e] for s, e in said.content)


def test_a_content_ends_before_another_statement_of_its_speaker() -> None:
    assert _perdue() == "the attacks did Romney in four years ago"


def test_a_content_runs_on_into_someone_else_s_statement() -> None:
    # "the party" stands in for another speaker: what Perdue said is left as it is
    assert _perdue(inner_source="the party") == _perdue(kind=Kind.DIRECT)


def test_a_statement_at_the_start_of_the_content_cuts_nothing() -> None:
    full = "the attacks did Romney in four years ago, arguing that the party was divided"
    assert _perdue(inner_cue="attacks") == full  # fewer than 20 characters into the content
    assert _perdue(kind=Kind.DIRECT) == full  # a quotation is never cut


PILLORIED = "He noted that Mrs. Clinton was pilloried in coal country for acknowledging that coal would fall."


def _noted(text: str, inner_cue: str) -> list[str]:
    def at(words: str) -> tuple[int, int]:
        return _at(words, text)

    noted = _cand((text.index("that Mrs."), len(text) - 1), at("noted"), 0.9)
    noted.kind, noted.source = Kind.INDIRECT, at("He")
    inner = _cand(at("that coal would fall"), at(inner_cue), 0.8, source=at("He"))
    end_before_own_statements([noted, inner], text, 0)
    return [text[s:e] for s, e in noted.content]


def test_a_statement_governed_inside_the_clause_cuts_nothing() -> None:
    # "acknowledging" is what "for" governs: cutting before it would leave "… coal country for"
    assert _noted(PILLORIED, "acknowledging") == [PILLORIED[PILLORIED.index("that Mrs.") : -1]]
    # after "and", the same statement is the speaker's next one, and ends the content
    text = PILLORIED.replace("for acknowledging", "and acknowledged")
    assert _noted(text, "acknowledged") == ["that Mrs. Clinton was pilloried in coal country"]


@pytest.mark.model
def test_the_extractor_ends_a_content_before_its_speaker_argues(learned) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Sen. David Perdue said he didn't believe those characterizations did Romney in in 2012, "
        "arguing that it was divisions in the Republican Party that were a bigger hurdle."
    )
    found = _contents(learned, text)
    assert found["said"] == "he didn't believe those characterizations did Romney in in 2012"
    assert found["arguing"].startswith("that it was divisions")
