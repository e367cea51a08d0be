"""What a shopper wants instead of an item they have: "the same but clicky", "a bigger one", "one size smaller",
"less bright", "the cheapest", "same colour and material as mine", "4 ft", "1000 more pieces", and fallbacks
("clicky, RGB, full size; if you don't have it, clicky without backlight"; "otherwise keep mine").

``parse_wish`` reads a message against one product's options (values named in any of the four languages, through
the NLU lexicon), relative to the variant the shopper has; ``choose`` ranks the variants that can replace it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from comptoir import catalog
from comptoir.nlu import default_lexicon
from comptoir.search import fold

# --- cue words, per language (folded: lower case, no accents or tonos) ----------------------------------------

# a fallback follows: "if not", "otherwise"…; what sits between an "if you don't have…" and its "then" restates the wish
_FALLBACK = re.compile(
    r"(?:,|\.|;|\s)\s*(?:if (?:you )?(?:do not|don't|dont|cannot|can't|can not)[^,.;]*|if (?:there is|there's|it is|it's|that is|that's) (?:no|not)[^,.;]*|"
    r"if not(?: possible| available)?|otherwise|or else|else|failing that|if that fails|"
    r"sinon|a defaut|si (?:vous n'avez pas|ce n'est pas|c'est pas|il n'y a pas|pas)[^,.;]*|"
    r"αλλιως|διαφορετικα|ειδαλλως|αν (?:οχι|δεν)[^,.;]*)(?=[\s,.;:]|$)"
    r"|(?:なければ|無ければ|ない場合(?:は)?|無理なら|だめなら|ダメなら|なかったら|無かったら|でなければ)"
)
_THEN = re.compile(r"^\s*[,:]?\s*(?:then|alors|τοτε)\b")
_IF_POSSIBLE = re.compile(
    r"\b(?:if possible|if available|si possible|si disponible|αν γινεται|αν υπαρχει)\b|できれば|可能なら"
)
_DROP = re.compile(
    r"\b(?:keep (?:my|mine|it|the (?:old|current|one))|leave it|skip (?:it|that)|never mind|no exchange|"
    r"just (?:exchange|swap|change|return) the|only (?:exchange|swap|change|return) the|"
    r"je (?:le |la |les )?garde|gardez (?:le mien|la mienne|mon|ma|mes)|laissez|on laisse|"
    r"το κραταω|τα κραταω|κραταω|αστο|αφηστε το)\b"
    r"|そのままで|交換しない|やめて|やめます|今のままで"
)
_SAME = re.compile(
    r"\b(?:same|identical|unchanged|meme|memes|identique|identiques|ιδιο|ιδια|ιδιος|ιδιες|ιδιου)\b|同じ|そのまま"
)
_REST = re.compile(
    r"\b(?:everything else|all else|the rest|other (?:features|specs|options|things|characteristics)|"
    r"le reste|les autres|tout le reste|τα υπολοιπα|τα αλλα|ολα τα αλλα)\b|ほか|他の|その他"
)
_ANY = re.compile(
    r"\b(?:either|any|doesn't matter|does not matter|don't mind|do not care|don't care|whatever|"
    r"peu importe|n'importe|ca m'est egal|egal|δεν με πειραζει|δεν εχει σημασια|οποιοδηποτε|οτιδηποτε)\b"
    r"|どちらでも|どっちでも|なんでも|こだわらない|気にしない"
)
_NEGATE_BEFORE = re.compile(
    r"\b(?:instead of|rather than|over(?!-)|not|no|without|au lieu d[eu']|plutot que|pas d[e']|pas|sans|non|"
    r"αντι για|αντι|οχι|χωρις|δεν)\b"
)
_NEGATE_AFTER = re.compile(r"(?:ではなく|じゃなく|じゃない|の代わりに|以外|なし|無し|ではない)")
_NONE_VALUE = re.compile(r"\b(?:no|not|without|sans|pas|non|χωρις|οχι|δεν|μη)\b|なし|無し|ない")
_PART = re.compile(r"[,;:()\n、。]|\.\s|\s(?:and|et|και|but|mais|αλλα|with|avec|με)\s|と")

_UP = re.compile(
    r"\b(?:bigger|larger|greater|more|higher|longer|taller|brighter|heavier|thicker|wider|stronger|faster|"
    r"biggest|largest|greatest|most|highest|longest|tallest|brightest|heaviest|thickest|widest|max(?:imum)?|"
    r"plus(?!\s+(?:petite?s?|bas(?:se)?s?|court(?:e)?s?|faible)\b)|superieure?s?|davantage|"
    r"μεγαλυτερ\w*|περισσοτερ\w*|υψηλοτερ\w*|ψηλοτερ\w*|μακρυτερ\w*|φωτεινοτερ\w*|πιο)\b"
    r"|大きい|大きめ|大きな|多い|多め|高い|長い|明るい|上の|アップ"
)
_DOWN = re.compile(
    r"\b(?:smaller|less|lower|fewer|shorter|dimmer|lighter|thinner|narrower|weaker|slower|cheaper|"
    r"smallest|least|lowest|fewest|shortest|dimmest|lightest|thinnest|min(?:imum)?|"
    r"moins|plus (?:petite?s?|bas(?:se)?s?|courte?s?|faible)|inferieure?s?|"
    r"μικροτερ\w*|λιγοτερ\w*|χαμηλοτερ\w*|κοντυτερ\w*|φθηνοτερ\w*|οικονομικοτερ\w*)\b"
    r"|小さい|小さめ|小さな|少ない|少なめ|低い|短い|暗い|下の|安い"
)
_SUPERLATIVE = re.compile(
    r"\b(?:\w+est|most|least|max(?:imum)?|min(?:imum)?|le plus|la plus|les plus|le moins|la moins|les moins|"
    r"(?:ο|η|το|τον|την|τα) (?:πιο|μεγαλυτερ\w*|μικροτερ\w*|φθηνοτερ\w*|λιγοτερ\w*|περισσοτερ\w*|υψηλοτερ\w*|χαμηλοτερ\w*))\b"
    r"|一番|最も|最大|最小|最安|いちばん"
)
_SLIGHTLY = re.compile(
    r"\b(?:slightly|a bit|a little|one size|un peu|legerement|une taille|λιγο|ενα νουμερο)\b|少し|ちょっと|ワンサイズ|一つ"
)
_CHEAP = re.compile(
    r"\b(?:cheap\w*|least expensive|less expensive|inexpensive|moins ch[eè]re?s?|bon marche|φθην\w*|οικονομικ\w*)\b|安い|安め|最安"
)
_PRICEY = re.compile(r"\b(?:most expensive|priciest|le plus cher|la plus chere|ακριβοτερ\w*)\b|一番高い")
# "1000 more pieces", "2 fewer"
_AMOUNT = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(?:\w+\s+)?(?:more|extra|de plus|en plus|περισσοτερ\w*|παραπανω|多い|多く|増)"
    r"|(\d+(?:[.,]\d+)?)\s*(?:\w+\s+)?(?:fewer|less|de moins|en moins|λιγοτερ\w*|少ない|少なく)"
)

# what "bigger" and "brighter" are about, when no option is named
_SIZE_WORDS = re.compile(
    r"\b(?:big\w*|large\w*|small\w*|size|grand\w*|petit\w*|taille|μεγαλ\w*|μικρ\w*|μεγεθ\w*|νουμερ\w*)\b|大き|小さ|サイズ"
)
_BRIGHT_WORDS = re.compile(r"\b(?:bright\w*|dim\w*|lumin\w*|φωτειν\w*)\b|明る|暗")
_SIZE_KEYS = (
    "size",
    "frame size",
    "screen size",
    "kit size",
    "room size",
    "height",
    "length",
    "capacity",
    "diameter",
)

# option names the lexicon does not list (yet), folded
_KEY_WORDS: dict[str, tuple[str, ...]] = {
    "zoom": ("zoom", "ζουμ", "ズーム"),
    "pieces": ("pieces", "piece", "pieces", "κομματια", "κομματι", "ピース"),
    "height": ("height", "tall", "hauteur", "υψος", "高さ"),
    "theme": ("theme", "motif", "θεμα", "テーマ"),
    "ventilation": ("ventilation", "vents", "αεριζομ", "αερισμ", "通気"),
    "zipper": ("zipper", "zip", "fermeture", "φερμουαρ", "ジップ", "ジッパー"),
    "style": ("style", "neck", "col", "λαιμοκοψη", "ネック"),
    "type": ("type", "kind", "genre", "τυπος", "タイプ", "種類"),
    "compatibility": ("compatib", "works with", "συμβατ", "対応"),
    "design": ("design", "σχεδιο", "デザイン"),
    "features": ("feature", "fonction", "λειτουργ", "機能"),
    "water resistance": (
        "water resistant",
        "resistant a l'eau",
        "resistants a l'eau",
        "resistante a l'eau",
        "resistantes a l'eau",
        "αδιαβροχ",
        "防水",
    ),
    "frame size": ("frame", "cadre", "σκελετ", "πλαισι", "フレーム"),
    "difficulty level": ("difficulty", "difficulte", "δυσκολ", "難易度"),
}
_LETTER_SIZES = ["xxs", "xs", "s", "m", "l", "xl", "xxl", "xxxl"]
_SCALES = [
    _LETTER_SIZES,
    ["small", "medium", "large"],
    ["portable", "medium", "large"],
    ["low", "medium", "high"],
    ["basic", "professional"],
    ["beginner", "intermediate", "expert"],
    ["standard", "high-back"],
    ["60%", "80%", "full size"],
]
# "large", "medium", "small" as shoppers say them
_SIZE_NAMES: dict[str, tuple[str, ...]] = {
    "small": ("small", "petit", "petite", "μικρο", "μικρη", "μικρου", "小さい", "小"),
    "medium": ("medium", "moyen", "moyenne", "μεσαιο", "μεσαια", "μεσαιου", "中くらい", "中"),
    "large": ("large", "big", "grand", "grande", "μεγαλο", "μεγαλη", "μεγαλου", "大きい", "大"),
}
_SAME_VALUE = {"gray": ("grey",), "grey": ("gray",)}
# option values of the τ store the lexicon does not carry as such (power sources)
_VALUE_WORDS: dict[str, tuple[str, ...]] = {
    "battery": (
        "battery",
        "battery powered",
        "batterie",
        "sur batterie",
        "a piles",
        "piles",
        "μπαταρια",
        "μπαταριας",
        "με μπαταρια",
        "電池",
        "電池式",
        "バッテリー",
        "バッテリー式",
    ),
    "ac adapter": (
        "mains",
        "plug",
        "secteur",
        "sur secteur",
        "ρευμα",
        "στο ρευμα",
        "πριζα",
        "τροφοδοτικο",
        "コンセント",
        "ac電源",
    ),
}
_LETTER_NAMES = {"s": "small", "m": "medium", "l": "large", "xl": "extra large"}
_SIZE_NAMES["extra large"] = ("extra large", "extra-large", "tres grand", "πολυ μεγαλο", "特大")
_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)")
# units shoppers write after a number, per the catalogue's unit (folded prefixes)
_UNITS: dict[str, tuple[str, ...]] = {
    "hour": ("hour", "hr", "h", "heure", "ωρ", "時間"),
    "ft": ("ft", "foot", "feet", "pied", "ποδ", "フィート"),
    "inch": ("inch", "in", "pouce", "ιντσ", "インチ", '"'),
    "gb": ("gb", "go", "giga", "ギガ"),
    "piece": ("piece", "pcs", "κομματ", "ピース"),
    "mm": ("mm", "χιλ", "ミリ"),
    "ml": ("ml", "μλ", "ミリリットル"),
    "cup": ("cup", "tasse", "φλιτζ", "カップ"),
    "bar": ("bar", "μπαρ", "バール"),
    "degree": ("degree", "°", "degre", "μοιρ", "度"),
}
_TEXT_NUMBER = re.compile(r"(?<![A-Za-z0-9#.,])(\d+(?:[.,]\d+)?)\s*([^\W\d_]*|[\"°])")
_GENERIC = frozenset(
    {"size", "type", "with", "card", "equivalent", "hours", "inch", "inches", "liter", "liters"}
)
# option keys that are also features in the lexicon ("waterproof" names the option "water resistance")
_KEY_FEATURES = {"waterproof": "waterproof", "water resistance": "waterproof"}


@dataclass
class Clause:
    """One wish: what must hold (``wanted``, ``avoid``, ``relative``, ``keep``), what should (``keep_rest``)."""

    wanted: dict[str, list[str]] = field(default_factory=dict)
    avoid: dict[str, set[str]] = field(default_factory=dict)
    relative: dict[str, tuple[int, bool, bool]] = field(
        default_factory=dict
    )  # key -> (±1, superlative, slightly)
    keep: set[str] = field(default_factory=set)
    keep_rest: bool = False
    price: int = 0  # -1 cheaper, +1 dearer
    price_superlative: bool = False
    drop: bool = False
    optional: set[str] = field(default_factory=set)  # keys wished "if possible"

    def empty(self) -> bool:
        return not (self.wanted or self.avoid or self.relative or self.keep or self.price or self.drop)

    def merged_into(self, base: Clause) -> Clause:
        """A fallback says only what differs from the first wish."""
        if self.drop:
            return self
        out = Clause(
            wanted={**base.wanted, **self.wanted},
            avoid={**base.avoid, **self.avoid},
            relative={k: v for k, v in base.relative.items() if k not in self.wanted} | self.relative,
            keep=(base.keep - set(self.wanted) - set(self.relative)) | self.keep,
            keep_rest=base.keep_rest or self.keep_rest,
            price=self.price or base.price,
            price_superlative=self.price_superlative or base.price_superlative,
        )
        for key in set(self.wanted) - set(self.avoid):
            out.avoid.pop(key, None)
        return out


@dataclass
class Wish:
    clauses: list[Clause]

    def empty(self) -> bool:
        return all(c.empty() for c in self.clauses)


@dataclass
class Choice:
    variants: list[catalog.VariantView]  # best first; one when the wish decides
    dropped: bool = False  # the shopper would rather keep the item
    unmet: bool = False  # nothing satisfies the wish


# --- reading the wish ------------------------------------------------------------------------------------------


def _number(value: str) -> float | None:
    v = fold(value).replace(",", ".")
    if v in ("full size", "full"):
        return 100.0
    m = _NUMBER.search(v)
    if not m:
        return None
    n = float(m.group(1))
    rest = v[m.end() :].strip()
    if rest.startswith("tb") or (rest.startswith("k") and not rest.startswith("kg")):  # 1TB, 4K
        n *= 1000
    return n


def value_order(values: list[str]) -> dict[str, float] | None:
    """Each value's place on its scale (numbers, sizes, low/medium/high…), or None if the option has no order."""
    folded = [fold(v) for v in values]
    for scale in _SCALES:
        if all(f in scale for f in folded):
            return {v: float(scale.index(f)) for v, f in zip(values, folded, strict=True)}
    numbers = {v: _number(v) for v in values}
    if all(n is not None for n in numbers.values()) and len(set(numbers.values())) == len(values):
        return {v: float(n) for v, n in numbers.items() if n is not None}
    return None


