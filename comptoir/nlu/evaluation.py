"""Evaluation on data we did not write: the Bitext customer-support set (English, 27 intents) and the
hand-written test sets of ``shared/research/nlu-deps.md`` Appendix A (shipped as ``data/appendix_a.json``).

Bitext's intents are mapped to ours by :data:`BITEXT_MAPPING`: each mapped intent has a primary counterpart
and the other intents of ours that are also a right reading of its messages (Bitext's "change shipping
address" is either changing an order's address or the saved one). Intents with no counterpart (account
management, invoices, newsletter, reviews, cancellation fees) are excluded, and the coverage says how much
that leaves.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from comptoir.nlu.classifier import IntentModel
from comptoir.nlu.langid import detect_language
from comptoir.nlu.understand import default_model, understand

__all__ = [
    "APPENDIX_MAPPING",
    "APPENDIX_PATH",
    "BITEXT_EXCLUDED",
    "BITEXT_MAPPING",
    "AppendixReport",
    "BitextReport",
    "LanguageIdReport",
    "evaluate_appendix",
    "evaluate_bitext",
    "evaluate_language_id",
]

APPENDIX_PATH = Path(__file__).parent / "data" / "appendix_a.json"

# bitext intent -> (our primary intent, other acceptable intents)
BITEXT_MAPPING: dict[str, tuple[str, frozenset[str]]] = {
    "cancel_order": ("cancel_order", frozenset()),
    "change_order": ("modify_order_items", frozenset()),
    "change_shipping_address": ("modify_order_address", frozenset({"change_default_address"})),
    "set_up_shipping_address": ("change_default_address", frozenset({"modify_order_address"})),
    "check_payment_methods": ("payment_info", frozenset()),
    "payment_issue": ("payment_info", frozenset({"modify_order_payment", "complaint"})),
    "check_refund_policy": ("returns_policy", frozenset()),
    "get_refund": ("return_items", frozenset({"returns_policy"})),
    "track_refund": ("return_items", frozenset({"returns_policy", "order_status"})),
    "complaint": ("complaint", frozenset()),
    "contact_customer_service": ("human_agent", frozenset({"store_info"})),
    "contact_human_agent": ("human_agent", frozenset()),
    "delivery_options": ("shipping_info", frozenset()),
    "delivery_period": ("shipping_info", frozenset({"order_status"})),
    "place_order": ("checkout", frozenset({"add_to_cart", "search_product"})),
    "track_order": ("order_status", frozenset()),
}
BITEXT_EXCLUDED: dict[str, str] = {
    "create_account": "accounts are the merchant site's, not the assistant's",
    "delete_account": "accounts",
    "edit_account": "accounts",
    "recover_password": "accounts",
    "registration_problems": "accounts",
    "switch_account": "accounts (plan tiers)",
    "check_invoice": "invoices",
    "get_invoice": "invoices",
    "newsletter_subscription": "newsletter",
    "review": "feedback / reviews",
    "check_cancellation_fee": "no cancellation fees in our policy",
}

# Appendix A CHAT label -> our acceptable intents ("discount" has no counterpart)
APPENDIX_MAPPING: dict[str, frozenset[str]] = {
    "order_status": frozenset({"order_status"}),
    "return": frozenset({"return_items", "returns_policy", "exchange_items"}),
    "shipping": frozenset({"shipping_info"}),
    "availability": frozenset({"check_availability", "refine_search"}),
    "payment": frozenset({"payment_info", "modify_order_payment", "checkout"}),
    "greeting": frozenset({"greet"}),
    "cancel": frozenset({"cancel_order"}),
    "agent": frozenset({"human_agent"}),
    "search": frozenset({"search_product", "refine_search"}),
}


@dataclass
class BitextReport:
    rows: int
    mapped_rows: int
    intents_mapped: int
    intents_total: int
    accuracy: float  # predicted intent in the accepted set
    strict_accuracy: float  # predicted intent == primary counterpart
    per_intent: dict[str, float]
    confusions: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        return self.mapped_rows / self.rows if self.rows else 0.0


def evaluate_bitext(csv_path: Path | str, *, model: IntentModel | None = None) -> BitextReport:
    """Intent accuracy of the classifier on a Bitext CSV (columns ``instruction`` and ``intent``)."""
    model = model or default_model()
    rows = 0
    hits = strict = 0
    per: dict[str, list[bool]] = defaultdict(list)
    confusions: Counter[tuple[str, str]] = Counter()
    intents_seen: set[str] = set()
    with Path(csv_path).open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows += 1
            intents_seen.add(row["intent"])
            mapping = BITEXT_MAPPING.get(row["intent"])
            if mapping is None:
                continue
            primary, others = mapping
            predicted = model.rank(row["instruction"], "en", top=1)[0][0]
            ok = predicted == primary or predicted in others
            hits += ok
            strict += predicted == primary
            per[row["intent"]].append(ok)
            if not ok:
                confusions[(row["intent"], predicted)] += 1
    mapped = sum(len(v) for v in per.values())
    return BitextReport(
        rows=rows,
        mapped_rows=mapped,
        intents_mapped=len([i for i in intents_seen if i in BITEXT_MAPPING]),
        intents_total=len(intents_seen),
        accuracy=round(hits / mapped, 4) if mapped else 0.0,
        strict_accuracy=round(strict / mapped, 4) if mapped else 0.0,
        per_intent={k: round(sum(v) / len(v), 4) for k, v in sorted(per.items())},
        confusions=[(a, b, n) for (a, b), n in confusions.most_common(12)],
    )


def _appendix() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(APPENDIX_PATH.read_text("utf-8"))
    return data


@dataclass
class AppendixReport:
    accuracy: dict[str, float]  # per language, mapped labels (27 messages each)
    language_accuracy: dict[str, float]  # language id of the same messages
    discount: dict[str, list[str]]  # what the 3 "discount" messages per language were taken for
    misses: list[tuple[str, str, str, str]] = field(
        default_factory=list
    )  # (language, text, label, predicted)


def evaluate_appendix(
    *, model: IntentModel | None = None, languages: Sequence[str] = ("en", "fr", "el", "ja")
) -> AppendixReport:
    """Appendix A's CHAT set through :func:`understand` (language detected, no previous language)."""
    data = _appendix()
    labels: list[str] = data["chat_intents"]
    model = model or default_model()
    accuracy: dict[str, float] = {}
    lang_acc: dict[str, float] = {}
    discount: dict[str, list[str]] = {}
    misses: list[tuple[str, str, str, str]] = []
    for language, messages in data["chat"].items():
        if language not in languages:
            continue
        ok = total = lang_ok = 0
        discount[language] = []
        for text, label in zip(messages, labels, strict=True):
            result = understand(text, languages=languages, model=model)
            lang_ok += result.language == language
            if label not in APPENDIX_MAPPING:
                discount[language].append(result.intent)
                continue
            total += 1
            hit = result.intent in APPENDIX_MAPPING[label]
            ok += hit
            if not hit:
                misses.append((language, text, label, result.intent))
        accuracy[language] = round(ok / total, 4) if total else 0.0
        lang_acc[language] = round(lang_ok / len(messages), 4)
    return AppendixReport(accuracy, lang_acc, discount, misses)


