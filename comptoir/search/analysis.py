"""Text analysis shared by indexing and querying, built on the understanding context's analysers.

- :func:`fold`: NFKC (full/half width), lower case, Latin accents and Greek tonos removed; kana and kanji are
  left intact (the dakuten survive).
- :func:`tokens`: index terms of a text: Snowball stems for English, French and Greek words (folded after
  stemming, stop words dropped), Sudachi normalised forms for Japanese (particles and auxiliaries dropped,
  i-adjectives without their final い) — the very analysers of ``comptoir.nlu``, with a word cache in front
  so that a catalogue of a million products is analysed in seconds, not minutes.
- :func:`concepts`: language-independent concept terms (``~sneakers``, ``~waterproof``, ``~red``) from the
  multilingual commerce lexicon: a Greek or Japanese query meets an English-only catalogue through them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from comptoir.nlu import STOP_WORDS, default_lexicon, normalize, stem, terms

__all__ = ["CONCEPT_KINDS", "concepts", "fold", "tokens"]

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_JA_SPLIT = re.compile(r"[。、．，！？!?\n\r\t]+")
CONCEPT_KINDS = ("product_types", "features", "colors", "materials")
CONCEPT_PREFIX = "~"


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """NFKC, lower case, accents and Greek tonos removed; kana and kanji are left intact."""
    text = unicodedata.normalize("NFKC", text).lower()
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn" and not _CJK.match(ch) and ch not in "\u3099\u309a":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


@lru_cache(maxsize=200_000)
def _word_term(word: str, language: str) -> str | None:
    """One Latin or Greek word: normalised, dropped if a stop word, stemmed."""
    norm = normalize(word)
    if norm in STOP_WORDS.get(language, ()):
        return None
    if "'" in norm or "’" in norm:  # l'écharpe -> écharpe; men's -> men
        head, _, tail = norm.replace("’", "'").partition("'")
        norm = tail if len(head) <= 2 and language == "fr" else head
        if not norm or norm in STOP_WORDS.get(language, ()):
            return None
    return stem(norm, language)


@lru_cache(maxsize=100_000)
def _japanese_chunk(chunk: str) -> tuple[str, ...]:
    return tuple(terms(chunk, "ja", stop_words=False))


_LATIN_RUN = re.compile(r"([A-Za-z][A-Za-z0-9'’\-]*(?:\s+[A-Za-z0-9][A-Za-z0-9'’\-]*)*)")
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+")


@lru_cache(maxsize=300_000)
def _sentence(text: str, language: str) -> tuple[str, ...]:
    out: list[str] = []
    for m in _WORD.finditer(text):
        for part in m.group().split("-") if "-" in m.group() else (m.group(),):
            term = _word_term(part, language)
            if term:
                out.append(term)
    return tuple(out)


def tokens(text: str, language: str = "en") -> list[str]:
    """Index terms of a text (the same analysis at index and query time). Sentences are analysed once and
    remembered: catalogues repeat their boilerplate."""
    if not text:
        return []
    out: list[str] = []
    if _CJK.search(text):
        for chunk in _JA_SPLIT.split(text):
            # Latin words (brands, model names) are cut out so that the Japanese around them is cached
            for run in _LATIN_RUN.split(chunk):
                run = run.strip()
                if not run:
                    continue
                if _CJK.search(run):
                    out.extend(t for t in _japanese_chunk(run) if t.strip())
                else:
                    out.extend(_sentence(run, "en"))
        return out
    language = language if language in ("en", "fr", "el") else "en"
    for sentence in _SENTENCE.split(text):
        out.extend(_sentence(sentence, language))
    return out


@lru_cache(maxsize=50_000)
def concepts(text: str, language: str = "en") -> tuple[str, ...]:
    """Concept terms of a text: the lexicon entries (product types, features, colours, materials) it names,
    each as ``~value`` whatever the language it was said in."""
    if not text:
        return ()
    lexicon = default_lexicon()
    if language not in lexicon.languages():
        language = "en"
    found = lexicon.find(text, language, CONCEPT_KINDS)
    return tuple(CONCEPT_PREFIX + m.value.replace(" ", "_") for m in found)
