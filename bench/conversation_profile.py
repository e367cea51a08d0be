"""Where a conversation turn's time goes, per turn kind: the load benchmark's conversations played in this
process, straight through the service layer (``service.post_message`` in a write session, the reply
serialised to JSON, as the route does), one at a time, first unprofiled (wall time per kind), then under
cProfile, one profile per kind; printed: the time per turn in the main phases (understanding, search,
knowledge, the database, the state) and the heaviest functions.

    .venv/bin/python -m bench.conversation_profile [--products 100000] [--conversations 40] [--top 12]

SQLite store only (the cached one of ``bench.load_store``, copied).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import re
import shutil
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import percentile
from bench.conversation_client import CUSTOMERS, FOLLOW_UPS, SCRIPT
from bench.conversation_pool import LANGUAGES, message_pool
from bench.load_store import sqlite_store
from comptoir.db import Database
from comptoir.dialogue import service
from comptoir.dialogue.schemas import InboundMessage

# (label, file fragment, function name): cumulative time of these functions, per turn
PHASES = (
    ("understanding (nlu.understand)", "nlu/understand.py", "understand"),
    ("  language id", "nlu/langid.py", "detect_language"),
    ("  entities", "nlu/entities.py", "extract_entities"),
    ("  intent ranking", "nlu/classifier.py", "rank"),
    ("search (search.search)", "search/service.py", "search"),
    ("  catalogue fingerprint", "catalog/indexing.py", "catalog_fingerprint"),
    ("knowledge answer", "knowledge/service.py", "answer"),
    ("state: apply (deep copies)", "dialogue/state.py", "apply"),
    ("state: snapshot save", "dialogue/store.py", "save_state"),
    ("SQL: execute", "sqlalchemy/engine/base.py", "_execute_context"),
    ("SQL: flush", "sqlalchemy/orm/session.py", "flush"),
    ("SQL: commit", "sqlalchemy/orm/session.py", "commit"),
    ("reply to JSON", "pydantic/main.py", "model_dump_json"),
)


class Player:
    def __init__(self, db: Database, rng: random.Random) -> None:
        self.db, self.rng, self.pool = db, rng, message_pool()
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.profiles: dict[str, cProfile.Profile] = {}

    def _timed(self, kind: str, fn: Callable[[], Any], profile: bool) -> Any:
        prof = self.profiles.setdefault(kind, cProfile.Profile()) if profile else None
        started = time.perf_counter()
        if prof:
            prof.enable()
        try:
            return fn()
        finally:
            if prof:
                prof.disable()
            else:
                self.samples[kind].append((time.perf_counter() - started) * 1000)

    def conversation(self, profile: bool) -> None:
        language = self.rng.choice(LANGUAGES)

        def open_() -> Any:
            with self.db.session() as s:
                return service.create_conversation(
                    s, language=language, customer_id=self.rng.choice(CUSTOMERS)
                )

        created = self._timed("open", open_, profile)

        def send(body: dict[str, str]) -> list[dict[str, Any]]:
            with self.db.session() as s:
                reply = service.post_message(s, created.id, created.token, InboundMessage(**body))
            reply.model_dump_json()
            return [m.model_dump() for m in reply.messages]

        for kind in SCRIPT:
            text = self.rng.choice(self.pool[kind][language])
            messages = self._timed(kind, lambda text=text: send({"text": text}), profile)
            last = messages[-1] if messages else {}
            follow_up = FOLLOW_UPS.get(kind)
            if follow_up and last.get("awaiting") in ("option", "order_id") and last.get("quick_replies"):
                payload = self.rng.choice(last["quick_replies"])["payload"]
                self._timed(follow_up, lambda p=payload: send({"payload": p}), profile)


def _phase_ms(stats: pstats.Stats, fragment: str, name: str, turns: int) -> float:
    total = 0.0
    for (path, _line, func), (_cc, _nc, _tt, ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
        # count only entries from outside the function (recursion would count twice)
        if func == name and fragment in path and not any(c[2] == name and fragment in c[0] for c in callers):
            total += ct
    return total * 1000 / max(turns, 1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--conversations", type=int, default=40)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument(
        "--re-cache",
        type=int,
        help="experiment: set the re module's compiled-pattern cache to this size (Python's is 512)",
    )
    args = parser.parse_args()
    if args.re_cache:
        re._MAXCACHE = args.re_cache  # type: ignore[attr-defined]
        print(f"experiment: re._MAXCACHE = {args.re_cache}")
    source = Path(sqlite_store(args.products).removeprefix("sqlite:///"))
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / source.name
        shutil.copyfile(source, copy)
        db = Database(f"sqlite:///{copy}")
        player = Player(db, random.Random(args.seed))
        started = time.perf_counter()
        player.conversation(profile=False)  # warm-up: model, index, caches
        print(f"warm-up conversation (model load, search index build): {time.perf_counter() - started:.1f} s")
        player.samples.clear()
        for _ in range(args.conversations):
            player.conversation(profile=False)
        print(
            f"\n{args.products:,} products, {args.conversations} conversations, one turn at a time, no HTTP"
        )
        for kind, ms in player.samples.items():
            print(
                f"  {kind:<14} n={len(ms):<4} median {statistics.median(ms):8.2f} ms   "
                f"p99 {percentile(ms, 0.99):8.2f} ms   mean {statistics.fmean(ms):8.2f} ms"
            )
        player.rng = random.Random(args.seed + 1)
        for _ in range(args.conversations):
            player.conversation(profile=True)
        db.dispose()
    for kind, prof in player.profiles.items():
        stats = pstats.Stats(prof)
        turns = len(player.samples[kind]) or 1
        calls = stats.total_calls  # type: ignore[attr-defined]
        total_ms = stats.total_tt * 1000  # type: ignore[attr-defined]
        profiled_turns = max(
            (
                nc
                for (path, _l, f), (_cc, nc, *_r) in stats.stats.items()
                if f in ("post_message", "create_conversation") and "dialogue/service.py" in path
            ),  # type: ignore[attr-defined]
            default=turns,
        )
        print(
            f"\n== {kind}: {profiled_turns} profiled turns, {total_ms / profiled_turns:.1f} ms per turn under cProfile, {calls // profiled_turns} calls per turn"
        )
        for label, fragment, name in PHASES:
            ms = _phase_ms(stats, fragment, name, profiled_turns)
            if ms >= 0.05:
                print(f"    {label:<34} {ms:8.2f} ms")
        print("    heaviest own time (tottime per turn):")
        rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[: args.top]  # type: ignore[attr-defined]
        for (path, line, func), (_cc, nc, tt, _ct, _callers) in rows:
            short = "/".join(Path(path).parts[-2:])
            print(
                f"      {tt * 1000 / profiled_turns:7.2f} ms  {nc / profiled_turns:8.1f} calls  {short}:{line} {func}"
            )


if __name__ == "__main__":
    main()
