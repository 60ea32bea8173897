"""Reading articles from files and stdin: which files, how they decode, and what is refused."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import InputError
from .htmltext import convert_html

#: file types read as articles; a directory is searched for these
TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
#: largest article accepted, in bytes (a long-read feature is ~100 KB; this leaves room)
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
STDIN = "-"
#: how much of a text file is looked at to tell whether it is really HTML
SNIFF_CHARS = 4096
#: tags that mark a text file as HTML when at least three of them open in the first SNIFF_CHARS
SNIFF_TAGS = frozenset(
    "html head body title meta link script style p div span a br hr img ul ol li table tr td th "
    "h1 h2 h3 h4 h5 h6 b i em strong blockquote pre section article header footer nav main aside "
    "figure figcaption form input button iframe noscript time".split()
)
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html)(?=[\s>/])", re.IGNORECASE)
_ANY_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9]*)(?=[\s/>])[^<>]*>|<[!?][^<>]*>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class SourceText:
    """An article's text as read, with where it came from.

    ``text`` is what is stored and parsed, and what offsets index: for HTML, the text converted
    from the markup. ``markdown`` is True only for Markdown files, whose markup the parser blanks.
    """

    source: str
    text: str
    markdown: bool
    #: what the file was read as: "text", "markdown" or "html"
    format: str = "text"
    #: the HTML document's title (<title>, else its first <h1>); None for other formats
    title: str | None = None


def expand_paths(paths: list[str]) -> list[str]:
    """Files named on the command line, with directories searched recursively (sorted, no hidden files).

    Raises:
        InputError: a path that does not exist, a file of an unsupported type, a directory
            holding no articles.
    """
    out: list[str] = []
    for path in paths:
        if path == STDIN:
            out.append(path)
        elif os.path.isdir(path):
            found = sorted(_walk(path))
            if not found:
                raise InputError(f"{path}: no .txt, .md or .html files in this directory")
            out.extend(found)
        elif os.path.isfile(path):
            if os.path.splitext(path)[1].lower() not in SUFFIXES:
                raise InputError(f"{path}: unsupported file type (claimdb reads .txt, .md and .html)")
            out.append(path)
        elif os.path.exists(path):
            raise InputError(f"{path}: not a regular file")
        else:
            raise InputError(f"{path}: no such file or directory")
    seen: set[str] = set()
    return [p for p in out if not (p in seen or seen.add(p))]  # type: ignore[func-returns-value]


def _walk(root: str) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in SUFFIXES:
                yield os.path.join(dirpath, name)


def decode_article(data: bytes, source: str, encoding: str = "utf-8") -> str:
    """Decode and check one article's bytes.

    Text must decode strictly in ``encoding`` (UTF-8 unless told otherwise; a UTF-8 byte-order mark
    is dropped). Nothing is guessed: a Windows-1252 file fails with a message naming the option
    that reads it.

    Raises:
        InputError: empty, binary (NUL bytes or mostly control characters), undecodable, or no text.
    """
    if not data.strip():
        raise InputError(f"{source}: empty file" if not data else f"{source}: only whitespace")
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    wide = codec.lower().replace("-", "").replace("_", "").startswith(("utf16", "utf32"))
    if b"\x00" in data and not wide:  # NUL bytes are normal only in UTF-16/32 text
        raise InputError(f"{source}: binary file (contains NUL bytes), not an article")
    try:
        text = data.decode(codec)
    except LookupError as exc:
        raise InputError(f"{source}: unknown encoding {encoding!r}") from exc
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        hint = "; if it is Windows-1252, pass --encoding cp1252" if codec == "utf-8-sig" else ""
        raise InputError(
            f"{source}: not valid {encoding} (byte 0x{bad} at offset {exc.start}){hint}"
        ) from exc
    if "\x00" in text:
        raise InputError(f"{source}: binary file (contains NUL characters), not an article")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(8, len(text) // 100):
        raise InputError(f"{source}: binary file ({controls} control characters), not an article")
    if not any(ch.isalpha() for ch in text):
        raise InputError(f"{source}: no words in this file")
    return text


def looks_like_html(text: str) -> bool:
    """Whether text read from a .txt file or stdin is really an HTML document.

    It is when, after leading whitespace, it starts with ``<!doctype html`` or ``<html``; or when its
    first :data:`SNIFF_CHARS` characters open at least three tags from :data:`SNIFF_TAGS` and
    either start with such a tag or hold more than 30% of their non-space characters inside
    tags. Prose that merely mentions ``a < b`` or ``<3`` has no tags and stays text.
    """
    if _HTML_START.match(text):
        return True
    head = text[:SNIFF_CHARS]
    tags = list(_ANY_TAG.finditer(head))
    known = [m for m in tags if not m.group(1) and (m.group(2) or "").lower() in SNIFF_TAGS]
    if len(known) < 3:
        return False
    if known[0].start() == len(head) - len(head.lstrip()):
        return True  # it opens with a tag such as <p> or <div>
    inside = sum(len(m.group(0)) - _count_space(m.group(0)) for m in tags)
    return inside > 0.3 * (len(head) - _count_space(head))


def _count_space(text: str) -> int:
    return sum(1 for ch in text if ch.isspace())


def read_source(path: str, *, encoding: str = "utf-8", max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read one article from ``path`` (``-`` for stdin), refusing files over ``max_bytes``.

    HTML (a .html/.htm file, or a .txt file or stdin that :func:`looks_like_html`) is converted to
    plain text first, and that text is what is returned.

    Raises:
        InputError: unreadable, too large, refused by :func:`decode_article`, or HTML with no text.
    """
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        label = "<stdin>"
        suffix = ""
    else:
        label = path
        suffix = os.path.splitext(path)[1].lower()
        try:
            size = os.path.getsize(path)
            if size > max_bytes:
                raise InputError(_too_big(path, size, max_bytes))
            with open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise InputError(_too_big(label, len(data), max_bytes))
    text = decode_article(data, label, encoding)
    if suffix in MARKDOWN_SUFFIXES:
        return SourceText(label, text, True, "markdown")
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        page = convert_html(text)
        if not any(ch.isalpha() for ch in page.text):
            raise InputError(f"{label}: no article text in this HTML (only markup, scripts or styles)")
        return SourceText(label, page.text, False, "html", page.title)
    return SourceText(label, text, False)


def _too_big(source: str, size: int, limit: int) -> str:
    megabytes, cap = size / 1_048_576, limit / 1_048_576
    # as few decimals as still show the size above the limit ("0.02 MB", never "0.0 MB")
    digits = next((d for d in range(1, 7) if round(megabytes, d) > cap), 6)
    return (
        f"{source}: {megabytes:.{digits}f} MB is over the {cap:.3g} MB limit for one article "
        f"(raise it with --max-size)"
    )
