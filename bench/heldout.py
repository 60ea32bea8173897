"""Score the extractor on train articles its model has not seen: a check for rules found on dev.

    python bench/heldout.py ../shared/eval/polnear/train [--hold-out 100] [--seed 15] [--models 3] [--folds 5]

Dev is where errors are read and rules are thought up, so a gain there may not carry over. This
holds out ``--hold-out`` train articles (a seeded random choice), trains a model on the others with
the training command's own steps (:func:`claimdb.extract.training.fit`), and scores the code with
that model on the held-out articles at several decision thresholds. It takes about as long as
training: about 25 minutes on 2 cores for the three models averaged, plus about as long again
for the five cross-fitted models of the second look (``--folds 0`` leaves it out); with
``--models 1 --folds 0`` it took 7 minutes in session 15. Two versions of the code give the same split
and model, so their figures compare; in a checkout older than ``training.fit``, run this
script's first version (``git show d11d1b2:bench/heldout.py``), which trains through the command
line's ``main``.

The corpus is not copied: the two parts are links in a temporary directory.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

THRESHOLDS = (0.25, 0.3, 0.35, 0.4)


def split(corpus: Path, out: Path, hold_out: int, seed: int) -> tuple[Path, Path]:
    """Link the corpus's documents into ``out/train`` and ``out/held``; return both."""
    names = sorted(p.stem for p in (corpus / "text").glob("*.txt"))
    random.Random(seed).shuffle(names)
    held = set(names[:hold_out])
    anns: dict[str, list[Path]] = {}
    for ann in (corpus / "attributions").glob("*.ann"):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    parts = out / "train", out / "held"
    for part in parts:
        (part / "text").mkdir(parents=True)
        (part / "attributions").mkdir()
    for name in names:
        part = parts[1] if name in held else parts[0]
        os.symlink((corpus / "text" / f"{name}.txt").resolve(), part / "text" / f"{name}.txt")
        for ann in anns.get(name, []):
            os.symlink(ann.resolve(), part / "attributions" / ann.name)
    return parts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="PolNeAR train split (text/ and attributions/)")
    ap.add_argument("--hold-out", type=int, default=100, help="articles held out (default 100)")
    ap.add_argument("--seed", type=int, default=15, help="seed of the held-out choice")
    ap.add_argument("--models", type=int, default=3, help="models averaged (default 3, as shipped)")
    ap.add_argument(
        "--folds",
        type=int,
        default=5,
        help="folds of the second look (default 5, as shipped; 0: none)",
    )
    args = ap.parse_args()

    from claimdb.config import single_threaded_blas

    single_threaded_blas()
    from claimdb.extract import load_nlp
    from claimdb.extract.brat import read_split
    from claimdb.extract.training import fit, parse_split, scores

    nlp = load_nlp()
    with tempfile.TemporaryDirectory() as tmp:  # the documents are read into memory here
        train_dir, held_dir = split(args.corpus, Path(tmp), args.hold_out, args.seed)
        model = fit(read_split(str(train_dir)), nlp, models=args.models, folds=args.folds)
        docs = read_split(str(held_dir))
    parsed = parse_split(docs, nlp)
    print(f"{len(docs)} held-out articles (seed {args.seed}), {args.models} model(s) averaged")
    print("threshold  content-overlap F1 (P, R)   attribution F1  content-exact F1")
    for threshold in THRESHOLDS:
        model.threshold = threshold
        r = scores(model, docs, parsed)
        co, af, ce = r["content_overlap"], r["attribution_f1"], r["content_exact"]
        print(
            f"{threshold:9.2f}  {co['f1']:.4f} ({co['p']:.3f}, {co['r']:.3f})"  # type: ignore[index]
            f"       {af['f1']:.4f}          {ce['f1']:.4f}"  # type: ignore[index]
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
