"""Errors become ``application/problem+json`` (RFC 9457) here, and only here.

Every ``ComptoirError`` keeps its ``code`` and ``http_status``; request validation errors are 422 with
the field errors; unknown routes and methods are 404/405; database errors caused by the data are 422,
races on a unique key 409; anything else is a 500 that names nothing of the inside (no traceback, no
SQL, no secrets) and is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from comptoir.core.errors import ComptoirError

log = logging.getLogger("comptoir.api")

PROBLEM_MEDIA_TYPE = "application/problem+json"

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


class Problem(BaseModel):
    """An error, as RFC 9457 describes it, plus our stable ``code``."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    details: dict[str, Any] | None = None


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_MEDIA_TYPE


class ServiceUnavailable(ComptoirError):
    code = "unavailable"
    http_status = 503


class PayloadTooLarge(ComptoirError):
    code = "payload_too_large"
    http_status = 413


# documented on every operation (FastAPI then leaves out its own 422 schema, which is not what we send)
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": Problem, "description": "A problem (application/problem+json)"},
    "5XX": {"model": Problem, "description": "A problem (application/problem+json)"},
}


def problem(
    status: int,
    code: str,
    detail: str,
    *,
    details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> ProblemResponse:
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    body: dict[str, Any] = {
        "type": f"urn:comptoir:problem:{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if details:
        body["details"] = jsonable_encoder(details)
    if status == 401:
        headers = {"WWW-Authenticate": "Bearer", **(headers or {})}
    return ProblemResponse(body, status_code=status, headers=headers)


def _field_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    # the input itself is left out: it may be huge, or a secret
    return [
        {
            "loc": [str(p) for p in e.get("loc", ())],
            "msg": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        for e in errors
    ]


async def _comptoir_error(_request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, ComptoirError)
    return problem(exc.http_status, exc.code, exc.message, details=exc.details or None)


async def _request_validation(_request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, RequestValidationError)
    return problem(
        422, "validation_error", "the request is not valid", details={"errors": _field_errors(exc.errors())}
    )


async def _pydantic_validation(_request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, ValidationError)
    return problem(
        422, "validation_error", "the request is not valid", details={"errors": _field_errors(exc.errors())}
    )


async def _http_error(_request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 404 and detail == "Not Found":
        detail = "there is nothing at this address"
    if exc.status_code == 405:
        detail = "this method is not allowed here"
    return problem(exc.status_code, code, detail, headers=dict(exc.headers or {}))


async def _data_error(request: Request, exc: Exception) -> ProblemResponse:
    # a value the database refuses (too long for its column, a NUL byte...): the input is at fault
    log.info("database refused a value on %s %r: %s", request.method, request.url.path, type(exc).__name__)
    return problem(422, "invalid_data", "a value is too long or not allowed")


async def _integrity_error(request: Request, exc: Exception) -> ProblemResponse:
    # a unique key taken by a concurrent request: the client may retry
    log.info("integrity error on %s %r", request.method, request.url.path)
    return problem(409, "conflict", "the request conflicts with a concurrent change; retry")


_BUSY = (
    "database is locked",
    "database table is locked",
    "lock timeout",
    "could not obtain lock",
    "deadlock detected",
)


async def _operational_error(request: Request, exc: Exception) -> ProblemResponse:
    # the database is busy (SQLite's one writer, a lock wait that timed out): nothing was written; the client
    # retries, with the same idempotency key or client_message_id if it sent one
    if any(word in str(exc).lower() for word in _BUSY):
        log.warning("database busy on %s %r", request.method, request.url.path)
        return problem(
            503, "busy", "the store is busy; please retry in a moment", headers={"Retry-After": "1"}
        )
    return await _unexpected(request, exc)


async def _unexpected(request: Request, exc: Exception) -> ProblemResponse:
    log.error("unexpected error on %s %r", request.method, request.url.path, exc_info=exc)
    return problem(500, "internal_error", "something went wrong on our side")


def install(app: FastAPI) -> None:
    """Register the problem handlers on ``app``."""
    app.add_exception_handler(ComptoirError, _comptoir_error)
    app.add_exception_handler(RequestValidationError, _request_validation)
    app.add_exception_handler(ValidationError, _pydantic_validation)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(DataError, _data_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(OperationalError, _operational_error)
    app.add_exception_handler(Exception, _unexpected)