def _find(pattern: str, text: str) -> int:
    """Where a folded word or phrase occurs in folded text (whole words for Latin and Greek), or -1."""
    if not pattern:
        return -1
    if pattern.isascii() and (pattern[0].isalnum() or pattern[-1].isalnum()):
        # a Latin word is whole when no Latin letter or digit touches it ("RGBバックライト" names RGB)
        m = re.search(r"(?<![A-Za-z0-9])" + re.escape(pattern) + r"(?![A-Za-z0-9])", text)
        return m.start() if m else -1
    if re.match(r"^[\w\s\-/%.]+$", pattern) and not re.search(r"[\u3040-\u9fff]", pattern):
        m = re.search(r"(?<![\w])" + re.escape(pattern) + r"(?![\w])", text)
        return m.start() if m else -1
    return text.find(pattern)


def _value_forms(option: catalog.OptionView, language: str) -> dict[str, list[str]]:
    """The words that name each value of an option: the value, its label, the lexicon's words, size names."""
    lexicon = default_lexicon()
    forms: dict[str, list[str]] = {}
    for v in option.values:
        words = {fold(v.value), fold(v.label)}
        for kind in ("colors", "materials", "features"):
            entry = lexicon.raw.get(kind, {})
            for canonical in (v.value, v.value.lower(), fold(v.value)):
                if canonical in entry:
                    for lang in {language, "en"}:
                        words |= {fold(f) for f in lexicon.forms(kind, canonical, lang)}
        for canonical in _SAME_VALUE.get(fold(v.value), ()):  # "gray" is the lexicon's "grey"
            for lang in {language, "en"}:
                words |= {fold(f) for f in lexicon.forms("colors", canonical, lang)}
            words.add(canonical)
        words |= {fold(w) for w in _VALUE_WORDS.get(fold(v.value), ())}
        name = _LETTER_NAMES.get(fold(v.value), fold(v.value))
        if name in _SIZE_NAMES:
            words |= {fold(w) for w in _SIZE_NAMES[name]}
        forms[v.value] = sorted((w for w in words if w), key=len, reverse=True)
    # "Google Home" for "Google Assistant", "adapter" for "AC adapter": a word of one value only
    counts: dict[str, int] = {}
    for v in option.values:
        for w in set(re.findall(r"[^\W_]{4,}", fold(v.value))):
            counts[w] = counts.get(w, 0) + 1
    for v in option.values:  # "AC" for "AC adapter", "USB" for "USB-C"
        for short in re.findall(r"(?<![A-Za-z])[A-Z]{2,}(?![A-Za-z])", v.value):
            if sum(short in other.value for other in option.values) == 1:
                forms[v.value].append(fold(short))
    for v in option.values:
        words = set(re.findall(r"[^\W_]{4,}", fold(v.value)))
        if len(words) > 1:
            forms[v.value] += sorted(w for w in words if counts[w] == 1 and w not in _GENERIC)
    return forms


