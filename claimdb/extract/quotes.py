"""Find quotations in raw text, before any parsing: pairs of quote marks, paragraph by paragraph.

News copy is messy: straight and curly marks mix, closing marks go missing, and a quotation that
runs over several paragraphs leaves the closing mark off every paragraph but the last. This scan
never fails; an unclosed quotation ends with its paragraph.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

OPENING = frozenset("\u201c\u00ab\u201e")  # “ « „
CLOSING = frozenset("\u201d\u00bb")  # ” »
#: German style „…“: after „ the mark “ closes instead of opening
LOW_OPENING = "\u201e"
STRAIGHT = '"'
QUOTE_MARKS = OPENING | CLOSING | {STRAIGHT}

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_WORD = re.compile(r"\w")
#: where :func:`_mark_at` can find a mark: the scan jumps from one to the next
_MARK = re.compile("[" + re.escape("".join(sorted(QUOTE_MARKS))) + "]|''|``")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: marks at ``[open, inner_start)`` and ``[inner_end, outer_end)``.

    When the closing mark never came, ``closed`` is false and the quotation ends with its
    paragraph; ``group`` is shared by the paragraphs of one quotation that runs over several.
    ``paragraph`` is where its paragraph starts; ``ends_paragraph`` says that no word follows it
    there (no cue of its own: '"We will win."', not '"We will win," she added.').
    """

    open: int
    inner_start: int
    inner_end: int
    outer_end: int
    closed: bool
    group: int
    paragraph: int
    ends_paragraph: bool


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into paragraphs: at blank lines when it has any, else at every newline."""
    if _BLANK_LINE.search(text):
        cuts = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)]
    else:
        cuts = [(m.start(), m.end()) for m in re.finditer(r"\n", text)]
    bounds, start = [], 0
    for cut_start, cut_end in [*cuts, (len(text), len(text))]:
        end = cut_start
        while end > start and text[end - 1] == "\r":  # Windows line ends
            end -= 1
        if end > start:
            bounds.append((start, end))
        start = cut_end
    return bounds


def _mark_at(text: str, i: int) -> tuple[str, int] | None:
    """The quote mark starting at ``i`` as (kind, width): kind is 'open', 'close' or 'straight'."""
    ch = text[i]
    if ch in OPENING:
        return "open", 1
    if ch in CLOSING:
        return "close", 1
    if ch == STRAIGHT:
        return "straight", 1
    if ch == "'" and text.startswith("''", i):  # typewriter style: ''quoted''
        return "straight", 2
    if ch == "`" and text.startswith("``", i):
        return "open", 2
    return None


def _opens(text: str, i: int, width: int, start: int, end: int) -> bool:
    """Whether a straight mark at ``i`` looks like an opening one (space or start before it)."""
    before = text[i - 1] if i > start else " "
    after = text[i + width] if i + width < end else " "
    if after.isspace():
        return False
    return i == start or before.isspace() or before in "([{\u2014\u2013-/:"


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[tuple[int, int, int, int, bool]], bool]:
    """Pair the double quote marks of one paragraph.

    Returns (open, inner_start, inner_end, outer_end, closed) tuples, and whether the last quotation
    is still open when the paragraph ends.
    """
    found: list[tuple[int, int, int, int, bool]] = []
    open_at: tuple[int, int] | None = None
    i = start
    while (hit := _MARK.search(text, i, end)) is not None:
        i = hit.start()
        mark = _mark_at(text, i)
        assert mark is not None  # the pattern finds exactly the marks _mark_at reads
        kind, width = mark
        if open_at is not None and text[open_at[0]] == LOW_OPENING and text[i] == "\u201c":
            kind = "close"
        if open_at is None:
            # a closing mark where a quotation opens ('\n”Mr. Trump embodies …” ― Sonya') opens it
            if kind == "open" or (kind in ("straight", "close") and _opens(text, i, width, start, end)):
                open_at = (i, width)
        elif kind in ("close", "straight"):
            found.append((open_at[0], open_at[0] + open_at[1], i, i + width, True))
            open_at = None
        else:  # a second opening mark: the first quotation lost its closing mark
            found.append((open_at[0], open_at[0] + open_at[1], i, i, False))
            open_at = (i, width)
        i += width
    if open_at is not None:
        close = end
        while close > open_at[0] + open_at[1] and text[close - 1].isspace():
            close -= 1
        found.append((open_at[0], open_at[0] + open_at[1], close, close, False))
    return found, open_at is not None


def _scan_single(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pair curly single quotes outside double quotations: \u2018...\u2019 not used as apostrophes."""
    found = []
    i = start
    while (i := text.find("\u2018", i, end)) >= 0:
        if not any(a <= i < b for a, b in taken):
            j = i + 1
            while j < end and j - i < 400:
                nxt = text[j + 1] if j + 1 < end else " "
                if text[j] == "\u2019" and not nxt.isalnum():
                    found.append((i, j))
                    break
                if text[j] == "\u2018":
                    break
                j += 1
            i = j if found and found[-1][0] == i else i + 1
            continue
        i += 1
    return found


