"""The demo store's settings."""

from __future__ import annotations

from decimal import Decimal

from comptoir.store import MerchantPolicy, ShippingOption, StoreSettings, TaxSettings

EU = ["FR", "BE", "DE", "ES", "IT", "NL", "PT", "IE", "AT", "GR", "LU", "DK", "SE", "FI", "PL", "CZ"]

DEMO_SETTINGS = StoreSettings(
    name="La Petite Boutique",
    currency="EUR",
    languages=["en", "fr", "el", "ja"],
    timezone="Europe/Paris",
    country="FR",
    shipping_options=[
        ShippingOption(
            id="standard",
            names={
                "en": "Standard delivery",
                "fr": "Livraison standard",
                "el": "Κανονική αποστολή",
                "ja": "通常配送",
            },
            price=Decimal("4.90"),
            min_days=3,
            max_days=5,
            free_above=Decimal("60"),
            countries=EU,
        ),
        ShippingOption(
            id="express",
            names={
                "en": "Express delivery",
                "fr": "Livraison express",
                "el": "Ταχεία αποστολή",
                "ja": "速達",
            },
            price=Decimal("9.90"),
            min_days=1,
            max_days=2,
            countries=EU,
        ),
        ShippingOption(
            id="pickup",
            names={
                "en": "Click & Collect in Lyon",
                "fr": "Retrait en boutique à Lyon",
                "el": "Παραλαβή από το κατάστημα στη Λυών",
                "ja": "リヨン店舗で受け取り",
            },
            price=Decimal("0"),
            min_days=0,
            max_days=0,
            countries=["FR"],
        ),
        ShippingOption(
            id="international",
            names={"en": "International", "fr": "International", "el": "Διεθνής αποστολή", "ja": "国際配送"},
            price=Decimal("14.90"),
            min_days=5,
            max_days=10,
            countries=["GB", "CH", "NO", "JP"],
        ),
    ],
    tax=TaxSettings(
        prices_include_tax=True,
        default_rate=Decimal("0.20"),
        rates={
            "FR": Decimal("0.20"),
            "BE": Decimal("0.21"),
            "DE": Decimal("0.19"),
            "ES": Decimal("0.21"),
            "IT": Decimal("0.22"),
            "NL": Decimal("0.21"),
            "PT": Decimal("0.23"),
            "IE": Decimal("0.23"),
            "AT": Decimal("0.20"),
            "GR": Decimal("0.24"),
            "LU": Decimal("0.17"),
            "DK": Decimal("0.25"),
            "SE": Decimal("0.25"),
            "FI": Decimal("0.255"),
            "PL": Decimal("0.23"),
            "CZ": Decimal("0.21"),
            "GB": Decimal("0.20"),
            "CH": Decimal("0.081"),
            "NO": Decimal("0.25"),
            "JP": Decimal("0.10"),
        },
    ),
    policy=MerchantPolicy(),
    exchange_rates={
        "USD": Decimal("1.08"),
        "GBP": Decimal("0.85"),
        "JPY": Decimal("160"),
        "CHF": Decimal("0.94"),
    },
)
