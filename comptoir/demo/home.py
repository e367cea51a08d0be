"""The demo's storefront: home, category, product and cart pages in the store's languages, each with the
chat widget. Pages are server-rendered (Jinja, autoescaped) under a strict Content-Security-Policy; the
cart page reads the cart the chat fills (``static/shop.js``), and the product page's buttons go through
the chat, so that the shop and the conversation share one cart."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from babel.core import UnknownLocaleError
from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from comptoir.catalog import get_product, list_categories, list_products
from comptoir.core.errors import NotFound
from comptoir.core.money import format_money
from comptoir.demo.shop_text import words
from comptoir.store import StoreSettings, get_settings

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent.parent / "web" / "templates"),
    autoescape=select_autoescape(["html"]),
    auto_reload=False,
)
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
PAGE_SIZE = 24

router = APIRouter(include_in_schema=False)

Lang = Annotated[str, PathParam(min_length=2, max_length=8)]
Id = Annotated[str, PathParam(min_length=1, max_length=64)]


def _store(request: Request) -> StoreSettings:
    with request.app.state.db.read_session() as session:
        return get_settings(session)


def _language(store: StoreSettings, lang: str) -> str:
    if lang not in store.languages:
        raise NotFound(f"this shop speaks {', '.join(store.languages)}", code="page_not_found")
    return lang


def _money(language: str) -> Callable[[Decimal, str], str]:
    def money(amount: Decimal, currency: str) -> str:
        try:
            return format_money(amount, currency, language)
        except (UnknownLocaleError, ValueError):
            return format_money(amount, currency, "en")

    return money


def _render(
    template: str, request: Request, store: StoreSettings, language: str, **values: Any
) -> HTMLResponse:
    with request.app.state.db.read_session() as session:
        categories = [c for c in list_categories(session, language=language) if c.product_count]
    html = _TEMPLATES.get_template(template).render(
        store=store,
        language=language,
        t=words(language),
        money=_money(language),
        categories=categories,
        path=request.url.path,
        **values,
    )
    return HTMLResponse(html, headers=HEADERS)


@router.get("/")
def root(request: Request, lang: Annotated[str | None, Query(max_length=8)] = None) -> RedirectResponse:
    """The shopper's language (``?lang=`` or the browser's), else the store's first."""
    store = _store(request)
    wanted = [lang] if lang else []
    for part in request.headers.get("accept-language", "").split(","):
        wanted.append(part.split(";")[0].strip()[:2].lower())
    language = next((w for w in wanted if w in store.languages), store.default_language)
    return RedirectResponse(f"/{language}/", status_code=302)


@router.get("/{lang}/", response_class=HTMLResponse)
def home(request: Request, lang: Lang) -> HTMLResponse:
    store = _store(request)
    language = _language(store, lang)
    with request.app.state.db.read_session() as session:
        products = list_products(session, language=language, limit=60).items
    featured = [p for p in products if p.in_stock][:12]
    return _render("shop/home.html", request, store, language, featured=featured)


@router.get("/{lang}/c/{category_id}", response_class=HTMLResponse)
def category(
    request: Request, lang: Lang, category_id: Id, page: Annotated[int, Query(ge=1, le=1000)] = 1
) -> HTMLResponse:
    store = _store(request)
    language = _language(store, lang)
    with request.app.state.db.read_session() as session:
        found = next((c for c in list_categories(session, language=language) if c.id == category_id), None)
        if found is None:
            raise NotFound("no such category", code="category_not_found")
        listing = list_products(
            session,
            language=language,
            category_id=category_id,
            offset=(page - 1) * PAGE_SIZE,
            limit=PAGE_SIZE,
        )
    pages = max(1, -(-listing.total // PAGE_SIZE))
    return _render(
        "shop/category.html",
        request,
        store,
        language,
        category=found,
        products=listing.items,
        page=page,
        pages=pages,
    )


@router.get("/{lang}/p/{product_id}", response_class=HTMLResponse)
def product(request: Request, lang: Lang, product_id: Id) -> HTMLResponse:
    store = _store(request)
    language = _language(store, lang)
    with request.app.state.db.read_session() as session:
        item = get_product(session, product_id, language=language)
        related = [
            p
            for p in list_products(session, language=language, category_id=item.category_id, limit=8).items
            if p.id != item.id
        ][:4]
    return _render("shop/product.html", request, store, language, product=item, related=related)


@router.get("/{lang}/cart", response_class=HTMLResponse)
def cart(request: Request, lang: Lang) -> HTMLResponse:
    store = _store(request)
    language = _language(store, lang)
    return _render("shop/cart.html", request, store, language)
