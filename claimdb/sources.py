"""Reading articles from files and stdin: which files, how they decode, and what is refused."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import InputError

#: file types read as articles; a directory is searched for these
TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES
#: largest article accepted, in bytes (a long-read feature is ~100 KB; this leaves room)
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
STDIN = "-"


@dataclass(frozen=True, slots=True)
class SourceText:
    """An article's text as read, with where it came from."""

    source: str
    text: str
    markdown: bool


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
                raise InputError(f"{path}: no .txt or .md files in this directory")
            out.extend(found)
        elif os.path.isfile(path):
            if os.path.splitext(path)[1].lower() not in SUFFIXES:
                raise InputError(f"{path}: unsupported file type (claimdb reads .txt and .md)")
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


def read_source(path: str, *, encoding: str = "utf-8", max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read one article from ``path`` (``-`` for stdin), refusing files over ``max_bytes``."""
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        label = "<stdin>"
        markdown = False
    else:
        label = path
        markdown = os.path.splitext(path)[1].lower() in MARKDOWN_SUFFIXES
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
    return SourceText(label, decode_article(data, label, encoding), markdown)


def _too_big(source: str, size: int, limit: int) -> str:
    return (
        f"{source}: {size / 1_048_576:.1f} MB is over the {limit / 1_048_576:g} MB limit for one "
        f"article (raise it with --max-size)"
    )