@dataclass
class LanguageIdReport:
    monolingual: dict[str, float]  # CHAT + the product needs, 70 messages per language
    mixed: float
    greeklish: float
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (expected, text, detected)


def evaluate_language_id(languages: Sequence[str] = ("en", "fr", "el", "ja")) -> LanguageIdReport:
    """Language identification on Appendix A's sets (no previous language: the first message of a chat)."""
    data = _appendix()
    order = ["en", "fr", "el", "ja"]
    per: dict[str, list[bool]] = defaultdict(list)
    misses: list[tuple[str, str, str]] = []

    def check(expected: str, text: str, bucket: str) -> None:
        got = detect_language(text, allowed=languages).language
        per[bucket].append(got == expected)
        if got != expected:
            misses.append((expected, text, got))

    for language, messages in data["chat"].items():
        for text in messages:
            check(language, text, language)
    for product in data["products"]:
        for language, text in zip(order, product[1:], strict=True):
            check(language, text, language)
    for language, text in data["mixed"]:
        check(language, text, "mixed")
    for text in data["greeklish"]:
        check("el", text, "greeklish")

    def rate(bucket: str) -> float:
        values = per[bucket]
        return round(sum(values) / len(values), 4) if values else 0.0

    return LanguageIdReport({lang: rate(lang) for lang in order}, rate("mixed"), rate("greeklish"), misses)
