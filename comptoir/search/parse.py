"""Filters parsed from a shopper's words: price range and currency, colour, size, material, audience,
category, brand, in stock, on sale. Each match is cut out of the text, so what remains is the need."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from comptoir.search import lexicon
from comptoir.search.analysis import fold
from comptoir.search.schemas import SearchFilters

_NUM = r"(?:\d{1,3}(?:[ ,.]\d{3})+|\d+(?:[.,]\d{1,2})?)"
_SYM = r"[€$£¥]"


def _number(text: str) -> Decimal:
    text = text.replace(" ", "")
    if re.fullmatch(r"\d{1,3}([,.]\d{3})+", text):
        text = text.replace(",", "").replace(".", "")
    return Decimal(text.replace(",", "."))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(fold(w)) for w in sorted(set(words), key=len, reverse=True))


_CURRENCY_BY_WORD = {fold(w): code for code, words in lexicon.CURRENCIES.items() for w in words}
_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY"}
_CUR = "(?:" + _alternation(w for w in _CURRENCY_BY_WORD if w not in _SYMBOLS) + ")"
_AT_MOST = {fold(w) for w in lexicon.AT_MOST}
_BEFORE = re.compile(
    r"(?<!\w)(?P<w>"
    + _alternation(lexicon.AT_MOST + lexicon.AT_LEAST)
    + r")\s*(?P<s>"
    + _SYM
    + r")?\s*(?P<n>"
    + _NUM
    + r")\s*(?P<m>万|k)?\s*(?P<c>"
    + _CUR
    + r"|"
    + _SYM
    + r")?(?!\w)"
)
_BETWEEN = [
    re.compile(
        r"(?<!\w)"
        + re.escape(fold(a))
        + r"\s*(?P<s1>"
        + _SYM
        + r")?\s*(?P<n1>"
        + _NUM
        + r")\s*(?P<c1>"
        + _CUR
        + "|"
        + _SYM
        + r")?\s*"
        + re.escape(fold(b))
        + r"\s*(?P<s2>"
        + _SYM
        + r")?\s*(?P<n2>"
        + _NUM
        + r")\s*(?P<m>万)?\s*(?P<c2>"
        + _CUR
        + "|"
        + _SYM
        + r")?(?!\w)"
    )
    for a, b in lexicon.BETWEEN
]
_JA = re.compile(
    r"(?P<s>¥)?\s*(?P<n>"
    + _NUM
    + r")\s*(?P<m>万)?\s*(?P<c>円|ユーロ|ドル|€|\$)?\s*(?P<w>"
    + _alternation(lexicon.JA_AT_MOST + lexicon.JA_AT_LEAST)
    + ")"
)
_SIZE = re.compile(
    r"(?<!\w)(?:"
    + _alternation(lexicon.SIZE_WORDS)
    + r")\s*:?\s*(xxs|xs|s|m|l|xl|xxl|xxxl|\d{1,2}(?:[.,]5)?)(?!\w)"
    r"|(?<!\w)(xxs|xs|xl|xxl|xxxl)(?!\w)"
)


@dataclass
class Vocabulary:
    """Catalogue words in every language: folded phrase -> canonical value."""

    categories: dict[str, str] = field(default_factory=dict)
    brands: dict[str, str] = field(default_factory=dict)
    colors: dict[str, str] = field(default_factory=dict)
    materials: dict[str, str] = field(default_factory=dict)


def base_vocabulary() -> Vocabulary:
    vocab = Vocabulary()
    for canonical, words in lexicon.COLORS.items():
        for w in words:
            vocab.colors[fold(w)] = canonical
    for canonical, words in lexicon.MATERIALS.items():
        for w in words:
            vocab.materials[fold(w)] = canonical
    return vocab


def _find(text: str, phrases: Iterable[str]) -> list[tuple[str, int, int]]:
    """Whole-word matches (substring matches for Japanese) of phrases in folded text, longest first."""
    found = []
    taken: list[tuple[int, int]] = []
    for phrase in sorted(phrases, key=len, reverse=True):
        if not phrase:
            continue
        cjk = not phrase.isascii() and re.search(r"[\u3040-\u9fff]", phrase)
        pattern = re.escape(phrase) if cjk else r"(?<!\w)" + re.escape(phrase) + r"(?!\w)"
        for m in re.finditer(pattern, text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((phrase, m.start(), m.end()))
    return found


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return re.sub(r"\s+", " ", text).strip()


def _to_store(
    amount: Decimal, currency: str | None, store_currency: str, rates: dict[str, Decimal]
) -> Decimal | None:
    if currency is None or currency == store_currency:
        return amount
    rate = rates.get(currency)
    return None if not rate else (amount / rate).quantize(Decimal("0.01"))


def parse_filters(
    text: str, vocab: Vocabulary, *, store_currency: str = "EUR", rates: dict[str, Decimal] | None = None
) -> tuple[SearchFilters, str]:
    """The filters found in ``text`` and the text left once they are cut out (folded)."""
    rates = rates or {}
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    data: dict[str, object] = {}
    named_currency: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None

    for m in _SIZE.finditer(folded):
        size = (m.group(1) or m.group(2)).upper().replace(",", ".")
        sizes = data.setdefault("sizes", [])
        assert isinstance(sizes, list)
        sizes.append(size)
        spans.append(m.span())
    masked = _cut_keep_positions(folded, spans)

    def currency_of(*groups: str | None) -> str | None:
        for g in groups:
            if g:
                return _SYMBOLS.get(g) or _CURRENCY_BY_WORD.get(g)
        return None

    for pattern in _BETWEEN:
        for m in pattern.finditer(masked):
            mult = Decimal(10000) if m["m"] else Decimal(1)
            low, high = _number(m["n1"]) * mult, _number(m["n2"]) * mult
            named_currency = currency_of(m["s1"], m["c1"], m["s2"], m["c2"]) or named_currency
            spans.append(m.span())
    masked = _cut_keep_positions(folded, spans)
    for m in _BEFORE.finditer(masked):
        amount = _number(m["n"]) * (
            Decimal(10000) if m["m"] == "万" else Decimal(1000) if m["m"] == "k" else 1
        )
        named_currency = currency_of(m["s"], m["c"]) or named_currency
        if m["w"] in _AT_MOST:
            high = amount
        else:
            low = amount
        spans.append(m.span())
    masked = _cut_keep_positions(folded, spans)
    for m in _JA.finditer(masked):
        amount = _number(m["n"]) * (Decimal(10000) if m["m"] else 1)
        cur = m["c"] or ""
        named_currency = {"円": "JPY", "ユーロ": "EUR", "ドル": "USD", "€": "EUR", "$": "USD"}.get(cur) or (
            "JPY" if m["s"] else named_currency
        )
        if m["w"] in lexicon.JA_AT_MOST:
            high = amount
        else:
            low = amount
        spans.append(m.span())

    if low is not None or high is not None:
        converted_low = _to_store(low, named_currency, store_currency, rates) if low is not None else None
        converted_high = _to_store(high, named_currency, store_currency, rates) if high is not None else None
        if (low is not None and converted_low is None) or (high is not None and converted_high is None):
            data["currency"] = named_currency  # cannot convert: tell the shopper prices are in store currency
        else:
            data["price_min"], data["price_max"] = converted_low, converted_high
            if named_currency and named_currency != store_currency:
                data["currency"] = named_currency

    masked = _cut_keep_positions(folded, spans)
    kept: list[tuple[int, int]] = []  # colours and materials also stay in the text: products that do not
    for key, table in (("colors", vocab.colors), ("materials", vocab.materials)):  # have them as options
        for phrase, s, e in _find(masked, table):  # are matched on their words instead
            values = data.setdefault(key, [])
            assert isinstance(values, list)
            if table[phrase] not in values:
                values.append(table[phrase])
            kept.append((s, e))
        masked = _cut_keep_positions(folded, spans + kept)
    for canonical, words in lexicon.AUDIENCES.items():
        for _, s, e in _find(masked, [fold(w) for w in words]):
            data["audience"] = canonical
            spans.append((s, e))
    masked = _cut_keep_positions(folded, spans + kept)
    for flag, words in (("in_stock", lexicon.IN_STOCK), ("on_sale", lexicon.ON_SALE)):
        for _, s, e in _find(masked, [fold(w) for w in words]):
            data[flag] = True
            spans.append((s, e))
    masked = _cut_keep_positions(folded, spans + kept)
    for phrase, s, e in _find(masked, vocab.brands):
        brands = data.setdefault("brands", [])
        assert isinstance(brands, list)
        brands.append(vocab.brands[phrase])
        spans.append((s, e))
    masked = _cut_keep_positions(folded, spans + kept)
    category_hits = _find(masked, vocab.categories)
    if category_hits:
        phrase, s, e = category_hits[0]
        data["category_id"] = vocab.categories[phrase]
        spans.append((s, e))
    filters = SearchFilters.model_validate(data)
    return filters, _cut(folded, spans)


def _cut_keep_positions(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out matched spans without moving the other characters."""
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = " "
    return "".join(chars)
