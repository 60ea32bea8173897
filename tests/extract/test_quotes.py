"""Tests for claimdb.extract.quotes: pairing quote marks in raw text, paragraph by paragraph."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdb.extract.quotes import Quote, QuoteIndex, find_quotes, paragraph_bounds


def inner(text: str, q: Quote) -> str:
    return text[q.inner_start : q.inner_end]


def outer(text: str, q: Quote) -> str:
    return text[q.open : q.outer_end]


def summary(text: str) -> list[tuple[str, bool]]:
    return [(inner(text, q), q.closed) for q in find_quotes(text)]


# ---------------------------------------------------------------------------------------------
# paragraph_bounds


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("", []),
        ("one paragraph", ["one paragraph"]),
        ("a\nb\nc", ["a", "b", "c"]),  # no blank line: every newline splits
        ("a\n\nb\nc", ["a", "b\nc"]),  # blank lines present: only they split
        ("a\n  \t\nb", ["a", "b"]),  # a line of spaces and tabs is blank
        ("\n\n", []),
        ("\n\na\n\n", ["a"]),
        ("a\r\n\r\nb", ["a", "b"]),  # CRLF blank line
        ("first\r\nsecond", ["first", "second"]),
        ("one.\n\n\n\ntwo.", ["one.", "two."]),
    ],
)
def test_paragraph_bounds(text: str, paragraphs: list[str]) -> None:
    bounds = paragraph_bounds(text)
    assert [text[a:b].strip() for a, b in bounds] == paragraphs
    for a, b in bounds:
        assert 0 <= a < b <= len(text)
    assert bounds == sorted(bounds)
    # paragraphs never overlap
    assert all(prev[1] <= nxt[0] for prev, nxt in zip(bounds, bounds[1:], strict=False))


def test_paragraph_bounds_exact_offsets() -> None:
    assert paragraph_bounds("ab\n\ncd") == [(0, 2), (4, 6)]
    assert paragraph_bounds("ab\ncd") == [(0, 2), (3, 5)]


# ---------------------------------------------------------------------------------------------
# find_quotes: single-paragraph tables


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # straight, curly, guillemets, mixed
        ('He said "hello there" and left.', [("hello there", True)]),
        ("He said \u201chello there\u201d and left.", [("hello there", True)]),
        ("Il a dit \u00abbonjour\u00bb hier.", [("bonjour", True)]),
        ('He said \u201chello there" and left.', [("hello there", True)]),
        ('He said "a", then "b".', [("a", True), ("b", True)]),
        ('He said:"x" and ("y") then', [("x", True), ("y", True)]),
        ("He said \u2014\u201cno\u201d.", [("no", True)]),
        # typewriter pairs
        ("He said ''hello there'' and left.", [("hello there", True)]),
        ("He said ``hello there'' and left.", [("hello there", True)]),
        # straight marks that do not open a quotation (followed by a space)
        ('The board is 6" tall and 5" wide.', []),
        # apostrophes are not quotations
        ("It\u2019s Trump\u2019s plan, he said.", []),
        ("It's 'fine', he said.", []),  # single straight marks are ignored
        # curly single quotes outside double quotes
        ("She called it \u2018a disaster\u2019.", [("a disaster", True)]),
        ("\u2018Trump\u2019s plan\u2019 failed, it\u2019s said.", [("Trump\u2019s plan", True)]),
        (
            "\u2018One\u2019 and \u2018two\u2019 and it\u2019s done.",
            [("One", True), ("two", True)],
        ),
        # single quotes inside a double quotation are part of it, not separate quotations
        ('He said "it\u2019s \u2018fine\u2019 now" today.', [("it\u2019s \u2018fine\u2019 now", True)]),
        # a stray closing mark is ignored
        ("He said\u201d nothing at all.", []),
        ("He said \u201d nothing at all.", []),
        # a closing mark where a quotation opens opens it
        ("\u201dTrump embodies racism.\u201d \u2015 Sonya Herridge", [("Trump embodies racism.", True)]),
        ("to let aides \u201dget close to Ben\u201d on security", [("get close to Ben", True)]),
        ("Nothing quoted here at all.", []),
        # unbalanced: never raises, the quotation ends with the paragraph
        ('He said "never closed.', [("never closed.", False)]),
        ('He said "never closed.   \t', [("never closed.", False)]),  # trailing space trimmed
        ("\u201c", [("", False)]),
        ('"', []),
        # a second opening mark before any close: the first quotation lost its closing mark
        ("He said \u201cone and \u201ctwo\u201d ok", [("one and ", False), ("two", True)]),
        ("\u201ca \u201cb \u201cc", [("a ", False), ("b ", False), ("c", False)]),
    ],
)
def test_find_quotes_table(text: str, expected: list[tuple[str, bool]]) -> None:
    assert summary(text) == expected


def test_low_opening_mark_with_right_closing_mark() -> None:
    assert summary("Powiedzia\u0142 \u201etak\u201d wczoraj.") == [("tak", True)]


def test_german_low_high_quotes() -> None:
    assert summary("Er sagte \u201eNein\u201c und ging.") == [("Nein", True)]


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ('x "q" y', ('"', '"')),
        ("x \u201cq\u201d y", ("\u201c", "\u201d")),
        ("x ''q'' y", ("''", "''")),
        ("x ``q'' y", ("``", "''")),
        ("x \u2018q\u2019 y", ("\u2018", "\u2019")),
    ],
)
def test_marks_lie_outside_inner_span(text: str, marks: tuple[str, str]) -> None:
    (q,) = find_quotes(text)
    assert inner(text, q) == "q"
    assert text[q.open : q.inner_start] == marks[0]
    assert text[q.inner_end : q.outer_end] == marks[1]
    assert outer(text, q) == marks[0] + "q" + marks[1]


def test_unclosed_quotation_has_empty_closing_span() -> None:
    text = 'He said "never closed and more.  \n\nNext para.'
    (q,) = find_quotes(text)
    assert not q.closed
    assert q.inner_end == q.outer_end
    assert inner(text, q) == "never closed and more."
    # it stops at its own paragraph
    assert q.outer_end <= text.index("\n")


def test_empty_string() -> None:
    assert find_quotes("") == []
    assert paragraph_bounds("") == []


def test_text_without_newline() -> None:
    text = 'no newline at all "here" and "there"'
    assert summary(text) == [("here", True), ("there", True)]


def test_unclosed_quotation_does_not_swallow_next_paragraph() -> None:
    text = '"never closed\n\nNext "para" here'
    assert summary(text) == [("never closed", False), ("para", True)]


def test_single_newlines_are_paragraphs_without_blank_lines() -> None:
    text = 'He said "one\nShe said "two"'
    assert summary(text) == [("one", False), ("two", True)]


# ---------------------------------------------------------------------------------------------
# multi-paragraph quotations


def test_paragraph_opening_with_mark_continues_group() -> None:
    text = "\u201cFirst part.\n\n\u201cSecond part,\u201d he said. \u201cThird.\u201d"
    q1, q2, q3 = find_quotes(text)
    assert [inner(text, q) for q in (q1, q2, q3)] == ["First part.", "Second part,", "Third."]
    assert (q1.closed, q2.closed, q3.closed) == (False, True, True)
    assert q1.group == q2.group
    assert q3.group != q1.group
    index = QuoteIndex([q1, q2, q3])
    assert index.group(q1) == [q1, q2]
    assert index.group(q2) == [q1, q2]
    assert index.group(q3) == [q3]


def test_three_paragraph_quotation_with_straight_marks() -> None:
    text = '"One.\n\n"Two.\n\n"Three," she said.'
    quotes = find_quotes(text)
    assert [(inner(text, q), q.closed) for q in quotes] == [
        ("One.", False),
        ("Two.", False),
        ("Three,", True),
    ]
    assert len({q.group for q in quotes}) == 1


def test_paragraph_not_opening_with_mark_starts_new_group() -> None:
    text = "\u201cFirst part.\n\nHe said \u201cSecond part,\u201d ok"
    q1, q2 = find_quotes(text)
    assert not q1.closed and q2.closed
    assert q1.group != q2.group


def test_closed_quotation_is_not_continued() -> None:
    text = "\u201cOne.\u201d\n\n\u201cTwo.\u201d"
    q1, q2 = find_quotes(text)
    assert q1.closed and q2.closed
    assert q1.group != q2.group


def test_leading_whitespace_before_continuation_mark() -> None:
    text = "\u201cOne.\n\n   \u201cTwo,\u201d he said."
    q1, q2 = find_quotes(text)
    assert q1.group == q2.group


def test_paragraph_start_and_whether_a_word_follows() -> None:
    text = '"One," he said. "Two."\n\n"Three."\n\n"Four," she added.\n\nSo "five" -- really.'
    quotes = find_quotes(text)
    assert [inner(text, q) for q in quotes] == ["One,", "Two.", "Three.", "Four,", "five"]
    assert [q.paragraph for q in quotes] == [0, 0, 24, 34, 54]
    assert [text[q.paragraph : q.paragraph + 3] for q in quotes] == ['"On', '"On', '"Th', '"Fo', "So "]
    assert [q.ends_paragraph for q in quotes] == [False, True, True, False, False]


def test_crlf_paragraph_breaks() -> None:
    text = '\u201cFirst part.\r\n\r\n\u201cSecond,\u201d he said.\r\n\r\nNew "x" here.'
    q1, q2, q3 = find_quotes(text)
    assert [inner(text, q) for q in (q1, q2, q3)] == ["First part.", "Second,", "x"]
    assert "\r" not in inner(text, q1)
    assert not q1.closed and q2.closed and q3.closed
    assert q1.group == q2.group != q3.group


# ---------------------------------------------------------------------------------------------
# many marks: must finish and give sensible counts (no timing assertions)


def test_thousands_of_straight_quotations() -> None:
    text = " ".join(f'"w{i}"' for i in range(5000))
    quotes = find_quotes(text)
    assert len(quotes) == 5000
    assert all(q.closed for q in quotes)
    assert inner(text, quotes[1234]) == "w1234"


def test_thousands_of_opening_marks_only() -> None:
    text = "\u201c" * 5000
    quotes = find_quotes(text)
    assert len(quotes) == 5000
    assert not any(q.closed for q in quotes)


def test_thousands_of_mixed_marks_in_one_paragraph() -> None:
    text = " ".join(f'"d{i}" and \u2018s{i}\u2019 it\u2019s' for i in range(2000))
    quotes = find_quotes(text)
    assert len(quotes) == 4000
    assert sum(inner(text, q).startswith("d") for q in quotes) == 2000
    assert sum(inner(text, q).startswith("s") for q in quotes) == 2000


def test_thousands_of_paragraphs() -> None:
    text = "\n\n".join(f'Para {i} says "q{i}".' for i in range(3000))
    quotes = find_quotes(text)
    assert len(quotes) == 3000
    assert len({q.group for q in quotes}) == 3000


# ---------------------------------------------------------------------------------------------
# QuoteIndex

INDEX_TEXT = 'He said "alpha beta" and then \u201cgamma\u201d ok.'


@pytest.fixture
def index() -> QuoteIndex:
    return QuoteIndex(find_quotes(INDEX_TEXT))


def span(word: str) -> tuple[int, int]:
    start = INDEX_TEXT.index(word)
    return start, start + len(word)


def test_index_fixture_sanity(index: QuoteIndex) -> None:
    assert [inner(INDEX_TEXT, q) for q in index.quotes] == ["alpha beta", "gamma"]


def test_around(index: QuoteIndex) -> None:
    first, second = index.quotes
    assert index.around(*span("alpha")) is first
    assert index.around(*span("alpha beta")) is first
    assert index.around(first.open, first.outer_end) is first  # marks included
    assert index.around(*span("gamma")) is second
    assert index.around(*span("He said")) is None
    assert index.around(*span("and then")) is None
    # a span that starts inside a quotation and ends after it is not enclosed
    assert index.around(span("beta")[0], span("and")[1]) is None
    assert index.around(first.open, first.outer_end + 1) is None


def test_around_on_empty_index() -> None:
    assert QuoteIndex([]).around(0, 5) is None


def test_around_double_quote_nested_in_single() -> None:
    text = '\u2018He said "a" then more\u2019 ok'
    index = QuoteIndex(find_quotes(text))
    single = next(q for q in index.quotes if text[q.open] == "\u2018")
    double = next(q for q in index.quotes if text[q.open] == '"')
    a = text.index('"a"') + 1
    assert index.around(a, a + 1) is double
    then = text.index("then")
    assert index.around(then, then + 4) is single


def test_around_single_enclosing_two_doubles() -> None:
    text = '\u2018He said "a" and "b" then\u2019 ok'
    index = QuoteIndex(find_quotes(text))
    single = next(q for q in index.quotes if text[q.open] == "\u2018")
    then = text.index("then")
    assert index.around(then, then + 4) is single


def test_overlapping(index: QuoteIndex) -> None:
    first, second = index.quotes
    assert index.overlapping(0, len(INDEX_TEXT)) == [first, second]
    assert index.overlapping(*span("and then")) == []
    assert index.overlapping(*span("He said")) == []
    assert index.overlapping(*span("beta")) == [first]
    assert index.overlapping(span("beta")[0], span("gamma")[1]) == [first, second]
    # half-open: touching the last character counts, starting at outer_end does not
    assert index.overlapping(first.outer_end - 1, first.outer_end) == [first]
    assert index.overlapping(first.outer_end, first.outer_end + 1) == []
    assert index.overlapping(first.open - 1, first.open) == []
    assert index.overlapping(first.open - 1, first.open + 1) == [first]
    assert QuoteIndex([]).overlapping(0, 10) == []


def test_overlapping_finds_enclosing_single_quote() -> None:
    text = '\u2018He said "a" then more\u2019 ok'
    index = QuoteIndex(find_quotes(text))
    single = next(q for q in index.quotes if text[q.open] == "\u2018")
    then = text.index("then")
    assert single in index.overlapping(then, then + 4)


def test_starting_after(index: QuoteIndex) -> None:
    first, second = index.quotes
    assert index.starting_after(0, len(INDEX_TEXT)) is first
    assert index.starting_after(first.open, len(INDEX_TEXT)) is first  # pos inclusive
    assert index.starting_after(first.open + 1, len(INDEX_TEXT)) is second
    assert index.starting_after(first.open + 1, second.open) is None  # limit exclusive
    assert index.starting_after(first.open + 1, second.open + 1) is second
    assert index.starting_after(second.open + 1, len(INDEX_TEXT) + 10) is None
    assert index.starting_after(0, 0) is None


def test_group_single_paragraph(index: QuoteIndex) -> None:
    for q in index.quotes:
        assert index.group(q) == [q]


# ---------------------------------------------------------------------------------------------
# property: never raises, offsets well-formed and sorted

QUOTEY = st.text(
    alphabet=st.sampled_from(
        list("ab \n\r\t\"'`.,:(\u2014")
        + ["\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e"]
    ),
    max_size=300,
)


@settings(max_examples=300, deadline=None, database=None)
@given(st.one_of(QUOTEY, st.text(max_size=300)))
def test_find_quotes_property(text: str) -> None:
    quotes = find_quotes(text)
    opens = [q.open for q in quotes]
    assert opens == sorted(opens)
    assert len(set(opens)) == len(opens)
    bounds = paragraph_bounds(text)
    for q in quotes:
        assert 0 <= q.open < q.inner_start <= q.inner_end <= q.outer_end <= len(text)
        if q.closed:
            assert q.outer_end > q.inner_end
        else:
            assert q.outer_end == q.inner_end
        # a quotation never crosses a paragraph break
        assert any(a <= q.open and q.outer_end <= b for a, b in bounds)
    index = QuoteIndex(quotes)
    for q in quotes:
        assert index.starting_after(q.open, q.open + 1) is q
        assert q in index.group(q)
