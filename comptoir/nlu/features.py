"""The classifier's features of one message, the same at training and at run time.

- the normalised text (:func:`comptoir.nlu.text.normalize`) with e-mails, order numbers and digits masked,
  Greeklish turned back into Greek letters when the message is Greek;
- character n-grams inside word boundaries (like scikit-learn's ``char_wb``, 2–5), prefixed ``c:``;
- word terms (stems for en/fr/el, Sudachi normalised forms for ja), unigrams ``w:`` and bigrams ``b:``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from comptoir.nlu.entities import Entity
from comptoir.nlu.langid import greeklish_score
from comptoir.nlu.lexicon import INTENT_KINDS, default_lexicon
from comptoir.nlu.text import greeklish_to_greek, has_greek, normalize, terms

__all__ = ["FEATURES_VERSION", "features", "masked", "message_features", "prepare", "strip_request_frame"]

FEATURES_VERSION = "6"

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_ORDER = re.compile(r"[#＃]?\s?[wWｗＷ][0-9０-９]{5,}|[#＃]\s?[0-9０-９]{3,}")
_DIGITS = re.compile(r"[0-9]+")


def prepare(text: str, language: str) -> str:
    """The text the features are computed from."""
    text = _EMAIL.sub(" @mail ", text)
    text = _ORDER.sub(" #order ", text)
    if language == "el" and not has_greek(text) and greeklish_score(text) >= 0.5:
        text = greeklish_to_greek(text)
    return _DIGITS.sub(_digit_shape, strip_request_frame(normalize(text), language))


def _digit_shape(m: re.Match[str]) -> str:
    """A number's shape, whatever its length: long numbers must not outweigh the words around them."""
    return "0" if len(m.group()) <= 2 else "000"


# Request frames that wrap a need without saying it ("can you help me to cancel my order", "j'ai besoin d'aide
# pour annuler"): cut before featurising when enough words are left, so that the need decides the intent.
_FRAMES = {
    "en": r"^(?:(?:hi|hello|hey)[,!.]?\s+)?(?:(?:can|could|would|will)\s+(?:you|u|ya)\s+(?:please\s+)?(?:help|assist)\s+me\s*(?:to|with|in)?|"
          r"(?:i\s+)?(?:want|need|would\s+like|'d\s+like)?\s*(?:some\s+)?(?:help|assistance)(?=\s+\w+ing\b)|(?:i\s+)?wanna|"
          r"(?:please\s+)?help\s+me\s*(?:to|with)?|i\s+(?:need|want|would\s+like|'d\s+like|d\s+like)\s+(?:some\s+)?"
          r"(?:help|assistance|support)\s*(?:to|with|in)?|(?:i\s+)?(?:need|want)\s+(?:some\s+)?(?:help|assistance)\s*(?:to|with|in)?|"
          r"(?:some\s+)?(?:help|assistance)\s+(?:to|with|in)|i\s+(?:want|need)\s+help|i\s+(?:do\s+not|don'?t|dont)\s+know\s+(?:how|what\s+to\s+do)\s+to|"
          r"i'?m\s+trying\s+to|i\s+am\s+trying\s+to|i\s+try\s+to|i\s+have\s+(?:got\s+)?to|i'?ve\s+got\s+to|"
          r"what\s+(?:do|should)\s+i\s+(?:have\s+to\s+)?do\s+to|is\s+it\s+possible\s+to|i\s+have\s+(?:a\s+)?problems?\s+(?:with|to)|"
          r"i\s+have\s+(?:an\s+)?issues?\s+(?:with|to))\s+",
    "fr": r"^(?:(?:bonjour|salut)[,!.]?\s+)?(?:(?:pouvez|pourriez)[- ]vous\s+m'?\s*aider\s+(?:a|pour)|(?:tu\s+peux|peux[- ]tu)\s+m'?\s*aider\s+(?:a|pour)|"
          r"j'?ai\s+besoin\s+d'?\s*aide\s+pour|aidez[- ]moi\s+(?:a|pour)|aide[- ]moi\s+(?:a|pour)|je\s+voudrais\s+de\s+l'?\s*aide\s+pour|"
          r"je\s+ne\s+sais\s+pas\s+comment|j'?essaie\s+de)\s+",
    "el": r"^(?:(?:μπορειτε|μπορεις)\s+να\s+με\s+βοηθησετε?\s+(?:να|με)|χρειαζομαι\s+βοηθεια\s+(?:να|με|για)|θελω\s+βοηθεια\s+(?:να|με|για)|"
          r"βοηθηστε\s+με\s+(?:να|με)|βοηθησε\s+με\s+(?:να|με)|δεν\s+ξερω\s+πως\s+να)\s+",
}  # fmt: skip
_FRAME_PATTERNS = {lang: re.compile(p) for lang, p in _FRAMES.items()}
# The same frames at the end of a message ("cancel order 42, can you help me?").
_TAIL_FRAMES = {
    "en": r"[\s,.;:!?-]*(?:(?:can|could|will|would)\s+(?:you|u|ya)\s+(?:please\s+)?help(?:\s+me)?(?:\s+(?:with\s+)?(?:that|it|this))?|"
          r"(?:can|could|may)\s+i\s+(?:get|have)\s+(?:some\s+)?(?:help|assistance)|how\s+(?:can|do|could|should)\s+i\s+do\s+(?:it|that|this)|"
          r"how\s+to\s+do\s+(?:it|that|this)|(?:i\s+)?need\s+(?:some\s+)?(?:help|assistance)|help\s+me(?:\s+please)?|please\s+help)[\s.!?]*$",
    "fr": r"[\s,.;:!?-]*(?:(?:pouvez|pourriez)[- ]vous\s+m['’]?\s*aider|vous\s+pouvez\s+m['’]?\s*aider|(?:tu\s+peux|peux[- ]tu)\s+m['’]?\s*aider|comment\s+(?:je\s+)?(?:fais|faire|dois[- ]je\s+faire)|"
          r"merci\s+de\s+m['’]?\s*aider|aidez[- ]moi|aide[- ]moi)(?:\s+(?:svp|stp|s['’]?il\s+vous\s+pla[iî]t))?[\s.!?]*$",
    "el": r"[\s,.;:!?-]*(?:μπορειτε\s+να\s+με\s+βοηθησετε|μπορεις\s+να\s+με\s+βοηθησεις|βοηθηστε\s+με|βοηθησε\s+με|πως\s+το\s+κανω)"
          r"(?:\s+παρακαλω)?[\s.!?;]*$",
}  # fmt: skip
_TAIL_PATTERNS = {lang: re.compile(p) for lang, p in _TAIL_FRAMES.items()}
# A greeting before a request ("Bonjour, je cherche un cadeau..."): the request decides the intent.
_GREETINGS = {
    "en": r"^(?:hi|hello|hey|hiya|good\s+(?:morning|afternoon|evening))(?:\s+there)?[\s,.!]+",
    "fr": r"^(?:bonjour|bonsoir|salut|coucou|hello)(?:\s+(?:madame|monsieur))?[\s,.!]+",
    "el": r"^(?:γεια\s+σα[σς]|γεια\s+σου|γεια|καλημερα|καλησπερα|χαιρετε)[\s,.!]+",
    "ja": r"^(?:こんにちは|こんばんは|おはようございます|おはよう|すみません)[\s、。,.!！]+",
}
_GREETING_PATTERNS = {lang: re.compile(p) for lang, p in _GREETINGS.items()}


