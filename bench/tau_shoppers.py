"""τ²-bench retail, end to end: the scripted shoppers of ``tests/data/tau2_shoppers`` talk to the bot, each on a
fresh copy of the imported τ store, and the store they leave is judged against τ's expected records. Prints
the success rate per language and back-end, where the failed conversations stopped, and the time taken.

    .venv/bin/python -m bench.tau_shoppers [--backends sqlite,postgresql] [--languages en,fr,el,ja]
                                           [--tasks 0,3,16] [--transcripts]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.common import PG_URL, REPO
from comptoir.db import Database, normalise_url
from comptoir.dialogue.scripted import TAU_LANGUAGES, Outcome, Report, load_scripts, play_tau
from comptoir.interop import import_tau
from comptoir.migrate import upgrade

TAU2 = REPO / "tests" / "data" / "tau2"
SHOPPERS = REPO / "tests" / "data" / "tau2_shoppers"


@contextlib.contextmanager
def tau_copies(backend: str) -> Iterator[Callable[[], contextlib.AbstractContextManager[Database]]]:
    """The τ store imported once into a template; yields a factory of fresh copies (dropped after use)."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            template = Path(tmp) / "tau2.db"
            db = Database(f"sqlite:///{template}")
            upgrade(db)
            import_tau(db, TAU2 / "db.json")
            db.dispose()
            with contextlib.closing(sqlite3.connect(template)) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

            @contextlib.contextmanager
            def sqlite_copy() -> Iterator[Database]:
                path = Path(tmp) / f"copy-{uuid.uuid4().hex[:8]}.db"
                shutil.copyfile(template, path)
                copy = Database(f"sqlite:///{path}")
                try:
                    yield copy
                finally:
                    copy.dispose()
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{path}{suffix}").unlink(missing_ok=True)

            yield sqlite_copy
        return
    admin = create_engine(normalise_url(PG_URL), isolation_level="AUTOCOMMIT")
    url = make_url(normalise_url(PG_URL))
    template = f"comptoir_bench_tau_{uuid.uuid4().hex[:8]}"

    def drop(name: str) -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{template}"'))
    try:
        db = Database(url.set(database=template).render_as_string(hide_password=False))
        upgrade(db)
        import_tau(db, TAU2 / "db.json")
        db.dispose()

        @contextlib.contextmanager
        def pg_copy() -> Iterator[Database]:
            name = f"{template}_{uuid.uuid4().hex[:6]}"
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
            copy = Database(url.set(database=name).render_as_string(hide_password=False))
            try:
                yield copy
            finally:
                copy.dispose()
                drop(name)

        yield pg_copy
    finally:
        drop(template)
        admin.dispose()


def stopped_at(outcome: Outcome) -> str:
    """Where a failed conversation went wrong, coarsely: what the bot was last waiting for when it handed
    off or ran out of turns, or how the store differs when the conversation ran to its end."""
    t = outcome.transcript
    if t.ending != "done":
        asked = [m.awaiting for e in t.exchanges for m in e.replies if m.author == "bot" and m.awaiting]
        return f"{t.ending} while awaiting {asked[-1] if asked else 'nothing'}"
    unexpected = any("(unexpected change)" in d for d in outcome.differences)
    return (
        "ran to its end, a record changed that should not"
        if unexpected
        else "ran to its end, a change missing or wrong"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--languages", default=",".join(TAU_LANGUAGES))
    parser.add_argument("--tasks", default="", help="only these task ids (comma-separated)")
    parser.add_argument("--transcripts", action="store_true", help="print the failed conversations")
    args = parser.parse_args()
    languages = args.languages.split(",")
    tasks = set(filter(None, args.tasks.split(",")))
    scripts = [
        s for s in load_scripts(SHOPPERS) if s.language in languages and (not tasks or s.task in tasks)
    ]
    initial: dict[str, Any] = json.loads((TAU2 / "db.json").read_text("utf-8"))
    expected = {e["task"]: e for e in json.loads((TAU2 / "expected_states.json").read_text("utf-8"))}
    for backend in args.backends.split(","):
        started = time.perf_counter()
        outcomes = []
        with tau_copies(backend) as fresh:
            imported = time.perf_counter() - started
            for script in scripts:
                with fresh() as db:
                    outcomes.append(
                        play_tau(db, script, initial, expected[script.task]["expected_changed_records"])
                    )
        seconds = time.perf_counter() - started
        report = Report(outcomes)
        print(f"\n== {backend}: {len(scripts)} scripts in {seconds:.1f} s (import {imported:.1f} s)")
        for language, (ok, n) in report.rates().items():
            print(f"  {language}  {ok:>3}/{n:<3} {100 * ok / n:5.1f} %")
        failed = [o for o in outcomes if not o.passed]
        print("  failed conversations stopped at:")
        for where, count in Counter(stopped_at(o) for o in failed).most_common():
            print(f"    {count:>3}  {where}")
        print("  " + " ".join(f"{o.transcript.script.language}:{o.transcript.script.task}" for o in failed))
        if args.transcripts:
            print(report.text(transcripts=True))


if __name__ == "__main__":
    main()
