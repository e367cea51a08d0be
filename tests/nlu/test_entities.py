"""Each extractor in the four languages: (language, message, label, value, surface text)."""

from __future__ import annotations

from typing import Any

import pytest

from comptoir.nlu import extract_entities

CASES: list[tuple[str, str, str, Any, str]] = [
    # e-mails and order ids
    ("en", "my email is Jane.Doe@Example.com", "email", "jane.doe@example.com", "Jane.Doe@Example.com"),
    ("ja", "メールはhanako.y@example.jpです", "email", "hanako.y@example.jp", "hanako.y@example.jp"),
    ("en", "where is order #W2378156", "order_id", "#W2378156", "#W2378156"),
    ("fr", "ma commande W4817290 n'est pas arrivée", "order_id", "#W4817290", "W4817290"),
    ("el", "πού είναι η παραγγελία 10482", "order_id", "#10482", "10482"),
    ("ja", "注文番号1042の状況", "order_id", "#1042", "1042"),
    ("ja", "＃Ｗ２３７８１５６", "order_id", "#W2378156", "＃Ｗ２３７８１５６"),
    # names and zips
    ("en", "John Smith 10083", "first_name", "John", "John"),
    ("en", "John Smith 10083", "last_name", "Smith", "Smith"),
    ("en", "John Smith 10083", "zip", "10083", "10083"),
    ("fr", "je m'appelle Marie Dupont", "last_name", "Dupont", "Dupont"),
    ("el", "Μαρία Παπαδοπούλου 10557", "first_name", "Μαρία", "Μαρία"),
    ("el", "Μαρία Παπαδοπούλου 10557", "zip", "10557", "10557"),
    ("ja", "山田花子 150-0001", "last_name", "山田", "山田"),
    ("ja", "山田花子 150-0001", "first_name", "花子", "花子"),
    ("ja", "山田花子 150-0001", "zip", "150-0001", "150-0001"),
    ("fr", "code postal 69002", "zip", "69002", "69002"),
    ("en", "postcode SW1A 1AA", "zip", "SW1A 1AA", "SW1A 1AA"),
    # quantities
    ("en", "I'll take two white t-shirts", "quantity", 2, "two"),
    ("fr", "deux t-shirts blancs", "quantity", 2, "deux"),
    ("el", "δύο λευκά μπλουζάκια", "quantity", 2, "δύο"),
    ("ja", "白いTシャツ 2枚", "quantity", 2, "2枚"),
    ("ja", "二つください", "quantity", 2, "二つ"),
    ("en", "make it 3", "quantity", 3, "3"),
    # ordinals and references
    ("en", "the second one", "ordinal", {"ordinal": 2}, "the second one"),
    ("fr", "le deuxième", "ordinal", {"ordinal": 2}, "le deuxième"),
    ("el", "το δεύτερο", "ordinal", {"ordinal": 2}, "το δεύτερο"),
    ("ja", "2番目のやつ", "ordinal", {"ordinal": 2}, "2番目のやつ"),
    ("en", "the last one", "ordinal", {"ordinal": -1}, "the last one"),
    ("en", "the cheaper one", "ordinal", {"superlative": "cheapest"}, "the cheaper one"),
    ("fr", "le moins cher", "ordinal", {"superlative": "cheapest"}, "le moins cher"),
    ("el", "το φθηνότερο", "ordinal", {"superlative": "cheapest"}, "το φθηνότερο"),
    ("ja", "一番安いの", "ordinal", {"superlative": "cheapest"}, "一番安い"),
    # prices
    ("en", "under 100", "price_max", {"amount": "100", "currency": ""}, "100"),
    ("fr", "moins de 100 €", "price_max", {"amount": "100", "currency": "EUR"}, "100 €"),
    ("el", "κάτω από 100 ευρώ", "price_max", {"amount": "100", "currency": "EUR"}, "100 ευρώ"),
    ("ja", "1万円以下", "price_max", {"amount": "10000", "currency": "JPY"}, "1万円"),
    ("en", "between $20 and $40", "price_min", {"amount": "20", "currency": "USD"}, "$20"),
    ("fr", "à partir de 50 €", "price_min", {"amount": "50", "currency": "EUR"}, "50 €"),
    # colours, sizes, materials, features
    ("en", "red leather sneakers size 42", "color", "red", "red"),
    ("en", "red leather sneakers size 42", "material", "leather", "leather"),
    ("en", "red leather sneakers size 42", "size", "42", "42"),
    ("fr", "baskets noires pointure 42", "color", "black", "noires"),
    ("el", "ΜΑΥΡΑ αθλητικά νούμερο 42", "color", "black", "ΜΑΥΡΑ"),
    ("ja", "黒いスニーカー 27cm", "size", "27", "27"),
    ("ja", "Mサイズの赤いワンピース", "size", "M", "M"),
    ("fr", "un casque sans fil", "feature", "wireless", "sans fil"),
    ("en", "a mechanical keyboard with clicky switches", "feature", "clicky", "clicky switches"),
    ("en", "bagless vacuum cleaner", "feature", "bagless", "bagless"),
    # product types map to one English concept
    ("en", "looking for trainers", "product_type", "sneakers", "trainers"),
    ("fr", "des baskets", "product_type", "sneakers", "baskets"),
    ("el", "αθλητικά παπούτσια", "product_type", "sneakers", "αθλητικά παπούτσια"),
    ("ja", "スニーカー", "product_type", "sneakers", "スニーカー"),
    ("en", "a plain tee", "product_type", "t-shirt", "tee"),
    ("el", "λευκό μπλουζάκι", "product_type", "t-shirt", "μπλουζάκι"),
    ("ja", "白いTシャツ", "product_type", "t-shirt", "Tシャツ"),
    ("fr", "casque audio", "product_type", "headphones", "casque audio"),
    ("el", "ασύρματα ακουστικά", "product_type", "headphones", "ακουστικά"),
    ("ja", "ワイヤレスヘッドホン", "product_type", "headphones", "ヘッドホン"),
    ("en", "a mechanical keyboard", "product_type", "mechanical keyboard", "mechanical keyboard"),
    ("en", "water bottle", "product_type", "water bottle", "water bottle"),
    ("fr", "une chaise de bureau", "product_type", "office chair", "chaise de bureau"),
    ("ja", "赤い革のハンドバッグ", "product_type", "handbag", "ハンドバッグ"),
    # payment methods
    ("en", "my visa ending 8902", "payment_method", {"kind": "credit_card", "brand": "visa", "last_four": "8902"}, "my visa ending 8902"),
    ("fr", "ma carte cadeau", "payment_method", {"kind": "gift_card"}, "ma carte cadeau"),
    ("el", "το PayPal μου", "payment_method", {"kind": "paypal"}, "το PayPal μου"),
    ("ja", "末尾8902のカード", "payment_method", {"kind": "credit_card", "last_four": "8902"}, "末尾8902のカード"),
    ("ja", "2枚目のカード", "payment_method", {"kind": "credit_card", "ordinal": 2}, "2枚目のカード"),
    # cancellation and return reasons
    ("en", "cancel it, I ordered by mistake", "reason", {"return": "other-reason", "cancel": "ordered by mistake"}, "I ordered by mistake"),
    ("fr", "je n'en ai plus besoin", "reason", {"return": "changed-my-mind", "cancel": "no longer needed"}, "je n'en ai plus besoin"),
    ("el", "το παρήγγειλα κατά λάθος", "reason", {"return": "other-reason", "cancel": "ordered by mistake"}, "το παρήγγειλα κατά λάθος"),
    ("ja", "間違えて注文した", "reason", {"return": "other-reason", "cancel": "ordered by mistake"}, "間違えて注文した"),
    ("en", "return them, they're too small", "reason", {"return": "too-small", "cancel": "other"}, "too small"),
    ("fr", "arrivé cassé", "reason", {"return": "damaged-or-defective", "cancel": "other"}, "arrivé cassé"),
    ("el", "ήρθε χαλασμένο", "reason", {"return": "damaged-or-defective", "cancel": "other"}, "ήρθε χαλασμένο"),
    ("ja", "届いた商品が注文と違う", "reason", {"return": "received-the-wrong-item", "cancel": "other"}, "届いた商品が注文と違う"),
    # one-time codes
    ("en", "the code is 482913", "code", "482913", "482913"),
    ("ja", "認証コード３１４１５９", "code", "314159", "３１４１５９"),
    ("el", "ο κωδικός είναι 482913", "code", "482913", "482913"),
    ("fr", "code : 067341", "code", "067341", "067341"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "text", "label", "value", "surface"), CASES)
