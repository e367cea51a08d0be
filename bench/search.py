"""Search benchmark on a synthetic catalogue: index build time, index size, process memory, query latency
(median, p99) for text + parsed filters, and the live-index delay (a price change seen by the next search),
with a SELECT 1 round trip as the baseline measured in the same run.

    .venv/bin/python -m bench.search [--products 100000] [--db sqlite:////path/catalog.db] [--n 400]

Without ``--db`` a fresh SQLite database is filled by the store-core generator (``--backends postgresql`` for
PostgreSQL).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select, text

from bench.common import fresh_database, row, timed
from comptoir.catalog import set_price
from comptoir.catalog.generator import generate_catalog
from comptoir.catalog.importers import run_import
from comptoir.catalog.models import Variant
from comptoir.db import Database
from comptoir.search import search
from comptoir.search.index import CACHE

QUERIES = [
    "red leather bag",
    "chaussures de randonnée",
    "ασύρματα ακουστικά",
    "子供用 リュック",
    "wool jumper XL",
    "cotton t-shirt under 30",
    "lampe de bureau",
    "waterproof jacket",
    "hedphones",
    "noir taille M moins de 50 €",
    "κόκκινο φόρεμα κάτω από 80 ευρώ",
    "青い 5000円以下",
    "glass vase in stock",
    "on sale linen",
]


def _size(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


@contextmanager
def _database(args: argparse.Namespace, backend: str):
    if args.db:
        yield Database(args.db)
        return
    with fresh_database(backend) as db, tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "catalog.jsonl"
        generate_catalog(args.products, path, seed=1)
        start = time.perf_counter()
        run_import(db, "json", path)
        print(f"{'import ' + str(args.products) + ' products':<34} {time.perf_counter() - start:8.1f} s")
        yield db


def timed_both(fn, n: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of ``n`` calls (the CPU figure is what the machine's load does not
    inflate: other processes share its two cores)."""
    wall, cpu = [], []
    for _ in range(n):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return wall, cpu


def _rows(label: str, samples: tuple[list[float], list[float]], baseline: float) -> None:
    print(row(label, samples[0], baseline))
    print(row("  (CPU time)", samples[1]))


def run(db: Database, n: int, reuse: bool = False) -> None:
    rng = random.Random(7)
    url = db.url
    start, cpu = time.perf_counter(), time.process_time()
    with db.read_session() as s:
        if reuse:
            CACHE.get(s)
        else:
            CACHE.rebuild(s)
    build, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with db.read_session() as s:
        index = CACHE.get(s)
        docs = index.lexical.searcher().num_docs
    size = f"{_size(index.lexical.path):.1f} MB on disk" if index.lexical.path else "in memory"
    label = "open the existing index" if reuse else "lexical index build"
    print(
        f"{label:<34} {build:8.1f} s   (CPU {cpu:.1f} s; {docs:,} products, {size}, max RSS {rss:,.0f} MB; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    if url.startswith("sqlite:///"):
        CACHE.forget_all()
        start = time.perf_counter()
        with db.read_session() as s:
            CACHE.get(s)
        print(f"{'reopen the on-disk index':<34} {time.perf_counter() - start:8.2f} s")

    def select1() -> None:
        with db.read_session() as s:
            s.execute(text("SELECT 1"))

    base = timed(select1, n)
    baseline = sorted(base)[len(base) // 2]
    print(row("baseline: SELECT 1 (read session)", base))

    def one(mode: str) -> None:
        with db.read_session() as s:
            search(s, text=rng.choice(QUERIES), limit=10, mode=mode)

    _rows("search text + filters (lexical)", timed_both(lambda: one("lexical"), n), baseline)
    _rows("search, default (fused)", timed_both(lambda: one("fused"), n), baseline)

    def no_text() -> None:
        with db.read_session() as s:
            search(s, text="", limit=10)

    _rows("browse (no text)", timed_both(no_text, max(n // 4, 20)), baseline)
    with db.read_session() as s:
        variant_id = s.scalars(select(Variant.id).limit(1)).one()
    delays = []
    for i in range(20):
        price = Decimal("1.00") + Decimal(i) / 100
        with db.session() as s:
            set_price(s, variant_id, price)
        start = time.perf_counter()
        with db.read_session() as s:
            result = search(s, filters=SearchFiltersFor(price), limit=5)
        delays.append((time.perf_counter() - start) * 1000)
        assert any(variant_id in h.variant_ids for h in result.items), "price change not seen"
    print(row("price change -> next search", delays, baseline))


def SearchFiltersFor(price: Decimal):
    from comptoir.search import SearchFilters

    return SearchFilters(price_min=price, price_max=price)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backends", default="sqlite")
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--db", default=None, help="an existing catalogue database URL")
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument(
        "--reuse", action="store_true", help="open the index already built, do not rebuild it"
    )
    args = parser.parse_args()
    for backend in args.backends.split(","):
        print(f"\n== {backend if not args.db else args.db} ==")
        with _database(args, backend) as db:
            run(db, args.n, args.reuse)


if __name__ == "__main__":
    main()
