"""Text analysis shared by indexing and querying: NFKC, case and accent folding, tokens, light stemming.

A first cut (the search issue replaces it with real per-language analysers): CJK text is split into
character bigrams, Latin and Greek words lose accents and are Snowball-stemmed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

import Stemmer

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "for",
        "with",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "is",
        "are",
        "i",
        "me",
        "my",
        "we",
        "you",
        "it",
        "this",
        "that",
        "some",
        "any",
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "du",
        "de",
        "et",
        "pour",
        "avec",
        "en",
        "au",
        "aux",
        "sur",
        "je",
        "un",
        "une",
        "est",
        "ο",
        "η",
        "το",
        "οι",
        "τα",
        "ένα",
        "μια",
        "για",
        "με",
        "και",
        "σε",
        "από",
        "στο",
        "στη",
        "στα",
        "του",
        "της",
        "των",
        "の",
        "に",
        "は",
        "を",
        "が",
        "と",
        "で",
        "も",
        "や",
    ]
)


def fold(text: str) -> str:
    """NFKC, lower case, accents and Greek tonos removed; kana and kanji are left intact."""
    text = unicodedata.normalize("NFKC", text).lower()
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn" and not _CJK.match(ch):
            # combining marks: drop accents on Latin/Greek, keep Japanese (dakuten) composed below
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


_STEMMERS = {"en": "english", "fr": "french", "el": "greek"}


@lru_cache(maxsize=8)
def _stemmer(language: str) -> Stemmer.Stemmer | None:
    name = _STEMMERS.get(language)
    return Stemmer.Stemmer(name) if name else None


def _stem(word: str, language: str) -> str:
    if word.isdigit() or len(word) <= 2:
        return word
    if "\u0370" <= word[0] <= "\u03ff":
        language = "el"
    elif language not in ("en", "fr"):
        language = "en"
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer else word


def tokens(text: str, language: str = "en") -> list[str]:
    """Index terms of a text: stemmed words, plus CJK character bigrams (and single characters)."""
    out: list[str] = []
    for word in _WORD.findall(fold(text)):
        if _CJK.search(word):
            chars = [c for c in word]
            out.extend(chars)
            out.extend(a + b for a, b in pairwise(chars))
        elif word not in _STOP:
            out.append(_stem(word, language))
    return out
