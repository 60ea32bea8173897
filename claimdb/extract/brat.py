"""Reading an attribution corpus in brat standoff (PolNeAR's layout), for training and evaluation.

A split directory holds ``text/<doc>.txt`` and ``attributions/<doc>_<annotator>.ann``. Spans in
``T`` lines may be discontinuous (``start end;start end``); ``E`` lines tie a Content, a Cue and a
Source into one attribution. When a document has several annotations the first by name is used.
The corpus itself never ships with claimdb: every tool takes its path as an argument.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass

from ..errors import InputError

Ranges = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: Ranges
    cue: Ranges | None
    source: Ranges | None


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _ranges(spec: str) -> Ranges:
    out = []
    for chunk in spec.split(";"):
        start, end = chunk.split()
        out.append((int(start), int(end)))
    return tuple(out)


def read_ann(path: str) -> list[GoldAttribution]:
    """The attributions of one .ann file (those with content)."""
    spans: dict[str, Ranges] = {}
    events: list[dict[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            if parts[0].startswith("T"):
                _kind, _, offsets = parts[1].partition(" ")
                spans[parts[0]] = _ranges(offsets)
            elif parts[0].startswith("E"):
                events.append(dict(item.split(":", 1) for item in parts[1].split()))
    out = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        out.append(
            GoldAttribution(content, spans.get(roles.get("Cue", "")), spans.get(roles.get("Source", "")))
        )
    return out


def annotation_files(ann_dir: str) -> dict[str, list[str]]:
    """The .ann file names of each document (``<doc>_<annotator>.ann``), in name order."""
    anns: dict[str, list[str]] = defaultdict(list)
    for name in sorted(os.listdir(ann_dir)):
        if name.endswith(".ann"):
            anns[name.rsplit("_", 1)[0]].append(name)
    return anns


def read_split(split_dir: str) -> list[GoldDocument]:
    """Every document of a split with its gold attributions, in name order.

    Raises:
        InputError: the directory does not have the text/ and attributions/ folders.
    """
    text_dir = os.path.join(split_dir, "text")
    ann_dir = os.path.join(split_dir, "attributions")
    if not os.path.isdir(text_dir) or not os.path.isdir(ann_dir):
        raise InputError(f"{split_dir}: not a corpus split (expected text/ and attributions/ folders)")
    anns = annotation_files(ann_dir)
    docs = []
    for name in sorted(os.listdir(text_dir)):
        if not name.endswith(".txt"):
            continue
        stem = name[:-4]
        with open(os.path.join(text_dir, name), encoding="utf-8") as fh:
            text = fh.read()
        gold = read_ann(os.path.join(ann_dir, anns[stem][0])) if anns.get(stem) else []
        docs.append(GoldDocument(stem, text, tuple(gold)))
    return docs
