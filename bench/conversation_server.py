"""The two ASGI apps the conversation load benchmark serves with uvicorn (``--factory``), side by side:

* ``comptoir_app``: the real app (``create_app`` from the environment's ``COMPTOIR_*`` settings) plus a
  ``GET /bench/stats`` route giving the worker's pid, RSS and cache counters;
* ``echo_app``: a bare FastAPI app with the same two conversation routes and the same request and reply
  models (``NewConversation``, ``InboundMessage``, ``Reply``) that echoes the text: the baseline.

Both handlers are plain ``def`` routes, as the real ones are, so both go through the same thread pool.
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime
from typing import Any

import psutil
from fastapi import APIRouter, FastAPI, Header

from comptoir.config import Settings
from comptoir.dialogue.schemas import ConversationCreated, InboundMessage, Message, NewConversation, Reply

_COUNTS = {"index_builds": 0}


def _count_index_builds() -> None:
    """Count the search index (re)builds of this worker (a wrapper around the builder, bench process only)."""
    from comptoir.search import index

    original = index.build

    def counted(*args: Any, **kwargs: Any) -> index.Index:
        _COUNTS["index_builds"] += 1
        return original(*args, **kwargs)

    index.build = counted  # type: ignore[assignment]


def _stats() -> dict[str, Any]:
    from comptoir.nlu import text

    sudachi = text._sudachi_morphemes.cache_info()
    return {
        "pid": os.getpid(),
        "rss_mb": round(psutil.Process().memory_info().rss / 2**20, 1),
        "index_builds": _COUNTS["index_builds"],
        "sudachi_cache": {"hits": sudachi.hits, "misses": sudachi.misses, "size": sudachi.currsize},
    }


def comptoir_app() -> FastAPI:
    from comptoir.app import create_app

    _count_index_builds()
    stats = APIRouter()
    stats.add_api_route("/bench/stats", _stats, methods=["GET"])
    return create_app(Settings(), extra_routers=[stats])


def echo_app() -> FastAPI:
    app = FastAPI()

    @app.post("/api/v1/conversations", status_code=201)
    def open_conversation(body: NewConversation) -> ConversationCreated:
        return ConversationCreated(id="c_" + secrets.token_hex(10), token=secrets.token_urlsafe(32))

    @app.post("/api/v1/conversations/{conversation_id}/messages")
    def send_message(
        conversation_id: str, body: InboundMessage, authorization: str | None = Header(None)
    ) -> Reply:
        return Reply(
            messages=[
                Message(
                    id="m_" + secrets.token_hex(10),
                    seq=1,
                    created_at=datetime.now(UTC),
                    author="bot",
                    text=body.text or body.payload or "",
                    language="en",
                )
            ]
        )

    app.add_api_route("/bench/stats", _stats, methods=["GET"])
    return app
