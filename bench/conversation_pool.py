"""The shopper messages of the conversation load benchmark, per turn kind and language, written from the
synthetic catalogue's own vocabulary (product types, colours, materials, audiences, price ranges) with
natural templates in English, French, Greek and Japanese.

``message_pool()`` -> ``{kind: {language: [text, ...]}}``; every text is distinct within its kind and language.
"""

from __future__ import annotations

import itertools
import random

from comptoir.catalog.generator_types import PRODUCT_TYPES, ProductType
from comptoir.catalog.generator_words import AUDIENCES, AUDIENCES_EL, COLORS, MATERIALS, greek_form

LANGUAGES = ("en", "fr", "el", "ja")
KINDS = ("discovery", "refinement", "cart_add", "cart_view", "order_status", "policy")

_COLOUR_KEYS = list(COLORS)


def _price_cap(ptype: ProductType, rng: random.Random) -> int:
    low, high = ptype.price
    step = 5 if high <= 100 else 10 if high <= 400 else 50
    return max(step, round(rng.uniform(low + (high - low) * 0.3, high) / step) * step)


def _en_noun(ptype: ProductType, colour: str | None) -> str:
    noun = ptype.name.en.lower() if ptype.name.en[1:2].islower() else ptype.name.en
    words = f"{colour} {noun}" if colour else noun
    if ptype.name.en_plural:
        return words
    return ("an " if words[0] in "aeiou" else "a ") + words


def _fr_noun(ptype: ProductType) -> str:
    noun = ptype.name
    return f"{'des' if noun.fr_plural else 'une' if noun.fr_gender == 'f' else 'un'} {noun.fr}"


def _el_accusative(words: str, gender: str, plural: bool) -> str:
    """The object of "ψάχνω"/"θέλω": masculine words lose their final -ς, their plural -οι becomes -ους."""
    if gender != "m":
        return words
    if plural:
        return " ".join(w[:-2] + "ους" if w.endswith("οί") or w.endswith("οι") else w for w in words.split())
    return " ".join(w[:-1] if w.endswith("ς") else w for w in words.split())


def _discovery(ptype: ProductType, language: str, rng: random.Random) -> str:
    colour = rng.choice(_COLOUR_KEYS) if "color" in ptype.options and rng.random() < 0.6 else None
    material = MATERIALS[rng.choice(ptype.materials)].label if rng.random() < 0.35 else None
    audience = rng.choice([a for a in ptype.audiences if a in AUDIENCES] or [None])
    cap = _price_cap(ptype, rng) if rng.random() < 0.4 else None
    noun = ptype.name
    if language == "en":
        opener = rng.choice(["I'm looking for", "do you have", "show me", "I need", "have you got"])
        aud = {"women": " for women", "men": " for men", "kids": " for kids"}.get(audience or "", "")
        text = f"{opener} {_en_noun(ptype, COLORS[colour]['en'] if colour else None)}"
        text += f" in {material['en']}" if material else ""
        text += aud + (f" under {cap} euros" if cap else "")
        return text + ("?" if opener in ("do you have", "have you got") else "")
    if language == "fr":
        opener = rng.choice(["je cherche", "vous avez", "montrez-moi", "il me faudrait"])
        text = f"{opener} {_fr_noun(ptype)}"
        text += (
            f" {material['fr'] if material['fr'].startswith('en ') else 'en ' + material['fr']}"
            if material
            else ""
        )
        text += f" en {COLORS[colour]['fr']}" if colour else ""
        text += f" {AUDIENCES[audience]['fr']}" if audience else ""
        text += f" à moins de {cap} €" if cap else ""
        return text + (" ?" if opener == "vous avez" else "")
    if language == "el":
        opener = rng.choice(["ψάχνω", "έχετε", "θέλω", "δείξτε μου"])
        aud = f"{greek_form(AUDIENCES_EL[audience], noun)} " if audience else ""
        text = f"{opener} {_el_accusative(aud + noun.el, noun.el_gender, noun.el_plural)}"
        text += f" σε {COLORS[colour]['el']} χρώμα" if colour else ""
        text += f" από {_el_accusative(material['el'], 'm', False)}" if material else ""
        text += f" κάτω από {cap} ευρώ" if cap else ""
        return text + (";" if opener == "έχετε" else "")
    aud = f"{AUDIENCES[audience]['ja']}の" if audience else ""
    col = f"{COLORS[colour]['ja']}の" if colour else ""
    mat = f"{material['ja']}の" if material else ""
    cap_ja = f"{cap}ユーロ以下の" if cap else ""
    ending = rng.choice(["を探しています", "はありますか", "が欲しい", "を見せてください"])
    return f"{cap_ja}{aud}{col}{mat}{noun.ja}{ending}"


