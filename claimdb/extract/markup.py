"""Prepare text for the parser without moving a character, so offsets into the source stay valid.

Markdown syntax is blanked out; characters the statistical parser handles badly or cannot take
at all are swapped one for one (guillemets for curly quotes, invisible format characters for
spaces, lone surrogates for U+FFFD).
"""

from __future__ import annotations

import re

_PATTERNS = [
    re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE),  # headings
    re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE),  # block quotes
    re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE),  # list items
    re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}(?=\r?$)", re.MULTILINE),  # rules
    re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"),  # images, alt text included
    re.compile(r"\]\([^)\n]*\)"),  # the target of a link: "](https://...)"
    re.compile(r"(?<![\w\\])\[(?=[^\]\n]*\]\()"),  # the opening bracket of a link
    re.compile(r"\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"),  # emphasis with *
    re.compile(r"(?<!\w)__?(?=[^\s_])|(?<=[^\s_])__?(?!\w)"),  # with _, never inside snake_case
    re.compile(r"`+"),  # code marks
    re.compile(r"<[A-Za-z/!][^>\n]*>"),  # inline HTML tags
]


def mask_markdown(text: str) -> str:
    """Return ``text`` with Markdown markup replaced by spaces; the length never changes."""
    chars = list(text)
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            for i in range(match.start(), match.end()):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


# one-for-one swaps: same length, so every offset still indexes the original text
_SWAPS = {
    "\u00ab": "\u201c",  # « reads as an opening quote to the parser
    "\u00bb": "\u201d",  # »
    "\ufeff": " ",  # byte-order mark / zero-width no-break space
    "\u200b": " ",  # zero-width space
    "\u2060": " ",  # word joiner
    "\u00ad": " ",  # soft hyphen
}
_CONTROL = "\x00-\x08\x0e-\x1f\x7f-\x9f"  # control characters other than whitespace: a space
_SURROGATES = "\ud800-\udfff"  # lone surrogates (text decoded with "surrogateescape"): U+FFFD
#: every character :func:`for_parser` changes, found in one pass of the regular expression engine
#: (``str.translate`` and two more passes took seven times as long on the PolNeAR dev articles)
_AWKWARD = re.compile("[" + "".join(_SWAPS) + _CONTROL + _SURROGATES + "]")


def _swap(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SWAPS:
        return _SWAPS[char]
    return "\ufffd" if "\ud800" <= char <= "\udfff" else " "


def for_parser(text: str) -> str:
    """The same-length text the parser reads: awkward characters swapped, nothing moved."""
    return _AWKWARD.sub(_swap, text)
