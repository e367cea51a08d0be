"""Entities of one message, by rules and the commerce lexicon, in English, French, Greek and Japanese.

Each :class:`Entity` has a label (the training data's labels, see ``data/SPEC.md``, plus ``attribute`` for an
option name such as "switch type"), a canonical value, and its span in the original text:

===============  ==============================================================================
label            value
===============  ==============================================================================
email            the address, lower case
order_id         ``"#W2378156"`` or ``"#1042"``
zip              the postal code as written, upper case (``"150-0001"``, ``"SW1A 1AA"``)
code             the six digits of a one-time code
first_name ...   the name as written (Japanese: family name first is understood)
quantity         an ``int``
ordinal          ``{"ordinal": 2}``, ``{"ordinal": -1}`` (last), ``{"ordinal": 1, "count": 2}`` (the first
                 two), ``{"superlative": "cheapest"}``, ``{"position": "middle"}``
price_max/min    ``{"amount": "100", "currency": "EUR"}`` (currency ``""`` when none is said)
size             ``"M"``, ``"42"``, ``"27CM"``
color ...        the lexicon's canonical English value (``"red"``, ``"sneakers"``, ``"waterproof"``)
payment_method   ``{"kind": "credit_card", "brand": "visa", "last_four": "8902"}`` (only known keys)
reason           ``{"return": "<Shopify return-reason handle>", "cancel": "no longer needed" |
                 "ordered by mistake" | "other"}``
brand            the catalogue's spelling (only with ``brands=``)
relative         a relative option wish (:mod:`comptoir.nlu.relative`): ``{"attribute": "size",
                 "direction": "up", "steps": 1}`` for "one size bigger", ``"down"`` for "less bright",
                 ``"same"`` for "the same colour" (not a training-data label, like ``attribute``)
===============  ==============================================================================

Yes/no words are intents (affirm/deny), never entities.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from comptoir.nlu.lexicon import Lexicon, default_lexicon
from comptoir.nlu.relative import find_relatives
from comptoir.nlu.text import normalize, normalize_with_offsets, tokenize

__all__ = ["Entity", "EntityValue", "extract_entities"]

EntityValue = str | int | dict[str, Any]


@dataclass(frozen=True, slots=True)
class Entity:
    label: str
    value: EntityValue
    start: int
    end: int
    text: str


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of folded words, longest first."""
    forms = sorted({normalize(w) for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(f) for f in forms) + ")"


# ---------------------------------------------------------------------------------------------- numbers
_NUMBER_WORDS: dict[str, dict[str, int]] = {
    "en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "a couple": 2, "a couple of": 2, "couple": 2, "a pair": 2,
           "a pair of": 2, "a dozen": 12, "dozen": 12, "half a dozen": 6, "a single": 1, "single": 1},
    "fr": {"un": 1, "une": 1, "une seule": 1, "un seul": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
           "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "une paire": 2,
           "une paire de": 2, "une douzaine": 12, "une douzaine de": 12},
    "el": {"ένα": 1, "ενα": 1, "μία": 1, "μια": 1, "ένας": 1, "δύο": 2, "δυο": 2, "τρία": 3, "τρεις": 3,
           "τέσσερα": 4, "τέσσερις": 4, "πέντε": 5, "έξι": 6, "επτά": 7, "εφτά": 7, "οκτώ": 8, "οχτώ": 8,
           "εννιά": 9, "εννέα": 9, "δέκα": 10, "έντεκα": 11, "δώδεκα": 12, "ένα ζευγάρι": 2, "ζευγάρι": 2},
}  # fmt: skip
_NUMBER_BY_WORD = {lang: {normalize(k): v for k, v in words.items()} for lang, words in _NUMBER_WORDS.items()}
_JA_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                "ひと": 1, "ふた": 2, "みっ": 3, "よっ": 4, "いつ": 5, "むっ": 6, "なな": 7, "やっ": 8}  # fmt: skip
_JA_NUM = r"(?:\d{1,3}|" + "|".join(sorted(_JA_NUMERALS, key=len, reverse=True)) + ")"
_JA_COUNTERS = r"(?:つ|個|枚|本|足|着|点|セット|台|冊|箱|袋|組|杯|ペア)"


def _number_value(text: str, language: str) -> int | None:
    text = text.strip()
    if text.isdigit():
        return int(text)
    if language == "ja":
        for k, v in _JA_NUMERALS.items():
            if text.startswith(k):
                return v
        return None
    return _NUMBER_BY_WORD.get(language, {}).get(text)


# ---------------------------------------------------------------------------------------------- patterns
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_ORDER_W = re.compile(r"(?<![\w#])(#\s?)?w(\d{7})(?!\d)")
_ORDER_HASH = re.compile(r"(?<![\w#])#\s?(\d{3,10})(?!\d)")
_ORDER_WORDS = _alt(
    ["order", "order number", "purchase", "purchase number", "order no", "order no.", "order id", "order #", "order nr", "orders",
     "commande", "commandes", "numero de commande", "n° de commande", "no de commande", "num de commande",
     "παραγγελία", "παραγγελίας", "παραγγελια", "αριθμός παραγγελίας", "αρ. παραγγελίας", "παραγγελίες",
     "注文", "注文番号", "注文no", "オーダー", "オーダー番号"]
)  # fmt: skip
_ORDER_AFTER_WORD = re.compile(
    r"(?<!\w)"
    + _ORDER_WORDS
    + r"\s*(?:number|no\.?|nr\.?|n°|n°|num(?:ero)?|#|id|αριθμος|αρ\.?|番号|は|の|:|：)?"
    r"\s*(?:is|est|c'?est|ειναι)?\s*:?\s*#?\s?(\d{3,20})(?!\d)"
)
_UK_POSTCODE = re.compile(r"(?<![\w])([a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2})(?![\w])")
_CA_POSTCODE = re.compile(r"(?<![\w])([a-z]\d[a-z]\s?\d[a-z]\d)(?![\w])")
_JP_POSTCODE = re.compile(r"(?<![\d\-])(〒\s?)?(\d{3}-\d{4})(?![\d\-])")
_ZIP_WORDS = _alt(
    ["zip", "zip code", "zipcode", "postcode", "post code", "postal code", "code postal", "cp", "npa",
     "τκ", "τ.κ.", "τ.κ", "ταχυδρομικός κώδικας", "ταχυδρομικο κωδικα", "ταχ. κώδικας", "郵便番号", "〒"]
)  # fmt: skip
_ZIP_AFTER_WORD = re.compile(
    r"(?<!\w)" + _ZIP_WORDS + r"\s*(?:is|est|c'?est|ειναι|は|:|：)?\s*:?\s*"
    r"(\d{3}-\d{4}|\d{7}|\d{4,5}|[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2}|[a-z]\d[a-z]\s?\d[a-z]\d)(?![\w\-])"
)
_SIX_DIGITS = re.compile(r"(?<![\d\-])(\d{6})(?![\d\-])")
_CODE_WORDS = _alt(["code", "otp", "κωδικός", "κωδικο", "コード", "認証コード", "確認コード", "pin"])

