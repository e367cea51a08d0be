"""The widget's files (``/widget/v1/widget.js``, ``widget.css``) and the storefront's own (``/static/…``),
read once and served with their type, a short cache and an ETag."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request, Response

from comptoir.core.errors import NotFound

STATIC = Path(__file__).parent / "static"
TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
WIDGET_FILES = {"widget.js", "widget.css"}
SHOP_FILES = {"shop.css", "shop.js", "favicon.svg"}

router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=16)
def _read(name: str) -> tuple[bytes, str]:
    body = (STATIC / name).read_bytes()
    return body, '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


def _serve(request: Request, name: str, *, cross_origin: bool) -> Response:
    body, etag = _read(name)
    headers = {
        "ETag": etag,
        "Cache-Control": "public, max-age=300",
        "X-Content-Type-Options": "nosniff",
        # the widget is embedded on the merchant's own pages
        "Cross-Origin-Resource-Policy": "cross-origin" if cross_origin else "same-origin",
    }
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=TYPES[Path(name).suffix], headers=headers)


@router.get("/widget/v1/{name}")
def widget_file(name: str, request: Request) -> Response:
    if name not in WIDGET_FILES:
        raise NotFound("no such widget file", code="asset_not_found")
    return _serve(request, name, cross_origin=True)


@router.get("/favicon.ico")
def favicon(request: Request) -> Response:
    return _serve(request, "favicon.svg", cross_origin=False)


@router.get("/static/{name}")
def shop_file(name: str, request: Request) -> Response:
    if name not in SHOP_FILES:
        raise NotFound("no such file", code="asset_not_found")
    return _serve(request, name, cross_origin=False)
