"""One shopper message -> language, intent (ranked, with confidences) and entities."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from comptoir.nlu.classifier import IntentModel, default_model_dir, load_or_train
from comptoir.nlu.data import Example
from comptoir.nlu.entities import Entity, extract_entities
from comptoir.nlu.langid import detect_language

__all__ = ["REASON_INTENTS", "Understanding", "default_model", "filter_entities", "understand"]

# Intents in which a cancellation/return reason is meaningful; elsewhere ("the colour", "it's broken, is there a
# warranty?") the reason extractor's guesses are dropped.
REASON_INTENTS = frozenset(
    {
        "cancel_order",
        "return_items",
        "exchange_items",
        "provide_info",
        "complaint",
        "modify_order_items",
        "deny",
    }
)


@dataclass(frozen=True)
class Understanding:
    language: str
    language_switched: bool
    intent: str
    confidence: float
    ranking: list[tuple[str, float]]
    entities: list[Entity] = field(default_factory=list)
    language_confidence: float = 1.0


def filter_entities(entities: Sequence[Entity], intent: str) -> list[Entity]:
    """The entities that make sense for ``intent``."""
    return [e for e in entities if e.label != "reason" or intent in REASON_INTENTS]


_default: IntentModel | None = None
_default_lock = threading.Lock()


def default_model() -> IntentModel:
    """The process-wide model: loaded from (or trained into) the default model folder once."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = load_or_train(extra=reviewed_examples())
    return _default


def reviewed_path() -> Path:
    """Turns an agent reviewed and labelled, exported by ``comptoir train`` beside the models."""
    return default_model_dir() / "reviewed.json"


def reviewed_examples() -> list[Example]:
    path = reviewed_path()
    if not path.exists():
        return []
    rows = json.loads(path.read_text("utf-8"))
    return [
        Example(
            text=r["text"],
            language=r["language"],
            intent=r["intent"],
            entities=tuple((int(a), int(b), str(c), str(d)) for a, b, c, d in r.get("entities", [])),
            source="reviewed",
        )
        for r in rows
    ]


def reset_default_model() -> None:
    """Forget the process-wide model (after retraining)."""
    global _default
    with _default_lock:
        _default = None


def understand(
    text: str,
    *,
    languages: Sequence[str],
    previous_language: str | None = None,
    model: IntentModel | None = None,
    brands: Sequence[str] = (),
) -> Understanding:
    """Understand one message of a conversation whose allowed languages are ``languages`` and whose current
    language is ``previous_language``. ``brands``: the catalogue's brand names, found as ``brand``
    entities."""
    guess = detect_language(text, allowed=languages, previous=previous_language)
    model = model or default_model()
    entities = extract_entities(text, guess.language, brands=brands)
    ranking = model.rank(text, guess.language, entities)
    intent, confidence = ranking[0]
    return Understanding(
        language=guess.language,
        language_switched=guess.switched,
        intent=intent,
        confidence=confidence,
        ranking=ranking,
        entities=filter_entities(entities, intent),
        language_confidence=guess.confidence,
    )