# sizes
_SIZE_WORDS = _alt(
    ["size", "sizes", "taille", "tailles", "pointure", "μέγεθος", "νούμερο", "νουμερο", "サイズ"]
)
_LETTER_SIZES = r"(?:xxxl|xxl|xl|xxs|xs|s|m|l|3xl|2xl)"
_SIZE_VALUE = (
    r"(?<![a-z])("
    + _LETTER_SIZES
    + r"|\d{1,3}(?:[.,]5)?(?:\s?-\s?\d{1,2})?(?:\s?(?:cm|mm|ans|years|ετων))?|small|medium|large|petit|moyen|grand)"
)
_SIZE_AFTER_WORD = re.compile(
    r"(?<!\w)" + _SIZE_WORDS + r"\s*:?\s*(?:is|est|ειναι|は)?\s*" + _SIZE_VALUE + r"(?!\w)"
)
_SIZE_BEFORE_WORD = re.compile(r"(?<![\w])(" + _LETTER_SIZES + r"|\d{1,3}(?:\.5)?)\s*(?:サイズ|size)(?!\w)")
_LETTER_SIZE_ALONE = re.compile(r"(?<![\w'’])(XXXL|XXL|XL|XXS|XS|S|M|L|3XL|2XL)(?![\w'’])")
_JA_CM = re.compile(r"(?<![\d.])(\d{2}(?:\.5)?)\s?(?:cm|センチ)(?![\w])")
_IN_SIZE = re.compile(r"(?<!\w)(?:in|en|σε)\s+(" + _LETTER_SIZES + r"|\d{2}(?:[.,]5)?)(?!\w)")

# ordinals and references to shown items
_ORDINAL_WORDS: dict[str, dict[str, int]] = {
    "en": {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
           "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "last": -1, "final": -1},
    "fr": {"premier": 1, "premiere": 1, "1er": 1, "1ere": 1, "1re": 1, "deuxieme": 2, "second": 2,
           "seconde": 2, "2e": 2, "2eme": 2, "2nd": 2, "2nde": 2, "troisieme": 3, "3e": 3, "3eme": 3,
           "quatrieme": 4, "4e": 4, "4eme": 4, "cinquieme": 5, "5e": 5, "5eme": 5, "dernier": -1,
           "derniere": -1},
    "el": {"πρωτο": 1, "πρωτη": 1, "πρωτος": 1, "πρωτα": 1, "πρωτες": 1, "δευτερο": 2, "δευτερη": 2,
           "δευτερος": 2, "δευτερα": 2, "τριτο": 3, "τριτη": 3, "τριτος": 3, "τεταρτο": 4, "τεταρτη": 4,
           "πεμπτο": 5, "πεμπτη": 5, "τελευταιο": -1, "τελευταια": -1, "τελευταιος": -1, "τελευταιες": -1},
}  # fmt: skip
_ARTICLES = {
    "en": r"(?:the\s+(?:very\s+)?)",
    "fr": r"(?:(?:le|la|les|l')\s*)",
    "el": r"(?:(?:το|τη|την|τον|ο|η|τα|τις|τους|του|της)\s+)",
}
_ONE = {"en": r"(?:\s+(?:one|ones|item|option|model|pair))?", "fr": r"(?:\s+(?:modele|article|choix))?",
        "el": r"(?:\s+(?:απο\s+)?(?:αυτα)?)?"}  # fmt: skip
_COUNT_AFTER = {"en": r"(?:\s+(two|three|four|2|3|4))?", "fr": r"(?:\s+(deux|trois|2|3))?",
                "el": r"(?:\s+(δυο|τρια|2|3))?"}  # fmt: skip
_SUPERLATIVES: dict[str, dict[str, str]] = {
    "en": {"the cheapest": "cheapest", "the cheaper one": "cheapest", "the cheaper": "cheapest",
           "the least expensive": "cheapest", "the most expensive": "most_expensive",
           "the pricier one": "most_expensive", "the more expensive one": "most_expensive",
           "the biggest": "biggest", "the bigger one": "biggest", "the largest": "biggest",
           "the smallest": "smallest", "the smaller one": "smallest", "the lightest": "lightest",
           "the best rated": "best_rated", "the top rated": "best_rated", "the middle one": "middle",
           "the one in the middle": "middle", "this one": "this", "that one": "this"},
    "fr": {"le moins cher": "cheapest", "la moins chere": "cheapest", "le plus cher": "most_expensive",
           "la plus chere": "most_expensive", "le plus grand": "biggest", "la plus grande": "biggest",
           "le plus petit": "smallest", "la plus petite": "smallest", "le plus leger": "lightest",
           "la plus legere": "lightest", "celui du milieu": "middle", "celle du milieu": "middle",
           "le mieux note": "best_rated", "la mieux notee": "best_rated"},
    "el": {"το φθηνοτερο": "cheapest", "το πιο φθηνο": "cheapest", "το πιο φτηνο": "cheapest",
           "το φτηνοτερο": "cheapest", "τα φθηνοτερα": "cheapest", "η φθηνοτερη": "cheapest",
           "το ακριβοτερο": "most_expensive", "το πιο ακριβο": "most_expensive", "το μεγαλυτερο": "biggest",
           "το μικροτερο": "smallest", "το ελαφρυτερο": "lightest", "το μεσαιο": "middle",
           "αυτο στη μεση": "middle", "αυτο στη μέση": "middle"},
    "ja": {"一番安い": "cheapest", "いちばん安い": "cheapest", "安い方": "cheapest", "安いほう": "cheapest",
           "最安": "cheapest", "一番高い": "most_expensive", "高い方": "most_expensive", "高いほう": "most_expensive",
           "一番大きい": "biggest", "大きい方": "biggest", "一番小さい": "smallest", "小さい方": "smallest",
           "一番軽い": "lightest", "真ん中": "middle", "まんなか": "middle"},
}  # fmt: skip
_JA_ORDINAL = re.compile(
    r"(上から|下から|左から|右から)?("
    + _JA_NUM
    + r")\s?(?:番目|つ目|個目|番|枚目|本目|足目|着目|点目)(?:の(?:やつ|もの|商品|方|ほう|ね))?"
)
_JA_FIRST_LAST = re.compile(r"(最初|一番最初|最後|一番最後|一番目|最初の|最後の)(?:の(?:やつ|もの|商品|方))?")

# payment methods
_CARD_BRANDS = {
    "visa": "visa", "mastercard": "mastercard", "master card": "mastercard", "master": "mastercard",
    "mc": "mastercard", "amex": "amex", "american express": "amex", "jcb": "jcb", "discover": "discover",
    "maestro": "maestro", "carte bleue": "cb", "cb": "cb", "diners": "diners", "union pay": "unionpay",
    "マスターカード": "mastercard", "マスター": "mastercard", "ビザ": "visa", "アメックス": "amex",
}  # fmt: skip
_PAYMENT_KINDS: dict[str, str] = {
    # wallets and other methods (credit cards are found from the card words and brands)
    "paypal": "paypal", "pay pal": "paypal", "apple pay": "apple_pay", "applepay": "apple_pay",
    "google pay": "google_pay", "gpay": "google_pay", "klarna": "klarna", "twint": "twint",
    "bancontact": "bancontact", "ideal": "ideal", "paypay": "paypay", "line pay": "line_pay",
    "楽天ペイ": "rakuten_pay", "iris": "iris", "revolut": "revolut",
    "gift card": "gift_card", "giftcard": "gift_card", "gift voucher": "gift_card", "carte cadeau": "gift_card",
    "cheque cadeau": "gift_card", "bon cadeau": "gift_card", "bon d'achat": "gift_card", "δωροκαρτα": "gift_card",
    "δωροκάρτα": "gift_card", "καρτα δωρου": "gift_card", "κάρτα δώρου": "gift_card", "δωροεπιταγη": "gift_card",
    "ギフトカード": "gift_card", "ギフト券": "gift_card", "商品券": "gift_card",
    "store credit": "store_credit", "avoir": "store_credit", "credit magasin": "store_credit",
    "points": "points", "points fidelite": "points", "mes points": "points", "ポイント": "points", "πόντους": "points",
    "bank transfer": "bank_transfer", "wire transfer": "bank_transfer", "virement": "bank_transfer",
    "virement bancaire": "bank_transfer", "τραπεζικη μεταφορα": "bank_transfer", "κατάθεση": "bank_transfer",
    "銀行振込": "bank_transfer", "振込": "bank_transfer",
    "cash on delivery": "cash_on_delivery", "paiement a la livraison": "cash_on_delivery",
    "αντικαταβολη": "cash_on_delivery", "αντικαταβολή": "cash_on_delivery", "代引き": "cash_on_delivery",
    "代金引換": "cash_on_delivery", "コンビニ払い": "convenience_store", "コンビニ決済": "convenience_store",
    "en 3 fois": "installments", "en trois fois": "installments", "en 4 fois": "installments",
    "σε δοσεις": "installments", "分割払い": "installments", "分割": "installments",
}  # fmt: skip
_CARD_WORDS = {
    "en": ["card", "credit card", "debit card", "bank card", "business card", "company card", "cards"],
    "fr": ["carte", "carte bancaire", "carte de credit", "carte de debit", "cb", "carte pro", "carte bleue"],
    "el": ["καρτα", "πιστωτικη", "πιστωτικη καρτα", "χρεωστικη", "χρεωστικη καρτα", "τραπεζικη καρτα"],
    "ja": ["カード", "クレカ", "クレジットカード", "デビットカード", "カード払い", "クレジット"],
}  # fmt: skip
_LAST_FOUR = re.compile(
    r"(?:ending(?:\s+in|\s+with)?|ends\s+in|ends\s+with|last\s+(?:4|four)(?:\s+digits)?|"
    r"qui\s+(?:finit|se\s+termine|termine)\s+(?:par|en)|finissant\s+par|se\s+terminant\s+par|terminant\s+par|"
    r"που\s+ληγει\s+(?:σε|σε\s+το|στο)|με\s+ληξη|που\s+τελειωνει\s+(?:σε|σε\s+το|στο)|τελειωνει\s+σε|ληγει\s+σε|"
    r"末尾|下4桁|下四桁)"
    r"\s*(?::|は|が)?\s*(?:in\s+)?(\d{4})(?!\d)"
)
_LAST_FOUR_AFTER = re.compile(r"(?<!\d)(\d{4})\s*(?:で終わる|で終わってる|の)")


# reasons: the lexicon's "reasons" table, per language: (cue, return-reason handle, cancellation reason)
def _reason_cues(language: str) -> list[tuple[str, str, str]]:
    table: Mapping[str, Any] = default_lexicon().raw.get("reasons", {})
    return [(str(c[0]), str(c[1]), str(c[2])) for c in table.get(language, [])]


_CLAUSE_BREAK = re.compile(
    r"[.!?;,。、！？…\n]|\s(?:because|since|as|cause|coz|cos|but|and|so|parce que|car|mais|et|donc|"
    r"γιατι|επειδη|αλλα|και|οποτε)\s"
)
_JA_CLAUSE_END = re.compile(r"(?:ので|から|けど|ため|。|、|！|!|？|\?)")

# names
_NAME_INTRO = {
    "en": r"(?:my name is|my name's|name is|name's|name:|i am|i'm|im|it's|its|this is|call me|under the name|"
          r"in the name of|first name|last name|surname)",
    "fr": r"(?:je m'appelle|je m appelle|mon nom est|mon nom c'est|mon nom :|moi c'est|c'est|je suis|au nom de|"
          r"nom :|nom:|prenom :|prenom:|prenom|nom)",
    "el": r"(?:με λενε|ονομαζομαι|λεγομαι|ειμαι ο|ειμαι η|το ονομα μου ειναι|ονομα:|ονομα|επωνυμο|ειμαι)",
}  # fmt: skip
_CAP_WORD = (
    r"[A-ZÀ-ÖØ-ÞΑ-ΩΆ-Ώ][a-zà-öø-ÿα-ωά-ώϊϋΐΰ]+(?:[-'’][A-ZÀ-ÖØ-ÞΑ-ΩΆ-Ώa-zà-öø-ÿα-ω][a-zà-öø-ÿα-ωά-ώ]+)?"
)
_NOT_NAMES = frozenset(
    normalize(w)
    for w in [
        "I",
        "Im",
        "Hi",
        "Hello",
        "Hey",
        "Thanks",
        "Thank",
        "Yes",
        "No",
        "Ok",
        "Okay",
        "Please",
        "Sorry",
        "The",
        "My",
        "It",
        "Its",
        "This",
        "That",
        "Order",
        "Email",
        "Zip",
        "Code",
        "Postcode",
        "Bonjour",
        "Merci",
        "Oui",
        "Non",
        "Salut",
        "Mon",
        "Ma",
        "Le",
        "La",
        "Les",
        "Je",
        "Moi",
        "Nom",
        "Prenom",
        "Γεια",
        "Ναι",
        "Όχι",
        "Ευχαριστώ",
        "Το",
        "Η",
        "Ο",
        "Με",
        "Είμαι",
        "Καλημέρα",
        "Looking",
        "Just",
        "Sure",
        "Here",
        "Still",
        "Also",
        "Not",
        "Paris",
        "Lyon",
        "London",
        "Athens",
        "Αθήνα",
    ]
)

_CANCEL_OR_RETURN = re.compile(r"(?<!\w)(?:because|as|since|parce que|car|γιατι|επειδη)(?!\w)")


# ---------------------------------------------------------------------------------------------- extraction
class _Spans:
    """Entities found so far, over the normalised text, never overlapping."""

    def __init__(self, text: str, norm: str, offsets: list[int]) -> None:
        self.text, self.norm, self.offsets = text, norm, offsets
        self.taken: list[tuple[int, int]] = []
        self.entities: list[Entity] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.taken)

    def add(self, label: str, value: EntityValue, start: int, end: int, *, norm: bool = True) -> bool:
        """Add an entity over ``norm[start:end]`` (or ``text[start:end]`` with ``norm=False``)."""
        if norm:
            if start >= end or end > len(self.offsets):
                return False
            o_start, o_end = self.offsets[start], self.offsets[end - 1] + 1
        else:
            o_start, o_end = start, end
        if not self.free(o_start, o_end):
            return False
        self.taken.append((o_start, o_end))
        self.entities.append(Entity(label, value, o_start, o_end, self.text[o_start:o_end]))
        return True


