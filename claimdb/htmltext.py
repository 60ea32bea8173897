"""Turn an HTML page into plain article text, with the standard library only and without ever raising.

The rules are a browser's reader view in miniature: scripts, styles, SVG and the ``<head>`` (bar its
``<title>``) are dropped; block elements become paragraphs separated by one blank line; ``<br>`` is a
line break; whitespace inside a paragraph collapses to single spaces, except inside ``<pre>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

#: elements whose content is never article text
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})
#: elements that start and end a paragraph
BLOCK_TAGS = frozenset(
    "p div li h1 h2 h3 h4 h5 h6 blockquote section article header footer tr table pre hr figure "
    "figcaption ul ol dl dt dd main aside nav body html".split()
)
#: elements allowed inside <head>; any other start tag means the body began without </head>
_HEAD_TAGS = frozenset("title meta link base style script noscript template".split())
_CELL_TAGS = frozenset({"td", "th"})  # cells of one row stay on one line, a space apart
_SPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_UNFINISHED = re.compile(r"<[!?/A-Za-z]")
#: more attributes than any real start tag carries; html.parser's regular expression for a start tag
#: keeps a backtracking record per attribute (about 600 bytes each, so 10 MB of "<a b=c " took 2 GB)
_MOST_ATTRIBUTES = 1000
_CROWDED_TAG = re.compile(
    r"<[a-zA-Z][^\s/>\x00]*+(?>[\s/]*+[^\s/>=]++(?:\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s>]*+))?+)"
    rf"{{{_MOST_ATTRIBUTES}}}"
)
#: where such a tag ends: at the first ">" that is not inside a quoted attribute value
_TAG_EXTENT = re.compile(r"<(?:[^>=]++|=\s*+(?:\"[^\"]*+\"|'[^']*+')?+)*+")


@dataclass(frozen=True, slots=True)
class HtmlText:
    """An HTML document's article text and its title (from ``<title>``, else the first ``<h1>``)."""

    text: str
    title: str | None


class _Buffer:
    """Text collected piece by piece in memory close to its own size (a list of a million
    one-character strings takes 80 MB): every few thousand pieces are joined into one string."""

    __slots__ = ("_chunks", "_pieces")
    JOIN_EVERY = 4096

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._pieces: list[str] = []

    def __bool__(self) -> bool:
        return bool(self._pieces or self._chunks)

    def append(self, text: str) -> None:
        self._pieces.append(text)
        if len(self._pieces) >= self.JOIN_EVERY:
            self._chunks.append("".join(self._pieces))
            self._pieces.clear()

    def take(self) -> str:
        """The text so far; the buffer is left empty."""
        self._chunks.extend(self._pieces)
        text = "".join(self._chunks)
        self._chunks.clear()
        self._pieces.clear()
        return text


