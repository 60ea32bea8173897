"""Tests for HTML input: claimdb.htmltext (markup → article text) and how claimdb.sources uses it."""

from __future__ import annotations

import gc
import io
import os
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdb import htmltext
from claimdb.errors import InputError
from claimdb.htmltext import HtmlText, convert_html
from claimdb.sources import SourceText, expand_paths, looks_like_html, read_source

ARTICLE = "The minister said the budget would rise."
PAGE = (
    "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>Budget row</title>"
    "<style>p { color: red }</style><script>var s = '<p>not text</p>';</script></head>\n"
    "<body><nav><a href='/'>Home</a></nav><h1>Budget row deepens</h1>\n"
    f"<p>{ARTICLE}</p>\n<p>&ldquo;We will cut nothing,&rdquo; she said.</p></body></html>\n"
)
PAGE_TEXT = f"Home\n\nBudget row deepens\n\n{ARTICLE}\n\n\u201cWe will cut nothing,\u201d she said."


def assert_linear(convert: Callable[[int], object], small: int = 25_000, factor: int = 16) -> None:
    """``convert(n)`` takes about ``factor`` times longer for ``factor``·``small`` than for ``small``.

    A ratio, not a time limit, so a slow or busy machine does not fail it. Linear work grows 16-fold
    (16- to 24-fold measured: the larger input runs a little slower per character once it no longer
    fits the CPU caches, and machines differ in how much), quadratic work 256-fold; the limit of
    64-fold leaves room of more than twice on both sides: the unfixed "</" case (finish() not
    dropping the unfinished end) measured 146-fold, and took 3 minutes to fail.
    CPU time of this process with the garbage collector off, the best of three for the small input;
    the large input is timed again if it looks slow, in case something else interrupted it.
    """

    def cpu_seconds(n: int) -> float:
        gc.disable()
        try:
            started = time.process_time()
            convert(n)
            return time.process_time() - started
        finally:
            gc.enable()

    limit = 4 * factor
    base = max(min(cpu_seconds(small) for _ in range(3)), 1e-3)
    ratio = cpu_seconds(small * factor) / base
    if ratio > limit:
        ratio = min(ratio, cpu_seconds(small * factor) / base)
    assert ratio < limit, f"{factor}x the input took {ratio:.1f}x the time"


def peak_memory(convert: Callable[[], object]) -> int:
    """Bytes allocated by ``convert()`` at its peak, beyond what was allocated before."""
    tracemalloc.start()
    try:
        convert()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def write(path: Path, data: str | bytes) -> str:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


class FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