def _key_forms(option: catalog.OptionView, language: str) -> list[str]:
    lexicon = default_lexicon()
    words = {fold(option.key), fold(option.name)}
    for lang in {language, "en"}:
        words |= {fold(f) for f in lexicon.forms("attributes", option.key, lang)}
    words |= {fold(w) for w in _KEY_WORDS.get(option.key, ())}
    feature = _KEY_FEATURES.get(option.key)
    if feature:
        for lang in {language, "en"}:
            words |= {fold(f) for f in lexicon.forms("features", feature, lang)}
    return sorted((w for w in words if len(w) > 1 or not w.isascii()), key=len, reverse=True)


def _mentions(text: str, forms: list[str]) -> list[int]:
    out = []
    for form in forms:
        at = _find(form, text)
        if at >= 0:
            out.append(at)
    return out


def _size_letter(option: catalog.OptionView, raw: str) -> list[str]:
    """Letter sizes ("XXL", "taille S", "Lサイズ"): single letters count only in capitals or beside a size word."""
    values = {fold(v.value): v.value for v in option.values}
    if not all(v in _LETTER_SIZES for v in values):
        return []
    found = []
    for m in re.finditer(r"(?<![A-Za-z])(XXXL|XXL|XL|XXS|XS|S|M|L)(?![A-Za-z'’])", raw):
        found.append(values.get(m.group(1).lower(), ""))
    for m in re.finditer(
        r"(?:size|taille|μεγεθος|νουμερο)\s+(xxxl|xxl|xl|xxs|xs|s|m|l)\b|(xxxl|xxl|xl|xxs|xs|s|m|l)\s?サイズ",
        fold(raw),
    ):
        found.append(values.get((m.group(1) or m.group(2)), ""))
    return [f for f in found if f]


