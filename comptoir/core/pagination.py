"""A page of results."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")

MAX_LIMIT = 200


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    offset: int
    limit: int


def clamp(offset: int, limit: int) -> tuple[int, int]:
    from comptoir.core.errors import InvalidInput

    if offset < 0:
        raise InvalidInput("offset must be 0 or more", code="invalid_offset")
    if limit < 1 or limit > MAX_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}", code="invalid_limit")
    return offset, limit