# ---------------------------------------------------------------------------------------------
# convert_html: text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("", ""),
        ("plain words", "plain words"),
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("<p>Unclosed one<p>Unclosed two", "Unclosed one\n\nUnclosed two"),
        ("<P>Upper<DiV>Mixed</dIv>", "Upper\n\nMixed"),
        ("<p>lots   of\n\t spaces\r\n here</p>", "lots of spaces here"),
        ("<p>  padded  </p>", "padded"),
        ("line one<br>line two<BR/>line three<br />end", "line one\nline two\nline three\nend"),
        ("<p>a</br>b</p>", "a\nb"),  # browsers read a stray </br> as <br>
        ("<p>x</p>\n\n\n\n<p>y</p>", "x\n\ny"),
        ("<p>a<br><br><br><br>b</p>", "a\n\nb"),  # at most one blank line
        ("<div><div><p>deep</p></div></div><div>next</div>", "deep\n\nnext"),
        ("<blockquote><p>q1</p><p>q2</p></blockquote>after", "q1\n\nq2\n\nafter"),
        ("<ul><li>one<li>two</ul><ol><li>three</li></ol>", "one\n\ntwo\n\nthree"),
        ("<dl><dt>term<dd>meaning</dl>", "term\n\nmeaning"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>", "a b\n\nc"),
        ("<p>a <b>bold</b> and <i>italic</i> word</p>", "a bold and italic word"),
        ("<span>glued</span><span>together</span>", "gluedtogether"),
        ("<p>x</p><hr><p>y</p>", "x\n\ny"),
        ("<pre>  keep   this\n    indented\n</pre>", "keep   this\n    indented"),
        ("<p>before</p><pre>a  b\n\nc</pre><p>after</p>", "before\n\na  b\n\nc\n\nafter"),
        ("<script>var a = '<p>x</p>';</script>shown", "shown"),
        ("<style>p { x: y }</style><noscript>enable js</noscript>shown", "shown"),
        ("<template><p>hidden</p></template><svg><text>drawn</text></svg>shown", "shown"),
        ("<svg><svg><g>nested</g></svg>still svg</svg>shown", "shown"),
        ("<script>never closed", ""),
        ("<script/>self-closing script opens nothing", "self-closing script opens nothing"),
        ("<head><title>T</title><meta name=x>head text</head><p>body", "body"),
        ("<head><title>T</title><p>body without closing head", "body without closing head"),
        ("<!-- a comment --><p>text<!-- another --></p>", "text"),
        ("<!-- unclosed comment <p>gone", ""),
        ("<![CDATA[cdata section]]><p>text</p>", "text"),
        ("<?xml version='1.0'?><p>text</p>", "text"),
        (
            "<p>A &amp; B &lt;C&gt; &quot;q&quot; &#39;s &#x2014; &eacute;</p>",
            'A & B <C> "q" \'s \u2014 \u00e9',
        ),
        ("<p>&copy 2026 &amp no semicolon &bogus; &#xZZ;</p>", "\u00a9 2026 & no semicolon &bogus; &#xZZ;"),
        ("<p>a&nbsp;&nbsp;b</p>", "a b"),
        ("a < b and c > d", "a < b and c > d"),
        ("I <3 this & that", "I <3 this & that"),
        ("<p>stray < bracket</p>", "stray < bracket"),
        ("ends inside a tag<a href='x", "ends inside a tag"),
        ("ends with a bracket <", "ends with a bracket <"),
        ("ends with </", "ends with"),
        ("<p>kept</p><p>ends in a comment <!-- never closed <p>x", "kept\n\nends in a comment"),
        ("<p class='x' id=\"y\" data-z>attrs</p>", "attrs"),
        ("<a href='x'>unclosed link <p>para", "unclosed link\n\npara"),
        ("</p></div></html>orphan end tags", "orphan end tags"),
        ("<p>text</p></body></html>trailing", "text\n\ntrailing"),
        ("<html><body>no head at all</body></html>", "no head at all"),
        ("<p>\u201cCurly,\u201d said \u0645\u0631\u062d\u0628\u0627 \U0001f600</p>", None),
    ],
)
def test_convert_text(html: str, text: str | None) -> None:
    expected = text if text is not None else html[3:-4]
    assert convert_html(html).text == expected


@pytest.mark.parametrize(
    ("html", "title"),
    [
        ("<title>Page</title><h1>Heading</h1>", "Page"),
        ("<title>  Spaced \n  out  </title>", "Spaced out"),
        ("<title>A &amp; B</title>", "A & B"),
        ("<h1>Only <em>heading</em></h1><h1>second</h1>", "Only heading"),
        ("<title>   </title><h1>Heading wins over empty title</h1>", "Heading wins over empty title"),
        ("<h1></h1><h1>first non-empty</h1>", "first non-empty"),
        ("<title>first</title><title>second</title>", "first"),
        ("<title>Unclosed<p>body", "Unclosed"),
        ("<h1>Unclosed heading<p>body", "Unclosed heading"),
        ("<svg><title>tooltip</title></svg><p>x</p>", None),
        ("<p>no title</p>", None),
        ("", None),
    ],
)
def test_convert_title(html: str, title: str | None) -> None:
    assert convert_html(html).title == title


def test_title_is_not_in_the_text() -> None:
    result = convert_html("<title>Page title</title><p>body</p>")
    assert result == HtmlText("body", "Page title")


