"""τ stores for tests: the τ² retail store imported ONCE per back-end into a template, then copied per
test (SQLite: a file copy; PostgreSQL: ``CREATE DATABASE ... TEMPLATE``)."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from comptoir.db import Database, normalise_url
from comptoir.interop import import_tau
from tests.conftest import BACKENDS, Templates, _pg_admin, postgres_url

TAU2 = Path(__file__).parent.parent / "data" / "tau2"


@cache
def tau2_json(name: str) -> Any:
    """A file of the τ² retail data set, parsed once per run (callers must not mutate it)."""
    return json.loads((TAU2 / name).read_text("utf-8"))


class TauStores:
    """The τ² store imported once per back-end, handed out as fresh copies.

    On PostgreSQL, making and dropping a database is the server's disk work: the next copy is made,
    and used ones are dropped, on a helper thread while the current test runs.
    """

    def __init__(self, templates: Templates) -> None:
        self.templates = templates
        self.sqlite_template: Path | None = None
        self.pg_template: str | None = None
        self.pg_admin = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tau-pg")
        self.pg_next: Future[str] | None = None

    def _imported(self, db: Database) -> None:
        import_tau(db, TAU2 / "db.json")
        db.dispose()
        if db.is_sqlite:  # fold the WAL into the file, so that a plain copy holds everything
            with contextlib.closing(sqlite3.connect(make_url(db.url).database or "")) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def sqlite(self) -> Database:
        if self.sqlite_template is None:
            db = self.templates.sqlite("tau2-template")
            self._imported(db)
            self.sqlite_template = Path(make_url(db.url).database or "")
        path = self.templates.tmp / f"tau2-{uuid.uuid4().hex[:10]}.db"
        shutil.copyfile(self.sqlite_template, path)
        return Database(f"sqlite:///{path}")

    def _pg_sql(self, statement: str) -> None:
        admin = _pg_admin(postgres_url() or "")
        try:
            with admin.connect() as conn:
                conn.execute(text(statement))
        finally:
            admin.dispose()

    def _pg_copy(self) -> str:
        name = f"comptoir_tau_{uuid.uuid4().hex[:12]}"
        self._pg_sql(f'CREATE DATABASE "{name}" TEMPLATE "{self.pg_template}"')
        self.templates.pg_created.append(name)  # dropped at the end of the run if a test does not
        return name

    def postgres(self) -> Database:
        url = postgres_url()
        if self.pg_template is None:
            db = self.templates.postgres()  # skips the test when no server is configured
            self._imported(db)
            self.pg_template = make_url(db.url).database
        assert url is not None
        name = self.pg_next.result() if self.pg_next is not None else self._pg_copy()
        self.pg_next = self.pg_admin.submit(self._pg_copy)
        return Database(make_url(normalise_url(url)).set(database=name).render_as_string(hide_password=False))

    def _pg_drop(self, name: str) -> None:
        self._pg_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.templates.pg_created.remove(name)

    def release(self, db: Database) -> None:
        db.dispose()
        name = make_url(db.url).database or ""
        if db.is_sqlite:
            for suffix in ("", "-wal", "-shm"):
                Path(name + suffix).unlink(missing_ok=True)
        else:
            self.pg_admin.submit(self._pg_drop, name)

    def close(self) -> None:
        """Wait for the helper thread; the copy made in advance is dropped with the run's other
        databases."""
        self.pg_admin.shutdown(wait=True)


@pytest.fixture(scope="session")
def tau_stores(templates: Templates) -> Iterator[TauStores]:
    stores = TauStores(templates)
    yield stores
    stores.close()


@pytest.fixture(params=BACKENDS)
def tau_db(request: pytest.FixtureRequest, tau_stores: TauStores) -> Iterator[Database]:
    """A fresh copy of the imported τ² retail store, on each back-end."""
    db = tau_stores.sqlite() if request.param == "sqlite" else tau_stores.postgres()
    yield db
    tau_stores.release(db)
