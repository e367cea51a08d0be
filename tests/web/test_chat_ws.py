"""The widget's WebSocket: origin and token checks, acknowledgement after storage, one turn per
client_message_id however often it is sent, history by sequence number, the rate limit, bad frames."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from starlette.websockets import WebSocketDisconnect

from comptoir.db import Database
from comptoir.dialogue.models import ConversationMessage
from comptoir.messaging import RateLimiter
from comptoir.web.chat_ws import live_path
from tests.api.client import TestClient
from tests.web.conftest import PUBLIC_URL, open_conversation

ORIGIN = {"origin": PUBLIC_URL}


def _until(ws: Any, kind: str, limit: int = 30) -> list[dict[str, Any]]:
    frames = []
    for _ in range(limit):
        frame = ws.receive_json()
        frames.append(frame)
        if frame["type"] == kind:
            return frames
    raise AssertionError(f"no {kind} frame in {frames}")


def _turn(ws: Any) -> list[dict[str, Any]]:
    """Frames up to the end of the bot's turn (typing off), the messages among them."""
    assert ws.receive_json() == {"type": "typing", "on": True}
    frame = ws.receive_json()
    assert frame["type"] == "messages", frame
    assert ws.receive_json() == {"type": "typing", "on": False}
    return list(frame["messages"])


def _hello(ws: Any, cid: str, token: str, after: int = 0) -> dict[str, Any]:
    ws.send_json({"type": "hello", "conversation_id": cid, "token": token, "after": after})
    ready = ws.receive_json()
    assert ready["type"] == "ready", ready
    return ready


def _shopper_count(db: Database, cid: str) -> int:
    with db.read_session() as s:
        return (
            s.scalar(
                select(func.count())
                .select_from(ConversationMessage)
                .where(ConversationMessage.conversation_id == cid, ConversationMessage.author == "shopper")
            )
            or 0
        )


@pytest.mark.parametrize(
    ("_case", "origin", "allowed"),
    [
        ("the store itself", PUBLIC_URL, True),
        ("a merchant site listed", "https://merchant.example", True),
        ("listed with a trailing slash", "https://other.example", True),
        ("another site", "https://evil.example", False),
        ("a look-alike", "https://shop.example.evil.example", False),
        ("plain http of the store", "http://shop.example", False),
    ],
)
def test_the_page_origin_must_be_one_of_the_stores(
    client: TestClient, _case: str, origin: str, allowed: bool
) -> None:
    cid, token = open_conversation(client)
    if allowed:
        with client.websocket_connect("/ws/v1/chat", headers={"origin": origin}) as ws:
            assert _hello(ws, cid, token)["last_seq"] == 0
    else:
        with (
            pytest.raises(WebSocketDisconnect) as refused,
            client.websocket_connect("/ws/v1/chat", headers={"origin": origin}),
        ):
            pass
        assert refused.value.code == 4403


def test_a_wrong_token_cannot_open_another_visitors_conversation(client: TestClient) -> None:
    cid, _token = open_conversation(client)
    _other, other_token = open_conversation(client)
    with client.websocket_connect("/ws/v1/chat", headers=ORIGIN) as ws:
        ws.send_json({"type": "hello", "conversation_id": cid, "token": other_token})
        assert ws.receive_json() == {
            "type": "error",
            "code": "conversation_not_found",
            "detail": "unknown conversation or token",
        }
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 4401


def test_a_socket_must_start_with_hello(client: TestClient) -> None:
    with client.websocket_connect("/ws/v1/chat", headers=ORIGIN) as ws:
        ws.send_text("not json")
        assert ws.receive_json()["code"] == "hello_required"


def test_a_message_is_acknowledged_then_answered_with_sequence_numbers(client: TestClient) -> None:
    cid, token = open_conversation(client)
    with client.websocket_connect("/ws/v1/chat", headers=ORIGIN) as ws:
        _hello(ws, cid, token)
        ws.send_json({"type": "send", "client_message_id": "k1", "text": "hello"})
        ack = ws.receive_json()
        assert ack == {"type": "ack", "client_message_id": "k1", "duplicate": False}
        messages = _turn(ws)
    assert messages[0]["author"] == "shopper" and messages[0]["text"] == "hello" and messages[0]["seq"] == 1
    assert [m["seq"] for m in messages] == list(range(1, len(messages) + 1))
    assert messages[1]["author"] == "bot" and messages[1]["quick_replies"]


