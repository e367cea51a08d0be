"""Normalisation and tokenisation per language, the same at training and at run time.

- :func:`normalize`: NFKC (full/half width), lower case, accents and Greek tonos folded for Latin and Greek
  letters only (Japanese dakuten and handakuten are kept), final sigma folded to sigma.
- :func:`normalize_with_offsets`: the same, with the index in the original text of every output character,
  so that entity spans found in normalised text point back into what the shopper wrote.
- :func:`tokenize`: words with their offsets; Japanese is segmented by Sudachi (SplitMode.A, dictionary
  ``core``), English/French/Greek by a word regex.
- :func:`terms`: the analysed terms of a text: Snowball stems (en/fr/el, folded after stemming) or Sudachi
  normalised forms (ja), optionally without stop words.

Sudachi's tokenizer is created lazily, once per thread (it is not safe to share between threads).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import Stemmer

__all__ = [
    "STOP_WORDS",
    "Token",
    "fold_word",
    "greeklish_to_greek",
    "has_greek",
    "has_han",
    "has_kana",
    "normalize",
    "normalize_with_offsets",
    "stem",
    "terms",
    "tokenize",
]

_KANA = re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]")
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)
_JA_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u3005ー]")

# Combining marks that belong to kana (dakuten/handakuten): never stripped.
_KANA_MARKS = {"\u3099", "\u309a"}


def has_kana(text: str) -> bool:
    return _KANA.search(text) is not None


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def has_greek(text: str) -> bool:
    return _GREEK.search(text) is not None


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    """One character: NFKC, lower case, Latin/Greek accents stripped (kana marks kept)."""
    out = unicodedata.normalize("NFKC", ch).lower()
    if out.isascii():
        return out
    decomposed = unicodedata.normalize("NFD", out)
    kept = []
    for c in decomposed:
        if unicodedata.combining(c) and c not in _KANA_MARKS:
            continue
        kept.append(c)
    folded = unicodedata.normalize("NFC", "".join(kept))
    return folded.replace("ς", "σ")


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the index of the original character it came from."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        if folded and folded[0] in _KANA_MARKS and out:
            # half-width ﾊﾞ -> バ: compose the voicing mark with the kana before it
            composed = unicodedata.normalize("NFC", out[-1] + folded[0])
            if len(composed) == 1:
                out[-1] = composed
                folded = folded[1:]
        for c in folded:
            out.append(c)
            offsets.append(i)
    return "".join(out), offsets


def normalize(text: str) -> str:
    """NFKC, lower case, Latin/Greek accents folded, final sigma folded; kana and kanji intact."""
    if text.isascii():
        return text.lower()
    return normalize_with_offsets(text)[0]


def fold_word(word: str) -> str:
    return normalize(word)


_STEMMER_NAMES = {"en": "english", "fr": "french", "el": "greek"}
_stemmers = threading.local()


def _stemmer(language: str) -> Any:
    cache: dict[str, Any] | None = getattr(_stemmers, "cache", None)
    if cache is None:
        cache = {}
        _stemmers.cache = cache
    stemmer = cache.get(language)
    if stemmer is None:
        stemmer = Stemmer.Stemmer(_STEMMER_NAMES[language])
        cache[language] = stemmer
    return stemmer


# Irregular English plurals that the Snowball stemmer does not join to their singular.
_EN_IRREGULAR = {
    "scarves": "scarf",
    "knives": "knife",
    "shelves": "shelf",
    "wives": "wife",
    "children": "child",
    "women": "woman",
    "men": "man",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "leaves": "leaf",
}


def stem(word: str, language: str) -> str:
    """Snowball stem of a normalised word, folded again after stemming (French accents survive stemming)."""
    if len(word) <= 2 or word.isdigit():
        return word
    if has_greek(word):
        language = "el"
    elif language not in _STEMMER_NAMES:
        if not word.isascii():
            return word
        language = "en"
    if language == "en":
        word = _EN_IRREGULAR.get(word, word)
    stemmed: str = _stemmer(language).stemWord(word)
    return normalize(stemmed) if not stemmed.isascii() else stemmed


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the original text: ``surface`` as written, ``norm`` normalised, ``lemma`` the Sudachi
    normalised form (ja) or the normalised word, ``pos`` the Sudachi part of speech (ja) or ``""``."""

    surface: str
    norm: str
    start: int
    end: int
    lemma: str
    pos: tuple[str, ...] = ()


