"""Language identification of short chat messages, sticky per conversation.

Order of evidence:

1. what carries no language is removed first: e-mail addresses, URLs, order numbers, numbers, emoji;
2. the script: kana -> ja; Han with no Latin words -> ja; Greek letters -> el unless the Latin words around
   them are plainly another language's sentence ("where is my παραγγελία");
3. Greeklish (Latin-script Greek, ``thelw na epistrepsw``) -> el, from common transliterated words;
4. ``py3langid`` restricted to the allowed Latin-script languages.

A message with too little evidence ("ok", "42", an e-mail, an emoji, a brand name) keeps the conversation's
``previous`` language; a Latin-script message switches away from it only when the detector is confident and the
message has at least two words (three unless one of them is an unambiguous word such as ``merci``). Script
evidence (kana, Greek letters) is clear evidence whatever the length.
"""

from __future__ import annotations

import copy
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from comptoir.nlu.text import has_han, has_kana

__all__ = ["LanguageGuess", "detect_language", "greeklish_score"]

LATIN_LANGUAGES = ("en", "fr")  # Latin-script languages we have training data for; others pass through


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    language: str
    confidence: float
    switched: bool


_NOISE = re.compile(
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"  # e-mail
    r"|https?://\S+|www\.\S+"  # URL
    r"|[#＃]?\s?[wWｗＷ][0-9０-９]{5,}"  # order number
    r"|[#＃]\s?[0-9０-９]+"
    r"|[0-9０-９]+(?:[.,:/\-][0-9０-９]+)*"  # numbers, dates, zips
    r"|[^\w\s]",  # punctuation, emoji, symbols
    re.UNICODE,
)
_LATIN_WORD = re.compile(r"[a-zA-Z\u00c0-\u024f]+(?:['’][a-zA-Z\u00c0-\u024f]+)*")
_GREEK_WORD = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]+")

# Function words that show a Latin-script sentence is really English or French (used against a lone foreign
# noun in another script, and to refuse Greeklish).
_FUNCTION_WORDS = {
    "en": frozenset(
        [
            "the",
            "a",
            "an",
            "is",
            "are",
            "was",
            "my",
            "your",
            "our",
            "where",
            "what",
            "when",
            "how",
            "why",
            "can",
            "could",
            "do",
            "does",
            "did",
            "i",
            "you",
            "we",
            "it",
            "this",
            "that",
            "in",
            "on",
            "at",
            "to",
            "for",
            "with",
            "of",
            "and",
            "or",
            "not",
            "be",
            "have",
            "has",
            "want",
            "need",
            "please",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "un",
            "une",
            "des",
            "du",
            "de",
            "est",
            "sont",
            "mon",
            "ma",
            "mes",
            "où",
            "quand",
            "comment",
            "pourquoi",
            "je",
            "tu",
            "vous",
            "nous",
            "il",
            "elle",
            "ce",
            "cette",
            "pour",
            "avec",
            "et",
            "ou",
            "pas",
            "ne",
            "suis",
            "avez",
            "voudrais",
            "veux",
            "peux",
        ]
    ),
}

# Single words that are enough to name the language of a one-word message.
_CLEAR_WORDS = {
    "en": frozenset(
        [
            "hello",
            "hi",
            "hey",
            "thanks",
            "thank",
            "yes",
            "yeah",
            "yep",
            "nope",
            "bye",
            "goodbye",
            "please",
            "sorry",
            "cheers",
            "morning",
            "evening",
        ]
    ),
    "fr": frozenset(
        [
            "bonjour",
            "bonsoir",
            "salut",
            "merci",
            "oui",
            "ouais",
            "ouai",
            "nan",
            "non",
            "svp",
            "stp",
            "daccord",
            "d'accord",
            "voilà",
            "voila",
            "pardon",
        ]
    ),
}

