"""The multilingual commerce lexicon (``data/lexicon.json``) and a phrase matcher over it.

Every entry maps surface forms in en/fr/el/ja to a canonical English value (a product-type concept such as
``"sneakers"``, a colour, a material, a feature, an attribute name, an audience), so that a Greek or Japanese
shopper can be understood against an English-only catalogue.

Matching: en/fr/el phrases are compared as sequences of normalised words, then of their Snowball stems (so
inflections match: ``baskets``/``basket``, ``μπλουζάκια``/``μπλουζάκι``, ``κόκκινες``/``κόκκινο``; a form
listed exactly wins over another entry's stem: ``glass``/``glasses``, ``σακίδιο``/``σακάκι``); Japanese phrases are
found as substrings of the normalised text that start and end on Sudachi morpheme boundaries (katakana phrases
may also sit inside a longer katakana compound), so that ``本`` is not found in ``日本``. Longest match wins;
matches never overlap.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from comptoir.nlu.text import normalize, normalize_with_offsets, stem, tokenize

__all__ = ["INTENT_KINDS", "KINDS", "Lexicon", "LexiconMatch", "default_lexicon", "load_lexicon"]

LEXICON_PATH = Path(__file__).parent / "data" / "lexicon.json"
KINDS = ("product_types", "features", "attributes", "colors", "materials", "audiences", "recipients")
# Not entities: words that say what the shopper wants done (refund, cancel, track...), the same concept in every
# language; the intent classifier uses them as features shared across languages.
INTENT_KINDS = ("intent_words",)
_KATAKANA = re.compile(r"^[\u30a0-\u30ffー・]+$")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")


@dataclass(frozen=True, slots=True)
class LexiconMatch:
    kind: str  # one of KINDS
    value: str  # canonical English value
    start: int  # offsets in the original text
    end: int


@dataclass
class _LanguageIndex:
    by_stems: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    by_forms: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)  # exact normalised words
    max_len: int = 1
    ja_phrases: list[tuple[str, str, str]] = field(default_factory=list)  # (normalised phrase, kind, value)


class Lexicon:
    """Phrases of one lexicon, indexed per language. Extra words (a catalogue's own brands, categories and
    product titles) can be added with :meth:`add`."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw
        self.categories: dict[str, str] = {}
        self._index: dict[str, _LanguageIndex] = {}
        for kind in KINDS + INTENT_KINDS:
            for value, entry in raw.get(kind, {}).items():
                if kind == "product_types":
                    self.categories[value] = entry.get("category", "")
                for language, forms in entry.items():
                    if language == "category":
                        continue
                    self.add(kind, value, language, forms.split("|"))

    def languages(self) -> list[str]:
        return sorted(self._index)

    def add(self, kind: str, value: str, language: str, forms: Iterable[str]) -> None:
        index = self._index.setdefault(language, _LanguageIndex())
        for form in forms:
            form = form.strip()
            if not form:
                continue
            if language == "ja":
                index.ja_phrases.append((normalize(form), kind, value))
                continue
            tokens = tokenize(form, language)
            key = tuple(stem(t.norm, language) for t in tokens)
            if not key:
                continue
            index.by_stems.setdefault(key, (kind, value))  # first entry wins on duplicates
            index.by_forms.setdefault(tuple(t.norm for t in tokens), (kind, value))
            index.max_len = max(index.max_len, len(key))
        if language == "ja":
            index.ja_phrases.sort(key=lambda p: len(p[0]), reverse=True)

    def forms(self, kind: str, value: str, language: str) -> list[str]:
        entry = self.raw.get(kind, {}).get(value, {})
        text = entry.get(language, "")
        return [f for f in text.split("|") if f]

    def find(self, text: str, language: str, kinds: Sequence[str] = KINDS) -> list[LexiconMatch]:
        """Lexicon phrases in ``text``, longest first, not overlapping, in text order."""
        if language == "ja" or _JAPANESE.search(text):
            return self._find_japanese(text, kinds) if "ja" in self._index else []
        index = self._index.get(language)
        if index is None:
            return []
        tokens = tokenize(text, language)
        stems = [stem(t.norm, language) for t in tokens]
        taken = [False] * len(tokens)
        out: list[LexiconMatch] = []
        for n in range(min(index.max_len, len(tokens)), 0, -1):
            for i in range(len(tokens) - n + 1):
                if any(taken[i : i + n]):
                    continue
                # the exact form first: stems collide ("glass"/"glasses", "σακίδιο"/"σακάκι")
                hit = index.by_forms.get(tuple(t.norm for t in tokens[i : i + n]))
                if hit is None or hit[0] not in kinds:
                    hit = index.by_stems.get(tuple(stems[i : i + n]))
                if hit is None or hit[0] not in kinds:
                    continue
                for j in range(i, i + n):
                    taken[j] = True
                out.append(LexiconMatch(hit[0], hit[1], tokens[i].start, tokens[i + n - 1].end))
        out.sort(key=lambda m: m.start)
        return out

    def _find_japanese(self, text: str, kinds: Sequence[str]) -> list[LexiconMatch]:
        index = self._index["ja"]
        norm, offsets = normalize_with_offsets(text)
        tokens = tokenize(text, "ja")
        starts = {t.start for t in tokens}
        ends = {t.end for t in tokens}
        taken = [False] * len(norm)
        out: list[LexiconMatch] = []
        for phrase, kind, value in index.ja_phrases:
            if kind not in kinds or not phrase:
                continue
            begin = 0
            while True:
                at = norm.find(phrase, begin)
                if at < 0:
                    break
                begin = at + 1
                stop = at + len(phrase)
                if any(taken[at:stop]):
                    continue
                start, end = offsets[at], offsets[stop - 1] + 1
                on_boundary = start in starts and end in ends
                katakana = _KATAKANA.match(phrase) is not None
                if not (on_boundary or katakana or (phrase.isascii() and _ascii_word_at(norm, at, stop))):
                    continue
                for k in range(at, stop):
                    taken[k] = True
                out.append(LexiconMatch(kind, value, start, end))
        out.sort(key=lambda m: m.start)
        return out


def _ascii_word_at(norm: str, at: int, stop: int) -> bool:
    before = norm[at - 1] if at > 0 else " "
    after = norm[stop] if stop < len(norm) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    return Lexicon(json.loads(path.read_text("utf-8")))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon, loaded once per process."""
    return load_lexicon()