class _Sudachi(threading.local):
    tokenizer: Any = None


_sudachi = _Sudachi()
_sudachi_dictionary: Any = None
_sudachi_lock = threading.Lock()


def _japanese_tokenizer() -> Any:
    global _sudachi_dictionary
    if _sudachi.tokenizer is None:
        from sudachipy import Dictionary, SplitMode  # type: ignore[import-untyped]

        with _sudachi_lock:
            if _sudachi_dictionary is None:
                _sudachi_dictionary = Dictionary(dict="core")
        _sudachi.tokenizer = _sudachi_dictionary.tokenizer(mode=SplitMode.A)
    return _sudachi.tokenizer


@lru_cache(maxsize=4096)
def _sudachi_morphemes(text: str) -> tuple[tuple[str, str, int, int, tuple[str, ...]], ...]:
    tokenizer = _japanese_tokenizer()
    out = []
    for m in tokenizer.tokenize(text):
        out.append((m.surface(), m.normalized_form(), m.begin(), m.end(), tuple(m.part_of_speech()[:4])))
    return tuple(out)


_SKIP_POS = {"空白", "補助記号"}


def tokenize(text: str, language: str) -> list[Token]:
    """Words of ``text`` with their offsets. Japanese (or any text with kana or kanji) goes through
    Sudachi; other text through a word regex."""
    if language == "ja" or _JA_RUN.search(text):
        return _tokenize_japanese(text)
    out = []
    for m in _WORD.finditer(text):
        norm = normalize(m.group())
        out.append(Token(m.group(), norm, m.start(), m.end(), norm))
    return out


def _tokenize_japanese(text: str) -> list[Token]:
    out = []
    for surface, lemma, start, end, pos in _sudachi_morphemes(text):
        if pos and pos[0] in _SKIP_POS:
            continue
        if not surface.strip():
            continue
        out.append(Token(surface, normalize(surface), start, end, normalize(lemma), pos))
    return out


STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "a",
            "an",
            "the",
            "and",
            "or",
            "of",
            "to",
            "in",
            "on",
            "at",
            "by",
            "for",
            "with",
            "from",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "am",
            "i",
            "me",
            "my",
            "mine",
            "we",
            "us",
            "our",
            "you",
            "your",
            "it",
            "its",
            "this",
            "that",
            "these",
            "those",
            "some",
            "any",
            "do",
            "does",
            "did",
            "have",
            "has",
            "had",
            "will",
            "would",
            "shall",
            "should",
            "can",
            "could",
            "may",
            "might",
            "there",
            "here",
            "so",
            "just",
            "very",
            "too",
            "also",
            "please",
            "pls",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "l",
            "un",
            "une",
            "des",
            "du",
            "de",
            "d",
            "et",
            "ou",
            "a",
            "au",
            "aux",
            "en",
            "dans",
            "sur",
            "pour",
            "par",
            "avec",
            "sans",
            "je",
            "j",
            "me",
            "m",
            "moi",
            "tu",
            "te",
            "t",
            "vous",
            "nous",
            "il",
            "elle",
            "ils",
            "elles",
            "on",
            "ce",
            "c",
            "cet",
            "cette",
            "ces",
            "mon",
            "ma",
            "mes",
            "ton",
            "ta",
            "tes",
            "son",
            "sa",
            "ses",
            "notre",
            "votre",
            "nos",
            "vos",
            "leur",
            "leurs",
            "est",
            "sont",
            "suis",
            "es",
            "etre",
            "avoir",
            "ai",
            "as",
            "avez",
            "avons",
            "ont",
            "y",
            "qui",
            "que",
            "qu",
            "ne",
            "pas",
            "se",
            "s",
        ]
    ),
    "el": frozenset(
        normalize(w)
        for w in [
            "ο",
            "η",
            "το",
            "οι",
            "τα",
            "του",
            "της",
            "των",
            "τον",
            "την",
            "τη",
            "στο",
            "στη",
            "στην",
            "στον",
            "στα",
            "στους",
            "στις",
            "ένα",
            "ένας",
            "μια",
            "μία",
            "ενός",
            "μιας",
            "και",
            "ή",
            "να",
            "θα",
            "με",
            "σε",
            "για",
            "από",
            "ως",
            "που",
            "πως",
            "μου",
            "σου",
            "του",
            "μας",
            "σας",
            "τους",
            "είναι",
            "είμαι",
            "ειναι",
            "αυτό",
            "αυτή",
            "αυτός",
            "αυτά",
            "αυτο",
            "αυτη",
            "δεν",
            "μη",
            "μην",
        ]
    ),
    "ja": frozenset(
        [
            "の",
            "に",
            "は",
            "を",
            "が",
            "と",
            "で",
            "も",
            "や",
            "へ",
            "か",
            "な",
            "ね",
            "よ",
            "から",
            "まで",
            "より",
            "です",
            "ます",
            "た",
            "だ",
            "て",
        ]
    ),
}

