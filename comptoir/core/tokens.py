"""Customer identity tokens signed by the merchant's site (HMAC-SHA256), and their verification.

Format: ``v1.<customer_id>.<expires_unix>.<hex signature of "v1.<customer_id>.<expires_unix>">``.
An unsigned or expired claim of identity is never accepted.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from comptoir.core.errors import Unauthorized


def _signature(secret: str, payload: str) -> str:
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


def sign_customer(secret: str, customer_id: str, *, ttl_seconds: int = 3600, now: float | None = None) -> str:
    if "." in customer_id or not customer_id:
        raise ValueError("customer ids in tokens may not contain dots")
    expires = int((now if now is not None else time.time()) + ttl_seconds)
    payload = f"v1.{customer_id}.{expires}"
    return f"{payload}.{_signature(secret, payload)}"


def verify_customer_token(secret: str | None, token: str, *, now: float | None = None) -> str:
    """The customer id in a valid token; ``Unauthorized`` otherwise (reveals nothing about why)."""
    if not secret:
        raise Unauthorized("customer tokens are not enabled on this store", code="customer_token_disabled")
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != "v1" or not parts[2].isdigit():
        raise Unauthorized("invalid customer token", code="invalid_customer_token")
    payload = ".".join(parts[:3])
    if not hmac.compare_digest(_signature(secret, payload), parts[3]):
        raise Unauthorized("invalid customer token", code="invalid_customer_token")
    if int(parts[2]) < (now if now is not None else time.time()):
        raise Unauthorized("invalid customer token", code="invalid_customer_token")
    return parts[1]
