"""The demo store's customers (fictional people)."""

from __future__ import annotations

from decimal import Decimal

from comptoir.customers import AddressInput, CustomerInput, PaymentMethodInput


def _person(
    cid: str,
    first: str,
    last: str,
    email: str,
    phone: str,
    language: str,
    address: AddressInput,
    methods: list[PaymentMethodInput],
) -> CustomerInput:
    return CustomerInput(
        id=cid,
        first_name=first,
        last_name=last,
        email=email,
        phone=phone,
        language=language,
        address=address,
        payment_methods=methods,
    )


DEMO_CUSTOMERS = [
    _person(
        "camille_durand_1042",
        "Camille",
        "Durand",
        "camille.durand@example.com",
        "+33 6 12 34 56 78",
        "fr",
        AddressInput(address1="18 rue Mercière", city="Lyon", country="FR", zip="69002"),
        [
            PaymentMethodInput(id="credit_card_4402981", kind="credit_card", brand="visa", last_four="4242"),
            PaymentMethodInput(id="gift_card_7710342", kind="gift_card", balance=Decimal("40.00")),
            PaymentMethodInput(id="paypal_3318820", kind="paypal", paypal_email="camille.durand@example.com"),
        ],
    ),
    _person(
        "giorgos_papadopoulos_2231",
        "Γιώργος",
        "Παπαδόπουλος",
        "giorgos.papadopoulos@example.com",
        "+30 690 000 0000",
        "el",
        AddressInput(address1="Ερμού 25", city="Αθήνα", country="GR", zip="10557"),
        [
            PaymentMethodInput(
                id="credit_card_5520114", kind="credit_card", brand="mastercard", last_four="5454"
            ),
            PaymentMethodInput(id="gift_card_6630018", kind="gift_card", balance=Decimal("25.00")),
        ],
    ),
    _person(
        "misaki_sato_3307",
        "美咲",
        "佐藤",
        "misaki.sato@example.com",
        "+81 90 0000 0000",
        "ja",
        AddressInput(address1="神宮前 1-2-3", city="渋谷区", state="東京都", country="JP", zip="150-0001"),
        [
            PaymentMethodInput(id="credit_card_8902317", kind="credit_card", brand="visa", last_four="8902"),
            PaymentMethodInput(id="paypal_9904512", kind="paypal", paypal_email="misaki.sato@example.com"),
        ],
    ),
    _person(
        "emma_wilson_4518",
        "Emma",
        "Wilson",
        "emma.wilson@example.com",
        "+353 85 000 0000",
        "en",
        AddressInput(address1="14 Merrion Square", city="Dublin", country="IE", zip="D02 VK60"),
        [
            PaymentMethodInput(id="credit_card_3776001", kind="credit_card", brand="amex", last_four="0005"),
            PaymentMethodInput(id="gift_card_1208873", kind="gift_card", balance=Decimal("100.00")),
        ],
    ),
    _person(
        "lucas_martin_5120",
        "Lucas",
        "Martin",
        "lucas.martin@example.com",
        "+33 7 00 00 00 00",
        "fr",
        AddressInput(address1="42 boulevard Voltaire", city="Paris", country="FR", zip="75011"),
        [
            PaymentMethodInput(
                id="credit_card_6011553", kind="credit_card", brand="mastercard", last_four="1881"
            ),
            PaymentMethodInput(id="paypal_2201944", kind="paypal", paypal_email="lucas.martin@example.com"),
        ],
    ),
    _person(
        "eleni_nikolaou_6675",
        "Ελένη",
        "Νικολάου",
        "eleni.nikolaou@example.com",
        "+30 694 000 0000",
        "el",
        AddressInput(address1="Τσιμισκή 40", city="Θεσσαλονίκη", country="GR", zip="54623"),
        [
            PaymentMethodInput(id="credit_card_4020776", kind="credit_card", brand="visa", last_four="3310"),
            PaymentMethodInput(id="gift_card_5549901", kind="gift_card", balance=Decimal("60.00")),
        ],
    ),
]