class _TextParser(HTMLParser):
    """Collects paragraphs, the ``<title>`` and the first ``<h1>`` while the document streams by."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._runs: list[tuple[bool, str]] = []  # (verbatim?, text) of the open paragraph, so far
        self._run = _Buffer()  # and the run being collected, verbatim if self._verbatim
        self._verbatim = False
        self._skip: list[str] = []  # open elements whose content is dropped, innermost last
        self._in_head = False
        self._pre = 0
        self._title: _Buffer | None = None  # collecting while not None
        self.title = ""  # the first non-empty <title>
        self._h1: _Buffer | None = None
        self.h1 = ""  # the first non-empty <h1>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag in SKIP_TAGS:
                self._skip.append(tag)
            return
        if self._title is not None and (tag in BLOCK_TAGS or tag == "br"):
            self._end_title()  # an unclosed <title> ends where the body visibly starts
        if self._in_head and tag not in _HEAD_TAGS:
            self._in_head = False
        if tag in SKIP_TAGS:
            self._skip.append(tag)
        elif tag == "head":
            self._in_head = True
        elif tag == "title":
            self._title = _Buffer()
        elif tag == "br":
            self._add(True, "\n")
        elif tag in _CELL_TAGS:
            self._add(False, " ")
        elif tag in BLOCK_TAGS:
            self._break()
            if tag == "pre":
                self._pre += 1
            elif tag == "h1" and not self.h1:
                self._h1 = _Buffer()  # collected until the next paragraph break

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # "<br/>" is one break; "<script/>" or "<svg/>" opens nothing, so it must not start a skip
        if tag not in SKIP_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag in self._skip:
                while self._skip.pop() != tag:
                    pass
            return
        if tag == "title" and self._title is not None:
            self._end_title()
        elif tag == "head":
            self._in_head = False
        elif tag == "br":  # browsers read a stray </br> as <br>
            self._add(True, "\n")
        elif tag in BLOCK_TAGS:
            self._break()
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._title is not None:
            self._title.append(data)
        elif not self._in_head:
            self._add(self._pre > 0, data)
            if self._h1 is not None:
                self._h1.append(data)

    def parse_starttag(self, i: int) -> int:
        # a "tag" with more attributes than _MOST_ATTRIBUTES is garbage: skipped whole, or left
        # unfinished (and dropped by finish) when no ">" ends it; html.parser would need memory
        # in proportion to its attributes just to find where it ends
        if _CROWDED_TAG.match(self.rawdata, i) is None:
            return super().parse_starttag(i)
        end = _TAG_EXTENT.match(self.rawdata, i).end()  # type: ignore[union-attr]
        return end + 1 if self.rawdata.startswith(">", end) else -1

    def _add(self, verbatim: bool, text: str) -> None:
        """Add text to the open paragraph: ``verbatim`` inside <pre> and for <br>, else collapsible."""
        if verbatim != self._verbatim:
            self._end_run()
            self._verbatim = verbatim
        self._run.append(text)

    def _end_run(self) -> None:
        if self._run:
            self._runs.append((self._verbatim, self._run.take()))

    def _end_title(self) -> None:
        self.title = self.title or _SPACE.sub(" ", self._title.take() if self._title else "").strip()
        self._title = None

    def _break(self) -> None:
        """Close the open paragraph: collapse its whitespace (not in <pre>) and keep it if not empty."""
        if self._h1 is not None:
            self.h1 = _SPACE.sub(" ", self._h1.take()).strip()
            self._h1 = None
        self._end_run()  # whitespace collapses across the pieces of a run: "a <b> b</b>" is "a b"
        text = "".join(
            run.replace("\r\n", "\n").replace("\r", "\n") if verbatim else _SPACE.sub(" ", run)
            for verbatim, run in self._runs
        )
        self._runs.clear()
        lines = [line.rstrip() if self._pre else line.strip() for line in text.split("\n")]
        paragraph = "\n".join(lines).strip("\n")
        if paragraph.strip():
            self.paragraphs.append(paragraph)

    def finish(self) -> HtmlText:
        if _UNFINISHED.match(self.rawdata):
            self.rawdata = ""  # the end came inside a tag or comment: browsers drop it, not show it
        self.close()
        if self._title is not None:
            self._end_title()
        self._break()
        return HtmlText(_tidy("\n\n".join(self.paragraphs)), self.title or self.h1 or None)


def _tidy(text: str) -> str:
    """At most one blank line anywhere, no whitespace at either end."""
    return _BLANK_LINES.sub("\n\n", text).strip()


# every pattern stops at the next "<" or matches through to the end, so the fallback stays linear
_FALLBACK_DROP = re.compile(
    r"<!--.*?(?:-->|$)|<(script|style|noscript|template|svg|title)\b[^<>]*(?<!/)>.*?(?:</\1\s*>|$)",
    re.I | re.S,
)
_FALLBACK_BREAK = re.compile(r"<br\b[^<>]*>", re.I)
_FALLBACK_BLOCK = re.compile(rf"</?(?:{'|'.join(sorted(BLOCK_TAGS))})\b[^<>]*>", re.I)
_FALLBACK_TAG = re.compile(r"<[A-Za-z/!?](?:[^<>]*>|[^<>\n]*)")  # an unclosed tag ends with its line


def _element(html: str, lower: str, name: str) -> tuple[int, int, str] | None:
    """Start, end and inner text of the first ``<name>…</name>``, found without regex backtracking."""
    found = re.search(rf"<{name}(?=[\s/>])", lower)
    opened = lower.find(">", found.start()) if found else -1
    close = lower.find(f"</{name}", opened) if opened >= 0 else -1
    if found is None or close < 0:
        return None
    end = lower.find(">", close)
    return found.start(), len(html) if end < 0 else end + 1, html[opened + 1 : close]


def _strip_tags(html: str) -> HtmlText:
    """A cruder conversion by regular expressions, for input the HTML parser cannot digest."""
    lower = html.lower()
    title = _element(html, lower, "title")
    head = _element(html, lower, "head")
    text = html[: head[0]] + " " + html[head[1] :] if head else html
    text = _FALLBACK_BREAK.sub("\n", _FALLBACK_DROP.sub(" ", text))
    text = unescape(_FALLBACK_TAG.sub("", _FALLBACK_BLOCK.sub("\n\n", text)))
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    name = _SPACE.sub(" ", unescape(title[2])).strip() if title else ""
    return HtmlText(_tidy("\n".join(lines)), name or None)


def convert_html(html: str) -> HtmlText:
    """Plain article text of an HTML document, however malformed; never raises.

    Args:
        html: the decoded document (a whole page or a fragment; no ``<html>`` needed).

    Returns:
        The text (paragraphs one blank line apart) and the title, None when there is none.
    """
    parser = _TextParser()
    try:
        parser.feed(html)
        return parser.finish()
    except Exception:  # html.parser has raised on odd declarations in some Python versions
        try:
            return _strip_tags(html)
        except Exception:  # pragma: no cover - regular expressions over a str do not fail
            return HtmlText("", None)