# Greeklish: strong words (rarely English or French) and weak ones (function words shared with them).
_GREEKLISH_STRONG = frozenset(
    [
        "thelw",
        "thelo",
        "thelou",
        "thelei",
        "theloume",
        "einai",
        "eimai",
        "exete",
        "exeis",
        "exei",
        "exw",
        "exo",
        "echo",
        "echete",
        "pou",
        "pws",
        "pos",
        "posa",
        "poso",
        "posh",
        "pote",
        "giati",
        "gia",
        "kai",
        "mou",
        "sou",
        "tou",
        "tis",
        "ton",
        "tin",
        "stin",
        "ston",
        "sto",
        "sta",
        "den",
        "mporw",
        "mporeite",
        "mporeis",
        "kalimera",
        "kalispera",
        "geia",
        "gia8",
        "yia",
        "efxaristw",
        "efharisto",
        "eyxaristw",
        "euxaristw",
        "efxaristo",
        "parakalw",
        "parakalo",
        "nai",
        "oxi",
        "ohi",
        "ok8",
        "paraggelia",
        "paraggelies",
        "paraggelias",
        "paketo",
        "epistrofh",
        "epistrofi",
        "epistrepsw",
        "allagh",
        "akyrwsh",
        "akurwsi",
        "akyrosi",
        "akyrwste",
        "metaforika",
        "apostolh",
        "apostoli",
        "kartes",
        "karta",
        "xrwma",
        "xroma",
        "megethos",
        "noumero",
        "papoutsia",
        "papoutsi",
        "forema",
        "mple",
        "mavro",
        "aspro",
        "kokkino",
        "voitheia",
        "voithia",
        "boitheia",
        "ayto",
        "auto",
        "afto",
        "ayta",
        "auta",
        "afta",
        "ena",
        "mia",
        "kati",
        "ti",
        "thn",
        "tha",
        "na",
        "apo",
        "me",
        "se",
        "stis",
    ]
)
_GREEKLISH_WEAK = frozenset(["to", "ta", "o", "h", "i", "oi", "na", "me", "se", "ti"])
_GREEKLISH_ENDINGS = ("w", "ete", "oume", "ousa", "eis", "ia", "ika", "aki", "akia", "ou", "h", "hs")


def greeklish_score(text: str) -> float:
    """Share of the Latin words of ``text`` that look like transliterated Greek (0..1); 0 when none is a
    strong Greeklish word or when the message has plain English/French function words."""
    words = [w.lower() for w in _LATIN_WORD.findall(text)]
    if not words:
        return 0.0
    strong = sum(w in _GREEKLISH_STRONG for w in words)
    if strong == 0:
        return 0.0
    foreign = sum(
        w in _FUNCTION_WORDS["en"] or w in _FUNCTION_WORDS["fr"]
        for w in words
        if w not in _GREEKLISH_STRONG and w not in _GREEKLISH_WEAK
    )
    if foreign >= 2:
        return 0.0
    hits = sum(
        1.0
        if w in _GREEKLISH_STRONG
        else 0.5
        if w in _GREEKLISH_WEAK or (len(w) > 3 and w.endswith(_GREEKLISH_ENDINGS))
        else 0.0
        for w in words
    )
    return hits / len(words)


class _Langid:
    """py3langid's identifier, loaded once per process; one restricted copy per set of languages."""

    def __init__(self) -> None:
        self._base: Any = None
        self._restricted: dict[frozenset[str], Any] = {}
        self._lock = threading.Lock()

    def identifier(self, languages: frozenset[str]) -> Any:
        found = self._restricted.get(languages)
        if found is not None:
            return found
        with self._lock:
            if self._base is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

                self._base = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            known = set(self._base.labels)
            restricted = copy.copy(self._base)
            restricted.set_languages(sorted(languages & known))
            self._restricted[languages] = restricted
            return restricted

    def rank(self, text: str, languages: frozenset[str]) -> list[tuple[str, float]]:
        ranked: list[tuple[str, float]] = self.identifier(languages).rank(text)
        return ranked


