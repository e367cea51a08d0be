"""A synthetic, multilingual catalogue of any size, for load tests, search tuning and demos.

``generate_catalog(n, out)`` writes a JSON-lines file that ``run_import(db, "json", out)`` reads:

* line 1: ``{"categories": [CategoryInput...]}``, the eight top-level categories of the demo data
  (same ids: clothing, shoes, bags, sports, electronics, home, beauty, toys);
* lines 2 to n+1: one ProductInput each, with ids ``g<seed>-0000001``...

Products are built from the word lists of ``generator_words`` and ``generator_types``: a brand, an
adjective agreeing with the product type's noun in French and Greek, a material (or an ingredient), an
audience, two feature sentences; 1 to 6 variants differing by colour, size, capacity...; prices, sales,
stock. Product ``i`` depends only on ``(seed, i)``: the output is deterministic, and the first lines of a
larger catalogue are the same as a smaller one's. The file is written in a stream (constant memory) to a
temporary name, then renamed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from comptoir.catalog.generator_types import DIMENSIONS, MATERIAL_NAMES, PRODUCT_TYPES, ProductType
from comptoir.catalog.generator_words import (
    AUDIENCES,
    AUDIENCES_EL,
    BRANDS,
    CATEGORIES,
    FEATURES,
    LANGUAGES,
    MATERIALS,
    Adjective,
    Material,
    Noun,
    adjectives_for,
    greek_form,
)
from comptoir.core.errors import InvalidInput

ADJECTIVES_BY_CATEGORY = {category: adjectives_for(category) for category in CATEGORIES}
_SMALL_WORDS = {"de", "of", "and", "with"}
_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _title_case(text: str) -> str:
    return " ".join(word if word in _SMALL_WORDS else _cap(word) for word in text.split())


def _titles(noun: Noun, adj: Adjective, mat: Material, brand: str, audience: str) -> dict[str, str]:
    aud = AUDIENCES.get(audience)
    en_parts = [brand, aud["en"] if aud else "", _cap(adj.en), mat.en, _title_case(noun.en)]
    fr_audience = f" {aud['fr']}" if aud else ""
    el_audience = f"{greek_form(AUDIENCES_EL[audience], noun)} " if aud else ""
    ja_audience = f"{aud['ja']} " if aud else ""
    return {
        "en": " ".join(p for p in en_parts if p),
        "fr": f"{_cap(noun.fr)} {adj.french(noun)} {mat.fr}{fr_audience} – {brand}",
        "el": _cap(f"{el_audience}{adj.greek(noun)} {noun.el} {brand} {mat.el}"),
        "ja": f"{brand} {ja_audience}{adj.ja} {mat.ja}{noun.ja}",
    }


def _descriptions(
    noun: Noun, adj: Adjective, mat: Material, brand: str, features: list[dict[str, str]]
) -> dict[str, str]:
    article = "" if noun.en_plural else ("an " if adj.en[0] in "aeiou" else "a ")
    fr_article = "Des" if noun.fr_plural else ("Une" if noun.fr_gender == "f" else "Un")
    return {
        "en": _cap(f"{article}{adj.en} {noun.en} {mat.en_phrase} by {brand}. ")
        + " ".join(f["en"] for f in features),
        "fr": f"{fr_article} {noun.fr} {adj.french(noun)} {mat.fr}, de la marque {brand}. "
        + " ".join(f["fr"] for f in features),
        "el": _cap(f"{adj.greek(noun)} {noun.el} {mat.el}, της μάρκας {brand}. ")
        + " ".join(f["el"] for f in features),
        "ja": f"{brand}の{adj.ja_attr}{mat.ja}{noun.ja}。" + "".join(f["ja"] for f in features),
    }


def _choose_values(rng: random.Random, ptype: ProductType, wanted: int) -> list[list[tuple[str, int]]]:
    """For each dimension of the type, the values its variants take, with their rank (for price steps)."""
    chosen: list[list[tuple[str, int]]] = []
    remaining = wanted
    for n, key in enumerate(ptype.options):
        values = DIMENSIONS[key].values
        last = n == len(ptype.options) - 1
        count = max(1, min(len(values), remaining if last else rng.randint(1, min(3, remaining))))
        if key == "color":
            ranks = sorted(rng.sample(range(len(values)), count))
        else:
            start = rng.randint(0, len(values) - count)
            ranks = list(range(start, start + count))
        chosen.append([(values[r], r) for r in ranks])
        remaining = max(1, remaining // count)
    return chosen


def _price(value: float) -> str:
    return f"{max(1, round(value)) - 0.01:.2f}"


def _variants(rng: random.Random, ptype: ProductType, product_id: str, sku: str, material: str) -> list[Any]:
    combos: list[list[tuple[str, str, int]]] = [[]]
    for key, values in zip(ptype.options, _choose_values(rng, ptype, rng.randint(1, 6)), strict=True):
        combos = [[*c, (key, v, r)] for c in combos for v, r in values][:6]
    base = rng.uniform(*ptype.price)
    markup = rng.choice((1.2, 1.25, 1.3, 1.5)) if rng.random() < 0.15 else None
    variants = []
    for j, combo in enumerate(combos, start=1):
        factor = 1.0
        options: dict[str, str] = {}
        for key, value, rank in combo:
            options[DIMENSIONS[key].key] = value
            factor *= 1 + DIMENSIONS[key].step * rank
        if ptype.material_option:
            options["material"] = material
        price = _price(base * factor)
        roll = rng.random()
        stock = None if roll < 0.15 else (0 if roll < 0.25 else rng.randint(1, 120))
        variants.append(
            {
                "id": f"{product_id}-{j}",
                "sku": f"{sku}-{j}",
                "options": options,
                "price": price,
                "compare_at_price": f"{round(float(price) * markup):.2f}" if markup else None,
                "available": rng.random() >= 0.02,
                "stock": stock,
            }
        )
    return variants


def _option_labels(
    ptype: ProductType, variants: list[Any], material: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    names: dict[str, dict[str, str]] = {}
    labels: dict[str, dict[str, str]] = {}
    for key in ptype.options:
        dim = DIMENSIONS[key]
        names[dim.key] = dim.names
        for v in variants:
            value = v["options"][dim.key]
            if value in dim.labels:
                labels[value] = dim.labels[value]
    if ptype.material_option:
        names["material"] = MATERIAL_NAMES
        labels[material] = MATERIALS[material].label
    return names, labels


def _only(texts: dict[str, str], languages: tuple[str, ...]) -> dict[str, str]:
    return {lang: texts[lang] for lang in languages}


def product_record(seed: int, index: int, languages: tuple[str, ...] = LANGUAGES) -> dict[str, Any]:
    """Product number ``index`` (0-based) of the catalogue of ``seed``, as ProductInput-shaped JSON."""
    rng = random.Random(f"comptoir-catalog:{seed}:{index}")
    ptype = rng.choice(PRODUCT_TYPES)
    brand = rng.choice(BRANDS[ptype.category])
    adj = rng.choice(ADJECTIVES_BY_CATEGORY[ptype.category])
    material = rng.choice(ptype.materials)
    mat = MATERIALS[material]
    audience = rng.choice(ptype.audiences)
    features = rng.sample(FEATURES[ptype.category], 2)
    product_id = f"g{seed}-{index + 1:07d}"
    sku = f"{''.join(c for c in brand if c.isalnum())[:3].upper()}-{ptype.key[:4].upper()}-{index + 1:07d}"
    variants = _variants(rng, ptype, product_id, sku, material)
    names, labels = _option_labels(ptype, variants, material)
    titles = _titles(ptype.name, adj, mat, brand, audience)
    descriptions = _descriptions(ptype.name, adj, mat, brand, features)
    tags = [ptype.key, material]
    if rng.random() < 0.1:
        tags.append("new")
    if rng.random() < 0.05:
        tags.append("bestseller")
    return {
        "id": product_id,
        "category": ptype.category,
        "brand": brand,
        "audience": audience,
        "tags": tags,
        "featured": rng.random() < 0.01,
        "translations": {
            lang: {"title": titles[lang], "description": descriptions[lang]} for lang in languages
        },
        "option_names": {key: _only(n, languages) for key, n in names.items()},
        "option_values": {value: _only(label, languages) for value, label in labels.items()},
        "images": [
            f"https://img.example.com/{ptype.category}/{ptype.key}/{product_id}-{m}.jpg"
            for m in range(1, rng.randint(1, 3) + 1)
        ],
        "variants": variants,
    }


def categories_record(languages: tuple[str, ...] = LANGUAGES) -> dict[str, Any]:
    return {
        "categories": [
            {"id": cid, "parent": None, "names": _only(names, languages)} for cid, names in CATEGORIES.items()
        ]
    }


def generate_catalog(
    n: int,
    out: Path,
    *,
    seed: int = 0,
    languages: tuple[str, ...] = LANGUAGES,
) -> Path:
    """Write a JSON-lines catalogue of ``n`` products to ``out`` (see the module docstring); returns ``out``.

    Raises:
        InvalidInput: ``n`` is negative, or a language is not one of en, fr, el, ja.
    """
    if n < 0:
        raise InvalidInput("the number of products cannot be negative", code="invalid_quantity")
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if unknown or not languages:
        raise InvalidInput(
            f"the generator writes {', '.join(LANGUAGES)}; not {', '.join(unknown) or 'no language'}",
            code="unsupported_language",
        )
    languages = tuple(dict.fromkeys(languages))
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="\n") as f:
        f.write(_DUMPS(categories_record(languages)) + "\n")
        for index in range(n):
            f.write(_DUMPS(product_record(seed, index, languages)) + "\n")
    partial.replace(out)
    return out
