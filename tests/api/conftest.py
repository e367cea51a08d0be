"""An app on a seeded database, an admin client, and signed customer tokens."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from pydantic import SecretStr

from comptoir.app import create_app
from comptoir.catalog import ProductView
from comptoir.config import Settings
from comptoir.core.tokens import sign_customer
from comptoir.customers import CustomerView, create_customer
from comptoir.db import Database
from tests.api.client import TestClient
from tests.factories import customer, seed

ADMIN_TOKEN = "admin-secret-for-tests"
CUSTOMER_SECRET = "customer-secret-for-tests"
PUBLIC_URL = "https://shop.example"


def api_settings(db: Database, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": db.url,
        "public_url": PUBLIC_URL,
        "admin_token": SecretStr(ADMIN_TOKEN),
        "customer_token_secret": SecretStr(CUSTOMER_SECRET),
        **overrides,
    }
    return Settings.model_validate(values)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


ADMIN = bearer(ADMIN_TOKEN)


def as_customer(customer_id: str) -> dict[str, str]:
    return bearer(sign_customer(CUSTOMER_SECRET, customer_id))


@dataclass
class Shop:
    client: TestClient
    db: Database
    product: ProductView
    ada: CustomerView
    bob: CustomerView

    @property
    def ada_auth(self) -> dict[str, str]:
        return as_customer(self.ada.id)

    @property
    def bob_auth(self) -> dict[str, str]:
        return as_customer(self.bob.id)


@pytest.fixture
def shop(db: Database) -> Iterator[Shop]:
    """A seeded store (a T-shirt in three items, Ada and Bob) behind the whole API."""
    product, ada = seed(db)
    with db.session() as s:
        bob = create_customer(
            s,
            customer("bob@example.com", gift="5.00").model_copy(
                update={"first_name": "Bob", "last_name": "Ross"}
            ),
        )
    with TestClient(create_app(api_settings(db), db)) as client:
        yield Shop(client=client, db=db, product=product, ada=ada, bob=bob)
