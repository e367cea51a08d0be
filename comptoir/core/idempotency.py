"""Idempotency keys for mutating service calls.

The same key with the same arguments returns the first result and changes nothing; with other arguments
it is refused; concurrent calls with one key run once (the unique key makes the second wait, then read).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from comptoir.core.clock import utcnow
from comptoir.core.errors import IdempotencyConflict, InvalidInput
from comptoir.db import Base

M = TypeVar("M", bound=BaseModel)


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_keys"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    operation: Mapped[str] = mapped_column(String(80))
    request_hash: Mapped[str] = mapped_column(String(64))
    response: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def _hash(params: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()


def _replay(record: IdempotencyRecord, operation: str, digest: str, result_type: type[M]) -> M:
    if record.operation != operation or record.request_hash != digest:
        raise IdempotencyConflict("this idempotency key was already used with other arguments")
    return result_type.model_validate(record.response)


def idempotent(
    session: Session,
    key: str | None,
    operation: str,
    params: dict[str, Any],
    result_type: type[M],
    run: Callable[[], M],
) -> M:
    """Run ``run`` once per ``key``; later calls with the key get the stored result."""
    if key is None:
        return run()
    if not key or len(key) > 200:
        raise InvalidInput("an idempotency key has 1 to 200 characters", code="invalid_idempotency_key")
    digest = _hash(params)
    existing = session.get(IdempotencyRecord, key)
    if existing is not None:
        return _replay(existing, operation, digest, result_type)
    record = IdempotencyRecord(key=key, operation=operation, request_hash=digest, response={})
    try:
        with session.begin_nested():
            session.add(record)
    except IntegrityError:
        # another transaction inserted the key and has committed by now (the insert waited for it)
        existing = session.get(IdempotencyRecord, key, populate_existing=True)
        if existing is None:  # pragma: no cover - the other transaction rolled back and we lost the race
            raise IdempotencyConflict("this idempotency key is being used; retry") from None
        return _replay(existing, operation, digest, result_type)
    result = run()
    record.response = result.model_dump(mode="json")
    session.flush()
    return result