def _negated(part: str, at: int) -> bool:
    before = part[:at]
    after = part[at:]
    for m in _NEGATE_BEFORE.finditer(before):
        between = before[m.end() :]
        if not re.search(r"[,;.]", between) and len(between) < 40:
            return True
    post = _NEGATE_AFTER.search(after)
    return bool(post and post.start() < 20 and not re.search(r"[,;、。]", after[: post.start()]))


def _parts(text: str) -> list[str]:
    return [p for p in _PART.split(text) if p and p.strip()]


def _clause(raw: str, product: catalog.ProductView, current: dict[str, str], language: str) -> Clause:
    text = fold(raw)
    clause = Clause()
    if _DROP.search(text):
        clause.drop = True
        return clause
    if _CHEAP.search(text):
        clause.price = -1
        clause.price_superlative = bool(_SUPERLATIVE.search(text))
    elif _PRICEY.search(text):
        clause.price, clause.price_superlative = 1, True
    key_forms = {o.key: _key_forms(o, language) for o in product.options}
    value_forms = {o.key: _value_forms(o, language) for o in product.options}
    orders = {o.key: value_order([v.value for v in o.values]) for o in product.options}
    # values named, per key; a word naming values of two options ("medium") goes to the option named beside it
    parts = _parts(text) or [text]
    offsets = [text.find(p) for p in parts]
    hits: list[tuple[int, str, str, str, int]] = []  # (part, form, key, value, position)
    avoided: dict[str, set[str]] = {}
    for option in product.options:
        for value, forms in value_forms[option.key].items():
            for i, part in enumerate(parts):
                found = [(at, f) for f in forms if (at := _find(f, part)) >= 0]
                if not found:
                    continue
                at, form = min(found)
                if fold(value) in ("none", "no") and not _NONE_VALUE.search(part):
                    continue
                if _negated(part, at) and fold(value) not in ("none", "no", "not resistant"):
                    avoided.setdefault(option.key, set()).add(value)
                else:
                    hits.append((i, form, option.key, value, offsets[i] + at))
                break
    by_word: dict[tuple[int, str], set[str]] = {}
    for i, form, key, _, _ in hits:
        by_word.setdefault((i, form), set()).add(key)
    named: dict[str, list[tuple[int, str]]] = {}
    for i, form, key, value, at in hits:
        sharing = by_word[(i, form)]
        if len(sharing) > 1:
            beside = {k for k in sharing if _mentions(parts[i], key_forms[k])}
            sized = {k for k in sharing if "size" in k}
            keep = beside or sized
            if key not in keep or len(keep) > 1:
                continue
        named.setdefault(key, []).append((at, value))
    for option in product.options:
        found = named.get(option.key, [])
        for letter in _size_letter(option, raw):
            found.append((0, letter))
        # "no backlight", "sans rétroéclairage", "not waterproof", "防水なし"
        none = next(
            (v.value for v in option.values if fold(v.value) in ("none", "no", "not resistant")), None
        )
        if none is not None:
            for i, part in enumerate(parts):
                if _mentions(
                    part, key_forms[option.key] + value_forms[option.key].get("yes", [])
                ) and _NONE_VALUE.search(part):
                    found.append((offsets[i], none))
        yes = next((v.value for v in option.values if fold(v.value) == "yes"), None)
        if yes is not None and not found:
            for i, part in enumerate(parts):
                if _mentions(part, key_forms[option.key]) and not _NONE_VALUE.search(part):
                    found.append((offsets[i], yes))
        wanted: list[str] = []
        for _, value in sorted(found):
            if value not in wanted and value not in avoided.get(option.key, set()):
                wanted.append(value)
        if wanted:
            clause.wanted[option.key] = wanted
            if any(
                _IF_POSSIBLE.search(p) and _mentions(p, value_forms[option.key][wanted[0]]) for p in parts
            ):
                clause.optional.add(option.key)
        if option.key in avoided:
            clause.avoid[option.key] = avoided[option.key]
    _numbers(clause, text, product, orders)
    # "the blue earbuds (8 hours) for black ones with 4 hours": the item's own values describe it, not the wish
    for key, values in clause.wanted.items():
        if len(values) > 1 and current.get(key) in values:
            values.remove(current[key])
    # "1000 more pieces": an amount relative to the item's value
    for m in _AMOUNT.finditer(text):
        amount = float((m.group(1) or m.group(2)).replace(",", "."))
        sign = 1 if m.group(1) else -1
        for option in product.options:
            order = orders[option.key]
            base = current.get(option.key)
            if order is None or base is None or base not in order:
                continue
            target = [v for v, n in order.items() if n == order[base] + sign * amount]
            if target:
                clause.wanted[option.key] = target
    # relative wishes: "bigger", "less bright", "the biggest zoom", "a slightly lower resolution"
    for part in _parts(text):
        up, down = _UP.search(part), _DOWN.search(part)
        if not (up or down) or (_CHEAP.search(part) and not _SIZE_WORDS.search(part)):
            continue
        direction = (
            -1 if down and (not up or down.start() <= up.start() or "less" in part or "moins" in part) else 1
        )
        superlative = bool(_SUPERLATIVE.search(part))
        slightly = bool(_SLIGHTLY.search(part))
        keys = [
            o.key
            for o in product.options
            if orders[o.key] is not None and o.key not in clause.wanted and _mentions(part, key_forms[o.key])
        ]
        if not keys and _BRIGHT_WORDS.search(part):
            keys = [k for k in orders if "bright" in k and orders[k] is not None]
        if not keys and (
            _SIZE_WORDS.search(part) or re.search(r"\b(?:one|un|une|ενα|μια)\b", part) or len(part) < 25
        ):
            keys = [
                k for k in _SIZE_KEYS if k in orders and orders[k] is not None and k not in clause.wanted
            ][:1]
        for key in keys[:1]:
            clause.relative[key] = (direction, superlative, slightly)
    # "same colour and material as mine", "everything else the same"
    for part in re.split(r"[,;.、。]", text):
        if not _SAME.search(part):
            continue
        named_keys = [
            o.key for o in product.options if _mentions(part, key_forms[o.key]) and o.key not in clause.wanted
        ]
        if named_keys:
            clause.keep |= {k for k in named_keys if k not in clause.relative}
        elif _REST.search(part) or not clause.wanted:
            clause.keep_rest = True
    # "waterproof or not, I don't mind": no wish on that option
    for part in re.split(r"[,;.、。]", text):
        if _ANY.search(part):
            for o in product.options:
                if _mentions(part, key_forms[o.key]) or any(
                    _mentions(part, f) for f in value_forms[o.key].values()
                ):
                    clause.wanted.pop(o.key, None)
                    clause.keep.discard(o.key)
    return clause