def extract_entities(
    text: str,
    language: str,
    *,
    lexicon: Lexicon | None = None,
    brands: Sequence[str] = (),
) -> list[Entity]:
    """The entities of one message (see the module's table), in text order."""
    lexicon = lexicon or default_lexicon()
    norm, offsets = normalize_with_offsets(text)
    spans = _Spans(text, norm, offsets)
    for extractor in _EXTRACTORS:
        extractor(spans, language, lexicon)
    if brands:
        _brands(spans, brands)
    return sorted(spans.entities, key=lambda e: (e.start, e.end))


def _emails(spans: _Spans, language: str, lexicon: Lexicon) -> None:
    for m in _EMAIL.finditer(spans.norm):
        spans.add("email", m.group(), m.start(), m.end())


def _order_ids(spans: _Spans, language: str, lexicon: Lexicon) -> None:
    norm = spans.norm
    for m in _ORDER_W.finditer(norm):
        spans.add("order_id", "#W" + m.group(2), m.start(), m.end())
    for m in _ORDER_AFTER_WORD.finditer(norm):
        start = m.start(1)
        if start > 0 and norm[start - 1] == "#":
            start -= 1
        spans.add("order_id", "#" + m.group(1), start, m.end(1))
    for m in _ORDER_HASH.finditer(norm):
        spans.add("order_id", "#" + m.group(1), m.start(), m.end())