def test_entity(language: str, text: str, label: str, value: Any, surface: str) -> None:
    found = [(e.label, e.value, e.text) for e in extract_entities(text, language)]
    assert (label, value, surface) in found
    for e in extract_entities(text, language):
        assert text[e.start : e.end] == e.text


@pytest.mark.parametrize(
    ("language", "text"), [("en", "yes"), ("fr", "oui"), ("el", "ναι"), ("ja", "はい"), ("en", "no thanks")]
)
def test_yes_and_no_are_not_entities(language: str, text: str) -> None:
    assert extract_entities(text, language) == []


def test_brands_come_from_the_catalogue() -> None:
    found = extract_entities("do you stock Sonora headphones", "en", brands=["Sonora", "Nordvik"])
    assert ("brand", "Sonora") in [(e.label, e.value) for e in found]


def test_prices_agree_with_the_search_parser() -> None:
    from comptoir.search.parse import base_vocabulary, parse_filters  # tests may look inside search

    vocab = base_vocabulary()
    for language, text, store_currency in [
        ("en", "under 100", "EUR"),
        ("fr", "moins de 100 €", "EUR"),
        ("el", "κάτω από 100 ευρώ", "EUR"),
        ("ja", "5000円以下", "JPY"),
        ("en", "at least 30 euros", "EUR"),
    ]:
        filters, _ = parse_filters(text, vocab, store_currency=store_currency)
        ours = {e.label: e.value for e in extract_entities(text, language)}
        search = {"price_max": filters.price_max, "price_min": filters.price_min}
        for label, value in ours.items():
            assert isinstance(value, dict)
            assert str(search[label]) == value["amount"], (text, search, ours)