def test_full_page() -> None:
    assert convert_html(PAGE) == HtmlText(PAGE_TEXT, "Budget row")


def test_parser_failure_falls_back_to_stripping_tags(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(self: object, data: str) -> None:
        raise AssertionError("unexpected call")

    monkeypatch.setattr(htmltext._TextParser, "feed", explode)
    result = convert_html(PAGE)
    assert result.title == "Budget row"
    assert result.text == PAGE_TEXT
    assert convert_html("<p>a<br>b</p><!-- c") == HtmlText("a\nb", None)


def test_parser_exception_on_real_input_falls_back() -> None:
    html = "<p>Kept</p><![<![x<p>after</p>"  # html.parser of Python 3.11 raises AssertionError here
    assert convert_html(html) == HtmlText("Kept\n\nafter", None)


@pytest.mark.parametrize(
    "pattern", ["</", "<!--", "<a", '<a b="', "<?", "<!", "</a", "<![", "<", "<p>", "&#x"]
)
def test_pathological_input_converts_in_linear_time(pattern: str) -> None:
    # html.parser rescans the rest of the input for each unfinished construct at the end, which is
    # quadratic (200,000 "</" took minutes); the end of a document inside a tag is dropped instead
    assert_linear(lambda n: convert_html("<p>text</p>" + pattern * n))
    assert convert_html("<p>text</p>" + pattern * 1000).text.startswith("text")


PATTERNS = ["</", "<!--", "<a", '<a b="', "<a b='", "<a b=c ", "<a b ", "<![", "<", "<p>", "&#x", '"']


@pytest.mark.parametrize("pattern", PATTERNS)
def test_pathological_input_converts_in_memory_near_its_size(pattern: str) -> None:
    # html.parser's start-tag expression keeps ~600 bytes per attribute while it looks for the end
    # of a tag (10 MB of "<a b=c " took 2 GB), and a list of one-character pieces 80 bytes each
    html = "<p>text</p>" + pattern * (250_000 // len(pattern))
    assert peak_memory(lambda: convert_html(html)) < 8 * len(html)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        # a "tag" with more attributes than any real one is skipped up to its ">": a <div> read as
        # a tag would break the paragraph
        ("<p>before<div " + "b=c " * 2000 + ">after</p>", "beforeafter"),
        ("<p>before<div " + 'b="x>y" ' * 2000 + ">after</p>", "beforeafter"),
        # or, when nothing ends it, dropped with the rest of the document, as a browser does
        ("<p>before</p><a " + "b=c " * 2000, "before"),
        ("<p>before</p>" + '<a b="' * 3000, "before"),
        # a real tag with many attributes, and one with a long value, are tags as before
        ("<p>x<div " + " ".join(f"a{i}=v" for i in range(900)) + ">y</p>", "x\n\ny"),
        ("<p>x<div title='data:" + "A" * 100_000 + "'>y</p>", "x\n\ny"),
    ],
)
def test_tags_with_absurdly_many_attributes(html: str, text: str) -> None:
    assert convert_html(html).text == text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>a <b> b</b> c</p>", "a b c"),  # one space, as a browser shows it
        ("<p>a\n<i>\nb</i></p>", "a b"),
        ("<pre>a <b> b</b></pre>", "a  b"),  # verbatim inside <pre>
        ("<p>a <br> b</p>", "a\nb"),
    ],
)
def test_whitespace_collapses_across_inline_elements(html: str, text: str) -> None:
    assert convert_html(html).text == text


