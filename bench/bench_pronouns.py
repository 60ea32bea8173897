"""How often claimdb resolves a pronoun source ("he", "she", "they"...) to the right named speaker.

    python bench/bench_pronouns.py SPLIT_DIR [bench/pronouns_dev.tsv] [--model NAME] [--rules-only]
        [--show-errors]

SPLIT_DIR is a PolNeAR split (text/<doc>.txt). The TSV (doc, start, end, pronoun, referent; see its
header for how items were chosen and labelled) defaults to pronouns_dev.tsv next to this script.
Each document is parsed once. For each item the attribution whose source span overlaps the item's
[start, end) is used: an exact span match first, else the largest overlap, else the earliest.

Name matching (``same_entity``), after normalising both names (lower case; punctuation other than
inner hyphens and apostrophes dropped; leading "the" and titles such as Mr, Ms, Dr, Sen, Rep, Gov,
President dropped; single-letter initials and Jr/Sr dropped):
  * equal word sequences match;
  * a name of two or more words matches when it is a prefix or suffix of the other
    ("Ildefonso Guajardo" ~ "Ildefonso Guajardo Villarreal", "Security Council" ~ "United
    Nations Security Council");
  * a one-word name matches only the other's last word ("Clinton" ~ "Hillary Clinton"), and only
    when no other referent labelled in the same article shares that last word ("Clinton" is
    ambiguous in an article whose labels hold both Bill and Hillary Clinton);
  * an all-capital one-word name matches the initials of the other's capitalised words
    ("IMF" ~ "International Monetary Fund").
"Bill Clinton" never matches "Hillary Clinton". A referent "A | B" lists names of one entity and
"A + B" several entities a "they" stands for; matching any of them is correct.

Scoring: a resolvable item is correct when the found attribution's speaker matches the referent; a
missing attribution or a missing speaker is wrong. An UNRESOLVABLE item is correct when no speaker
is named (no attribution found, or one with speaker None). ``--rules-only`` reads with the
hand-written rules alone, without the trained model.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from claimdb.extract import Attribution, load_extractor

UNRESOLVABLE = "UNRESOLVABLE"
TITLES = frozenset(
    "the mr mrs ms miss mx dr prof sir dame lord lady rev president sen senator rep representative "
    "gov governor secretary gen general".split()
)
SUFFIXES = frozenset("jr sr ii iii".split())


@dataclass(frozen=True)
class Item:
    doc: str
    start: int
    end: int
    pronoun: str
    referent: str


def words(name: str) -> tuple[str, ...]:
    """Normalised words of a name: lower case, no punctuation, titles, initials or Jr/Sr."""
    text = name.replace("\u2019", "'").lower()
    toks = [t.strip("'-") for t in re.sub(r"[^\w'\- ]", " ", text).split()]
    toks = [t for t in toks if t]
    while toks and toks[0] in TITLES:
        toks.pop(0)
    return tuple(t for t in toks if len(t) > 1 and t not in SUFFIXES)


def initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def same_entity(got: str, want: str, doc_referents: list[str]) -> bool:
    """Whether speaker name ``got`` names referent ``want`` (rules in the module docstring)."""
    a, b = words(got), words(want)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 2:
        return long_[: len(short)] == short or long_[-len(short) :] == short
    raw = got.strip().strip(".")
    if raw.isupper() and len(raw) > 1 and raw.isalpha() and raw == initials(want):
        return True
    if long_[-1] != short[0]:
        return False
    others = {words(r) for r in doc_referents} - {b}
    return not any(o and o[-1] == short[0] for o in others)


def alternatives(referent: str) -> list[str]:
    return [p.strip() for p in re.split(r"\s[|+]\s", referent) if p.strip()]


def load_items(path: Path) -> list[Item]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        return [Item(r["doc"], int(r["start"]), int(r["end"]), r["pronoun"], r["referent"]) for r in rows]


def find_attribution(item: Item, attributions: tuple[Attribution, ...]) -> Attribution | None:
    best: tuple[int, int, int] | None = None
    found: Attribution | None = None
    for order, att in enumerate(attributions):
        src = att.source
        if src is None:
            continue
        overlap = min(src.end, item.end) - max(src.start, item.start)
        if overlap <= 0:
            continue
        exact = int(src.start == item.start and src.end == item.end)
        key = (exact, overlap, -order)
        if best is None or key > best:
            best, found = key, att
    return found


def pct(n: int, d: int) -> str:
    return f"{n}/{d} = {100 * n / d:.1f}%" if d else f"{n}/0"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("split", type=Path, help="PolNeAR split directory (holds text/)")
    ap.add_argument("tsv", type=Path, nargs="?", default=Path(__file__).with_name("pronouns_dev.tsv"))
    ap.add_argument("--model", default=None)
    ap.add_argument("--rules-only", action="store_true", help="the rules alone, without the model")
    ap.add_argument("--show-errors", action="store_true", help="list every wrong item")
    args = ap.parse_args()

    items = load_items(args.tsv)
    by_doc: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_doc[item.doc].append(item)
    ex = load_extractor(args.model, rules_only=args.rules_only)
    results: list[tuple[Item, bool, str | None, bool]] = []  # item, found, speaker name, correct
    for doc in sorted(by_doc):
        text = (args.split / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        parse = ex.parse(text)
        referents = [alt for it in by_doc[doc] for alt in alternatives(it.referent)]
        for item in by_doc[doc]:
            att = find_attribution(item, parse.attributions)
            name = att.speaker.name if att is not None and att.speaker is not None else None
            if item.referent == UNRESOLVABLE:
                ok = name is None
            else:
                ok = name is not None and any(
                    same_entity(name, alt, referents) for alt in alternatives(item.referent)
                )
            results.append((item, att is not None, name, ok))

    res = [r for r in results if r[0].referent != UNRESOLVABLE]
    unres = [r for r in results if r[0].referent == UNRESOLVABLE]
    found_res = [r for r in res if r[1]]
    print(f"check set           {args.tsv}  ({len(by_doc)} documents)")
    if args.rules_only:
        print("extractor           rules only")
    print(f"items               {len(results)}  ({len(res)} resolvable, {len(unres)} UNRESOLVABLE)")
    print(f"coverage            {pct(sum(r[1] for r in results), len(results))} with an attribution found")
    print(f"accuracy            {pct(sum(r[3] for r in res), len(res))} of resolvable items")
    print(
        f"accuracy (found)    {pct(sum(r[3] for r in found_res), len(found_res))} of resolvable items found"
    )
    print(
        f"UNRESOLVABLE        {pct(sum(r[3] for r in unres), len(unres))} correctly left without a speaker "
        f"({sum(r[1] for r in unres)} had an attribution found)"
    )
    print("\npronoun      n  resolv  found  correct  accuracy (resolvable)")
    groups: dict[str, list[tuple[Item, bool, str | None, bool]]] = defaultdict(list)
    for r in results:
        groups[r[0].pronoun.lower()].append(r)
    for pron in sorted(groups, key=lambda p: (-len(groups[p]), p)):
        rows = groups[pron]
        rr = [r for r in rows if r[0].referent != UNRESOLVABLE]
        ok = sum(r[3] for r in rr)
        acc = f"{100 * ok / len(rr):.1f}%" if rr else "-"
        found = sum(r[1] for r in rr)
        print(f"{pron:8s} {len(rows):5d} {len(rr):7d} {found:6d} {ok:8d}  {acc}")
    if args.show_errors:
        print("\nwrong items: doc, start, pronoun, expected -> got")
        for item, found_att, name, ok in results:
            if not ok:
                got = name if name is not None else ("(no speaker)" if found_att else "(no attribution)")
                print(f"  {item.doc}  {item.start}  {item.pronoun}  {item.referent} -> {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