def _unit_of(value: str) -> str:
    m = re.match(r"\s*\d+(?:[.,]\d+)?\s*-?\s*([^\W\d_]+)", fold(value))
    if not m:
        return ""
    word = m.group(1)
    return next((unit for unit, forms in _UNITS.items() if any(word.startswith(f) for f in forms[:2])), word)


def _numbers(
    clause: Clause, text: str, product: catalog.ProductView, orders: dict[str, dict[str, float] | None]
) -> None:
    """Values named by their number ("4 ft", "4フィート", "4 πόδια", "size 10", "1000 pieces")."""
    amounts = [m.span() for m in _AMOUNT.finditer(text)]
    for m in _TEXT_NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in amounts):
            continue
        n = float(m.group(1).replace(",", "."))
        said = m.group(2)
        said_unit = next(
            (u for u, forms in _UNITS.items() if said and any(said.startswith(f) for f in forms)), said
        )
        hits = []
        for option in product.options:
            if orders[option.key] is None:
                continue
            for v in option.values:
                if re.match(r"\s*\d", v.value) and _number(v.value) == n:
                    hits.append((option.key, v.value, _unit_of(v.value)))
        if len({k for k, _, _ in hits}) > 1 and said_unit:
            hits = [h for h in hits if h[2] == said_unit] or hits
        if len({k for k, _, _ in hits}) == 1:
            key, value, _ = hits[0]
            if value not in clause.wanted.setdefault(key, []):
                clause.wanted[key].append(value)


