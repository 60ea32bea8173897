"""Small shared text helpers for comparing claims: words, a light stemmer, numbers and names.

Everything here is plain Python and deterministic; nothing loads a language model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: function words that say nothing about which claim a text makes; negations are *not* here
STOPWORDS = frozenset(
    """a an the and or but if of at by for with about against between into through during before after
    above below to from up down in out on off over under again then once here there when where why how
    all any both each few more most other some such only own same so than too very s t can will just
    should now i me my we our ours you your he him his she her it its they them their theirs what which
    who whom this that these those am is are was were be been being have has had having do does did
    doing would shall as until while also 's""".split()
)
NEGATIONS = frozenset("not no never nobody nothing none neither nor n't cannot without".split())
#: capitalised for other reasons than being a name: months, days, modals at a title's start
NOT_NAMES = frozenset(
    """january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday update breaking watch video photo photos report exclusive
    will would could should might must can""".split()
)

_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)*(?:\s*(?:-|to)\s*\d+(?:[.,]\d+)*)?[a-z%]*|[a-z]+(?:['\u2019][a-z]+)*", re.I
)
_CONTRACTION = re.compile(r"^(\w+?)(n['\u2019]t)$")
_RANGE = re.compile(r"\s*(?:-|to)\s*")
_NUMBER = re.compile(r"^(\d+(?:[.,]\d+)*)([a-z%]*)$")
_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
_SCALES.update(trillion=1e12, tn=1e12, hundred=1e2)
_NUMBER_WORDS = {
    w: float(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_IRREGULAR_NOT = {"wo": "will", "ca": "can", "ai": "is", "sha": "shall"}
_SENTENCE = re.compile(r"(?<=[.!?:\u2014])\s+|\n+")
_CAPITALISED = re.compile(r"^[A-Z][\w\u2019'-]*$")


def stem(word: str) -> str:
    """A light suffix stemmer: possessive, plural, -ed, -ing, -ly, demonym -ian and a final -e.

    It only has to map the forms of one word to the same key, not to a dictionary word:

    >>> [stem(w) for w in ("forces", "force", "encircled", "surrounding", "Ukraine's", "ukrainian")]
    ['forc', 'forc', 'encircl', 'surround', 'ukrain', 'ukrain']
    """
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed", "ly", "ian"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
                w = w[:-1]  # stopped -> stop
            break
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


def words(text: str) -> list[str]:
    """Lower-cased word and number tokens, with "isn't" split into "is" + "n't"."""
    out: list[str] = []
    for match in _TOKEN.finditer(text):
        tok = match.group(0).lower().replace("\u2019", "'")
        neg = _CONTRACTION.match(tok)
        if neg:
            out.append(_IRREGULAR_NOT.get(neg.group(1), neg.group(1)))
            out.append("n't")
        else:
            out.append(tok)
    return out


#: words news writes interchangeably for one thing; each group counts as its first word
SYNONYM_GROUPS = (
    "surround encircle besiege trap",
    "troop force soldier",
    "kill slay",
    "die dead death",
    "arrest detain",
    "resign quit",
    "fire sack dismiss oust",
    "ban prohibit outlaw",
    "cut reduce slash lower",
    "rise increase grow climb soar jump",
    "fall drop decline decrease plunge slump",
    "buy purchase acquire",
    "start begin launch",
    "end finish",
    "close shut",
    "plan intend",
    "big large huge",
    "small little",
    "attack strike assault",
    "win victory",
    "lose defeat",
    "job employment",
    "money fund funding",
    "car vehicle",
    "child kid",
    "country nation",
    "president presidency",
    "election vote",
)
SYNONYMS = {stem(w): stem(group.split()[0]) for group in SYNONYM_GROUPS for w in group.split()}


@lru_cache(maxsize=1 << 16)
def term(word: str) -> str:
    """The comparison key of one word: its stem, or its synonym group's (cached: the linker asks
    for the same words again and again).

    >>> term("encircled") == term("surrounded") and term("forces") == term("troops")
    True
    """
    key = stem(word)
    return SYNONYMS.get(key, key)


def content_terms(tokens: list[str]) -> list[str]:
    """Content terms (no stopwords, no negations) of :func:`words` output, as :func:`term` keys."""
    return [term(t) for t in tokens if t not in STOPWORDS and t not in NEGATIONS and t != "n't"]


def has_negation(tokens: list[str]) -> bool:
    return any(t in NEGATIONS for t in tokens)


def _value(digits: str) -> float | None:
    if digits.count(",") and all(len(p) == 3 for p in digits.split(",")[1:]):
        digits = digits.replace(",", "")  # 4,000
    elif "," in digits:
        digits = digits.replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written, its value, and the words that say what it counts."""

    shown: str
    value: float
    keys: frozenset[str]  # scale word ("million", "percent"), unit word after it, or "year"


def quantities(tokens: list[str]) -> list[Quantity]:
    """Numbers in :func:`words` output, each with the scale and unit words that follow it.

    >>> [(q.value, sorted(q.keys)) for q in quantities(words("19M Apple Watches in 2015"))]
    [(19000000.0, ['appl', 'million']), (2015.0, ['@year'])]
    """
    found: list[Quantity] = []
    for i, tok in enumerate(tokens):
        parts = _RANGE.split(tok) if tok[0].isdigit() else [tok]
        m = _NUMBER.match(parts[-1])
        if m is None and tok not in _NUMBER_WORDS:
            continue
        suffix = m.group(2) if m else ""
        keys: set[str] = set()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        scale = _SCALES.get(suffix) or _SCALES.get(nxt)
        if suffix in ("%",) or nxt in ("percent", "per"):
            keys.add("percent")
        for k, v in _SCALES.items():
            if scale == v and len(k) > 2:
                keys.add(k)
                break
        rest = tokens[i + 1 + (1 if nxt in _SCALES or nxt in ("percent", "per", "cent") else 0) :]
        unit = next((t for t in rest[:2] if t not in STOPWORDS and not t[0].isdigit()), "")
        if unit and unit not in ("percent",):
            keys.add(stem(unit))
        values: list[float] = []
        for part in parts:
            pm = _NUMBER.match(part)
            raw = _value(pm.group(1)) if pm else _NUMBER_WORDS.get(part)
            if raw is not None:
                values.append(raw * (scale or 1.0))
        if not values:
            continue
        if len(values) == 1 and 1800 <= values[0] <= 2100 and not suffix and values[0].is_integer():
            keys = {"@year"}  # a date, not a count of years
        for value in values:
            found.append(Quantity(tok, value, frozenset(keys)))
    return found


def names(text: str) -> set[str]:
    """Stems of capitalised words inside sentences, skipping all-title-case runs of words.

    A sentence's first word counts only when the word after it is a name too ("Chris Christie
    will resign"): alone, its capital says nothing.
    """
    found: set[str] = set()
    for sentence in _SENTENCE.split(text):
        raw = sentence.split()
        long_words = [w for w in raw if len(w) > 3 and w[0].isalpha()]
        if long_words and sum(w[0].isupper() for w in long_words) > 0.6 * len(long_words):
            continue  # a headline in title case: capitals say nothing there
        cores = [_name_core(w) for w in raw]
        for pos, core in enumerate(cores):
            if core and (pos > 0 or (len(cores) > 1 and cores[1] and not raw[0].endswith(","))):
                found.add(stem(core))
    return found


def _name_core(word: str) -> str:
    """``word`` without its punctuation if it looks like a name, else ""."""
    core = word.strip("\"'()[],.;:!?\u201c\u201d\u2018\u2019*")
    if len(core) < 3 or not _CAPITALISED.match(core) or core.isupper():
        return ""  # also skips hashtags and handles, which start with "#" or "@"
    if core.lower() in STOPWORDS or core.lower() in NEGATIONS or core.lower() in NOT_NAMES:
        return ""
    return core
