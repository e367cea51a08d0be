"""Relevance of search on the judged query sets: nDCG@10, recall@10 and filter precision per language, for
lexical only, semantic only and the fused ranker, on the demo catalogue and (cross-lingual) on the
English-only τ catalogue.

    .venv/bin/python -m bench.search_eval [--sets demo,tau]
"""

from __future__ import annotations

import argparse
import math
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import REPO
from comptoir.catalog import get_variant
from comptoir.db import Database
from comptoir.migrate import upgrade
from comptoir.search import search

DATA = REPO / "tests" / "search" / "data"
LANGUAGES = ("en", "fr", "el", "ja")
MODES = ("lexical", "semantic", "fused")


def load_judged(name: str) -> list[tuple[str, set[str], dict[str, str]]]:
    out = []
    for line in (DATA / f"{name}_judged.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, ids, *queries = line.split("\t")
        out.append((kind, set(ids.split()), dict(zip(LANGUAGES, queries, strict=True))))
    return out


def ndcg(ranked: list[str], relevant: set[str], k: int = 10) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, pid in enumerate(ranked[:k]) if pid in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return dcg / ideal if ideal else 0.0


def recall(ranked: list[str], relevant: set[str], k: int = 10) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant)


def _filter_ok(s, hit, f) -> bool:
    for vid in hit.variant_ids:
        v = get_variant(s, vid)
        if f.price_min is not None and v.price < f.price_min:
            return False
        if f.price_max is not None and v.price > f.price_max:
            return False
        if f.in_stock and not v.in_stock:
            return False
    return True


def evaluate(db: Database, name: str) -> None:
    judged = load_judged(name)
    print(f"\n== {name}: {len(judged)} queries per language ==")
    print(
        f"{'language':<8} {'mode':<9} {'nDCG@10':>8} {'recall@10':>10} {'filter prec.':>13} {'median ms':>10}"
    )
    for language in LANGUAGES:
        for mode in MODES:
            n, r, fp, ms = [], [], [], []
            for _kind, relevant, queries in judged:
                start = time.perf_counter()
                with db.read_session() as s:
                    result = search(s, text=queries[language], language=language, limit=10, mode=mode)
                    ms.append((time.perf_counter() - start) * 1000)
                    ranked = [h.product.id for h in result.items]
                    if not result.filters.is_empty() and result.items:
                        fp.append(
                            sum(_filter_ok(s, h, result.filters) for h in result.items) / len(result.items)
                        )
                n.append(ndcg(ranked, relevant))
                r.append(recall(ranked, relevant))
            prec = f"{statistics.mean(fp):.3f}" if fp else "—"
            print(
                f"{language:<8} {mode:<9} {statistics.mean(n):8.3f} {statistics.mean(r):10.3f} {prec:>13} "
                f"{statistics.median(ms):10.1f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sets", default="demo,tau")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets.split(","):
            db = Database(f"sqlite:///{Path(tmp) / name}.db")
            upgrade(db)
            if name == "demo":
                from comptoir.demo.seed import seed_demo

                seed_demo(db)
            else:
                from comptoir.interop.tau import import_tau

                import_tau(db, REPO / "tests" / "data" / "tau2" / "db.json")
            with db.read_session() as s:
                search(s, text="warm up", limit=1)  # builds the index and embeds the catalogue
            evaluate(db, name)
            db.dispose()


if __name__ == "__main__":
    main()