def test_long_runs_of_text_pieces_keep_their_order() -> None:
    # pieces are joined a few thousand at a time; the joins must not reorder or lose any
    html = "<title>" + "&lt;x" * 10_000 + "</title><h1>" + "<b>y</b>" * 10_000 + "</h1>"
    html += "<p>" + "".join(f"<i>{i} </i>" for i in range(10_000)) + "</p>"
    result = convert_html(html)
    assert result.title == "<x" * 10_000
    assert result.text.split("\n\n") == ["y" * 10_000, " ".join(str(i) for i in range(10_000))]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>a</p><p>b<br>c</p>", HtmlText("a\n\nb\nc", None)),
        ("<head><title>T</title><style>x</style></head><header>Top</header>", HtmlText("Top", "T")),
        ("<head><meta charset=utf-8><p>no closing head", HtmlText("no closing head", None)),
        ("<script/>visible<script>hidden</script>", HtmlText("visible", None)),
        ("<p>a<!-- note --> b &amp; c</p><!-- unclosed", HtmlText("a b & c", None)),
        ("<p>Kept</p><![<![x<p>after</p>", HtmlText("Kept\n\nafter", None)),
        ("<TITLE>A &amp; B</Title><p>x", HtmlText("x", "A & B")),
    ],
)
def test_fallback_strips_tags(html: str, expected: HtmlText) -> None:
    assert htmltext._strip_tags(html) == expected


@pytest.mark.parametrize("pattern", ["<head", "<title>", "<p", "<br", "<!--", "<script>", "<a", "</"])
def test_fallback_is_linear_too(pattern: str) -> None:
    assert_linear(lambda n: htmltext._strip_tags("</title></head>" + pattern * n))


# ---------------------------------------------------------------------------------------------
# convert_html: never raises, always tidy

TAG_SOUP = st.lists(
    st.sampled_from(
        "< > </ /> <! <!-- --> <![CDATA[ ]]> <? & ; &amp; &# &#x ' \" = p div br pre h1 title script "
        "style svg head noscript template li x word \u00e9 \U0001f600".split()
        + [" ", "\n", "\r", "\t", "a href", "\x00", "\x0b"]
    ),
    max_size=60,
).map("".join)


def _check_tidy(result: HtmlText) -> None:
    assert isinstance(result.text, str)
    assert result.text == result.text.strip()
    assert "\n\n\n" not in result.text
    assert result.title is None or (result.title and result.title == result.title.strip())


@settings(max_examples=300, deadline=None, database=None)
@given(st.text())
def test_convert_never_raises_on_any_text(text: str) -> None:
    _check_tidy(convert_html(text))


@settings(max_examples=500, deadline=None, database=None)
@given(TAG_SOUP)
def test_convert_never_raises_on_tag_soup(html: str) -> None:
    _check_tidy(convert_html(html))
    _check_tidy(htmltext._strip_tags(html))


# ---------------------------------------------------------------------------------------------
# looks_like_html


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<!DOCTYPE html><p>x</p>", True),
        ("  \n<!doctype HTML>\nanything", True),
        ("<html>text</html>", True),
        ("<HTML lang='en'>", True),
        ("<p>One.</p><p>Two.</p><p>Three.</p>", True),  # opens with a known tag
        ("Intro line.\n<div><span><a href='/x'>link</a></span></div>", True),  # mostly tags
        (PAGE, True),
        (ARTICLE, False),
        ("If a < b and b > c then a < c.", False),
        ("I <3 my readers <3 <3 <3", False),
        ("Use the <p> tag for paragraphs, said the designer.", False),
        ("The <b> tag, the <i> tag and the <p> tag " + "are old news. " * 30, False),  # few tag chars
        ("<htmlish> is not a tag we know", False),
        ("<p>one</p> and a lot of prose", False),  # only one known tag
        ("x" * 5000 + "<p>a</p><p>b</p><p>c</p>", False),  # tags beyond the sniffed start
    ],
)
def test_looks_like_html(text: str, html: bool) -> None:
    assert looks_like_html(text) is html


# ---------------------------------------------------------------------------------------------
# sources: .html/.htm files and HTML in .txt or stdin


@pytest.mark.parametrize("name", ["page.html", "page.htm", "PAGE.HTML"])
def test_read_html_file(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, PAGE)
    assert read_source(path) == SourceText(path, PAGE_TEXT, False, "html", "Budget row")


