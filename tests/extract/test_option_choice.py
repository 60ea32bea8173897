"""Which content option the model reports: the one most of its belief lies close to (expected hits)."""

from __future__ import annotations

import pytest

from claimdb.extract import load_extractor
from claimdb.extract.learned import ALIKE, Decision, LearnedRules, _overlap, expected_hits
from claimdb.extract.options import ContentOption
from claimdb.extract.quotes import QuoteIndex, find_quotes


@pytest.fixture(scope="module")
def learned():  # type: ignore[no-untyped-def]
    extractor = load_extractor()
    assert extractor.model is not None
    return extractor


def option(start: int, end: int, kind: str = "child:ccomp") -> ContentOption:
    return ContentOption(kind, ((start, end),))


def reader_at(learned, text: str, cue: str):  # type: ignore[no-untyped-def]
    """The model's reader of ``text`` (one paragraph) and the token ``cue`` in it."""
    doc = learned.nlp(text)
    reader = LearnedRules(doc, QuoteIndex(find_quotes(text)), 0, learned.model)
    return reader, next(t for t in doc if t.text == cue)


SAID = "Halvorsen said the budget was fair, which surprised nobody in the capital that week."


def test_options_alike_pool_their_probability() -> None:
    # two options with the same characters, a third a word longer, a fourth elsewhere
    options = [option(0, 100), option(0, 100, "qafter"), option(0, 110), option(200, 300)]
    alike, same = expected_hits(options, [0.2, 0.15, 0.1, 0.4])
    assert alike == pytest.approx([0.45, 0.45, 0.45, 0.4])
    assert same == pytest.approx([0.35, 0.35, 0.1, 0.4])


def test_options_less_alike_than_the_bar_stay_apart() -> None:
    # 49 of 100 characters shared: below the scorer's bar
    short, long_ = option(0, 49), option(0, 100)
    assert _overlap([(0, 49)], [(0, 100)]) < ALIKE
    assert expected_hits([short, long_], [0.3, 0.5])[0] == pytest.approx([0.3, 0.5])
    # exactly half: alike
    assert expected_hits([option(0, 50), long_], [0.3, 0.5])[0] == pytest.approx([0.8, 0.8])


def test_split_contents_are_compared_range_by_range() -> None:
    split = ContentOption("qsplit", ((0, 40), (60, 100)))
    options = [split, option(0, 100), option(0, 40), option(60, 100)]
    probs = [0.4, 0.3, 0.2, 0.1]
    hits, same = expected_hits(options, probs)
    assert same == pytest.approx(probs)
    # 80 of 100 characters: the split quotation and the whole stretch are alike; a half is alike
    # to the split quotation (40 of 80) but not to the whole (40 of 100)
    assert hits == pytest.approx([1.0, 0.7, 0.6, 0.5])


def test_one_option_keeps_its_probability() -> None:
    assert expected_hits([option(5, 9)], [0.7]) == ([0.7], [0.7])


@pytest.mark.model
def test_the_very_same_content_settles_between_alike_ones(learned) -> None:  # type: ignore[no-untyped-def]
    text = "The senator accused the governor of being a liar."
    reader, accused = reader_at(learned, text, "accused")
    whole, tail = (text.index("the governor"), len(text) - 1), (text.index("of being"), len(text) - 1)
    inner = (text.index("being"), len(text) - 1)
    options = [ContentOption("rule:verb+object", (whole,)), ContentOption("child:prep", (tail,))]
    options.append(ContentOption("pobj:of", (inner,)))
    # "of being a liar" is alike to both others, so more belief lies close to it (0.97 against
    # 0.94); the whole object is the content the model believes in
    alike, same = expected_hits(options, [0.90, 0.04, 0.03])
    assert alike[1] > alike[0]
    (found,) = reader.finish([], [Decision(accused, 0.97, options, [0.90, 0.04, 0.03], [])])
    assert found.content == [whole]


@pytest.mark.model
def test_the_reported_content_is_the_one_most_belief_lies_close_to(learned) -> None:  # type: ignore[no-untyped-def]
    text = SAID
    reader, said = reader_at(learned, text, "said")
    clause = (text.index("the budget"), text.index(", which"))
    longer = (clause[0], len(text) - 1)
    assert _overlap([clause], [longer]) < ALIKE
    options = [
        ContentOption("rule:verb+clause", (clause,)),
        ContentOption("trim:ccomp", (clause,)),
        ContentOption("child:ccomp", (longer,)),
    ]
    # the longer option is the likeliest alone, the clause the likeliest content
    decision = Decision(said, 0.9, options, [0.3, 0.25, 0.35], [])
    found = reader.finish([], [decision])
    assert [c.content for c in found] == [[clause]]
    assert found[0].confidence == pytest.approx(0.55)


@pytest.mark.model
def test_nothing_is_reported_when_the_belief_is_spread_over_unlike_options(learned) -> None:  # type: ignore[no-untyped-def]
    reader, said = reader_at(learned, SAID, "said")
    threshold = learned.model.floor  # what the model keeps; the second look decides after it
    spread = [
        ContentOption("child:ccomp", ((15, 34),)),
        ContentOption("right", ((36, 84),)),
        ContentOption("head-minus:ccomp", ((0, 9),)),
    ]
    each = threshold * 0.9
    # P(attribution) clears the threshold, but no content is likely enough
    assert not reader.finish([], [Decision(said, 3 * each, spread, [each] * 3, [])])
    assert reader.finish([], [Decision(said, 3 * each, spread, [each * 2, each / 2, each / 2], [])])