def _refinements(language: str) -> list[str]:
    out: list[str] = []
    caps = [20, 30, 40, 50, 60, 80, 100, 120, 150, 200, 250, 300]
    sizes = ["XS", "S", "M", "L", "XL"]
    for key in _COLOUR_KEYS:
        c = COLORS[key][language]
        out += {
            "en": [f"in {c}?", f"do you have it in {c}?", f"only the {c} ones", f"show me {c} ones"],
            "fr": [f"en {c} ?", f"vous l'avez en {c} ?", f"seulement en {c}", f"plutôt en {c}"],
            "el": [f"σε {c};", f"το έχετε σε {c};", f"μόνο σε {c}", f"κάτι σε {c} χρώμα;"],
            "ja": [f"{c}はありますか", f"{c}のだけ見せて", f"{c}のはある？", f"{c}がいいです"],
        }[language]
    for cap in caps:
        out += {
            "en": [f"under {cap} euros", f"anything under {cap}?", f"less than €{cap} please"],
            "fr": [f"moins de {cap} €", f"à moins de {cap} euros ?", f"pas plus de {cap} €"],
            "el": [f"κάτω από {cap} ευρώ", f"κάτι κάτω από {cap} ευρώ;", f"μέχρι {cap} ευρώ"],
            "ja": [f"{cap}ユーロ以下で", f"{cap}ユーロ以下のはありますか", f"予算は{cap}ユーロまで"],
        }[language]
    for size in sizes:
        out += {
            "en": [f"size {size}", f"in size {size}?"],
            "fr": [f"en taille {size}", f"taille {size} ?"],
            "el": [f"σε μέγεθος {size}", f"το έχετε σε {size};"],
            "ja": [f"{size}サイズで", f"{size}サイズはありますか"],
        }[language]
    out += {
        "en": [
            "cheaper",
            "anything cheaper?",
            "something less expensive",
            "cheaper please",
            "a cheaper one?",
        ],
        "fr": [
            "moins cher",
            "vous avez moins cher ?",
            "quelque chose de moins cher",
            "un peu moins cher svp",
        ],
        "el": ["πιο φθηνά", "κάτι πιο φθηνό;", "έχετε κάτι πιο οικονομικό;", "πιο οικονομικά"],
        "ja": ["もっと安いのある？", "もう少し安いのはありますか", "安いのを見せて", "もっと安いの"],
    }[language]
    return out


def _cart_view(language: str) -> list[str]:
    return {
        "en": ["show my cart", "what's in my basket?", "view cart", "what's my total?"],
        "fr": [
            "montrez-moi mon panier",
            "qu'est-ce qu'il y a dans mon panier ?",
            "voir le panier",
            "ça fait combien en tout ?",
        ],
        "el": ["δείξε μου το καλάθι", "τι έχω στο καλάθι;", "πόσο κάνει συνολικά;", "το καλάθι μου"],
        "ja": ["カートを見せて", "カートの中身は？", "カートを確認したい", "合計はいくらですか"],
    }[language]


def _cart_add(language: str) -> list[str]:
    ordinals = {
        "en": ["first", "second", "third"],
        "fr": ["premier", "deuxième", "troisième"],
        "el": ["πρώτο", "δεύτερο", "τρίτο"],
        "ja": ["1番目", "2番目", "3番目"],
    }[language]
    out: list[str] = []
    for o in ordinals:
        out += {
            "en": [f"add the {o} one to my cart", f"I'll take the {o} one", f"put the {o} one in my basket"],
            "fr": [f"ajoutez le {o} au panier", f"je prends le {o}", f"mettez le {o} dans mon panier"],
            "el": [f"πρόσθεσε το {o} στο καλάθι", f"θα πάρω το {o}", f"βάλε το {o} στο καλάθι"],
            "ja": [f"{o}のをカートに入れて", f"{o}のにします", f"{o}のをカートに追加してください"],
        }[language]
        for qty in (2, 3):
            out += {
                "en": [f"add {qty} of the {o} one to my cart"],
                "fr": [
                    f"ajoutez {qty} {o}s au panier"
                    if o != "premier"
                    else f"ajoutez {qty} du premier au panier"
                ],
                "el": [f"βάλε {qty} από το {o} στο καλάθι"],
                "ja": [f"{o}のを{qty}個カートに入れて"],
            }[language]
    return out


