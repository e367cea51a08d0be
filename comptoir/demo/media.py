"""Product pictures for the demo store: small SVGs drawn from the product's category and colour."""

from __future__ import annotations

import hashlib
from html import escape

from fastapi import APIRouter, Request, Response

from comptoir.catalog import ProductNotFound, get_product

COLORS = {
    "black": "#2b2b2b",
    "white": "#f4f1ea",
    "red": "#c8372d",
    "blue": "#2f5fa7",
    "navy": "#1f2f52",
    "green": "#3f7d4e",
    "olive": "#6b7a3a",
    "yellow": "#e8c547",
    "pink": "#e59ab0",
    "purple": "#7a4f9a",
    "orange": "#e07b39",
    "brown": "#7b5236",
    "tan": "#c19a6b",
    "camel": "#c19a6b",
    "grey": "#8a8d91",
    "gray": "#8a8d91",
    "beige": "#d9c8a9",
    "cream": "#efe6d2",
    "silver": "#b8bcc2",
    "gold": "#c9a646",
    "burgundy": "#7a1f32",
    "khaki": "#a39a6b",
    "teal": "#2f7f7a",
    "natural": "#d8c7a3",
    "oak": "#b68b5a",
    "walnut": "#6d4a2f",
    "charcoal": "#3b3f44",
    "sand": "#d6c29a",
    "terracotta": "#c2623f",
    "sage": "#9caf88",
}

ICONS = {
    "clothing": "M60 40 L85 28 Q100 40 115 28 L140 40 L155 70 L135 78 L132 150 L68 150 L65 78 L45 70 Z",
    "shoes": "M40 120 L45 90 Q70 95 85 80 L110 95 Q140 100 160 112 L160 130 L40 130 Z",
    "bags": "M55 75 L145 75 L155 150 L45 150 Z M80 75 Q80 40 100 40 Q120 40 120 75 L112 75 Q112 50 100 50 Q88 50 88 75 Z",
    "sports": "M100 40 A55 55 0 1 0 100.1 40 Z M100 52 A43 43 0 1 1 99.9 52 Z",
    "electronics": "M50 60 Q50 35 100 35 Q150 35 150 60 L150 110 L132 110 L132 70 Q132 50 100 50 Q68 50 68 70 L68 110 "
    "L50 110 Z M45 100 L75 100 L75 145 L45 145 Z M125 100 L155 100 L155 145 L125 145 Z",
    "home": "M100 35 L160 85 L145 85 L145 150 L55 150 L55 85 L40 85 Z",
    "beauty": "M85 70 L115 70 L115 150 L85 150 Z M90 40 L110 40 L112 70 L88 70 Z",
    "toys": "M50 95 L95 95 L95 140 L50 140 Z M105 95 L150 95 L150 140 L105 140 Z M77 50 L122 50 L122 95 L77 95 Z",
}


def _color_of(options: dict[str, str]) -> str | None:
    for key in ("color", "colour", "shade"):
        if key in options:
            return COLORS.get(options[key].lower().split()[0])
    return None


def product_svg(product_id: str, title: str, category: str | None, options: dict[str, str]) -> str:
    digest = hashlib.sha256(product_id.encode()).digest()
    hue = digest[0] * 360 // 256
    fill = _color_of(options) or f"hsl({hue}, 45%, 45%)"
    path = ICONS.get(category or "", ICONS["toys"])
    label = escape(title[:28])
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" role="img" '
        f'aria-label="{label}"><rect width="200" height="200" fill="hsl({hue}, 35%, 94%)"/>'
        f'<path d="{path}" fill="{fill}" stroke="#00000033" stroke-width="2" fill-rule="evenodd"/>'
        f'<text x="100" y="185" font-family="sans-serif" font-size="11" text-anchor="middle" fill="#444">{label}</text>'
        "</svg>"
    )


router = APIRouter(include_in_schema=False)


@router.get("/media/products/{product_id}.svg")
def product_picture(product_id: str, request: Request) -> Response:
    db = request.app.state.db
    with db.read_session() as session:
        try:
            product = get_product(session, product_id)
        except ProductNotFound:
            return Response(status_code=404)
        options = product.variants[0].options if product.variants else {}
        svg = product_svg(product.id, product.title, product.category_id, options)
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})
