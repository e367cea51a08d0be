"""The conversation API contract: tokens, idempotent messages, sequence numbers, hand-off silence, and
bad input answered gracefully — over HTTP, on both back-ends."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from comptoir.app import create_app
from comptoir.config import Settings
from comptoir.core.tokens import sign_customer
from comptoir.db import Database
from comptoir.dialogue import replay_state
from comptoir.dialogue.models import Conversation
from comptoir.dialogue.store import load_state
from tests.api.client import TestClient
from tests.factories import seed

SECRET = "test-secret-for-customer-tokens"


@pytest.fixture
def client(db: Database) -> TestClient:
    seed(db)
    settings = Settings(
        database_url=db.url, admin_token=SecretStr("admin"), customer_token_secret=SecretStr(SECRET)
    )
    return TestClient(create_app(settings, db))


def _open(client: TestClient, **body: str) -> tuple[str, dict[str, str]]:
    r = client.post("/api/v1/conversations", json=body)
    assert r.status_code == 201, r.text
    data = r.json()
    return data["id"], {"Authorization": f"Bearer {data['token']}"}


def _say(client: TestClient, cid: str, auth: dict[str, str], **body: str) -> list[dict]:
    r = client.post(f"/api/v1/conversations/{cid}/messages", json=body, headers=auth)
    assert r.status_code == 200, r.text
    return r.json()["messages"]


def test_a_turn_returns_bot_messages_with_sequence_numbers(client: TestClient) -> None:
    cid, auth = _open(client, language="en")
    replies = _say(client, cid, auth, text="hello")
    assert replies and all(m["author"] == "bot" for m in replies)
    assert [m["seq"] for m in replies] == list(range(2, 2 + len(replies)))
    assert replies[0]["language"] == "en" and replies[0]["quick_replies"]
    later = client.get(f"/api/v1/conversations/{cid}/messages?after=1", headers=auth).json()["messages"]
    assert [m["id"] for m in later] == [m["id"] for m in replies]
    history = client.get(f"/api/v1/conversations/{cid}/messages", headers=auth).json()["messages"]
    assert (
        history[0]["author"] == "shopper"
        and history[0]["text"] == "hello"
        and history[0]["intent"] == "greet"
    )


def test_retry_with_same_client_message_id_is_answered_once(client: TestClient, db: Database) -> None:
    cid, auth = _open(client, language="en")
    first = _say(client, cid, auth, text="hello", client_message_id="m-1")
    again = _say(client, cid, auth, text="hello", client_message_id="m-1")
    assert [m["id"] for m in again] == [m["id"] for m in first]
    history = client.get(f"/api/v1/conversations/{cid}/messages", headers=auth).json()["messages"]
    assert sum(m["author"] == "shopper" for m in history) == 1


def test_tokens_protect_conversations(client: TestClient) -> None:
    cid, auth = _open(client)
    other, other_auth = _open(client)
    assert client.get(f"/api/v1/conversations/{cid}").status_code == 401
    assert client.get(f"/api/v1/conversations/{cid}", headers=other_auth).status_code == 404
    assert client.get("/api/v1/conversations/c_nope", headers=auth).status_code == 404
    r = client.post(f"/api/v1/conversations/{other}/messages", json={"text": "hi"}, headers=auth)
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
    assert client.get(f"/api/v1/conversations/{cid}", headers=auth).json()["owner"] == "bot"


@pytest.mark.parametrize(
    ("_case", "token"),
    [
        ("unsigned claim", "ada_lovelace_1234"),
        ("forged signature", "v1.ada.9999999999.deadbeef"),
        ("signed with another secret", None),
    ],
)
def test_customer_token_must_be_signed(client: TestClient, _case: str, token: str | None) -> None:
    token = token or sign_customer("not-the-secret", "ada")
    r = client.post("/api/v1/conversations", json={"customer_token": token})
    assert r.status_code == 401 and r.json()["code"] == "invalid_customer_token"


def test_signed_customer_token_identifies_the_shopper(client: TestClient, db: Database) -> None:
    with db.read_session() as s:
        from comptoir.customers import find_customer_by_email

        ada = find_customer_by_email(s, "ada@example.com")
    token = sign_customer(SECRET, ada.id)
    cid, auth = _open(client, customer_token=token, language="en")
    assert client.get(f"/api/v1/conversations/{cid}", headers=auth).json()["customer_verified"] is True


@pytest.mark.parametrize(
    ("_case", "body"),
    [
        ("empty", {"text": ""}),
        ("only emoji", {"text": "🙂🙂🙂"}),
        ("binary junk", {"text": "\x00\x01\x02ÿþ\x7f"}),
        ("html", {"text": "<img src=x onerror=alert(1)></script>"}),
        ("sql", {"text": "'; DROP TABLE orders; --"}),
        ("mixed scripts", {"text": "je veux des スニーカー κόκκινα please"}),
        ("huge", {"text": "a" * 19_999}),
        ("payload never offered", {"payload": "choose:9"}),
        ("unknown payload", {"payload": "self-destruct"}),
    ],
)
def test_bad_input_gets_a_graceful_reply(client: TestClient, _case: str, body: dict[str, str]) -> None:
    cid, auth = _open(client)
    replies = _say(client, cid, auth, **body)
    assert replies and all(m["text"] for m in replies)


@pytest.mark.parametrize(
    ("_case", "body", "status"),
    [
        ("neither", {}, 422),
        ("both", {"text": "a", "payload": "b"}, 422),
        ("too long", {"text": "a" * 20_001}, 422),
    ],
)
def test_malformed_messages_are_refused(
    client: TestClient, _case: str, body: dict[str, str], status: int
) -> None:
    cid, auth = _open(client)
    r = client.post(f"/api/v1/conversations/{cid}/messages", json=body, headers=auth)
    assert r.status_code == status and r.json()["code"]


def test_after_handoff_the_bot_writes_nothing(client: TestClient, db: Database) -> None:
    cid, auth = _open(client, language="en")
    replies = _say(client, cid, auth, text="I want to talk to a real person please")
    assert replies[-1]["handoff"] is True
    assert client.get(f"/api/v1/conversations/{cid}", headers=auth).json()["owner"] == "waiting"
    assert _say(client, cid, auth, text="hello? anyone there?") == []
    with db.read_session() as s:
        row = s.get(Conversation, cid)
        assert row is not None
        assert replay_state(s, cid) == load_state(row)


def test_a_busy_database_answers_503_and_the_retry_is_processed_once(sqlite_db: Database) -> None:
    """Another writer holds SQLite's lock past the busy timeout: a precise 503 with Retry-After, nothing
    stored; the same client_message_id sent again once the lock is gone is processed exactly once."""
    import sqlite3

    seed(sqlite_db)
    quick = Database(sqlite_db.url, busy_timeout_ms=50)
    settings = Settings(
        database_url=sqlite_db.url, admin_token=SecretStr("admin"), customer_token_secret=SecretStr(SECRET)
    )
    client = TestClient(create_app(settings, quick))
    cid, auth = _open(client)
    blocker = sqlite3.connect(sqlite_db.url.removeprefix("sqlite:///"), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        r = client.post(
            f"/api/v1/conversations/{cid}/messages",
            json={"text": "hello", "client_message_id": "m-1"},
            headers=auth,
        )
        assert r.status_code == 503
        assert r.headers["Retry-After"] == "1"
        assert r.json()["code"] == "busy"
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    first = _say(client, cid, auth, text="hello", client_message_id="m-1")
    again = _say(client, cid, auth, text="hello", client_message_id="m-1")
    assert [m["id"] for m in first] == [m["id"] for m in again]
    history = client.get(f"/api/v1/conversations/{cid}/messages?after=0", headers=auth).json()
    assert sum(1 for m in history["messages"] if m["author"] == "shopper") == 1
