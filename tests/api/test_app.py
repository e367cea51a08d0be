"""The composition root: an app from settings alone, and its engine disposed of at shutdown."""

from __future__ import annotations

from pathlib import Path

from comptoir.app import create_app
from comptoir.config import Settings
from comptoir.db import Database
from comptoir.migrate import upgrade
from tests.api.client import TestClient


def test_app_builds_its_database_from_settings(tmp_path: Path) -> None:
    # given a migrated database that only the settings name
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    migrated = Database(url)
    upgrade(migrated)
    migrated.dispose()
    app = create_app(Settings(database_url=url, admin_token=None, customer_token_secret=None))
    # then the app serves it, with the store's defaults, and lets its engine go at shutdown
    with TestClient(app) as client:
        body = client.get("/api/v1/store").json()
        assert (body["name"], body["currency"], body["default_language"]) == ("Comptoir", "EUR", "en")
        assert client.get("/api/v1/admin/settings").json()["code"] == "admin_disabled"
    db: Database = app.state.db
    assert db.url == url
    assert db.engine.pool.checkedout() == 0
