"""Property-based tests of the whole OpenAPI: no input, valid or not, makes the server fail (no 5xx).

Deterministic (derandomized) and bounded; SQLite only. About half of the generated cases have their
path parameters replaced by ids that exist, so that the fuzzer also reaches past the 'not found'.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from comptoir.app import create_app
from comptoir.commerce import CheckoutInput, GuestDetails, add_to_cart, checkout, create_cart
from comptoir.customers import AddressInput
from comptoir.db import Database
from comptoir.knowledge import ArticleInput, upsert_article
from tests.api.conftest import ADMIN, api_settings, as_customer
from tests.factories import seed

MAX_EXAMPLES = 20

REAL_IDS: dict[str, str] = {}


# built once at import, on a database it never opens: each operation's test gives it a fresh one
# (schemathesis.pytest.from_fixture would be the natural way, but its 4.32.5 does not run on pytest 9)
APP = create_app(api_settings(Database("sqlite:///:memory:")), Database("sqlite:///:memory:"))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture
def store(sqlite_db: Database) -> Iterator[None]:
    """A small store behind ``APP``: a product, a customer, a cart, two orders, an article."""
    _product, ada = seed(sqlite_db)
    with sqlite_db.session() as s:
        upsert_article(
            s,
            ArticleInput(
                id="returns", topic="returns", translations={"en": {"title": "Returns", "body": "30 days."}}
            ),
        )
        cart = create_cart(s, customer_id=ada.id)
        add_to_cart(s, cart.id, variant_id="tshirt-red-m", quantity=1)
        paid = checkout(
            s,
            CheckoutInput(
                cart_id=cart.id,
                customer_id=ada.id,
                shipping_option_id="standard",
                payment_method_id=ada.payment_methods[0].id,
            ),
        )
        guest_cart = create_cart(s)
        add_to_cart(s, guest_cart.id, variant_id="tshirt-red-l", quantity=1)
        awaiting = checkout(
            s,
            CheckoutInput(
                cart_id=guest_cart.id,
                guest=GuestDetails(name="Grace", email="grace@example.com"),
                address=AddressInput(address1="1 rue", city="Paris", country="FR", zip="75001"),
                shipping_option_id="standard",
                pay_by_link=True,
            ),
        )
        open_cart = create_cart(s)
        add_to_cart(s, open_cart.id, variant_id="tshirt-red-m", quantity=2)
    assert awaiting.pay_url is not None
    REAL_IDS.clear()
    REAL_IDS.update(
        product_id="tshirt",
        variant_id="tshirt-red-m",
        customer_id=ada.id,
        article_id="returns",
        cart_id=open_cart.id,
        order_id=paid.id,
        token=awaiting.pay_url.rsplit("/", 1)[1],
    )
    REAL_IDS["_customer_auth"] = as_customer(ada.id)["Authorization"]
    APP.state.db = sqlite_db
    yield
    APP.state.db = None


def _with_real_ids(case: Any) -> None:
    params = case.path_parameters or {}
    if params and zlib.crc32(repr(sorted(params.items())).encode()) % 2 == 0:
        for name in params:
            if name in REAL_IDS:
                params[name] = REAL_IDS[name]


def _auth(path: str) -> dict[str, str]:
    """The merchant's token on the admin API, Ada's on her account and carts, none elsewhere."""
    if path.startswith("/api/v1/admin"):
        return ADMIN
    if path.startswith(("/api/v1/me", "/api/v1/carts")):
        return {"Authorization": REAL_IDS["_customer_auth"]}
    return {}


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case: Any, store: None) -> None:
    _with_real_ids(case)
    case.call_and_validate(headers=_auth(case.path), checks=[not_a_server_error])
