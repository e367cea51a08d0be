"""Who is calling: the merchant (admin bearer token) or a shopper (a customer token signed by the
merchant's site). Both come as ``Authorization: Bearer ...``; nothing here says why a token failed."""

from __future__ import annotations

import secrets

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from comptoir.api.problems import ServiceUnavailable
from comptoir.config import Settings
from comptoir.core.errors import Unauthorized
from comptoir.core.tokens import verify_customer_token

MAX_TOKEN = 1024

admin_bearer = HTTPBearer(
    auto_error=False, scheme_name="AdminToken", description="the store's admin token (COMPTOIR_ADMIN_TOKEN)"
)
customer_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="CustomerToken",
    description="a customer identity signed by the merchant's site",
)


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def require_admin(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(admin_bearer)
) -> None:
    """Let the merchant through; 503 when the admin API is switched off, 401 otherwise."""
    expected = _settings(request).admin_token
    if expected is None:
        raise ServiceUnavailable("the admin API is disabled on this store", code="admin_disabled")
    given = credentials.credentials if credentials is not None else ""
    if not given or not secrets.compare_digest(given.encode(), expected.get_secret_value().encode()):
        raise Unauthorized("a valid admin token is needed", code="invalid_admin_token")


def _verify(settings: Settings, token: str) -> str:
    if len(token) > MAX_TOKEN:
        raise Unauthorized("invalid customer token", code="invalid_customer_token")
    secret = settings.customer_token_secret
    return verify_customer_token(secret.get_secret_value() if secret is not None else None, token)


def current_customer(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(customer_bearer)
) -> str:
    """The id of the signed-in shopper; 401 without a valid customer token."""
    if credentials is None:
        raise Unauthorized("a customer token is needed", code="customer_token_required")
    return _verify(_settings(request), credentials.credentials)


def optional_customer(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(customer_bearer)
) -> str | None:
    """The signed-in shopper, or None for a guest; a token that is there but wrong is still a 401."""
    if credentials is None:
        return None
    return _verify(_settings(request), credentials.credentials)
