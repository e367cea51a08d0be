"""The store the conversation load benchmark talks to: the demo store (settings, knowledge articles, customers
with orders in every status) plus ``products`` synthetic products, cached under ``.comptoir/bench/``.

SQLite: the database file itself is cached. PostgreSQL: a new database with a random name, restored from a
cached ``pg_dump`` of the first import (made on the first run), dropped afterwards.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.common import PG_URL, REPO
from comptoir.catalog.generator import generate_catalog
from comptoir.catalog.importers import run_import
from comptoir.db import Database, normalise_url
from comptoir.demo import seed_demo
from comptoir.migrate import upgrade

CACHE = REPO / ".comptoir" / "bench"


def _fill(db: Database, products: int) -> None:
    started = time.perf_counter()
    upgrade(db)
    seed_demo(db)
    print(f"  demo store seeded in {time.perf_counter() - started:.1f} s", flush=True)
    if products:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "catalog.jsonl"
            generate_catalog(products, path, seed=1)
            started = time.perf_counter()
            report = run_import(db, "json", path)
            print(
                f"  imported {report.products_created:,} products ({report.variants_created:,} items) "
                f"in {time.perf_counter() - started:.1f} s",
                flush=True,
            )


def sqlite_store(products: int) -> str:
    """The URL of the cached SQLite store (built on the first call)."""
    path = CACHE / f"conversation-{products}.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.db")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        print(f"building {path.name} (once)", flush=True)
        db = Database(f"sqlite:///{partial}")
        _fill(db, products)
        db.dispose()  # the last connection to close checkpoints the WAL into the file
        partial.rename(path)
    return f"sqlite:///{path}"


def _pg_env() -> dict[str, str]:
    url = make_url(PG_URL)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    return env


def _pg_args(database: str) -> list[str]:
    url = make_url(PG_URL)
    return [
        "-h",
        url.host or "127.0.0.1",
        "-p",
        str(url.port or 5432),
        "-U",
        url.username or "postgres",
        "-d",
        database,
    ]


@contextmanager
def postgres_store(products: int) -> Iterator[str]:
    """A fresh PostgreSQL database holding the store (restored from the cached dump), dropped on exit."""
    name = f"comptoir_load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(normalise_url(PG_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(normalise_url(PG_URL)).set(database=name).render_as_string(hide_password=False)
    dump = CACHE / f"conversation-{products}.pgdump"
    try:
        if dump.exists():
            started = time.perf_counter()
            subprocess.run(
                ["pg_restore", "--no-owner", *_pg_args(name), str(dump)], check=True, env=_pg_env()
            )
            print(f"  restored {dump.name} in {time.perf_counter() - started:.1f} s", flush=True)
        else:
            CACHE.mkdir(parents=True, exist_ok=True)
            print(f"building {dump.name} (once)", flush=True)
            db = Database(url)
            _fill(db, products)
            db.dispose()
            partial = dump.with_suffix(".partial")
            subprocess.run(["pg_dump", "-Fc", "-f", str(partial), *_pg_args(name)], check=True, env=_pg_env())
            partial.rename(dump)
        with create_engine(url).connect() as conn:
            conn.execute(text("ANALYZE"))
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
