"""How far two PolNeAR annotators agree, scored the way claimdb is scored: a ceiling for issue 4.

    python bench/agreement.py ../shared/eval/polnear/train [../shared/eval/polnear/dev ...] [--json]

A few PolNeAR documents were annotated twice. The official scorer, like claimdb's, takes the first
annotation by name as gold. This script scores the second annotation against it, with the same
pairing and measures (:func:`claimdb.evaluate.score_document`), over every doubly annotated document
of the splits given. What one careful reader draws, scored against another, bounds what any
extractor can be expected to score against either.

The doubly annotated documents are few (16 in train, 2 in dev), so the figure is a rough one;
claimdb's own score on the train ones would be in-sample (its model is trained on them), so it is
not printed here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from claimdb.evaluate import Report, gold_spans, score_document
from claimdb.extract.brat import GoldDocument, annotation_files, read_ann


def agreement(split: Path, report: Report) -> int:
    """Add the second annotation of each doubly annotated document of ``split``, scored against
    the first, to ``report``; return how many documents that was."""
    n = 0
    ann_dir = split / "attributions"
    for doc, files in sorted(annotation_files(str(ann_dir)).items()):
        if len(files) < 2:
            continue
        text = (split / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        first, second = (
            gold_spans(GoldDocument(doc, text, tuple(read_ann(str(ann_dir / f))))) for f in files[:2]
        )
        score_document(text, first, second, report.counts)
        report.docs += 1
        n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("splits", nargs="+", type=Path, help="PolNeAR split directories")
    ap.add_argument("--json", action="store_true", help="print the scorer's figures as JSON")
    args = ap.parse_args(argv)
    report = Report()
    for split in args.splits:
        if not (split / "attributions").is_dir() or not (split / "text").is_dir():
            print(f"{split}: not a corpus split (expected text/ and attributions/)", file=sys.stderr)
            return 2
        print(f"{split}: {agreement(split, report)} doubly annotated documents", file=sys.stderr)
    if not report.docs:
        print("no document has two annotations", file=sys.stderr)
        return 1
    figures = report.as_dict()
    if args.json:
        json.dump(figures, sys.stdout, indent=2)
        print()
        return 0
    print(
        f"{figures['docs']} documents: {figures['gold']} attributions by the first annotator, "
        f"{figures['predicted']} by the second"
    )
    for key in ("content_overlap", "attribution_f1", "content_exact", "all_spans_exact"):
        m = figures[key]
        print(f"{key:<22} F1 {m['f1']:.4f}   P {m['p']:.4f}   R {m['r']:.4f}")  # type: ignore[index]
    return 0


if __name__ == "__main__":
    sys.exit(main())
