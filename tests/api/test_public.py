"""Public endpoints: the store, the catalogue, search, articles, return reasons."""

from __future__ import annotations

from comptoir.knowledge import ArticleInput, upsert_article
from tests.api.conftest import Shop


def test_store_shows_public_settings_and_no_policy(shop: Shop) -> None:
    # when a shop front asks for the store in French
    r = shop.client.get("/api/v1/store", params={"language": "fr"})
    # then it gets the name, currency, languages and shipping, and nothing of the policy
    assert r.status_code == 200
    body = r.json()
    assert body["name"] == "Test shop"
    assert body["currency"] == "EUR"
    assert body["languages"] == ["en", "fr", "el", "ja"]
    assert body["default_language"] == "en"
    assert [(o["id"], o["name"], o["price"]) for o in body["shipping_options"]] == [
        ("standard", "Standard", "4.90"),
        ("express", "Express", "9.90"),
    ]
    assert "policy" not in body and "tax" not in body


def test_unsupported_language_is_a_problem(shop: Shop) -> None:
    r = shop.client.get("/api/v1/products", params={"language": "de"})
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "unsupported_language"
    assert r.json()["details"] == {"allowed": ["en", "fr", "el", "ja"]}


def test_categories_and_products(shop: Shop) -> None:
    categories = shop.client.get("/api/v1/categories", params={"language": "fr"}).json()
    assert categories == {
        "items": [{"id": "clothing", "name": "Vêtements", "parent_id": None, "product_count": 1}],
        "total": 1,
        "offset": 0,
        "limit": 100,
    }
    page = shop.client.get("/api/v1/products", params={"category": "clothing", "limit": 5}).json()
    assert page["total"] == 1 and page["limit"] == 5
    assert [(p["id"], p["title"], p["price_min"], p["price_max"]) for p in page["items"]] == [
        ("tshirt", "Organic cotton T-shirt", "20.00", "22.00")
    ]
    empty = shop.client.get("/api/v1/products", params={"offset": 1}).json()
    assert (empty["items"], empty["total"]) == ([], 1)


def test_product_and_variant_in_a_language(shop: Shop) -> None:
    product = shop.client.get("/api/v1/products/tshirt", params={"language": "fr"}).json()
    assert product["title"] == "T-shirt en coton bio"
    assert [v["id"] for v in product["variants"]] == ["tshirt-red-m", "tshirt-red-l", "tshirt-blue-m"]
    variant = shop.client.get("/api/v1/variants/tshirt-blue-m", params={"language": "fr"}).json()
    assert variant["labels"] == {"Couleur": "bleu", "Taille": "M"}
    assert variant["in_stock"] is False


def test_unknown_product_and_variant_are_404_problems(shop: Shop) -> None:
    for path, code in [
        ("/api/v1/products/nope", "product_not_found"),
        ("/api/v1/variants/nope", "variant_not_found"),
    ]:
        r = shop.client.get(path)
        assert r.status_code == 404
        assert r.json()["code"] == code


def test_search_by_query_string_and_by_body_agree(shop: Shop) -> None:
    # given the same search asked both ways
    by_query = shop.client.get("/api/v1/search", params={"q": "t-shirt", "color": "red", "in_stock": "true"})
    by_body = shop.client.post(
        "/api/v1/search", json={"text": "t-shirt", "filters": {"colors": ["red"], "in_stock": True}}
    )
    # then both find the red items of the T-shirt only
    assert by_query.status_code == by_body.status_code == 200
    assert by_query.json() == by_body.json()
    hits = by_query.json()["items"]
    assert [(h["product"]["id"], h["variant_ids"]) for h in hits] == [
        ("tshirt", ["tshirt-red-m", "tshirt-red-l"])
    ]


def test_search_price_filter_excludes(shop: Shop) -> None:
    r = shop.client.get("/api/v1/search", params={"q": "", "price_max": "10"})
    assert r.status_code == 200
    assert (r.json()["items"], r.json()["total"]) == ([], 0)


def test_articles_list_read_and_search(shop: Shop) -> None:
    # given two articles
    with shop.db.session() as s:
        for article_id, topic, title, body in [
            ("returns", "returns", "Returns", "You may return items within 30 days for a refund."),
            ("shipping", "shipping", "Shipping", "Standard shipping takes 3 to 5 days."),
        ]:
            upsert_article(
                s,
                ArticleInput(id=article_id, topic=topic, translations={"en": {"title": title, "body": body}}),
            )
    # then they are listed, readable, and found by a question
    listed = shop.client.get("/api/v1/articles").json()
    assert [a["id"] for a in listed["items"]] == ["returns", "shipping"]
    assert shop.client.get("/api/v1/articles", params={"topic": "shipping"}).json()["total"] == 1
    assert shop.client.get("/api/v1/articles/returns").json()["title"] == "Returns"
    hits = shop.client.get(
        "/api/v1/articles/search", params={"q": "how many days to return for a refund"}
    ).json()
    assert hits[0]["article"]["id"] == "returns"
    assert shop.client.get("/api/v1/articles/nope").json()["code"] == "article_not_found"


def test_return_reasons_in_a_language(shop: Shop) -> None:
    page = shop.client.get("/api/v1/return-reasons", params={"language": "fr", "limit": 2}).json()
    assert page["limit"] == 2 and len(page["items"]) == 2 and page["total"] > 2
    assert {"handle", "name", "description"} == set(page["items"][0])


def test_openapi_documents_problems_as_problem_json(shop: Shop) -> None:
    schema = shop.client.get("/openapi.json").json()
    responses = schema["paths"]["/api/v1/products/{product_id}"]["get"]["responses"]
    assert list(responses["4XX"]["content"]) == ["application/problem+json"]
    assert "422" not in responses  # FastAPI's own validation schema is not what we send
    assert shop.client.get("/docs").status_code == 200
