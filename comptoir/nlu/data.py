"""Training data: the per-language YAML files of ``comptoir/nlu/data`` (see its SPEC.md) as :class:`Example`.

Each example is one shopper message with inline entity annotations ``[surface text](label)``; the loader
removes the markup, keeps the spans, and stops with a :class:`TrainingDataError` naming the file and line
on an unknown intent or label, an unbalanced bracket, or an empty example.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from comptoir.core.errors import InvalidInput

__all__ = [
    "DATA_DIR",
    "ENTITY_LABELS",
    "INTENTS",
    "Example",
    "TrainingDataError",
    "available_languages",
    "load_examples",
    "load_file",
    "parse_annotated",
]

DATA_DIR = Path(__file__).parent / "data"

INTENTS: tuple[str, ...] = (
    "greet", "goodbye", "thanks", "capabilities", "smalltalk", "affirm", "deny", "cancel_task",
    "search_product", "refine_search", "product_details", "check_availability", "compare_products",
    "recommend", "add_to_cart", "remove_from_cart", "update_cart_quantity", "view_cart", "checkout",
    "order_status", "list_orders", "cancel_order", "modify_order_items", "modify_order_address",
    "modify_order_payment", "return_items", "exchange_items", "change_default_address", "shipping_info",
    "returns_policy", "warranty_info", "payment_info", "store_info", "human_agent", "complaint", "provide_info",
)  # fmt: skip

ENTITY_LABELS: frozenset[str] = frozenset(
    [
        "product_type",
        "color",
        "size",
        "material",
        "feature",
        "brand",
        "audience",
        "price_max",
        "price_min",
        "quantity",
        "ordinal",
        "order_id",
        "email",
        "first_name",
        "last_name",
        "zip",
        "reason",
        "payment_method",
        "address_part",
        "code",
    ]
)


class TrainingDataError(InvalidInput):
    code = "nlu_training_data"


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled message. ``entities``: ``(start, end, label, value)`` over ``text`` (value: the surface
    text for annotated data, or a canonical value when the example comes from a reviewed conversation)."""

    text: str
    language: str
    intent: str
    entities: tuple[tuple[int, int, str, str], ...] = field(default=())
    source: str = ""


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 60x faster than the pure-Python loader
_ANNOTATION = re.compile(r"\[(?P<text>[^\[\]]+)\]\((?P<label>[^()\s]*)\)")


def parse_annotated(
    line: str, *, where: str = "<string>", labels: frozenset[str] = ENTITY_LABELS
) -> tuple[str, tuple[tuple[int, int, str, str], ...]]:
    """``"a [red](color) dress"`` -> ``("a red dress", ((2, 5, "color", "red"),))``."""
    out: list[str] = []
    spans: list[tuple[int, int, str, str]] = []
    position = 0
    length = 0
    for m in _ANNOTATION.finditer(line):
        before = line[position : m.start()]
        _check_plain(before, where)
        out.append(before)
        length += len(before)
        label, surface = m["label"], m["text"]
        if label not in labels:
            known = ", ".join(sorted(labels))
            raise TrainingDataError(f"{where}: unknown entity label {label!r} (known: {known})", where=where)
        if surface != surface.strip() or not surface:
            raise TrainingDataError(f"{where}: entity text {surface!r} has spaces at its ends", where=where)
        spans.append((length, length + len(surface), label, surface))
        out.append(surface)
        length += len(surface)
        position = m.end()
    rest = line[position:]
    _check_plain(rest, where)
    out.append(rest)
    text = "".join(out)
    if not text.strip():
        raise TrainingDataError(f"{where}: empty example", where=where)
    return text, tuple(spans)


def _check_plain(text: str, where: str) -> None:
    for ch in "[]":
        if ch in text:
            raise TrainingDataError(
                f"{where}: unbalanced {ch!r} (an annotation is written [text](label)) in {text!r}",
                where=where,
            )


def load_file(path: Path, *, intents: Sequence[str] = INTENTS) -> list[Example]:
    """The examples of one language file, with a clear error (file and line) on any mistake."""
    source = path.read_text("utf-8")
    try:
        root = yaml.compose(source, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise TrainingDataError(f"{path}: not valid YAML: {exc}", where=str(path)) from exc
    if not isinstance(root, yaml.MappingNode):
        raise TrainingDataError(f"{path}: expected a mapping with 'language' and 'intents'", where=str(path))
    top = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    language_node, intents_node = top.get("language"), top.get("intents")
    if not isinstance(language_node, yaml.ScalarNode) or not language_node.value:
        raise TrainingDataError(f"{path}:1: missing 'language'", where=str(path))
    if not isinstance(intents_node, yaml.MappingNode):
        raise TrainingDataError(f"{path}:1: missing 'intents' mapping", where=str(path))
    language = str(language_node.value)
    known = set(intents)
    examples: list[Example] = []
    for key, value in intents_node.value:
        where = f"{path}:{key.start_mark.line + 1}"
        intent = str(key.value)
        if intent not in known:
            raise TrainingDataError(f"{where}: unknown intent {intent!r}", where=where)
        if not isinstance(value, yaml.SequenceNode):
            raise TrainingDataError(f"{where}: intent {intent!r} must list examples", where=where)
        for item in value.value:
            line_where = f"{path}:{item.start_mark.line + 1}"
            if not isinstance(item, yaml.ScalarNode):
                raise TrainingDataError(f"{line_where}: an example must be a string", where=line_where)
            text, spans = parse_annotated(str(item.value), where=line_where)
            examples.append(Example(text, language, intent, spans, source=line_where))
    return examples


def available_languages(directory: Path = DATA_DIR) -> list[str]:
    """Languages with a training file (``xx.yaml``) in ``directory``."""
    return sorted(p.stem for p in directory.glob("*.yaml") if re.fullmatch(r"[a-z]{2,3}", p.stem))


def load_examples(
    languages: Iterable[str] | None = None, *, directory: Path = DATA_DIR, intents: Sequence[str] = INTENTS
) -> list[Example]:
    """All examples of the given languages (default: every language file present)."""
    chosen = list(languages) if languages is not None else available_languages(directory)
    out: list[Example] = []
    for language in chosen:
        path = directory / f"{language}.yaml"
        if not path.exists():
            raise TrainingDataError(f"no training file for language {language!r} ({path})", where=str(path))
        examples = load_file(path, intents=intents)
        for ex in examples:
            if ex.language != language:
                raise TrainingDataError(
                    f"{path}: declares language {ex.language!r}, expected {language!r}", where=str(path)
                )
        out.extend(examples)
    return out
