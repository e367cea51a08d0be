"""Small real stores for tests: settings, a category, products with variants, customers."""

from __future__ import annotations

from decimal import Decimal

from comptoir.catalog import CategoryInput, ProductInput, ProductView, create_product, upsert_category
from comptoir.customers import AddressInput, CustomerInput, CustomerView, PaymentMethodInput, create_customer
from comptoir.db import Database
from comptoir.store import MerchantPolicy, ShippingOption, StoreSettings, TaxSettings, save_settings

SHIPPING = [
    ShippingOption(
        id="standard",
        names={"en": "Standard", "fr": "Standard"},
        price=Decimal("4.90"),
        min_days=3,
        max_days=5,
        free_above=Decimal("60"),
    ),
    ShippingOption(
        id="express", names={"en": "Express", "fr": "Express"}, price=Decimal("9.90"), min_days=1, max_days=2
    ),
]


def settings(policy: MerchantPolicy | None = None) -> StoreSettings:
    return StoreSettings(
        name="Test shop",
        currency="EUR",
        shipping_options=SHIPPING,
        tax=TaxSettings(
            prices_include_tax=True,
            default_rate=Decimal("0.20"),
            rates={"FR": Decimal("0.20"), "GR": Decimal("0.24")},
        ),
        policy=policy or MerchantPolicy(),
    )


def tshirt(product_id: str = "tshirt", *, stock: int | None = 10) -> ProductInput:
    return ProductInput.model_validate(
        {
            "id": product_id,
            "category": "clothing",
            "brand": "Acme",
            "audience": "unisex",
            "tags": ["summer"],
            "translations": {
                "en": {"title": "Organic cotton T-shirt", "description": "A soft T-shirt."},
                "fr": {"title": "T-shirt en coton bio", "description": "Un t-shirt doux."},
            },
            "option_names": {
                "color": {"en": "Colour", "fr": "Couleur"},
                "size": {"en": "Size", "fr": "Taille"},
            },
            "option_values": {"red": {"en": "red", "fr": "rouge"}, "blue": {"en": "blue", "fr": "bleu"}},
            "variants": [
                {
                    "id": f"{product_id}-red-m",
                    "options": {"color": "red", "size": "M"},
                    "price": "20.00",
                    "stock": stock,
                },
                {
                    "id": f"{product_id}-red-l",
                    "options": {"color": "red", "size": "L"},
                    "price": "22.00",
                    "stock": stock,
                },
                {
                    "id": f"{product_id}-blue-m",
                    "options": {"color": "blue", "size": "M"},
                    "price": "20.00",
                    "stock": 0,
                },
            ],
        }
    )


def customer(email: str = "ada@example.com", *, gift: str = "50.00", cid: str | None = None) -> CustomerInput:
    return CustomerInput(
        id=cid,
        first_name="Ada",
        last_name="Lovelace",
        email=email,
        address=AddressInput(address1="1 rue de la Paix", city="Lyon", country="FR", zip="69001"),
        payment_methods=[
            PaymentMethodInput(kind="credit_card", brand="visa", last_four="4242"),
            PaymentMethodInput(kind="gift_card", balance=Decimal(gift)),
            PaymentMethodInput(kind="paypal", paypal_email=email),
        ],
    )


def seed(
    db: Database, *, policy: MerchantPolicy | None = None, stock: int | None = 10
) -> tuple[ProductView, CustomerView]:
    with db.session() as s:
        save_settings(s, settings(policy))
        upsert_category(s, CategoryInput(id="clothing", names={"en": "Clothing", "fr": "Vêtements"}))
        product = create_product(s, tshirt(stock=stock))
        ada = create_customer(s, customer())
    return product, ada
