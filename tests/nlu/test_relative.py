"""Relative option wishes ("one size bigger", "less bright", "the same colour") as ``relative`` entities."""

from __future__ import annotations

import pytest

from comptoir.nlu import extract_entities


def _wish(attribute: str, direction: str, steps: int = 1) -> dict[str, object]:
    return {"attribute": attribute, "direction": direction, "steps": 0 if direction == "same" else steps}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "the same keyboard but one size bigger", [_wish("size", "up")]),
        ("en", "two sizes down please", [_wish("size", "down", 2)]),
        ("en", "same colour, but less bright", [_wish("color", "same"), _wish("brightness", "down")]),
        ("en", "anything cheaper?", [_wish("price", "down")]),
        ("en", "one with a bigger screen", [_wish("screen size", "up")]),
        ("fr", "une taille au-dessus", [_wish("size", "up")]),
        ("fr", "la même couleur mais moins lumineuse", [_wish("color", "same"), _wish("brightness", "down")]),
        ("fr", "vous l'avez en plus petit ?", [_wish("size", "down")]),
        ("el", "ένα νούμερο μεγαλύτερο", [_wish("size", "up")]),
        ("el", "στο ίδιο χρώμα αλλά πιο φθηνό", [_wish("color", "same"), _wish("price", "down")]),
        ("el", "κάτι λιγότερο φωτεινό", [_wish("brightness", "down")]),
        ("ja", "ワンサイズ大きいのを同じ色で", [_wish("size", "up"), _wish("color", "same")]),
        ("ja", "1サイズ下に交換したい", [_wish("size", "down")]),
        ("ja", "もう少し安いのはありますか", [_wish("price", "down")]),
        ("ja", "もっと明るいデスクライト", [_wish("brightness", "up")]),
    ],
)
def test_relative_wishes(language: str, text: str, expected: list[dict[str, object]]) -> None:
    found = [e.value for e in extract_entities(text, language) if e.label == "relative"]
    assert found == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "the cheaper one"), ("en", "the cheapest"), ("fr", "le moins cher"), ("el", "το φθηνότερο"),
     ("ja", "一番安いの")],
)  # fmt: skip
def test_a_superlative_stays_an_ordinal(language: str, text: str) -> None:
    labels = [e.label for e in extract_entities(text, language)]
    assert labels == ["ordinal"]


def test_no_wish_in_plain_requests() -> None:
    for language, text in [("en", "where is my order"), ("fr", "je cherche un pull bleu"),
                           ("el", "θέλω ένα σακίδιο"), ("ja", "高いです")]:  # fmt: skip
        assert [e for e in extract_entities(text, language) if e.label == "relative"] == []
