"""The composition root of the web process: ``create_app`` builds the ASGI app from settings.

Nothing is built at import time; the engine is made here (unless a test passes its own database) and
disposed of when the app shuts down. Each context mounts its router under ``/api/v1``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi

from comptoir import __version__
from comptoir.api import problems
from comptoir.api.limits import BodyLimit
from comptoir.api.problems import PROBLEM_MEDIA_TYPE, PROBLEM_RESPONSES
from comptoir.catalog import admin_api as catalog_admin
from comptoir.catalog import api as catalog_api
from comptoir.commerce import admin_api as commerce_admin
from comptoir.commerce import api as commerce_api
from comptoir.commerce import me_api
from comptoir.config import Settings
from comptoir.customers import admin_api as customers_admin
from comptoir.db import Database
from comptoir.dialogue import admin_api as dialogue_admin
from comptoir.dialogue import api as dialogue_api
from comptoir.knowledge import api as knowledge_api
from comptoir.payments import pay_page
from comptoir.search import api as search_api
from comptoir.web import assets as web_assets
from comptoir.web import chat_ws

API_PREFIX = "/api/v1"

ROUTERS: tuple[APIRouter, ...] = (
    catalog_api.router,
    search_api.router,
    knowledge_api.router,
    commerce_api.router,
    me_api.router,
    catalog_admin.router,
    commerce_admin.router,
    customers_admin.router,
    knowledge_api.admin_router,
    dialogue_api.router,
    dialogue_admin.router,
)


def _problem_media_types(schema: dict[str, Any]) -> dict[str, Any]:
    """Error responses are ``application/problem+json``; FastAPI documents them as plain JSON."""
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if status[0] in "45" and "application/json" in content:
                    content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
    return schema


def create_app(
    settings: Settings, db: Database | None = None, *, extra_routers: Sequence[APIRouter] = ()
) -> FastAPI:
    """The ASGI app: the REST API under ``/api/v1``, the test provider's pay page, OpenAPI at ``/docs``.

    ``extra_routers`` (the conversation API, channels' webhooks...) are mounted as they are.
    """
    database = db if db is not None else Database(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        database.dispose()

    app = FastAPI(
        title="Comptoir",
        version=__version__,
        summary="Conversational commerce: catalogue, search, carts, orders, and the merchant's operations.",
        docs_url="/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.db = database
    app.state.settings = settings
    problems.install(app)
    app.add_middleware(BodyLimit)
    widget_sites = chat_ws.allowed_origins(settings) - {chat_ws.origin_of(settings.public_url)}
    if widget_sites:  # the widget on the merchant's own site calls the conversation API from there
        app.add_middleware(
            CORSMiddleware,
            allow_origins=sorted(widget_sites),
            allow_methods=["GET", "POST"],
            allow_headers=["authorization", "content-type"],
        )

    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX, responses=PROBLEM_RESPONSES)
    app.include_router(pay_page.router)
    app.include_router(web_assets.router)
    app.include_router(chat_ws.router)
    for router in extra_routers:
        app.include_router(router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                routes=app.routes,
            )
            app.openapi_schema = _problem_media_types(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