def _payment_methods(spans: _Spans, language: str, lexicon: Lexicon) -> None:
    norm = spans.norm
    found: list[tuple[int, int, dict[str, Any]]] = []
    for word, kind in sorted(_PAYMENT_KINDS.items(), key=lambda kv: len(kv[0]), reverse=True):
        for s0, e0 in _word_iter(normalize(word), norm):
            found.append((s0, e0, {"kind": kind}))
    card_words = _CARD_WORDS.get(language, []) + _CARD_WORDS["en"]
    brand_pattern = re.compile(r"(?<![\w])" + _alt(_CARD_BRANDS) + r"(?![a-z])")
    for b in brand_pattern.finditer(norm):
        found.append(
            (b.start(), b.end(), {"kind": "credit_card", "brand": _CARD_BRANDS[_brand_key(b.group())]})
        )
    for word in sorted(set(card_words), key=len, reverse=True):
        for s, e in _word_iter(normalize(word), norm):
            found.append((s, e, {"kind": "credit_card"}))
    if not found and not _LAST_FOUR.search(norm):
        return
    # merge overlapping / adjacent mentions into one payment method each
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    merged: list[tuple[int, int, dict[str, Any]]] = []
    for s, e, value in found:
        if (
            merged
            and s <= merged[-1][1] + 2
            and (value["kind"] == merged[-1][2]["kind"] or value["kind"] == "credit_card")
        ):
            ms, me, mv = merged[-1]
            combined = {**mv, **value}
            if (
                mv["kind"] != "credit_card" or value["kind"] != "credit_card"
            ):  # "carte cadeau": not a credit card
                combined["kind"] = mv["kind"] if mv["kind"] != "credit_card" else value["kind"]
            if mv.get("brand"):
                combined["brand"] = mv["brand"]
            merged[-1] = (ms, max(me, e), combined)
        elif merged and s < merged[-1][1]:
            continue
        else:
            merged.append((s, e, dict(value)))
    for m in _LAST_FOUR.finditer(norm):
        digits, d_end = m.group(1), m.end(1)
        near = [
            i for i, (s, e, v) in enumerate(merged) if v["kind"] == "credit_card" and abs(m.start() - e) <= 12
        ]
        near += [
            i for i, (s, e, v) in enumerate(merged) if v["kind"] == "credit_card" and abs(s - d_end) <= 4
        ]
        if near:
            i = near[0]
            s, e, v = merged[i]
            merged[i] = (min(s, m.start()), max(e, d_end), {**v, "last_four": digits})
        else:
            merged.append((m.start(), d_end, {"kind": "credit_card", "last_four": digits}))
    for m in _LAST_FOUR_AFTER.finditer(norm):
        for i, (s, e, v) in enumerate(merged):
            if v["kind"] == "credit_card" and 0 <= s - m.end() <= 3 and "last_four" not in v:
                merged[i] = (m.start(), e, {**v, "last_four": m.group(1)})
    for s, e, v in merged:
        s, e = _extend_payment(norm, s, e, language, v)
        spans.add("payment_method", v, s, e)


def _brand_key(found: str) -> str:
    for key in _CARD_BRANDS:
        if normalize(key) == found:
            return key
    return found


_PAY_DETERMINERS = {
    "en": r"(?:(?:my|the|a|another|your|our|his|her)\s+(?:(?:new|other|old|default|saved|second|first|different|"
          r"business|company|usual|wife's|husband's)\s+)?)$",
    "fr": r"(?:(?:ma|mon|la|le|une|un|votre|mes)\s+(?:(?:autre|nouvelle|nouveau|ancienne|deuxieme|premiere)\s+)?)$",
    "el": r"(?:(?:την|τη|το|η|μια|με|την\s+αλλη|την\s+καινουρια)\s+)$",
}  # fmt: skip
_PAY_OWNER_AFTER = {
    "en": r"^(?:\s+(?:on file|on my account|i have saved|ending(?:\s+in)?\s+\d{4}))",
    "fr": r"^(?:\s+(?:de mon mari|de ma femme|enregistree|enregistre|qui finit (?:par|en) \d{4}))",
    "el": r"^(?:\s+(?:μου|σου|που εχω αποθηκευμενη))",
}  # fmt: skip


def _extend_payment(norm: str, s: int, e: int, language: str, value: dict[str, Any]) -> tuple[int, int]:
    before = _PAY_DETERMINERS.get(language)
    if before:
        m = re.search(before, norm[max(0, s - 40) : s])
        if m:
            s -= len(m.group())
            word = m.group().strip()
            if re.search(r"second|deuxieme|δευτερη", word):
                value["ordinal"] = 2
            elif re.search(r"\b(?:other|another|different|autre|αλλη)\b", word):
                value["which"] = "other"
            elif re.search(r"default|saved|usual", word):
                value["which"] = "default"
    after = _PAY_OWNER_AFTER.get(language)
    if after:
        m = re.match(after, norm[e:])
        if m:
            e += len(m.group())
            if "on file" in m.group() and "ordinal" not in value:
                value.setdefault("which", "saved")
    if language == "ja":
        m = re.search(r"(" + _JA_NUM + r")枚目の$", norm[max(0, s - 8) : s])
        if m:
            s -= len(m.group())
            number = _number_value(m.group(1), "ja")
            if number:
                value["ordinal"] = number
        m = re.search(r"(?:別の|他の|新しい|登録してある|いつもの|妻の|夫の)$", norm[max(0, s - 8) : s])
        if m:
            s -= len(m.group())
            value.setdefault("which", "default" if m.group() in ("登録してある", "いつもの") else "other")
    return s, e


def _word_iter(word: str, norm: str) -> Iterable[tuple[int, int]]:
    ascii_word = word.isascii()
    start = 0
    while True:
        at = norm.find(word, start)
        if at < 0:
            return
        start = at + 1
        end = at + len(word)
        if ascii_word or not re.search(r"[\u3040-\u9fff]", word):
            if at > 0 and norm[at - 1].isalnum():
                continue
            if end < len(norm) and norm[end].isalnum():
                continue
        yield at, end


def _zips(spans: _Spans, language: str, lexicon: Lexicon) -> None:
    norm = spans.norm
    for m in _ZIP_AFTER_WORD.finditer(norm):
        spans.add("zip", m.group(1).upper(), m.start(1), m.end(1))
    for m in _JP_POSTCODE.finditer(norm):
        spans.add("zip", m.group(2), m.start(2), m.end(2))
    if (
        re.search(r"(?<!\w)" + _ZIP_WORDS, norm)
        or _ADDRESS_CONTEXT.search(norm)
        or re.fullmatch(r"\s*\d{5}\s*", norm)
    ):
        for m in re.finditer(
            r"(?<![\w#\-.,])(\d{5}|\d{4}(?=\s+[^\W\d]{3,})|\d{7})(?![\w\-.,]|\s?(?:€|euros?|ευρω|円|cm))",
            norm,
        ):
            words_after = norm[m.end() :].strip()
            if len(m.group(1)) == 4 and not re.match(r"[^\W\d]", words_after):
                continue
            spans.add("zip", m.group(1), m.start(1), m.end(1))
    for pattern in (_UK_POSTCODE, _CA_POSTCODE):
        for m in pattern.finditer(norm):
            original = spans.text[spans.offsets[m.start(1)] : spans.offsets[m.end(1) - 1] + 1]
            if original.isupper() and re.search(r"\d", original):  # "SW1A 1AA", not "in5 min"
                spans.add("zip", m.group(1).upper(), m.start(1), m.end(1))


