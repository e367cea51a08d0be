"""The seeded demo store, made once per test session and copied by the tests that need it."""

from __future__ import annotations

from pathlib import Path

import pytest

from comptoir.db import Database
from comptoir.demo import seed_demo
from comptoir.migrate import upgrade


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    seed_demo(db)
    db.dispose()
    return path