def test_html_file_without_tags_is_still_converted(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.html", "Fish &amp; chips, he said.\n\n\nNext   paragraph.")
    src = read_source(path)
    assert (src.text, src.format, src.title) == ("Fish & chips, he said. Next paragraph.", "html", None)


def test_html_in_txt_is_converted(tmp_path: Path) -> None:
    path = write(tmp_path / "saved-page.txt", PAGE)
    assert read_source(path) == SourceText(path, PAGE_TEXT, False, "html", "Budget row")


def test_html_fragment_in_txt_is_converted(tmp_path: Path) -> None:
    path = write(tmp_path / "fragment.txt", f"<p>{ARTICLE}</p>\n<p>Second.</p>\n<p>Third.</p>\n")
    src = read_source(path)
    assert (src.text, src.format) == (f"{ARTICLE}\n\nSecond.\n\nThird.", "html")


@pytest.mark.parametrize(
    "prose",
    [
        "Analysts said that a < b in most years, and that growth <3% was likely.\n",
        "Fans sent <3 to the team. The coach said <3 was enough.\n",
        "Designers said the <p> and <div> tags were misused, and the <span> too.\n" + ARTICLE * 5,
    ],
)
def test_prose_with_brackets_stays_text(tmp_path: Path, prose: str) -> None:
    path = write(tmp_path / "prose.txt", prose)
    assert read_source(path) == SourceText(path, prose, False, "text", None)


def test_markdown_with_inline_html_stays_markdown(tmp_path: Path) -> None:
    text = "<div>\n<p>raw html block</p>\n</div>\n\n# Heading\n\n" + ARTICLE
    path = write(tmp_path / "post.md", text)
    assert read_source(path) == SourceText(path, text, True, "markdown", None)


def test_html_on_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(PAGE.encode()))
    assert read_source("-") == SourceText("<stdin>", PAGE_TEXT, False, "html", "Budget row")


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<!DOCTYPE html><script>var words = 'lots of words';</script><style>p{}</style>",
        "<div><span></span><br><p>   </p><p>123 456</p></div>",
    ],
)
@pytest.mark.parametrize("name", ["empty.html", "empty.txt"])
def test_html_without_article_text_is_refused(tmp_path: Path, markup: str, name: str) -> None:
    path = write(tmp_path / name, markup)
    with pytest.raises(InputError) as info:
        read_source(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "no article text" in message
    assert "\n" not in message


def test_html_file_still_goes_through_decoding_checks(tmp_path: Path) -> None:
    path = write(tmp_path / "win.html", b"<p>caf\xe9</p>")
    with pytest.raises(InputError, match="--encoding cp1252"):
        read_source(path)
    assert read_source(path, encoding="cp1252").text == "caf\u00e9"


def test_html_size_limit_applies_to_the_markup(tmp_path: Path) -> None:
    path = write(tmp_path / "big.html", "<p>x</p>" + "<span></span>" * 200)
    with pytest.raises(InputError, match="--max-size"):
        read_source(path, max_bytes=1000)


def test_directories_pick_up_html(tmp_path: Path) -> None:
    for name in ["a.html", "b.htm", "c.HTML", "d.txt", "e.xhtml", "f.shtml"]:
        write(tmp_path / name, PAGE)
    found = [os.path.basename(p) for p in expand_paths([str(tmp_path)])]
    assert found == ["a.html", "b.htm", "c.HTML", "d.txt"]


def test_explicit_html_files_accepted(tmp_path: Path) -> None:
    paths = [write(tmp_path / name, PAGE) for name in ["x.htm", "y.html"]]
    assert expand_paths(paths) == paths


def test_unsupported_type_message_mentions_html(tmp_path: Path) -> None:
    path = write(tmp_path / "doc.pdf", ARTICLE)
    with pytest.raises(InputError, match=r"reads \.txt, \.md and \.html"):
        expand_paths([path])