def _names(spans: _Spans, language: str, lexicon: Lexicon) -> None:
    text = spans.text
    if language == "ja" or re.search(r"[\u3040-\u9fff]", text):
        _japanese_names(spans)
    cap2 = rf"({_CAP_WORD})(?:\s+({_CAP_WORD}))?"
    intro = _NAME_INTRO.get(language, _NAME_INTRO["en"])
    folded_intro = re.compile(r"(?<!\w)" + intro + r"\s*:?\s*", re.IGNORECASE)
    for m in folded_intro.finditer(spans.norm):
        rest_start = spans.offsets[m.end() - 1] + 1 if m.end() > 0 else 0
        if m.end() >= len(spans.offsets):
            continue
        rest_start = spans.offsets[m.end()]
        n = re.match(cap2, text[rest_start:])
        if not n:
            continue
        intro_word = m.group().strip().rstrip(":").strip()
        _add_name(spans, n, rest_start, intro_word)
    # a whole answer "First Last[,] [zip]" (any case when a zip follows)
    whole = re.match(
        rf"^\s*({_CAP_WORD})\s+({_CAP_WORD})\s*[,/]?\s*(?:(?:zip|code postal|cp|τκ)\s*:?\s*)?(\d{{4,5}}|[A-Z]{{1,2}}\d[A-Z\d]?\s?\d[A-Z]{{2}}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)?\s*[.!]?\s*$",
        text,
    )
    lower = re.match(r"^\s*([a-zà-ÿα-ωά-ώ]{2,})\s+([a-zà-ÿα-ωά-ώ'\-]{2,})\s*,?\s*(\d{4,5})\s*$", text)
    for found in (whole, lower):
        if not found:
            continue
        first, last = found.group(1), found.group(2)
        if normalize(first) in _NOT_NAMES or normalize(last) in _NOT_NAMES:
            continue
        spans.add("first_name", first, found.start(1), found.end(1), norm=False)
        spans.add("last_name", last, found.start(2), found.end(2), norm=False)
        if found.group(3):
            spans.add("zip", found.group(3).upper(), found.start(3), found.end(3), norm=False)
    # a name followed by a zip inside a longer answer: "..., Marie Dupont 69002"
    for found in re.finditer(rf"(?<!\w)({_CAP_WORD})\s+({_CAP_WORD})\s*,?\s+(\d{{4,5}})(?!\d)", text):
        if normalize(found.group(1)) in _NOT_NAMES or normalize(found.group(2)) in _NOT_NAMES:
            continue
        if spans.add("first_name", found.group(1), found.start(1), found.end(1), norm=False):
            spans.add("last_name", found.group(2), found.start(2), found.end(2), norm=False)
        spans.add("zip", found.group(3), found.start(3), found.end(3), norm=False)


def _add_name(spans: _Spans, n: re.Match[str], base: int, intro: str) -> None:
    first, last = n.group(1), n.group(2)
    if normalize(first) in _NOT_NAMES:
        return
    intro = normalize(intro)
    if last and normalize(last) in _NOT_NAMES:
        last = None
    if intro in ("last name", "surname", "nom", "επωνυμο"):
        spans.add("last_name", first, base + n.start(1), base + n.end(1), norm=False)
        return
    if intro in ("first name", "prenom") or (
        intro in ("it's", "its", "c'est", "i'm", "im", "i am", "je suis", "ειμαι") and not last
    ):
        if intro in ("first name", "prenom"):
            spans.add("first_name", first, base + n.start(1), base + n.end(1), norm=False)
        return
    spans.add("first_name", first, base + n.start(1), base + n.end(1), norm=False)
    if last:
        spans.add("last_name", last, base + n.start(2), base + n.end(2), norm=False)


def _japanese_names(spans: _Spans) -> None:
    tokens = tokenize(spans.text, "ja")
    for i, t in enumerate(tokens):
        if len(t.pos) >= 4 and t.pos[2] == "人名" and t.pos[3] == "姓":
            spans.add("last_name", t.surface, t.start, t.end, norm=False)
            if i + 1 < len(tokens):
                nxt = tokens[i + 1]
                if (
                    len(nxt.pos) >= 4
                    and nxt.pos[2] == "人名"
                    and nxt.pos[3] in ("名", "一般")
                    and nxt.start - t.end <= 1
                ):
                    spans.add("first_name", nxt.surface, nxt.start, nxt.end, norm=False)
    m = re.search(
        r"(?:名前|氏名|なまえ)\s*(?:は|:|：)\s*([\u3040-\u30ff\u4e00-\u9fff]{1,4})\s?([\u3040-\u30ff\u4e00-\u9fff]{1,4})?(?:です|。|$)",
        spans.text,
    )
    if m and spans.free(m.start(1), m.end(1)):
        spans.add("last_name", m.group(1), m.start(1), m.end(1), norm=False)
        if m.group(2):
            spans.add("first_name", m.group(2), m.start(2), m.end(2), norm=False)


def _codes(spans: _Spans, language: str, lexicon: Lexicon) -> None:
    for m in _SIX_DIGITS.finditer(spans.norm):
        spans.add("code", m.group(1), m.start(1), m.end(1))


_CURRENCY_FORMS: dict[str, str] = {}
_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY"}
_AFTER_BOUNDS_MOST = ["max", "maximum", "maxi", "top", "or less", "or under", "and under", "ou moins", "και κατω",
                      "το πολυ", "tops", "at most"]  # fmt: skip
_AFTER_BOUNDS_LEAST = [
    "or more",
    "and up",
    "and above",
    "ou plus",
    "et plus",
    "και πανω",
    "minimum",
    "και άνω",
]
_JA_AROUND = ["くらい", "ぐらい", "程度", "前後", "位"]
_NEEDS_CURRENCY = frozenset(
    normalize(w)
    for w in [
        "from",
        "απο",
        "από",
        "de",
        "des",
        "dès",
        "から",
        "まで",
        "sous",
        "around",
        "about",
        "roughly",
        "approx",
        "go up to",
        "up to",
        "spend up to",
        "environ",
        "autour de",
        "genre",
        "dans les",
        "plus de",
        "over",
        "above",
        "budget",
        "within",
        "μέχρι",
        "ως",
        "έως",
    ]
)


def _amount(tag: str, symbols: str, number: str, cur: str, *, japanese: bool = False) -> str:
    boundary = "" if japanese else r"(?![^\W\d_])"
    return (
        rf"(?:(?P<s{tag}>{symbols})\s?)?(?P<n{tag}>{number})\s?(?P<m{tag}>万|k|千)?\s?"
        rf"(?:(?P<c{tag}>{cur}|{symbols}){boundary})?"
    )


