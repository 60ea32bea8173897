"""Throughput of attribution extraction against the bare spaCy pipeline on the same text.

    python bench/bench_extract.py DIR_OF_TXT_FILES [--model NAME] [--repeat 3] [--limit N] [--rules-only]

Both sides parse the same paragraph pieces with the same pipeline and batch size; the difference
is what claimdb adds (quotation scan, rules, speaker resolution, topics). The two sides run in
turn, ``--repeat`` times each. Reports the best time of each, the overhead of best against best
and the median overhead of the back-to-back pairs, and the process's peak memory.

Both sides run with numpy's BLAS on one thread, as the ``claims`` command runs it (see
:func:`claimdb.config.single_threaded_blas`); set ``OPENBLAS_NUM_THREADS`` to measure another
number of threads.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="directory of .txt articles (searched recursively)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--rules-only", action="store_true", help="measure the rules without the trained model")
    ap.add_argument(
        "--batch-size", type=int, default=None, help="paragraphs per parser batch (default: claimdb's)"
    )
    args = ap.parse_args()

    from claimdb.config import freeze_loaded, single_threaded_blas

    single_threaded_blas()  # before spaCy brings numpy in, as the command line does
    from claimdb.extract import load_extractor
    from claimdb.extract.markup import for_parser
    from claimdb.extract.pipeline import chunk_bounds

    files = sorted(args.corpus.rglob("*.txt"))[: args.limit]
    if not files:
        print(f"no .txt files under {args.corpus}", file=sys.stderr)
        return 1
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(len(t) for t in texts)
    extractor = load_extractor(args.model, rules_only=args.rules_only)
    freeze_loaded()  # as the command line does
    if args.batch_size:
        extractor.batch_size = args.batch_size
    nlp = extractor.nlp
    seen = [for_parser(t) for t in texts]
    pieces = [t[s:e] for t in seen for s, e in chunk_bounds(t)]

    def bare() -> int:
        return sum(1 for _ in nlp.pipe(pieces, batch_size=extractor.batch_size))

    def full() -> int:
        return sum(len(p.attributions) for p in extractor.parse_many((t, False) for t in texts))

    bare()  # warm up
    # bare and full runs alternate, so that both see the machine in the same state: a machine
    # that slows down for a minute would otherwise count against whichever side ran then
    pairs = [(_timed(bare), _timed(full)) for _ in range(args.repeat)]
    best_bare = min(b for b, _ in pairs)
    best_full = min(f for _, f in pairs)
    paired = statistics.median(f / b - 1 for b, f in pairs)
    found = full()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles            {len(texts)}  ({chars / 1e6:.2f} M characters, {len(pieces)} paragraphs)")
    print(f"model               {nlp.meta.get('name')} {nlp.meta.get('version')}")
    print(f"extractor           {'rules' if extractor.model is None else 'rules + trained model'}")
    print(f"BLAS threads        {os.environ.get('OPENBLAS_NUM_THREADS')} (OPENBLAS_NUM_THREADS)")
    print(f"nlp.pipe alone      {best_bare:.2f} s  ({chars / best_bare / 1e3:.0f} k chars/s)")
    print(f"claimdb extraction  {best_full:.2f} s  ({chars / best_full / 1e3:.0f} k chars/s)")
    print(f"overhead            {100 * (best_full - best_bare) / best_bare:+.1f} % (best against best)")
    print(f"                    {100 * paired:+.1f} % (median of {args.repeat} back-to-back pairs)")
    print(f"attributions        {found}  ({found / len(texts):.1f} per article)")
    print(f"peak memory         {peak_mb:.0f} MB")
    return 0


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
