"""What the bot says, from gettext message catalogs per language (``locales/<lang>.po``).

Each message has a key (the ``msgctxt``); ``key#2``, ``key#3``… are variants of the same message, one of
which is picked per turn so that the bot does not repeat itself word for word. A key missing in a
language falls back to English.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_currency

LOCALES = Path(__file__).parent / "locales"
BABEL_LOCALE = {"en": "en_IE", "fr": "fr_FR", "el": "el_GR", "ja": "ja_JP"}


@lru_cache(maxsize=16)
def catalog(language: str) -> dict[str, list[str]]:
    """Key -> its variants, in file order."""
    path = LOCALES / f"{language}.po"
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        po = read_po(fh)
    out: dict[str, list[str]] = {}
    for message in po:
        if not message.context or not message.id:
            continue
        text = message.string or (message.id if language == "en" else "")
        if not text:
            continue
        key = message.context.split("#", 1)[0]
        out.setdefault(key, []).append(str(text))
    return out


def has(key: str, language: str) -> bool:
    return key in catalog(language)


def text(key: str, language: str, *, seed: str = "", **values: object) -> str:
    variants = catalog(language).get(key) or catalog("en").get(key)
    if not variants:
        raise KeyError(f"no message '{key}'")
    pick = int(hashlib.sha256(f"{seed}:{key}".encode()).hexdigest(), 16) % len(variants)
    return variants[pick].format(**values)


def money(amount: Decimal, currency: str, language: str) -> str:
    return format_currency(amount, currency, locale=BABEL_LOCALE.get(language, language))


def day(value: date, language: str) -> str:
    return format_date(value, format="long", locale=BABEL_LOCALE.get(language, language))
