"""Tests for claimdb.extract.markup.mask_markdown: blank Markdown syntax, never move a character."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdb.extract.markup import mask_markdown


def check_shape(text: str, masked: str) -> None:
    """Same length, newlines in the same places, and every changed character became a space."""
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    assert all(m == t or m == " " for m, t in zip(masked, text, strict=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # headings
        ("# Heading\nText", "  Heading\nText"),
        ("  ## Sub heading", "     Sub heading"),
        ("###### Six", "       Six"),
        # emphasis
        ("Some *emphasis* here", "Some  emphasis  here"),
        ("Some **strong** here", "Some   strong   here"),
        ("Some __strong__ here", "Some   strong   here"),
        ("He said *what*?", "He said  what ?"),
        # links keep their text, lose the target
        ("See [the report](https://example.com/x) now.", "See  the report                         now."),
        # images vanish entirely, alt text included
        ("![alt text](img.png) after", "                     after"),
        # block quotes
        ("> quoted line\n>another", "  quoted line\n another"),
        # list markers
        ("- item one\n* item two\n+ item three", "  item one\n  item two\n  item three"),
        ("1. first\n12) twelfth", "   first\n    twelfth"),
        ("  - nested item", "    nested item"),
        # code ticks
        ("Use `code` here", "Use  code  here"),
        ("```fenced```", "   fenced   "),
        # inline HTML
        ("a <b>bold</b> x", "a    bold     x"),
        ("line<br/>break", "line     break"),
        ("a <!-- note --> b", "a" + " " * 15 + "b"),
        # horizontal rules
        ("---\n***\n___", "   \n   \n   "),
        ("* * *", "     "),
    ],
)
def test_markup_blanked(text: str, expected: str) -> None:
    masked = mask_markdown(text)
    assert masked == expected
    check_shape(text, masked)


@pytest.mark.parametrize(
    "text",
    [
        "It's a well-known fact.",
        "The \u201cquoted\u201d words and \u2018single\u2019 ones, don\u2019t change.",
        "The formula a*b is not emphasis.",
        "snake_case_words stay as they are",
        "Growth was 3.5 per cent, or 1.5 million jobs.",
        "2 * 3 = 6",
        "5 * 4*3",
        "word * word",
        "C# is #1 and #hashtags are not headings",
        "Price: $3.50 - 20% off",
        "x < y > z and I <3 you",
        "3 > 2 is true",
        "[not a link] and [x]",
        "-5 degrees overnight",
        "2024. That was the year.",
        "caf\u00e9 \u00fcn\u00efcode \u2014 dash \u2013 en dash",
        "Ordinary prose.\nWith two lines.\n\nAnd a paragraph.",
        "Emoji \U0001f600 and right-to-left \u05e9\u05dc\u05d5\u05dd text",
        "",
    ],
)
def test_prose_unchanged(text: str) -> None:
    assert mask_markdown(text) == text


def test_mixed_document_keeps_offsets() -> None:
    text = (
        "# Budget row\n"
        "\n"
        "The **minister** said [the cuts](https://ex.com/a) were `necessary`.\n"
        "> \u201cWe had no choice,\u201d she said.\n"
        "- Critics disagree.\n"
    )
    masked = mask_markdown(text)
    check_shape(text, masked)
    for word in (
        "Budget row",
        "minister",
        "the cuts",
        "necessary",
        "\u201cWe had no choice,\u201d",
        "Critics disagree.",
    ):
        assert masked[text.index(word) : text.index(word) + len(word)] == word
    for syntax in ("#", "**", "](https://ex.com/a)", "`", "> ", "- "):
        assert syntax not in masked


def test_link_url_is_hidden() -> None:
    masked = mask_markdown("Read [this](http://example.com/secret) please")
    assert "this" in masked
    assert "example" not in masked
    assert "(" not in masked and "[" not in masked


def test_crlf_line_ends_keep_positions() -> None:
    text = "# Title\r\n\r\nSome *text* here.\r\n"
    masked = mask_markdown(text)
    check_shape(text, masked)
    assert masked == "  Title\r\n\r\nSome  text  here.\r\n"


def test_crlf_horizontal_rule_blanked() -> None:
    assert mask_markdown("text\r\n---\r\nmore") == "text\r\n   \r\nmore"


def test_underscore_emphasis_blanked() -> None:
    assert mask_markdown("an _important_ point") == "an  important  point"


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.one_of(
        st.text(max_size=300),
        st.text(alphabet=st.sampled_from(list("ab #*_-+>[]()!`<>/\n\r\t.123")), max_size=300),
    )
)
def test_shape_preserved_property(text: str) -> None:
    check_shape(text, mask_markdown(text))