def test_a_resend_after_a_lost_connection_is_answered_once_and_history_resumes(
    client: TestClient, db: Database
) -> None:
    cid, token = open_conversation(client)
    # given a message acknowledged on a socket that dropped before the client saw the reply
    with client.websocket_connect("/ws/v1/chat", headers=ORIGIN) as ws:
        _hello(ws, cid, token)
        ws.send_json({"type": "send", "client_message_id": "k1", "text": "hello"})
        assert ws.receive_json()["type"] == "ack"
    # when the client reconnects, asks for what it missed and resends the same id (the first socket's
    # turn may have run, or the message may wait in the inbox for the reconnection to drain it)
    with client.websocket_connect("/ws/v1/chat", headers=ORIGIN) as ws:
        _hello(ws, cid, token, after=0)
        ws.send_json({"type": "send", "client_message_id": "k1", "text": "hello"})
        frames = _until(ws, "ack")
        frames += _until(ws, "typing")
        frames += _until(ws, "typing")
    # then the conversation holds that message once, followed by its replies, in sequence
    acks = [f for f in frames if f["type"] == "ack"]
    assert acks == [{"type": "ack", "client_message_id": "k1", "duplicate": True}]
    seen = {m["seq"]: m for f in frames if f["type"] == "messages" for m in f["messages"]}
    assert sorted(seen) == list(range(1, len(seen) + 1)) and len(seen) >= 2
    assert [m["text"] for m in seen.values() if m["author"] == "shopper"] == ["hello"]
    assert _shopper_count(db, cid) == 1


def test_resume_sends_only_later_messages(client: TestClient) -> None:
    cid, token = open_conversation(client)
    with client.websocket_connect("/ws/v1/chat", headers=ORIGIN) as ws:
        _hello(ws, cid, token)
        ws.send_json({"type": "send", "client_message_id": "k1", "text": "hello"})
        assert ws.receive_json()["type"] == "ack"
        first = _turn(ws)
        ws.send_json({"type": "resume", "after": 1})
        later = ws.receive_json()
    assert [m["seq"] for m in later["messages"]] == [m["seq"] for m in first[1:]]


def test_a_visitor_sending_too_fast_is_told_to_wait_and_nothing_is_stored(
    client: TestClient, db: Database
) -> None:
    cid, token = open_conversation(client)
    live_path(client.app).limiter = RateLimiter(limit=1, window=60)  # type: ignore[arg-type]
    with client.websocket_connect("/ws/v1/chat", headers=ORIGIN) as ws:
        _hello(ws, cid, token)
        ws.send_json({"type": "send", "client_message_id": "k1", "text": "hello"})
        assert ws.receive_json()["type"] == "ack"
        _turn(ws)
        ws.send_json({"type": "send", "client_message_id": "k2", "text": "hello again"})
        limited = ws.receive_json()
    assert limited["type"] == "rate_limited" and limited["client_message_id"] == "k2"
    assert 0 < limited["retry_after"] <= 60
    assert _shopper_count(db, cid) == 1


@pytest.mark.parametrize(
    ("_case", "frame", "code"),
    [
        ("not an object", [1, 2], "invalid_frame"),
        ("unknown type", {"type": "dance"}, "invalid_frame"),
        ("no client id", {"type": "send", "text": "hi"}, "invalid_message"),
        (
            "text and payload",
            {"type": "send", "client_message_id": "x", "text": "a", "payload": "b"},
            "invalid_message",
        ),
        ("text too long", {"type": "send", "client_message_id": "x", "text": "a" * 20001}, "invalid_message"),
        ("negative resume", {"type": "resume", "after": -1}, "invalid_after"),
        ("resume with a string", {"type": "resume", "after": "3"}, "invalid_after"),
    ],
)
def test_bad_frames_are_answered_not_crashed_on(
    client: TestClient, _case: str, frame: Any, code: str
) -> None:
    cid, token = open_conversation(client)
    with client.websocket_connect("/ws/v1/chat", headers=ORIGIN) as ws:
        _hello(ws, cid, token)
        ws.send_json(frame)
        assert ws.receive_json()["code"] == code
        ws.send_json({"type": "ping"})
        assert ws.receive_json() == {"type": "pong"}


def test_the_widget_files_are_served_with_their_type(client: TestClient) -> None:
    js = client.get("/widget/v1/widget.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert js.headers["cross-origin-resource-policy"] == "cross-origin"
    again = client.get("/widget/v1/widget.js", headers={"if-none-match": js.headers["etag"]})
    assert again.status_code == 304
    assert client.get("/widget/v1/widget.css").headers["content-type"].startswith("text/css")
    missing = client.get("/widget/v1/secrets.txt")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


def test_the_merchants_listed_sites_may_call_the_conversation_api(client: TestClient) -> None:
    preflight = client.options(
        "/api/v1/conversations",
        headers={
            "origin": "https://merchant.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://merchant.example"
    other = client.post("/api/v1/conversations", json={}, headers={"origin": "https://evil.example"})
    assert other.status_code == 201 and "access-control-allow-origin" not in other.headers