@lru_cache(maxsize=1)
def _price_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Bounds and amounts, built from the lexicon's ``price`` words (the same words as the search parser's)."""
    price: Mapping[str, Any] = default_lexicon().raw.get("price", {})
    for code, forms in price.get("currencies", {}).items():
        for form in forms.split("|"):
            _CURRENCY_FORMS.setdefault(normalize(form), code)
    symbols = r"[€$£¥]"
    cur = _alt(c for c in _CURRENCY_FORMS if c not in _SYMBOLS)
    number = r"\d{1,3}(?:[ ,.]\d{3})+|\d+(?:[.,]\d{1,2})?|\d+万\d+"
    out: dict[str, tuple[re.Pattern[str], ...]] = {}
    for language in ("en", "fr", "el", "ja"):
        most = [w for w in price.get("at_most", {}).get(language, "").split("|") if w]
        least = [w for w in price.get("at_least", {}).get(language, "").split("|") if w]
        _AT_MOST_WORDS.update(normalize(w) for w in most + _AFTER_BOUNDS_MOST + _JA_AROUND)
        between = [p.split("/") for p in price.get("between", {}).get(language, "").split("|") if "/" in p]
        pats: list[re.Pattern[str]] = []
        for a, b in between:
            lead = rf"(?<!\w){_alt([a])}\s*" if a else ""
            if language == "ja":
                lead, mid = "", rf"\s*{_alt([a])}\s*"
            else:
                mid = rf"\s*{_alt([b])}\s*"
            japanese = language == "ja"
            first = _amount("1", symbols, number, cur, japanese=japanese)
            second = _amount("2", symbols, number, cur, japanese=japanese)
            pats.append(re.compile(rf"{lead}{first}{mid}{second}"))
        if language == "el":
            pats.append(
                re.compile(
                    rf"(?<!\w)(?:αναμεσα σε|αναμεσα στα)\s*{_amount('1', symbols, number, cur)}\s*(?:και|εως|με)\s*{_amount('2', symbols, number, cur)}"
                )
            )
        if language == "ja":
            amount = _amount("", symbols, number, cur, japanese=True)
            pats.append(
                re.compile(
                    rf"(?:予算|上限|下限)?\s?(?:を|は)?\s?{amount}\s?(?P<w>{_alt(most + least + _JA_AROUND)})"
                )
            )
            pats.append(re.compile(rf"(?P<w>予算|上限)\s?(?:を|は)?\s?{amount}"))
        else:
            pats.append(
                re.compile(
                    rf"(?<!\w)(?P<w>{_alt(most + least)})\s*(?:of\s+|de\s+|σε\s+)?{_amount('', symbols, number, cur)}"
                )
            )
            pats.append(
                re.compile(
                    rf"{_amount('', symbols, number, cur)}\s*(?P<w>{_alt(_AFTER_BOUNDS_MOST + _AFTER_BOUNDS_LEAST)})(?!\w)"
                )
            )
        out[language] = tuple(pats)
    return out


_AT_MOST_WORDS: set[str] = set()


def _money(number: str, multiplier: str | None) -> str | None:
    raw = number.replace(" ", "")
    extra = Decimal(0)
    if "万" in raw:  # 1万5000
        head, tail = raw.split("万", 1)
        raw, extra, multiplier = head, Decimal(tail or 0), "万"
    if re.fullmatch(r"\d{1,3}([,.]\d{3})+", raw):
        raw = raw.replace(",", "").replace(".", "")
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None
    if multiplier == "万":
        value *= 10000
    elif multiplier in ("k", "千"):
        value *= 1000
    return format((value + extra).normalize(), "f")


def _currency(*marks: str | None) -> str:
    for mark in marks:
        if mark:
            code = _CURRENCY_FORMS.get(mark) or _SYMBOLS.get(mark)
            if code:
                return code
    return ""


def _span_of(m: re.Match[str], tag: str) -> tuple[int, int]:
    start = m.start(f"s{tag}") if m.group(f"s{tag}") else m.start(f"n{tag}")
    for group in (f"c{tag}", f"m{tag}", f"n{tag}"):
        if m.group(group):
            return start, m.end(group)
    return start, m.end(f"n{tag}")


def _prices(spans: _Spans, language: str, lexicon: Lexicon) -> None:
    patterns = _price_patterns()
    norm = spans.norm
    japanese_money = language == "ja" and re.search(r"円|ドル|ユーロ|[¥$€£]", norm) is not None
    for pattern in patterns.get(language, patterns["en"]):
        for m in pattern.finditer(norm):
            names = m.groupdict()
            if "n1" in names:
                a1, a2 = _money(m["n1"], m["m1"]), _money(m["n2"], m["m2"])
                if a1 is None or a2 is None:
                    continue
                currency = _currency(m["c1"], m["s1"], m["c2"], m["s2"])
                if not currency and language == "ja" and not japanese_money:
                    continue
                if (
                    language != "ja"
                    and not currency
                    and not re.search(r"(?<!\w)(?:between|entre|μεταξυ|αναμεσα)", m.group())
                ):
                    continue  # "from 38 to 39" is a size change, not a price range
                spans.add("price_min", {"amount": a1, "currency": currency}, *_span_of(m, "1"))
                spans.add("price_max", {"amount": a2, "currency": currency}, *_span_of(m, "2"))
                continue
            word = normalize(m["w"])
            currency = _currency(m["c"], m["s"])
            if m["m"] == "万" and not currency:
                currency = "JPY"
            if not currency and (word in _NEEDS_CURRENCY or (language == "ja" and not japanese_money)):
                continue  # "from 3 days", "3日まで": not prices without a currency
            amount = _money(m["n"], m["m"])
            if amount is None:
                continue
            label = "price_max" if word in _AT_MOST_WORDS or word in ("予算", "上限") else "price_min"
            spans.add(label, {"amount": amount, "currency": currency}, *_span_of(m, ""))


def _rstrip_end(norm: str, start: int, end: int) -> int:
    while end > start and norm[end - 1] in " ,.":
        end -= 1
    return end


_SIZE_CONTEXT = re.compile(
    r"(?<!\w)(?:size|sizes|sized|fit|exchange|swap|change|instead|taille|pointure|echange|echanger|contre|au lieu|"
    r"du \d|μεγεθος|νουμερο|αλλαγη|αλλαξ|ανταλλαγη|αντι για|サイズ|交換|変更|号|ウエスト|インチ|cm)"
)
_NUMBER_SIZE = re.compile(
    r"(?<![0-9A-Za-z.,#€$£¥\-])(\d{2}(?:[.,]5)?|[1-9]\d0)(?:\s?-\s?(\d{2}))?(?:\s?(?:号|cm|センチ))?"
    r"(?![0-9A-Za-z.,%€$£¥]|\s?(?:€|eur|euro|usd|dollars?|円|ユーロ|ευρω|pounds|balles|min|h|jours|days|μερες|日|時|分|歳|"
    r"ans|years|ετων|χρονων|%|個|枚|つ|着|足|本|gb|go|tb|mm|ml|kg|w|inch|pouces|ιντσων|インチ))"
)
_ADDRESS_CONTEXT = re.compile(
    r"(?<!\w)(?:address|deliver|street|road|lane|adresse|livrer|rue|quai|avenue|boulevard|διευθυνση|οδο|οδος|住所|番地|丁目)"
)
_WORD_SIZES = re.compile(
    r"(?<!\w)(?:an?|the|for an?|in)\s+(small|medium|large|extra large)(?!\s*(?:one|size|\w+ (?:one|pizza)))(?!\w)"
)
_IN_NUMBER = re.compile(
    r"(?<!\w)(?:in|en|du|σε|se|a)\s+(\d{2}(?:[.,]5)?)(?![\w.,%€$£¥])(?!\s?(?:€|eur|euros?|ευρω|dollars?|pounds|min|h|jours|days|ans|years))"
)


def _sizes(spans: _Spans, language: str, lexicon: Lexicon) -> None:
    norm = spans.norm
    for m in _SIZE_AFTER_WORD.finditer(norm):
        value = m.group(1)
        spans.add("size", _size_value(value), m.start(1), _rstrip_end(norm, m.start(1), m.end(1)))
    for m in _SIZE_BEFORE_WORD.finditer(norm):
        spans.add("size", _size_value(m.group(1)), m.start(1), m.end(1))
    japanese = language == "ja" or re.search(r"[\u3040-\u9fff]", norm) is not None
    if japanese:
        for m in _JA_CM.finditer(norm):
            spans.add("size", m.group(1), m.start(1), m.end(1))
    nfkc = spans.text
    for m in re.finditer(r"(?<![a-z0-9'’])(xxxl|xxl|xl|xxs|xs|s|m|l|3xl|2xl)(?![a-z0-9'’])", norm):
        original = nfkc[spans.offsets[m.start(1)] : spans.offsets[m.end(1) - 1] + 1]
        letters = unicodedata_nfkc(original)
        if len(letters) == 1 and not letters.isupper():
            before = norm[max(0, m.start() - 8) : m.start()]
            if not re.search(r"(?:size|taille|μεγεθος|νουμερο|サイズ)\s*:?\s*$", before):
                continue
        if (
            not letters.isupper()
            and len(letters) > 1
            and letters.lower() not in ("xs", "xl", "xxl", "xxs", "xxxl")
        ):
            continue
        spans.add("size", letters.upper(), m.start(1), m.end(1))
    for m in _WORD_SIZES.finditer(norm):
        spans.add("size", _size_value(m.group(1)), m.start(1), m.end(1))
    for m in _IN_NUMBER.finditer(norm):
        if 16 <= float(m.group(1).replace(",", ".")) <= 60:
            spans.add("size", m.group(1).replace(",", "."), m.start(1), m.end(1))
    if (_SIZE_CONTEXT.search(norm) or _has_sized_product(spans) or japanese) and not _ADDRESS_CONTEXT.search(
        norm
    ):
        for m in _NUMBER_SIZE.finditer(norm):
            if not japanese and re.match(r"\s?cm", norm[m.end(1) :]):
                continue
            number = m.group(1).replace(",", ".")
            value = float(number)
            if not (
                16 <= value <= 60
                or (japanese and 5 <= value <= 15 and "号" in m.group())
                or number in ("80", "90", "100", "110", "120", "130", "140", "150", "160")
            ):
                continue
            if (
                japanese
                and not (_SIZE_CONTEXT.search(norm) or _has_sized_product(spans))
                and not re.match(r"\s?(?:cm|センチ|号|の在庫|あります|ある|で|に|を)", norm[m.end() :])
            ):
                continue
            end = m.end(2) if m.group(2) else m.end(1)
            value_text = number + (f"-{m.group(2)}" if m.group(2) else "")
            spans.add("size", value_text, m.start(1), end)
    if language == "ja":
        for m in re.finditer(r"(?<![\d.])(\d{1,2})号", norm):
            spans.add("size", m.group(1), m.start(1), m.end(1))


def unicodedata_nfkc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text)


def _has_sized_product(spans: _Spans) -> bool:
    lexicon = default_lexicon()
    for e in spans.entities:
        if e.label == "product_type" and lexicon.categories.get(str(e.value)) in ("clothing", "shoes"):
            return True
    return False


def _size_value(value: str) -> str:
    named = {"small": "S", "petit": "S", "medium": "M", "moyen": "M", "large": "L", "grand": "L"}
    return named.get(value, value.upper().replace(",", ".").replace(" ", ""))


_BARE_RISKY = frozenset({"last", "final", "second", "premier", "premiere", "dernier", "derniere"})


def _ordinals(spans: _Spans, language: str, lexicon: Lexicon) -> None:
    norm = spans.norm
    if language == "ja":
        for word, sup in sorted(_SUPERLATIVES["ja"].items(), key=lambda kv: len(kv[0]), reverse=True):
            for s, e in _word_iter(word, norm):
                m = re.match(r"の?(?:やつ|もの|方|ほう)", norm[e:])
                spans.add(
                    "ordinal",
                    {"position": "middle"} if sup == "middle" else {"superlative": sup},
                    s,
                    e + (m.end() if m else 0),
                )
        for m in _JA_ORDINAL.finditer(norm):
            number = _number_value(m.group(2), "ja")
            if number is None:
                continue
            if re.match(r"\s?枚目の(?:カード|クレカ)", norm[m.start(2) + len(m.group(2)) :]):
                continue  # a payment method ("2枚目のカード")
            value: dict[str, Any] = {"ordinal": number}
            if m.group(1) in ("下から", "右から"):
                value = {"ordinal": -number}
            spans.add("ordinal", value, m.start(), m.end())
        for m in _JA_FIRST_LAST.finditer(norm):
            value = {"ordinal": 1 if "最初" in m.group(1) or "一番目" in m.group(1) else -1}
            spans.add(
                "ordinal",
                value,
                m.start(),
                m.end() - (1 if m.group().endswith("の") and m.end() == m.end(1) else 0),
            )
        return
    for phrase, sup in sorted(
        _SUPERLATIVES.get(language, {}).items(), key=lambda kv: len(kv[0]), reverse=True
    ):
        for s, e in _word_iter(normalize(phrase), norm):
            spans.add("ordinal", {"position": "middle"} if sup == "middle" else {"superlative": sup}, s, e)
    words = _ORDINAL_WORDS.get(language, {})
    if not words:
        return
    article = _ARTICLES.get(language, "")
    pattern = re.compile(
        rf"(?<!\w){article}?({_alt(words)}){_COUNT_AFTER.get(language, '')}{_ONE.get(language, '')}(?!\w)"
    )
    for m in pattern.finditer(norm):
        word = m.group(1)
        has_article = m.start(1) > m.start()
        bare = not has_article and language in ("en", "fr") and not re.fullmatch(r"\d.*", word)
        # "first" alone counts only as a short answer ("first", "le premier" are caught with their article)
        risky = len(norm.split()) > 3 or word in _BARE_RISKY
        if bare and risky and not re.search(r"(?:one|un|une|modele|option)$", m.group()):
            continue
        value = {"ordinal": words[word]}
        if m.group(2):
            count = _number_value(m.group(2), language)
            if count:
                value["count"] = count
        spans.add("ordinal", value, m.start(), _rstrip_end(norm, m.start(), m.end()))
    if language == "fr":
        for m in re.finditer(
            r"(?<!\w)(?:le|la)\s+(\d)(?!\s*(?:€|euros?|ans|cm|mm|h|heures|jours))(?![\w.,])", norm
        ):
            spans.add("ordinal", {"ordinal": int(m.group(1))}, m.start(), m.end())


def _reasons(spans: _Spans, language: str, lexicon: Lexicon) -> None:
    norm = spans.norm
    cues = _reason_cues(language)
    best: tuple[int, int, str, str] | None = None
    for cue, handle, cancel in sorted(cues, key=lambda c: len(c[0]), reverse=True):
        at = norm.find(normalize(cue))
        if at < 0:
            continue
        if language != "ja" and at > 0 and norm[at - 1].isalnum():
            continue
        if best is None or at < best[0]:
            best = (at, at + len(normalize(cue)), handle, cancel)
    if best is None:
        return
    at, end, handle, cancel = best
    start, stop = _clause(norm, at, end, language)
    spans.add("reason", {"return": handle, "cancel": cancel}, start, stop)


_LEAD_IN = re.compile(
    r"^(?:(?:the\s+)?reason(?:\s+is)?|because|since|as|cause|coz|it'?s|it\s+is|they'?re|they\s+are|"
    r"parce\s+que|car|c'est|la\s+raison\s*:?|motif\s*:?|γιατι|επειδη|ο\s+λογος\s+ειναι|λογος\s*:?|"
    r"理由は|理由:)\s*:?\s*"
)


def _clause(norm: str, at: int, end: int, language: str) -> tuple[int, int]:
    """The clause around a reason cue: from the last break before it to the next break after it."""
    if language == "ja":
        start = 0
        for brk in _JA_CLAUSE_END.finditer(norm, 0, at):
            start = brk.end()
        after = _JA_CLAUSE_END.search(norm, end)
        stop = after.start() if after else len(norm)
        while start < stop and norm[start] in " 　":
            start += 1
        return start, stop
    start = 0
    for brk in _CLAUSE_BREAK.finditer(norm, 0, at):
        start = brk.end()
    after = _CLAUSE_BREAK.search(norm, end)
    stop = after.start() if after else len(norm)
    while start < stop and norm[start] == " ":
        start += 1
    lead = _LEAD_IN.match(norm[start:stop])
    if lead and start + lead.end() <= at:
        start += lead.end()
    return start, _rstrip_end(norm, start, stop)


def _lexicon_entities(spans: _Spans, language: str, lexicon: Lexicon) -> None:
    labels = {"product_types": "product_type", "colors": "color", "materials": "material", "features": "feature",
              "audiences": "audience", "recipients": "audience", "attributes": "attribute"}  # fmt: skip
    for match in lexicon.find(spans.text, language):
        label = labels[match.kind]
        start, end = match.start, match.end
        if label == "audience" and language in ("en", "fr", "el"):
            start, end = _extend_audience(spans.text, start, end, language)
            if match.kind == "recipients" and start == match.start:
                continue  # "my son" alone is no audience; "for my son" is
        elif match.kind == "recipients" and not re.match(
            r"\s*(?:に|へ|用|向け|の(?:プレゼント|誕生日|ギフト))", spans.text[end:]
        ):
            continue
        spans.add(label, match.value, start, end, norm=False)


_AUDIENCE_LEAD = {
    "en": r"(?:for\s+(?:(?:my|a|an|the|our|his|her)\s+)?(?:\d{1,2}[\s-]?(?:year|yr)s?[\s-]?old\s+)?)$",
    "fr": r"(?:pour\s+(?:(?:mon|ma|mes|un|une|les|le|la)\s+)?)$",
    "el": r"(?:(?:για|σε|στον|στην|στο)\s+(?:(?:τον|την|το|τα|τους|τις|ένα|μια|μία)\s+)?)$",
}


def _extend_audience(text: str, start: int, end: int, language: str) -> tuple[int, int]:
    m = re.search(_AUDIENCE_LEAD[language], text[max(0, start - 30) : start], re.IGNORECASE)
    if m:
        start -= len(m.group())
    if language == "en":
        after = re.match(r"['’]s?", text[end:])
        if after:
            end += after.end()
    return start, end


_QUANTITY_UNITS = {
    "en": r"(?:pieces|piece|pcs|pc|units|unit|items|item|pairs|pair|of them|of these|of those|of it|of the|of each|more|extra|x)",
    "fr": r"(?:pieces|piece|exemplaires|exemplaire|unites|unite|articles|paires|paire|de plus|en plus|x|fois)",
    "el": r"(?:τεμαχια|τεμαχιο|κομματια|ζευγαρια|ακομα|ακομη|x)",
}
_QUANTITY_CUES = {
    "en": r"(?:quantity|qty|make it|make that|change it to|change that to|change to|update it to|update to|set it to|"
          r"increase to|increase it to|reduce to|reduce it to|bump it to|bump it up to|up to|down to|drop it to|"
          r"only want|i want|i need|i'll take|ill take|give me|get me|add|buy|order|take|just)",
    "fr": r"(?:quantite|passer a|passe a|mettre a|mets|mettez|mets-en|mettez-en|en prendre|j'en veux|je veux|"
          r"il m'en faut|je prends|ajoute|ajoutez|commander|prendre|seulement|plutot)",
    "el": r"(?:ποσοτητα|κανε το|κανε τα|κάντε το|βαλε|βαλτε|θελω|θα παρω|παρε|προσθεσε|προσθεστε|μονο|σε)",
}  # fmt: skip


def _quantities(spans: _Spans, language: str, lexicon: Lexicon) -> None:
    norm = spans.norm
    if language == "ja":
        for m in re.finditer(rf"({_JA_NUM})\s?({_JA_COUNTERS})(?!目)", norm):
            value = _number_value(m.group(1), "ja")
            if value:
                spans.add("quantity", value, m.start(), m.end())
        for m in re.finditer(
            r"(?:数量|個数|数)\s*(?:を|は|:)?\s*(\d{1,3})(?!\d)|(?<![\d.])(\d{1,3})\s*(?:に(?:変更|して|増やして|減らして|変えて)|個に)",
            norm,
        ):
            group = 1 if m.group(1) else 2
            spans.add("quantity", int(m.group(group)), m.start(group), m.end(group))
        return
    words = _NUMBER_BY_WORD.get(language, {})
    number = r"(\d{1,3}|" + (_alt(words) if words else r"\d") + r")"
    product_starts = {
        e.start for e in spans.entities if e.label in ("product_type", "color", "material", "feature")
    }
    for m in re.finditer(rf"(?<![\w.,€$£#]){number}(?![\w.,%€$£])", norm):
        token = m.group(1)
        value = _number_value(token, language)
        if value is None or not 0 < value <= 500:
            continue
        s, e = m.start(1), m.end(1)
        o_end = spans.offsets[e - 1] + 1
        after = norm[e:]
        before = norm[max(0, s - 40) : s]
        is_word = not token.isdigit()
        next_product = re.match(r"\s+(?:[^\W\d]+\s+){0,3}", after)
        follows_product = False
        if next_product is not None:
            for ps in product_starts:
                if (
                    0 < ps - o_end <= 30
                    and ps <= spans.offsets[min(len(spans.offsets) - 1, e + next_product.end())]
                ):
                    follows_product = True
        if re.match(rf"\s*{_QUANTITY_UNITS.get(language, 'x')}(?!\w)", after):
            follows_product = True
        if re.match(r"\s*x(?!\w)", after) or re.search(r"(?<!\w)x\s*$", before):
            follows_product = True
        cue = re.search(rf"(?<!\w){_QUANTITY_CUES.get(language, '')}\s*(?:\w+\s+)?$", before) or re.search(
            r"(?<!\w)(?:to|a|σε|pas|not|οχι|instead of|au lieu de|αντι για|should be|doit etre|:)\s*$|→\s*$",
            before,
        )
        if is_word and language in ("en", "fr", "el"):
            if token in ("one", "un", "une", "ενα", "μια", "μια", "ενας"):
                if not re.search(
                    r"(?<!\w)(?:just|only|seulement|juste|μονο|to|a|σε|pas|not|οχι)\s*$", before
                ):
                    continue
            elif not (follows_product or cue or len(norm.split()) <= 3):
                continue
        elif not (follows_product or cue):
            continue
        spans.add("quantity", value, s, e)


def _relatives(spans: _Spans, language: str, lexicon: Lexicon) -> None:
    norm = spans.norm
    superlatives = [
        span for word in _SUPERLATIVES.get(language, {}) for span in _word_iter(normalize(word), norm)
    ]
    for wish in find_relatives(norm, language):
        if any(wish.start < e and s < wish.end for s, e in superlatives):
            continue  # "the cheaper one" picks a shown product: an ordinal
        value = {"attribute": wish.attribute, "direction": wish.direction, "steps": wish.steps}
        spans.add("relative", value, wish.start, wish.end)


def _brands(spans: _Spans, brands: Sequence[str]) -> None:
    for brand in sorted(brands, key=len, reverse=True):
        for s, e in _word_iter(normalize(brand), spans.norm):
            spans.add("brand", brand, s, e)


_EXTRACTORS: tuple[Callable[[_Spans, str, Lexicon], None], ...] = (
    _emails,
    _order_ids,
    _payment_methods,
    _zips,
    _names,
    _codes,
    _prices,
    _reasons,
    _relatives,
    _lexicon_entities,
    _sizes,
    _ordinals,
    _quantities,
)