def parse_wish(text: str, product: catalog.ProductView, current: dict[str, str], language: str) -> Wish:
    """The shopper's wish for a replacement of ``current`` (a variant's options), with its fallbacks in order."""
    folded = fold(text)
    pieces: list[str] = []
    last = 0
    for m in _FALLBACK.finditer(folded):
        pieces.append(text[last : m.start()])
        last = m.end()
    pieces.append(text[last:])
    clauses: list[Clause] = []
    for i, piece in enumerate(pieces):
        stripped = _THEN.sub("", fold(piece))
        if not stripped.strip(" ,.;:"):
            continue
        clause = _clause(stripped if i else piece, product, current, language)
        if i and clauses:
            clause = clause.merged_into(clauses[0])
        clauses.append(clause)
    if clauses and clauses[0].optional:
        # "with an AC adapter if possible": without it is the next best
        first = clauses[0]
        relaxed = Clause(
            wanted={k: v for k, v in first.wanted.items() if k not in first.optional},
            avoid=first.avoid,
            relative=first.relative,
            keep=first.keep,
            keep_rest=first.keep_rest,
            price=first.price,
            price_superlative=first.price_superlative,
        )
        clauses.insert(len(clauses), relaxed)
    return Wish(clauses=clauses or [Clause()])


# --- choosing ---------------------------------------------------------------------------------------------------