def find_quotes(text: str) -> list[Quote]:
    """Return every quotation in ``text`` in order of its opening mark."""
    quotes: list[Quote] = []
    group = 0
    carry = False  # the previous paragraph ended inside a quotation
    for start, end in paragraph_bounds(text):
        pairs, runs_off = _scan_paragraph(text, start, end)
        for k, (op, inner_start, inner_end, outer_end, closed) in enumerate(pairs):
            # a paragraph that opens with a mark continues the last one's unclosed quotation
            leading = k == 0 and not text[start:op].strip()
            if not (carry and leading):
                group += 1
            alone = not _WORD.search(text, outer_end, end)  # nothing said after it in its paragraph
            quotes.append(Quote(op, inner_start, inner_end, outer_end, closed, group, start, alone))
        carry = runs_off
        taken = [(q[0], q[3]) for q in pairs]
        for op, close in _scan_single(text, start, end, taken):
            group += 1
            alone = not _WORD.search(text, close + 1, end)
            quotes.append(Quote(op, op + 1, close, close + 1, True, group, start, alone))
    quotes.sort(key=lambda q: q.open)
    return quotes


class QuoteIndex:
    """Quotations of one text, searchable by character offset (quotations may nest)."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self._starts = [q.open for q in quotes]
        # reach[i]: the furthest any of quotes[0..i] extends; it never decreases, so searches can
        # stop as soon as no earlier quotation can still cover a position
        self._reach: list[int] = []
        furthest = -1
        for q in quotes:
            furthest = max(furthest, q.outer_end)
            self._reach.append(furthest)
        self._groups: dict[int, list[Quote]] = {}
        for q in quotes:
            self._groups.setdefault(q.group, []).append(q)

    def around(self, start: int, end: int) -> Quote | None:
        """The innermost quotation whose marks enclose ``[start, end)``, if any."""
        i = bisect.bisect_right(self._starts, start) - 1
        while i >= 0 and self._reach[i] > start:
            q = self.quotes[i]
            if q.open <= start and end <= q.outer_end:
                return q
            i -= 1
        return None

    def overlapping(self, start: int, end: int) -> list[Quote]:
        """Quotations that share at least one character with ``[start, end)``."""
        i = bisect.bisect_right(self._reach, start)
        out = []
        while i < len(self.quotes) and self.quotes[i].open < end:
            q = self.quotes[i]
            if q.outer_end > start:
                out.append(q)
            i += 1
        return out

    def starting_after(self, pos: int, limit: int) -> Quote | None:
        """The first quotation opening in ``[pos, limit)``."""
        i = bisect.bisect_left(self._starts, pos)
        if i < len(self.quotes) and self.quotes[i].open < limit:
            return self.quotes[i]
        return None

    def group(self, quote: Quote) -> list[Quote]:
        """Every paragraph of the quotation ``quote`` belongs to."""
        return self._groups.get(quote.group, [quote])