def strip_request_frame(text: str, language: str) -> str:
    """``"can you help me to cancel order 42"`` -> ``"cancel order 42"`` (when at least two words remain)."""
    tail = _TAIL_PATTERNS.get(language)
    if tail is not None:
        m = tail.search(text)
        if m and m.start() > 0 and len(text[: m.start()].split()) >= 2:
            text = text[: m.start()]
    pattern = _FRAME_PATTERNS.get(language)
    if pattern is None:
        return text
    m = pattern.match(text)
    if m and len(text[m.end() :].split()) >= 2:
        return text[m.end() :]
    return text


def after_greeting(text: str, language: str) -> str | None:
    """The request after a leading greeting (``"Bonjour, je cherche un cadeau..."``), when it has three words
    or more; else None."""
    greeting = _GREETING_PATTERNS.get(language)
    m = greeting.match(text) if greeting is not None else None
    if m is None:
        return None
    rest = text[m.end() :]
    return rest if len(rest.split()) >= 3 or (language == "ja" and len(rest) >= 6) else None


def _char_ngrams(text: str, low: int, high: int, out: list[str]) -> None:
    for word in text.split():
        padded = f" {word} "
        length = len(padded)
        for n in range(low, high + 1):
            if n > length:
                break
            for i in range(length - n + 1):
                out.append("c:" + padded[i : i + n])


def features(text: str, language: str, *, char_range: tuple[int, int] | None = (2, 5)) -> list[str]:
    """Feature strings of one message (with repeats: their counts are the term frequencies)."""
    prepared = prepare(text, language)
    out: list[str] = []
    if char_range is not None:
        _char_ngrams(prepared, char_range[0], char_range[1], out)
    words = terms(prepared, language)
    out.extend("w:" + w for w in words)
    out.extend("b:" + a + " " + b for a, b in itertools.pairwise(words))
    request = after_greeting(prepared, language)
    if request is not None:  # the request after a greeting counts twice: it, not the greeting, says the need
        again = terms(strip_request_frame(request, language), language)
        out.extend("w:" + w for w in again)
        out.extend("b:" + a + " " + b for a, b in itertools.pairwise(again))
    return out


def masked(text: str, entities: Sequence[Entity]) -> str:
    """``text`` with each entity replaced by a placeholder word naming its label (``entproducttype``)."""
    out: list[str] = []
    position = 0
    for entity in sorted(entities, key=lambda e: e.start):
        if entity.start < position:
            continue
        out.append(text[position : entity.start])
        out.append(" ent" + entity.label.replace("_", "") + " ")
        position = entity.end
    out.append(text[position:])
    return "".join(out)


def _mask_order_ids(text: str, entities: Sequence[Entity]) -> str:
    """Order numbers the extractor found (bare digits after "order", "purchase", "commande"...) read as
    ``#order``, like the W-numbers: their digits must not look like a post code or a verification code."""
    spans = sorted((e.start, e.end) for e in entities if e.label == "order_id")
    if not spans:
        return text
    out: list[str] = []
    position = 0
    for start, end in spans:
        if start < position:
            continue
        out.append(text[position:start])
        out.append(" #order ")
        position = end
    out.append(text[position:])
    return "".join(out)


def message_features(text: str, language: str, entities: Sequence[Entity]) -> list[str]:
    """All the classifier's features of a message: :func:`features`, the labels of its entities (``e:``),
    and the word features of the text with its entities masked (``m:``), so that "where can I find
    swimsuits" and "where can I find a telescope" look alike."""
    out = features(_mask_order_ids(text, entities), language)
    out.extend("e:" + e.label for e in entities)
    concepts = [m.value for m in default_lexicon().find(text, language, INTENT_KINDS)]
    out.extend("k:" + c for c in concepts)
    out.extend("k:" + a + "+" + b for a, b in itertools.pairwise(concepts))
    if entities:
        for feature in features(masked(text, entities), language, char_range=None):
            out.append("m:" + feature)
    else:
        out.extend("m:" + f for f in out if f.startswith(("w:", "b:")))
    return out