_JA_DROP_POS = {"助詞", "助動詞"}


def terms(text: str, language: str, *, stop_words: bool = True) -> list[str]:
    """Analysed terms: stems (en/fr/el) or Sudachi normalised forms minus particles and auxiliaries,
    i-adjectives without their final い (ja). With ``stop_words=False`` the language's stop words are
    dropped."""
    tokens = tokenize(text, language)
    out: list[str] = []
    stops = STOP_WORDS.get(language, frozenset())
    for t in tokens:
        if t.pos:  # Japanese morpheme (or a Latin word inside Japanese text)
            if t.pos[0] in _JA_DROP_POS and not stop_words:
                continue
            lemma = t.lemma
            if t.pos[0] == "形容詞" and lemma.endswith("い") and len(lemma) > 1:
                lemma = lemma[:-1]
            if lemma.isascii() and lemma.isalpha() and language != "ja":
                lemma = stem(lemma, language)
            out.append(lemma)
            continue
        if not stop_words and t.norm in stops:
            continue
        out.append(stem(t.norm, language))
    return out


# Greeklish -> Greek, longest sequences first. Accents are not restored (the normaliser folds them anyway).
_GREEKLISH_MULTI = [
    ("th", "θ"),
    ("ps", "ψ"),
    ("ks", "ξ"),
    ("ch", "χ"),
    ("kh", "χ"),
    ("ou", "ου"),
    ("mp", "μπ"),
    ("nt", "ντ"),
    ("gk", "γκ"),
    ("gg", "γγ"),
    ("ei", "ει"),
    ("oi", "οι"),
    ("ai", "αι"),
]
_GREEKLISH_SINGLE = {
    "a": "α", "b": "β", "v": "β", "g": "γ", "d": "δ", "e": "ε", "z": "ζ", "h": "η", "i": "ι", "8": "θ",
    "k": "κ", "l": "λ", "m": "μ", "n": "ν", "x": "χ", "o": "ο", "p": "π", "r": "ρ", "s": "σ", "t": "τ",
    "y": "υ", "u": "υ", "f": "φ", "w": "ω", "c": "κ", "q": "κ", "j": "τζ",
}  # fmt: skip


def greeklish_to_greek(text: str) -> str:
    """A rough transliteration of Latin-script Greek back to Greek letters (lower case, no accents), enough
    for the classifier's character n-grams and the Greek stemmer: ``thelw na epistrepsw`` -> ``θελω να
    επιστρεψω``."""
    text = text.lower()
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        for latin, greek in _GREEKLISH_MULTI:
            if pair == latin:
                out.append(greek)
                i += 2
                break
        else:
            out.append(_GREEKLISH_SINGLE.get(text[i], text[i]))
            i += 1
    return "".join(out)
