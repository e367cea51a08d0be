"""τ stores for tests: the τ² retail store imported ONCE per back-end into a template, then copied per
test (SQLite: a file copy; PostgreSQL: ``CREATE DATABASE ... TEMPLATE``)."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
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
    """The τ² store imported once per back-end, handed out as fresh copies."""

    def __init__(self, templates: Templates) -> None:
        self.templates = templates
        self.sqlite_template: Path | None = None
        self.pg_template: str | None = None

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

    def postgres(self) -> Database:
        url = postgres_url()
        if self.pg_template is None:
            db = self.templates.postgres()  # skips the test when no server is configured
            self._imported(db)
            self.pg_template = make_url(db.url).database
        assert url is not None
        name = f"comptoir_tau_{uuid.uuid4().hex[:12]}"
        admin = _pg_admin(url)
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{self.pg_template}"'))
        finally:
            admin.dispose()
        self.templates.pg_created.append(name)
        return Database(make_url(normalise_url(url)).set(database=name).render_as_string(hide_password=False))

    def release(self, db: Database) -> None:
        db.dispose()
        name = make_url(db.url).database or ""
        if db.is_sqlite:
            for suffix in ("", "-wal", "-shm"):
                Path(name + suffix).unlink(missing_ok=True)
        else:
            self.templates.drop(name)
            self.templates.pg_created.remove(name)


@pytest.fixture(scope="session")
def tau_stores(templates: Templates) -> TauStores:
    return TauStores(templates)


@pytest.fixture(params=BACKENDS)
def tau_db(request: pytest.FixtureRequest, tau_stores: TauStores) -> Iterator[Database]:
    """A fresh copy of the imported τ² retail store, on each back-end."""
    db = tau_stores.sqlite() if request.param == "sqlite" else tau_stores.postgres()
    yield db
    tau_stores.release(db)
