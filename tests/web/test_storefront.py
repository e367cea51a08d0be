"""The demo storefront's pages: four languages, a language chosen from the browser, catalogue text always
escaped, a strict Content-Security-Policy, the widget on every page, and precise 404s."""

from __future__ import annotations

import pytest

from comptoir.catalog import create_product
from comptoir.db import Database
from comptoir.demo.home import router as home_router
from tests.api.client import TestClient
from tests.factories import seed, tshirt

EVIL = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>'


@pytest.fixture
def storefront(sqlite_db: Database) -> TestClient:
    from pydantic import SecretStr

    from comptoir.app import create_app
    from comptoir.config import Settings

    seed(sqlite_db)
    evil = tshirt("evil").model_copy(deep=True)
    evil.translations["en"].title = EVIL
    evil.translations["en"].description = EVIL
    for v in evil.variants:
        v.id = v.id.replace("tshirt", "evil")
    with sqlite_db.session() as s:
        create_product(s, evil)
    settings = Settings(database_url=sqlite_db.url, admin_token=SecretStr("admin"))
    return TestClient(create_app(settings, sqlite_db, extra_routers=[home_router]))


@pytest.mark.parametrize(
    "path", ["/en/", "/fr/", "/el/", "/ja/", "/en/c/clothing", "/fr/p/tshirt", "/ja/cart"]
)
def test_every_page_has_the_widget_and_a_strict_policy(storefront: TestClient, path: str) -> None:
    r = storefront.get(path)
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert '<script src="/widget/v1/widget.js" data-store="demo"' in r.text
    assert f'<html lang="{path[1:3]}">' in r.text
    assert "<script>" not in r.text and "style=" not in r.text  # nothing inline for the policy to refuse


@pytest.mark.parametrize(
    ("_case", "headers", "query", "where"),
    [
        ("the browser prefers French", {"accept-language": "fr-CH, fr;q=0.9, en;q=0.8"}, "", "/fr/"),
        ("a language the shop lacks", {"accept-language": "de-DE"}, "", "/en/"),
        ("asked for in the address", {"accept-language": "fr"}, "?lang=ja", "/ja/"),
    ],
)
def test_the_front_door_picks_a_language(
    storefront: TestClient, _case: str, headers: dict[str, str], query: str, where: str
) -> None:
    r = storefront.get("/" + query, headers=headers, follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == where


def test_catalogue_text_is_escaped_everywhere(storefront: TestClient) -> None:
    for path in ("/en/", "/en/c/clothing", "/en/p/evil"):
        html = storefront.get(path).text
        assert EVIL not in html and "<img src=x" not in html and "<script>alert" not in html
        assert "&lt;img src=x onerror=" in html
    assert storefront.get("/en/p/evil").text.count("&lt;/script&gt;&lt;script&gt;alert(2)") >= 2


def test_a_product_page_offers_its_variants_and_sends_them_through_the_chat(storefront: TestClient) -> None:
    html = storefront.get("/fr/p/tshirt").text
    assert "T-shirt en coton bio" in html and "Ajouter au panier" in html
    assert 'name="variant" value="tshirt-red-m"' in html
    assert 'data-buy data-title="T-shirt en coton bio"' in html


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/de/", "page_not_found"),
        ("/en/p/nope", "product_not_found"),
        ("/en/c/nope", "category_not_found"),
        ("/xx/cart", "page_not_found"),
    ],
)
def test_unknown_pages_are_precise_404s(storefront: TestClient, path: str, code: str) -> None:
    r = storefront.get(path)
    assert r.status_code == 404 and r.json()["code"] == code


def test_a_page_number_out_of_range_is_refused(storefront: TestClient) -> None:
    assert storefront.get("/en/c/clothing?page=0").status_code == 422