def _order_status(language: str) -> list[str]:
    out = {
        "en": [
            "where is my order?",
            "where's my last order?",
            "has my order shipped yet?",
            "when will my order arrive?",
            "can you track my last order?",
            "what's the status of my order?",
            "my latest order, where is it?",
        ],
        "fr": [
            "où en est ma commande ?",
            "ma dernière commande est partie ?",
            "quand vais-je recevoir ma commande ?",
            "vous pouvez suivre ma dernière commande ?",
            "quel est le statut de ma commande ?",
            "elle arrive quand ma commande ?",
        ],
        "el": [
            "πού είναι η παραγγελία μου;",
            "έχει σταλεί η τελευταία μου παραγγελία;",
            "πότε θα έρθει η παραγγελία μου;",
            "ποια είναι η κατάσταση της παραγγελίας μου;",
            "μπορείτε να εντοπίσετε την τελευταία μου παραγγελία;",
        ],
        "ja": [
            "注文はどうなっていますか",
            "最後の注文はもう発送されましたか",
            "注文はいつ届きますか",
            "前回の注文の配送状況を教えて",
            "注文のステータスを知りたいです",
        ],
    }[language]
    for ptype in PRODUCT_TYPES:
        noun = ptype.name
        out += {
            "en": [f"where is the order with the {noun.en.lower()}?"],
            "fr": [
                f"où en est la commande avec {_fr_noun(ptype).replace('un ', 'le ', 1).replace('une ', 'la ', 1).replace('des ', 'les ', 1)} ?"
            ],
            "el": [f"πού είναι η παραγγελία με {noun.el};"],
            "ja": [f"{noun.ja}の注文はいつ届きますか"],
        }[language]
    return out


def _policy(language: str) -> list[str]:
    out = {
        "en": [
            "what's your return policy?",
            "how long do I have to return something?",
            "are returns free?",
            "how much is shipping?",
            "how long does delivery take?",
            "is there free delivery?",
            "what payment methods do you accept?",
            "can I pay with PayPal?",
            "do your products have a warranty?",
        ],
        "fr": [
            "quelle est votre politique de retour ?",
            "j'ai combien de temps pour renvoyer un article ?",
            "les retours sont gratuits ?",
            "combien coûte la livraison ?",
            "la livraison prend combien de temps ?",
            "quels moyens de paiement acceptez-vous ?",
            "je peux payer avec PayPal ?",
            "vos produits sont garantis ?",
        ],
        "el": [
            "ποια είναι η πολιτική επιστροφών;",
            "σε πόσες μέρες μπορώ να κάνω επιστροφή;",
            "οι επιστροφές είναι δωρεάν;",
            "πόσο κοστίζουν τα μεταφορικά;",
            "σε πόσες μέρες γίνεται η παράδοση;",
            "ποιους τρόπους πληρωμής δέχεστε;",
            "μπορώ να πληρώσω με PayPal;",
            "τα προϊόντα έχουν εγγύηση;",
        ],
        "ja": [
            "返品ポリシーを教えてください",
            "返品は何日以内ですか",
            "返品は無料ですか",
            "送料はいくらですか",
            "配送には何日かかりますか",
            "支払い方法は何がありますか",
            "PayPalで払えますか",
            "保証はありますか",
        ],
    }[language]
    for ptype in PRODUCT_TYPES:
        noun = ptype.name
        out += {
            "en": [
                f"is there a warranty on the {noun.en.lower()}?",
                f"can I return {_en_noun(ptype, None)} if it doesn't fit?",
            ],
            "fr": [
                f"quelle est la garantie sur {_fr_noun(ptype)} ?",
                f"je peux retourner {_fr_noun(ptype)} s'il ne convient pas ?",
            ],
            "el": [
                f"τι εγγύηση έχει {'το' if noun.el_gender == 'n' else 'ο' if noun.el_gender == 'm' else 'η'} {noun.el};",
                f"μπορώ να επιστρέψω {noun.el} αν δεν μου κάνει;",
            ],
            "ja": [f"{noun.ja}の保証期間は？", f"{noun.ja}は返品できますか"],
        }[language]
    return out


def message_pool(seed: int = 1, discovery_per_language: int = 500) -> dict[str, dict[str, list[str]]]:
    """Distinct messages per kind and language (discovery: ``discovery_per_language`` of them)."""
    rng = random.Random(seed)
    pool: dict[str, dict[str, list[str]]] = {k: {} for k in KINDS}
    for language in LANGUAGES:
        seen: set[str] = set()
        found: list[str] = []
        for ptype in itertools.islice(itertools.cycle(PRODUCT_TYPES), discovery_per_language * 20):
            text = _discovery(ptype, language, rng)
            if text not in seen:
                seen.add(text)
                found.append(text)
            if len(found) == discovery_per_language:
                break
        rng.shuffle(found)
        pool["discovery"][language] = found
        pool["refinement"][language] = list(dict.fromkeys(_refinements(language)))
        pool["cart_add"][language] = list(dict.fromkeys(_cart_add(language)))
        pool["cart_view"][language] = list(dict.fromkeys(_cart_view(language)))
        pool["order_status"][language] = list(dict.fromkeys(_order_status(language)))
        pool["policy"][language] = list(dict.fromkeys(_policy(language)))
    return pool


if __name__ == "__main__":
    p = message_pool()
    total = sum(len(v) for by_language in p.values() for v in by_language.values())
    for kind, by_language in p.items():
        print(kind, {lang: len(v) for lang, v in by_language.items()})
        for lang, v in by_language.items():
            print("   ", lang, v[:3])
    print("distinct messages:", total)
