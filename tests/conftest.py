"""Test databases: a real SQLite file per test, and a real PostgreSQL database per test when
``COMPTOIR_TEST_POSTGRES_URL`` names a server (``.ci/run`` sets it). Both start from a template that was
migrated once per run, so each test is isolated and cheap."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from comptoir.db import Database, normalise_url
from comptoir.migrate import upgrade

PG_ENV = "COMPTOIR_TEST_POSTGRES_URL"
REDIS_ENV = "COMPTOIR_TEST_REDIS_URL"
BACKENDS = ["sqlite", "postgresql"]


def postgres_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def _pg_admin(url: str):  # type: ignore[no-untyped-def]
    return create_engine(normalise_url(url), isolation_level="AUTOCOMMIT")


class Templates:
    """Migrated template databases, made once per run and dropped at the end."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.sqlite_template: Path | None = None
        self.pg_template: str | None = None
        self.pg_created: list[str] = []

    def sqlite(self, name: str) -> Database:
        if self.sqlite_template is None:
            self.sqlite_template = self.tmp / "template.db"
            db = Database(f"sqlite:///{self.sqlite_template}")
            upgrade(db)
            db.dispose()
        path = self.tmp / f"{name}-{uuid.uuid4().hex[:8]}.db"
        shutil.copyfile(self.sqlite_template, path)
        return Database(f"sqlite:///{path}")

    def postgres(self) -> Database:
        url = postgres_url()
        if url is None:
            pytest.skip(
                f"PostgreSQL tests need {PG_ENV} (e.g. postgresql://postgres@127.0.0.1:5432/postgres)"
            )
        admin = _pg_admin(url)
        try:
            if self.pg_template is None:
                name = f"comptoir_tmpl_{uuid.uuid4().hex[:10]}"
                with admin.connect() as conn:
                    conn.execute(text(f'CREATE DATABASE "{name}"'))
                self.pg_created.append(name)
                db = Database(
                    make_url(normalise_url(url)).set(database=name).render_as_string(hide_password=False)
                )
                upgrade(db)
                db.dispose()
                self.pg_template = name
            name = f"comptoir_t_{uuid.uuid4().hex[:12]}"
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{self.pg_template}"'))
            self.pg_created.append(name)
        finally:
            admin.dispose()
        return Database(make_url(normalise_url(url)).set(database=name).render_as_string(hide_password=False))

    def drop(self, name: str) -> None:
        url = postgres_url()
        if url is None:
            return
        admin = _pg_admin(url)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    def close(self) -> None:
        for name in reversed(self.pg_created):
            self.drop(name)


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    t = Templates(tmp_path_factory.mktemp("db"))
    yield t
    t.close()


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, templates: Templates) -> Iterator[Database]:
    """A fresh, migrated, empty database on each back-end."""
    database = templates.sqlite(request.node.name[:40]) if request.param == "sqlite" else templates.postgres()
    yield database
    database.dispose()
    if request.param == "postgresql":
        name = make_url(database.url).database
        assert name is not None
        templates.drop(name)
        templates.pg_created.remove(name)


@pytest.fixture
def sqlite_db(templates: Templates) -> Iterator[Database]:
    database = templates.sqlite("sqlite")
    yield database
    database.dispose()
