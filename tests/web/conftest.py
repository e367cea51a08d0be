"""An app on a seeded store, with its WebSocket, for the widget's channel tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from comptoir.app import create_app
from comptoir.config import Settings
from comptoir.db import Database
from tests.api.client import TestClient
from tests.factories import seed

PUBLIC_URL = "https://shop.example"


@pytest.fixture
def client(db: Database) -> Iterator[TestClient]:
    seed(db)
    settings = Settings(
        database_url=db.url,
        public_url=PUBLIC_URL,
        widget_origins="https://merchant.example, https://other.example/",
        admin_token=SecretStr("admin"),
    )
    with TestClient(create_app(settings, db)) as c:
        yield c


def open_conversation(client: TestClient) -> tuple[str, str]:
    r = client.post("/api/v1/conversations", json={})
    assert r.status_code == 201, r.text
    return r.json()["id"], r.json()["token"]
