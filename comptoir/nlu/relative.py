"""Relative option wishes: "one size bigger", "less bright", "the same colour", "cheaper" in en/fr/el/ja.

Each becomes a ``relative`` entity whose value says which option moves and how::

    {"attribute": "size", "direction": "up", "steps": 1}     # "a size up", "une taille au-dessus", "1サイズ上"
    {"attribute": "brightness", "direction": "down", "steps": 1}   # "less bright", "moins lumineuse"
    {"attribute": "color", "direction": "same", "steps": 0}   # "same colour", "ίδιο χρώμα", "同じ色"

``attribute`` is an option name of the lexicon's English vocabulary (size, color, brightness, price, length,
storage, screen size, capacity, material, model). "The cheapest" stays an ``ordinal`` (a superlative picks
one of the shown products); "cheaper" is a relative wish on the price.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["RelativeWish", "find_relatives"]


@dataclass(frozen=True, slots=True)
class RelativeWish:
    attribute: str
    direction: str  # "up", "down" or "same"
    steps: int
    start: int  # offsets in the normalised text
    end: int


_STEPS = {"a": 1, "an": 1, "one": 1, "une": 1, "un": 1, "ενα": 1, "μια": 1, "ワン": 1, "ひと": 1, "一": 1,
          "two": 2, "deux": 2, "δυο": 2, "二": 2, "ふた": 2}  # fmt: skip

_N = r"(?P<n>an?|one|two|une|un|deux|ενα|μια|δυο|[1-3])"
_JA_N = r"(?P<n>ワン|ひと|一|二|ふた|[1-3])"

# (pattern on normalised text, attribute, direction); the attribute "*" takes the named group "what".
_RULES: dict[str, list[tuple[str, str, str]]] = {
    "en": [
        (rf"{_N}\s+sizes?\s+(?:up|bigger|larger|above|higher)", "size", "up"),
        (rf"{_N}\s+sizes?\s+(?:down|smaller|below|lower)", "size", "down"),
        (r"(?:a\s+)?size\s+up|(?:the\s+)?next\s+size\s+up|(?:a\s+)?bigger\s+size|(?:a\s+)?larger\s+size", "size", "up"),
        (r"(?:a\s+)?size\s+down|(?:the\s+)?next\s+size\s+down|(?:a\s+)?smaller\s+size", "size", "down"),
        (r"(?:bigger|larger)\s+(?:screen|display)", "screen size", "up"),
        (r"(?:smaller)\s+(?:screen|display)", "screen size", "down"),
        (r"more\s+(?:storage|memory|space)", "storage", "up"),
        (r"(?:bigger|larger)\s+capacity|holds?\s+more", "capacity", "up"),
        (r"bigger|larger|roomier|looser", "size", "up"),
        (r"smaller|tighter|more\s+fitted", "size", "down"),
        (r"brighter|more\s+light|more\s+lumens", "brightness", "up"),
        (r"less\s+bright|not\s+as\s+bright|dimmer|softer\s+light", "brightness", "down"),
        (r"cheaper|less\s+expensive|more\s+affordable|lower\s+price(?:d)?|better\s+price", "price", "down"),
        (r"more\s+expensive|pricier|higher[\s-]end|more\s+premium|fancier", "price", "up"),
        (r"longer", "length", "up"),
        (r"shorter", "length", "down"),
        (r"(?:the\s+)?same\s+(?P<what>colou?r|size|model|material|style|one)", "*", "same"),
    ],
    "fr": [
        (rf"{_N}\s+(?:taille|pointure)s?\s+(?:au[- ]dessus|de\s+plus|plus\s+grande|superieure)", "size", "up"),
        (rf"{_N}\s+(?:taille|pointure)s?\s+(?:en[- ]dessous|au[- ]dessous|de\s+moins|plus\s+petite|inferieure)", "size", "down"),
        (r"(?:la\s+)?(?:taille|pointure)\s+(?:au[- ]dessus|superieure|plus\s+grande)", "size", "up"),
        (r"(?:la\s+)?(?:taille|pointure)\s+(?:en[- ]dessous|au[- ]dessous|inferieure|plus\s+petite)", "size", "down"),
        (r"(?:un\s+)?(?:ecran\s+plus\s+grand|plus\s+grand\s+ecran)", "screen size", "up"),
        (r"plus\s+de\s+(?:stockage|memoire)", "storage", "up"),
        (r"plus\s+grand(?:e|s|es)?|plus\s+ample(?:s)?|moins\s+serre(?:e|s|es)?", "size", "up"),
        (r"plus\s+petit(?:e|s|es)?|plus\s+ajuste(?:e|s|es)?", "size", "down"),
        (r"plus\s+lumineu(?:x|se|ses)|plus\s+de\s+lumiere", "brightness", "up"),
        (r"moins\s+lumineu(?:x|se|ses)|moins\s+brillante?s?|plus\s+tamisee?s?|moins\s+de\s+lumiere", "brightness", "down"),
        (r"moins\s+cher(?:e|s|es)?|plus\s+abordable(?:s)?|meilleur\s+marche|moins\s+couteu(?:x|se)", "price", "down"),
        (r"plus\s+cher(?:e|s|es)?|plus\s+haut\s+de\s+gamme", "price", "up"),
        (r"plus\s+long(?:ue|s|ues)?", "length", "up"),
        (r"plus\s+court(?:e|s|es)?", "length", "down"),
        (r"(?:la\s+|le\s+|de\s+la\s+|du\s+|dans\s+la\s+)?meme\s+(?P<what>couleur|taille|pointure|modele|matiere|coloris)", "*", "same"),
    ],
    "el": [
        (rf"{_N}\s+(?:νουμερο|μεγεθοσ|νουμερα|μεγεθη)\s+(?:πανω|μεγαλυτερο|μεγαλυτερα|παραπανω)", "size", "up"),
        (rf"{_N}\s+(?:νουμερο|μεγεθοσ|νουμερα|μεγεθη)\s+(?:κατω|μικροτερο|μικροτερα|πιο\s+κατω)", "size", "down"),
        (r"(?:το\s+)?(?:νουμερο|μεγεθοσ)\s+(?:πανω|παραπανω)|μεγαλυτερο\s+(?:νουμερο|μεγεθοσ)", "size", "up"),
        (r"(?:το\s+)?(?:νουμερο|μεγεθοσ)\s+(?:κατω|πιο\s+κατω)|μικροτερο\s+(?:νουμερο|μεγεθοσ)", "size", "down"),
        (r"μεγαλυτερη\s+οθονη|πιο\s+μεγαλη\s+οθονη", "screen size", "up"),
        (r"περισσοτερο\s+(?:αποθηκευτικο\s+χωρο|χωρο|μνημη)|περισσοτερη\s+μνημη", "storage", "up"),
        (r"πιο\s+μεγαλ(?:ο|η|α|οσ|εσ)|μεγαλυτερ(?:ο|η|α|οσ|εσ)|πιο\s+φαρδ(?:υ|ια|ιο|ια)", "size", "up"),
        (r"πιο\s+μικρ(?:ο|η|α|οσ|εσ)|μικροτερ(?:ο|η|α|οσ|εσ)|πιο\s+στεν(?:ο|η|α)", "size", "down"),
        (r"πιο\s+φωτειν(?:ο|η|α|οσ)|φωτεινοτερ(?:ο|η|α|οσ)|περισσοτερο\s+φωσ", "brightness", "up"),
        (r"λιγοτερο\s+φωτειν(?:ο|η|α|οσ)|πιο\s+αμυδρ(?:ο|η|α)|πιο\s+χαμηλο\s+φωσ|λιγοτερο\s+φωσ", "brightness", "down"),
        (r"πιο\s+(?:φθην|φτην)(?:ο|η|α|οσ|εσ)|(?:φθην|φτην)οτερ(?:ο|η|α|οσ|εσ)|πιο\s+οικονομικ(?:ο|η|α|οσ)", "price", "down"),
        (r"πιο\s+ακριβ(?:ο|η|α|οσ)|ακριβοτερ(?:ο|η|α|οσ)", "price", "up"),
        (r"πιο\s+μακρ(?:υ|ια|ια|ιο)|μακρυτερ(?:ο|η|α)", "length", "up"),
        (r"πιο\s+κοντ(?:ο|η|α|οσ)|κοντυτερ(?:ο|η|α)", "length", "down"),
        (r"(?:το\s+|την\s+|στο\s+|στην\s+|με\s+το\s+)?ιδι(?:ο|α)\s+(?P<what>χρωμα|νουμερο|μεγεθοσ|μοντελο|υλικο)", "*", "same"),
    ],
    "ja": [
        (rf"{_JA_N}?\s?サイズ\s?(?:上|大きい|大きめ|アップ)", "size", "up"),
        (rf"{_JA_N}?\s?サイズ\s?(?:下|小さい|小さめ|ダウン)", "size", "down"),
        (r"(?:もっと|もう少し|より)?大きい画面|画面が(?:もっと)?大きい", "screen size", "up"),
        (r"容量が(?:もっと)?(?:大きい|多い)|(?:もっと|より)容量", "capacity", "up"),
        (r"(?:もっと|もう少し|より|もうちょっと)大き(?:い|め)|大きめ", "size", "up"),
        (r"(?:もっと|もう少し|より|もうちょっと)小さ(?:い|め)|小さめ", "size", "down"),
        (r"(?:もっと|もう少し|より)明る(?:い|め)|明るめ", "brightness", "up"),
        (r"(?:もっと|もう少し|より)暗(?:い|め)|暗め|明るすぎない|明るさ控えめ", "brightness", "down"),
        (r"(?:もっと|もう少し|より|もうちょっと)安(?:い|め)|安め|お手頃な", "price", "down"),
        (r"(?:もっと|もう少し|より)高(?:い|め)(?:もの|の|やつ)?(?=$|[、。!?\s]|の)|高級な", "price", "up"),
        (r"(?:もっと|もう少し|より)長(?:い|め)|長め", "length", "up"),
        (r"(?:もっと|もう少し|より)短(?:い|め)|短め", "length", "down"),
        (r"同じ(?P<what>色|カラー|サイズ|モデル|素材|もの)", "*", "same"),
    ],
}  # fmt: skip

_WHAT = {"colour": "color", "color": "color", "size": "size", "model": "model", "material": "material",
         "style": "model", "one": "model", "couleur": "color", "coloris": "color", "taille": "size",
         "pointure": "size", "modele": "model", "matiere": "material", "χρωμα": "color", "νουμερο": "size",
         "μεγεθοσ": "size", "μοντελο": "model", "υλικο": "material", "色": "color", "カラー": "color",
         "サイズ": "size", "モデル": "model", "素材": "material", "もの": "model"}  # fmt: skip


def _compile(language: str) -> list[tuple[re.Pattern[str], str, str]]:
    out = []
    for pattern, attribute, direction in _RULES[language]:
        if language != "ja":
            pattern = rf"(?<!\w)(?:{pattern})(?!\w)"
        out.append((re.compile(pattern), attribute, direction))
    return out


_COMPILED = {language: _compile(language) for language in _RULES}


def find_relatives(norm: str, language: str) -> list[RelativeWish]:
    """The relative wishes in a normalised message (rules in order; a later rule never overlaps an
    earlier match)."""
    rules = _COMPILED.get("ja" if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", norm) else language, [])
    taken: list[tuple[int, int]] = []
    out: list[RelativeWish] = []
    for pattern, attribute, direction in rules:
        for m in pattern.finditer(norm):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            groups = m.groupdict()
            name = attribute if attribute != "*" else _WHAT.get(groups.get("what") or "", "model")
            steps = (
                0
                if direction == "same"
                else _STEPS.get(groups.get("n") or "", 0)
                or int(groups["n"] if (groups.get("n") or "").isdigit() else 1)
            )
            taken.append((m.start(), m.end()))
            out.append(RelativeWish(name, direction, steps, m.start(), m.end()))
    return sorted(out, key=lambda w: w.start)
