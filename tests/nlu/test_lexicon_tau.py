"""The commerce lexicon covers the τ² retail store (an English-only catalogue): every product type and every
word-valued option, so that a French, Greek or Japanese shopper describing one of its items is matched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from comptoir.nlu import default_lexicon, extract_entities

TAU_DB = Path(__file__).parent.parent / "data" / "tau2" / "db.json"
LANGUAGES = ("fr", "el", "ja")
# Option values that are no words of a language: sizes (the size extractor), degrees and yes/no that only
# make sense next to their option name, sample brands, plugs.
NOT_WORDS = frozenset(
    {"s", "m", "l", "xs", "xl", "xxl", "yes", "no", "none", "not resistant", "brand a", "brand b", "brand c",
     "high", "low", "medium", "small", "large", "light", "dark", "basic", "professional", "standard", "battery",
     "usb", "usb-a", "men", "women", "unisex", "gray", "hepa filter"}
)  # fmt: skip
VALUE_KINDS = ("colors", "materials", "features")
LABELS = {"colors": "color", "materials": "material", "features": "feature"}


def _products() -> list[dict[str, object]]:
    return list(json.loads(TAU_DB.read_text("utf-8"))["products"].values())


def _product_types() -> list[str]:
    return sorted({str(p["name"]).lower() for p in _products()})


def _option_values() -> list[str]:
    values: set[str] = set()
    for product in _products():
        for variant in product["variants"].values():  # type: ignore[attr-defined]
            values.update(str(v).lower() for v in variant["options"].values())
    return sorted(v for v in values if not any(ch.isdigit() for ch in v) and v not in NOT_WORDS)


def test_the_tau_catalogue_is_there() -> None:
    assert len(_product_types()) == 50
    assert "clicky" in _option_values()


@pytest.mark.parametrize("product_type", _product_types())
def test_every_tau_product_type_has_native_words(product_type: str) -> None:
    lexicon = default_lexicon()
    for language in LANGUAGES:
        forms = lexicon.forms("product_types", product_type, language)
        assert forms, f"{product_type!r} has no {language} words"
        found = [
            (e.label, e.value) for e in extract_entities(forms[0], language) if e.label == "product_type"
        ]
        assert found == [("product_type", product_type)], (language, forms[0], found)


@pytest.mark.parametrize("value", _option_values())
def test_every_tau_option_value_has_native_words(value: str) -> None:
    lexicon = default_lexicon()
    kind = next((k for k in VALUE_KINDS if value in lexicon.raw[k]), None)
    assert kind is not None, f"option value {value!r} is in no lexicon entry"
    for language in LANGUAGES:
        forms = lexicon.forms(kind, value, language)
        assert forms, f"{value!r} has no {language} words"
        found = {form: [(e.label, e.value) for e in extract_entities(form, language)] for form in forms}
        assert any((LABELS[kind], value) in f for f in found.values()), (language, found)


@pytest.mark.parametrize(
    ("language", "text", "label", "value"),
    [
        ("en", "a glass water bottle", "material", "glass"),
        ("en", "polarized glasses", "product_type", "glasses"),
        ("el", "ένα μεγάλο σακίδιο", "product_type", "backpack"),
        ("el", "ένα μπλε σακάκι", "product_type", "jacket"),
        ("el", "θέλω αθλητικό μπουστάκι", "product_type", "sports bra"),
        ("ja", "ワイヤレスイヤホンの白", "product_type", "wireless earbuds"),
        ("ja", "赤いスニーカー", "product_type", "sneakers"),
        ("fr", "une ampoule blanc chaud", "feature", "warm white"),
        ("el", "σκούπα χωρίς καλώδιο", "feature", "cordless"),
        ("ja", "ハーフジップのフリース", "feature", "half"),
        ("el", "συνθετικά αθλητικά", "material", "synthetic"),
        ("ja", "天然ゴムのヨガマット", "material", "natural rubber"),
    ],
)
def test_catalogue_words_in_sentences(language: str, text: str, label: str, value: str) -> None:
    found = [(e.label, e.value) for e in extract_entities(text, language)]
    assert (label, value) in found, found
