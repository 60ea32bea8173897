"""How long `claims list --disputed` takes over a real newsroom-sized database.

    python bench/bench_list.py --db sqlite:////tmp/polnear-train.db [--ingest PATH_TO_POLNEAR/train/text]
        [--repeat 10]

With ``--ingest``, the articles are first stored with ``claims ingest`` (skipped when they already
are: re-ingesting changes nothing). Then ``claims list --disputed`` (and ``--topic``/``--since``
variants) run as a journalist runs them: a fresh ``claims`` process each time, so Python start-up,
imports and opening the database are counted. The median and the worst wall time are reported,
together with the in-process query time alone, which shows how fast the machine is running.

claimdb's bytecode is compiled first, as ``pip install`` does: in a checkout installed with
``pip install -e`` and ``PYTHONDONTWRITEBYTECODE`` set, every process would otherwise compile the
modules changed since the cache was last written (about 0.03 s of each command here).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time

import claimdb
from claimdb.store.engine import make_engine
from claimdb.store.queries import ClaimFilter, list_claims


def claims(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "claimdb", *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=True)


def wall(args: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        claims(*args)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="database URL")
    ap.add_argument("--ingest", help="articles to ingest first (a directory)")
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    if args.ingest:
        start = time.perf_counter()
        out = claims("--db", args.db, "ingest", args.ingest)
        print(f"ingest: {time.perf_counter() - start:.1f} s: {out.stdout.strip().splitlines()[0]}")
    compileall.compile_dir(os.path.dirname(claimdb.__file__), quiet=1)
    engine = make_engine(args.db)
    with engine.connect() as conn:
        total = len(list_claims(conn, ClaimFilter(order="id")))
        disputed = list_claims(conn, ClaimFilter(disputed=True))
        topic = next((t for c in disputed for t in c.topics), None)
    print(f"database: {total} claims, {len(disputed)} disputed; {os.cpu_count()} CPUs")
    runs = [["list", "--disputed"], ["list", "--disputed", "--format", "json"]]
    if topic:
        runs.append(["list", "--disputed", "--topic", topic])
    runs.append(["list", "--disputed", "--since", "2000-01-01"])
    print(f"{'command':<52} {'median s':>8} {'max s':>7}")
    for run in runs:
        times = wall(["--db", args.db, *run], args.repeat)
        shown = "claims " + " ".join(run)
        print(f"{shown:<52} {statistics.median(times):>8.3f} {max(times):>7.3f}")
    with engine.connect() as conn:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            list_claims(conn, ClaimFilter(disputed=True))
            times.append(time.perf_counter() - start)
    label = "query alone (list_claims, disputed, in process)"
    print(f"{label:<52} {statistics.median(times):>8.3f} {max(times):>7.3f}")
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import claimdb.cli"], check=True)
        times.append(time.perf_counter() - start)
    label = "python -c 'import claimdb.cli' (start-up floor)"
    print(f"{label:<52} {statistics.median(times):>8.3f} {max(times):>7.3f}")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
