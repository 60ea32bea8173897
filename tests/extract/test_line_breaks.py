"""A content stays on the cue's side of a line break: no content runs over a headline or from one
paragraph into the next (pure function, no model)."""

from __future__ import annotations

import pytest

from claimdb.extract.reader import _on_cue_line


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
    assert _kept(text, "the bridge will open;\nCouncil votes", "says", base) == "the bridge will open;"


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
