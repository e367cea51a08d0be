"""What an endpoint may ask for: sessions, the settings, the shopper's language, the caller, paging.

Sessions end *before* the response is sent (``scope="function"``), so a commit that fails is an error
response and never a success the database forgot.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Annotated, TypeVar

from fastapi import Depends, Header, Path, Query, Request
from sqlalchemy.orm import Session

from comptoir.api.auth import current_customer, optional_customer, require_admin
from comptoir.config import Settings
from comptoir.core.errors import InvalidInput
from comptoir.core.pagination import MAX_LIMIT, Page
from comptoir.db import Database
from comptoir.store import StoreSettings, get_settings

T = TypeVar("T")

MAX_ID = 64
MAX_OFFSET = 1_000_000


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_read_session(request: Request) -> Iterator[Session]:
    with get_db(request).read_session() as session:
        yield session


def get_write_session(request: Request) -> Iterator[Session]:
    with get_db(request).session() as session:
        yield session


def get_store(request: Request) -> StoreSettings:
    """The store's settings, read in a short session of their own."""
    with get_db(request).read_session() as session:
        return get_settings(session)


DatabaseDep = Annotated[Database, Depends(get_db)]
AppSettings = Annotated[Settings, Depends(get_app_settings)]
ReadSession = Annotated[Session, Depends(get_read_session, scope="function")]
WriteSession = Annotated[Session, Depends(get_write_session, scope="function")]
Store = Annotated[StoreSettings, Depends(get_store)]


def get_language(
    store: Store,
    language: Annotated[
        str | None,
        Query(
            min_length=2,
            max_length=16,
            description="one of the store's languages; the store's first by default",
        ),
    ] = None,
) -> str:
    if language is None:
        return store.default_language
    if language not in store.languages:
        raise InvalidInput(
            f"language '{language}' is not one of this store's",
            code="unsupported_language",
            allowed=store.languages,
        )
    return language


Language = Annotated[str, Depends(get_language)]

AdminAuth = Depends(require_admin)
CustomerId = Annotated[str, Depends(current_customer)]
OptionalCustomerId = Annotated[str | None, Depends(optional_customer)]

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        description="repeat a request with the same key to get its first result without doing it twice",
    ),
]

Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]

ProductId = Annotated[str, Path(min_length=1, max_length=MAX_ID)]
VariantId = Annotated[str, Path(min_length=1, max_length=MAX_ID)]
CustomerPathId = Annotated[str, Path(min_length=1, max_length=MAX_ID)]
ArticleId = Annotated[str, Path(min_length=1, max_length=MAX_ID)]
CartId = Annotated[str, Path(min_length=1, max_length=MAX_ID)]

_BARE_ORDER_ID = re.compile(r"W\d{1,20}")


def _order_id(
    order_id: Annotated[
        str,
        Path(min_length=1, max_length=MAX_ID, description="e.g. '#W1234567' (URL-encoded), or 'W1234567'"),
    ],
) -> str:
    # '#' starts a URL fragment, so the leading '#' of an order number may be left out
    return f"#{order_id}" if _BARE_ORDER_ID.fullmatch(order_id) else order_id


OrderId = Annotated[str, Depends(_order_id)]


def page_of(items: Sequence[T], offset: int, limit: int) -> Page[T]:
    """A page cut from a list the service returned whole."""
    return Page[T](items=list(items[offset : offset + limit]), total=len(items), offset=offset, limit=limit)
