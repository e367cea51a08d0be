"""Agents label what a shopper's turn meant; the labels become training examples."""

from __future__ import annotations

from pydantic import SecretStr

from comptoir.app import create_app
from comptoir.config import Settings
from comptoir.db import Database
from comptoir.dialogue.labels import reviewed_turns
from tests.api.client import TestClient
from tests.factories import seed


def test_an_admin_labels_a_shopper_turn(db: Database) -> None:
    seed(db)
    client = TestClient(create_app(Settings(database_url=db.url, admin_token=SecretStr("admin")), db))
    created = client.post("/api/v1/conversations", json={"language": "en"}).json()
    auth = {"Authorization": f"Bearer {created['token']}"}
    client.post(
        f"/api/v1/conversations/{created['id']}/messages", json={"text": "my parcel never came"}, headers=auth
    )
    shopper = client.get(f"/api/v1/conversations/{created['id']}/messages", headers=auth).json()["messages"][
        0
    ]
    url = f"/api/v1/admin/conversations/{created['id']}/messages/{shopper['id']}/label"
    admin = {"Authorization": "Bearer admin"}

    assert client.put(url, json={"intent": "order_status"}).status_code == 401
    bad = client.put(url, json={"intent": "teleport"}, headers=admin)
    assert bad.status_code == 422 and bad.json()["code"] == "unknown_intent"
    span = client.put(
        url,
        json={"intent": "order_status", "entities": [{"start": 3, "end": 99, "label": "product_type"}]},
        headers=admin,
    )
    assert span.status_code == 422 and span.json()["code"] == "invalid_span"
    ok = client.put(
        url,
        json={"intent": "order_status", "entities": [{"start": 3, "end": 9, "label": "product_type"}]},
        headers=admin,
    )
    assert ok.status_code == 200 and ok.json()["entities"][0]["value"] == "parcel"
    with db.read_session() as s:
        turns = reviewed_turns(s)
    assert [(t.text, t.intent, t.language) for t in turns] == [("my parcel never came", "order_status", "en")]
    other = client.put(
        f"/api/v1/admin/conversations/c_other/messages/{shopper['id']}/label",
        json={"intent": "greet"},
        headers=admin,
    )
    assert other.status_code == 404
