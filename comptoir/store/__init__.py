"""The store: its name, currency, languages, shipping options, taxes and merchant policy."""

from comptoir.store.schemas import MerchantPolicy, ShippingOption, StoreSettings, TaxSettings
from comptoir.store.service import get_settings, save_settings, shipping_option, tax_rate

__all__ = [
    "MerchantPolicy",
    "ShippingOption",
    "StoreSettings",
    "TaxSettings",
    "get_settings",
    "save_settings",
    "shipping_option",
    "tax_rate",
]
