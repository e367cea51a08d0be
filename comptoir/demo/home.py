"""The demo's front page: the shop's categories and featured products, and where to go next.
(The storefront with the chat widget replaces it.)"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from comptoir.catalog import list_categories, list_products
from comptoir.store import get_settings

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent.parent / "web" / "templates"),
    autoescape=select_autoescape(["html"]),
)
CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; form-action 'self'"

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, lang: str = "en") -> HTMLResponse:
    db = request.app.state.db
    with db.read_session() as session:
        settings = get_settings(session)
        language = lang if lang in settings.languages else settings.default_language
        categories = list_categories(session, language=language)
        products = list_products(session, language=language, limit=24).items
    html = _TEMPLATES.get_template("demo_home.html").render(
        store=settings, language=language, categories=categories, products=products
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": CSP})