def _satisfies(
    v: catalog.VariantView, c: Clause, current: dict[str, str], orders: dict[str, dict[str, float] | None]
) -> bool:
    for key, values in c.wanted.items():
        if v.options.get(key) not in values:
            return False
    for key, avoided in c.avoid.items():
        if v.options.get(key) in avoided:
            return False
    for key in c.keep:
        if key in current and v.options.get(key) != current[key]:
            return False
    for key, (direction, _, _) in c.relative.items():
        order = orders.get(key)
        mine, theirs = current.get(key), v.options.get(key)
        if order is None or mine not in order or theirs not in order:
            return False
        if (order[theirs] - order[mine]) * direction <= 0:
            return False
    return True


def choose(
    wish: Wish,
    product: catalog.ProductView,
    current: dict[str, str],
    pool: list[catalog.VariantView],
    current_price: Decimal | None = None,
) -> Choice:
    """The variants of ``pool`` that best meet the wish (ties kept), trying each fallback in turn."""
    orders = {o.key: value_order([v.value for v in o.values]) for o in product.options}
    for clause in wish.clauses:
        if clause.drop:
            return Choice(variants=[], dropped=True)
        fits = [v for v in pool if _satisfies(v, clause, current, orders)]
        if clause.price and current_price is not None and not clause.price_superlative:
            fits = [v for v in fits if (v.price - current_price) * clause.price > 0]
        if not fits:
            continue

        def rank(v: catalog.VariantView, clause: Clause = clause) -> tuple[float, ...]:
            same = sum(1 for k, val in current.items() if k not in clause.wanted and v.options.get(k) == val)
            steps = 0.0
            for key, (direction, superlative, _) in clause.relative.items():
                order = orders[key] or {}
                distance = order.get(v.options.get(key, ""), 0.0) - order.get(current.get(key, ""), 0.0)
                # the biggest for a superlative; the nearest step otherwise ("bigger", "slightly lower")
                steps += -distance * direction if superlative else abs(distance)
            price = -float(v.price) * clause.price if clause.price else 0.0  # cheapest first for price -1
            return (price if clause.price_superlative else 0.0, steps, -same)

        fits.sort(key=rank)
        best = rank(fits[0])
        if not clause.wanted:
            # "a less bright one" leaves the rest open: decide only if one changes nothing else
            group = [v for v in fits if rank(v)[:2] == best[:2]]
            said = set(clause.avoid) | set(clause.relative) | clause.keep
            unchanged = [
                v
                for v in group
                if all(v.options.get(k) == val for k, val in current.items() if k not in said)
            ]
            return Choice(variants=unchanged if len(unchanged) == 1 else group)
        # what they named, and the rest kept as far as possible; a tie is theirs to choose
        return Choice(variants=[v for v in fits if rank(v) == best])
    return Choice(variants=[], unmet=not wish.empty())
