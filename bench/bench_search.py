"""Candidate retrieval at scale: time the linker's word-index lookup over N synthetic claims.

    python bench/bench_search.py [--claims 1000000] [--queries 200] [--db sqlite:////tmp/search.db]

Fills a fresh database with N claims made of words drawn from a Zipf-like vocabulary (as news
vocabulary is), indexes them with claimdb's own code, then times `candidates()` for queries that
paraphrase stored claims. Reports build time, database size and query latency percentiles, and the
time of the whole per-claim step of the linker and `claims match` (retrieval and the relate
decision on the 40 candidates).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import time
from datetime import UTC, datetime

from sqlalchemy import insert

from claimdb.claims import claim_key
from claimdb.linking import related_claims
from claimdb.relate import load_relater
from claimdb.store.engine import make_engine, make_sessionmaker, sqlite_path
from claimdb.store.migrate import ensure_schema
from claimdb.store.models import Claim, ClaimTerm
from claimdb.store.search import TERMS_VERSION, candidates, terms

SYLLABLES = "ka lo mi ra su te vin dor pel ak ur ish nov bel tar gen sol mar ex qua".split()


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def sentence(vocab: list[str], cumulative: list[float], rng: random.Random) -> str:
    return " ".join(rng.choices(vocab, cum_weights=cumulative, k=rng.randint(6, 14)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--db", default="sqlite:////tmp/claimdb-search-bench.db")
    args = ap.parse_args()
    path = sqlite_path(make_engine(args.db).url)
    for suffix in ("", "-wal", "-shm"):
        if path and os.path.exists(path + suffix):
            os.remove(path + suffix)
    engine = make_engine(args.db)
    ensure_schema(engine, upgrade=True)
    rng = random.Random(0)
    vocab = vocabulary(50_000, rng)
    cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocab))))
    now = datetime.now(UTC)
    texts: list[str] = []
    start = time.perf_counter()
    batch = 20_000
    with engine.begin() as conn:
        for first in range(0, args.claims, batch):
            rows = []
            for n in range(first, min(first + batch, args.claims)):
                text = sentence(vocab, cumulative, rng)
                if n < 5 * args.queries:
                    texts.append(text)
                rows.append(
                    {
                        "id": n + 1,
                        "text": text,
                        "key": claim_key(f"{n} {text}"),
                        "created_at": now,
                        "updated_at": now,
                        "terms_version": TERMS_VERSION,
                    }
                )
            conn.execute(insert(Claim), rows)
            conn.execute(
                insert(ClaimTerm), [{"term": t, "claim_id": r["id"]} for r in rows for t in terms(r["text"])]
            )
    built = time.perf_counter() - start
    size = os.path.getsize(path) / 1e6 if path else 0.0
    factory = make_sessionmaker(engine)
    latencies = []
    decided = []
    found = 0
    relater = load_relater()
    with factory() as session:
        for text in texts[: args.queries]:
            words = text.split()
            rng.shuffle(words)  # same words, other order, one dropped: a paraphrase of sorts
            query = " ".join(words[1:])
            t0 = time.perf_counter()
            hits = candidates(session, query, limit=40)
            latencies.append(time.perf_counter() - t0)
            found += any(h.text == text for h in hits)
            t0 = time.perf_counter()
            related_claims(session, relater, query)  # what the linker does per new claim
            decided.append(time.perf_counter() - t0)
    latencies.sort()
    decided.sort()
    print(f"claims              {args.claims:,}  (built and indexed in {built:.0f} s, {size:,.0f} MB)")
    print(
        f"queries             {len(latencies)}  "
        f"(the source claim among the candidates: {found / len(latencies):.0%})"
    )
    print(f"latency median      {statistics.median(latencies) * 1000:.1f} ms")
    print(f"latency p95         {latencies[int(0.95 * (len(latencies) - 1))] * 1000:.1f} ms")
    print(f"latency max         {latencies[-1] * 1000:.1f} ms")
    p95 = decided[int(0.95 * (len(decided) - 1))]
    print(
        f"retrieval + relate decision on 40 candidates (the linker, per new claim): median "
        f"{statistics.median(decided) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"
    )
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