_LANGID = _Langid()


@lru_cache(maxsize=64)
def _latin_candidates(allowed: tuple[str, ...]) -> frozenset[str]:
    return frozenset(lang for lang in allowed if lang not in ("el", "ja", "zh", "ko", "ru", "ar", "he"))


def _keep(previous: str | None, allowed: Sequence[str], confidence: float) -> LanguageGuess:
    if previous is not None and previous in allowed:
        return LanguageGuess(previous, confidence, False)
    return LanguageGuess(allowed[0], min(confidence, 0.5), previous is not None)


def _result(language: str, confidence: float, previous: str | None) -> LanguageGuess:
    return LanguageGuess(language, confidence, previous is not None and language != previous)


def detect_language(text: str, *, allowed: Sequence[str], previous: str | None = None) -> LanguageGuess:
    """The language of one shopper message among ``allowed`` (ISO 639-1 codes), keeping ``previous`` (the
    conversation's current language) unless the message clearly is in another one."""
    if not allowed:
        raise ValueError("allowed must name at least one language")
    allowed = tuple(allowed)
    cleaned = _NOISE.sub(" ", text)
    latin_words = _LATIN_WORD.findall(cleaned)
    greek_words = _GREEK_WORD.findall(cleaned)
    kana, han = has_kana(cleaned), has_han(cleaned)

    if not latin_words and not greek_words and not kana and not han:
        return _keep(previous, allowed, 0.0)  # numbers, e-mails, emoji, punctuation: no language in it

    lowered = [w.lower() for w in latin_words]

    def plain_sentence(words: list[str]) -> str | None:
        """A Latin-script language whose function words make up the Latin words around foreign script."""
        best, count = None, 0
        for lang, function_words in _FUNCTION_WORDS.items():
            n = sum(w in function_words for w in words)
            if lang in allowed and n > count:
                best, count = lang, n
        return best if count >= 2 else None

    if kana or (han and not latin_words and not greek_words):
        if "ja" in allowed:
            return _result("ja", 0.99, previous)
    elif han and latin_words and "ja" in allowed and plain_sentence(lowered) is None:
        return _result("ja", 0.8, previous)

    if greek_words and "el" in allowed:
        other = plain_sentence(lowered)
        if other is None or len(greek_words) >= len(latin_words):
            return _result("el", 0.99, previous)

    if not latin_words:
        return _keep(previous, allowed, 0.3)

    if "el" in allowed:
        score = greeklish_score(cleaned)
        enough_words = len(latin_words) >= 2
        if score >= 0.5 and (enough_words or (lowered[0] in _GREEKLISH_STRONG and previous in (None, "el"))):
            return _result("el", min(0.95, 0.5 + score / 2), previous)

    candidates = _latin_candidates(allowed)
    if not candidates:
        return _keep(previous, allowed, 0.3)
    if len(candidates) == 1:
        (only,) = candidates
        if previous is None or previous == only or len(latin_words) >= 3:
            return _result(only, 0.9, previous)
        return _keep(previous, allowed, 0.5)

    ranked = _LANGID.rank(" ".join(latin_words), candidates)
    language, probability = ranked[0]
    clear = {lang for lang in candidates for w in lowered if w in _CLEAR_WORDS.get(lang, frozenset())}
    if previous is None or previous not in allowed:
        if len(lowered) <= 2 and len(clear) == 1:
            (language,) = clear  # one or two words: an unambiguous word beats the n-gram model
            probability = max(probability, 0.9)
        return _result(language, probability, previous)
    if language == previous:
        return LanguageGuess(previous, probability, False)
    enough = (len(latin_words) >= 3 and probability >= 0.9) or (
        len(latin_words) == 2 and (probability >= 0.98 or clear == {language})
    )
    if enough:
        return _result(language, probability, previous)
    return LanguageGuess(previous, 1.0 - probability, False)
