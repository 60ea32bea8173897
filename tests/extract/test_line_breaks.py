"""A content stays on the cue's side of a line break: no content runs over a headline or from one
paragraph into the next (pure functions, and one sentence read by the rules)."""

from __future__ import annotations

import pytest

from claimdb.extract.reader import _after_mark, _on_cue_line


def _kept(text: str, content: str, cue: str, base: int = 0) -> str:
    start = text.index(content)
    at = text.index(cue)
    s, e = _on_cue_line(
        text, base, (start + base, start + len(content) + base), (at + base, at + len(cue) + base)
    )
    return text[s - base : e - base]


PARAGRAPHS = 'Mira Olsen said she hopes the vote "sends a message."\n"We will build the bridge," said Olsen.'


def test_a_content_before_its_cue_starts_after_the_last_line_break() -> None:
    content = PARAGRAPHS[: PARAGRAPHS.index(',"')]
    assert _kept(PARAGRAPHS, content, "said Olsen") == '"We will build the bridge'


@pytest.mark.parametrize("base", [0, 500])
def test_a_content_after_its_cue_ends_at_the_first_line_break(base: int) -> None:
    text = "Mayor says the bridge will open;\nCouncil votes on the budget today"
    assert _kept(text, "the bridge will open;\nCouncil votes", "says", base) == "the bridge will open"


@pytest.mark.parametrize(
    "text",
    [
        "Olsen said it was both an act of vandalism and a public \ncrime",  # a line wrapped mid-sentence
        "Olsen said the bridge will open in May",  # no line break at all
    ],
)
def test_a_content_goes_on_over_a_soft_line_break(text: str) -> None:
    content = text[text.index("said") + 5 :]
    assert _kept(text, content, "said") == content


def test_a_content_around_its_cue_is_left_whole() -> None:
    text = "The bridge, Olsen said,\nMonday, will open in May"
    assert _kept(text, text, "said") == text


@pytest.mark.model
def test_a_part_of_reported_speech_on_another_line_is_left_out(extractor) -> None:
    # a headline and its subtitle: the headline is not part of what the subtitle's speaker says
    text = "Mayor urges calm on bridge; \nMember of the council says the bridge will open in May.\n\n"
    (found,) = [a for a in extractor.parse(text).attributions if a.cue is not None and a.cue.text == "says"]
    assert found.text == "the bridge will open in May"


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("Clinton camp: Trump's plan threatens security", "Trump's plan threatens security"),
        ("Trump's plan threatens security", "Trump's plan threatens security"),  # after the mark already
    ],
)
def test_what_a_colon_introduces_is_what_follows_it(span: str, expected: str) -> None:
    text = "Clinton camp: Trump's plan threatens security"
    start = text.index(span)
    mark = text.index(":")
    s, e = _after_mark(text, 100, (start + 100, start + len(span) + 100), (mark + 100, mark + 101))
    assert text[s - 100 : e - 100] == expected
