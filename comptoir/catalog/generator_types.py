"""Product types of the synthetic catalogue: their names, materials, the ways their variants differ, prices.

A type's names are written ``"en | fr gender | el gender | ja"``, with ``pl`` after a plural name:
``"sneakers pl | baskets f pl | αθλητικά παπούτσια n pl | スニーカー"``.
"""

from __future__ import annotations

from dataclasses import dataclass

from comptoir.catalog.generator_words import COLORS, Noun

_SIZE = {"en": "Size", "fr": "Taille", "el": "Μέγεθος", "ja": "サイズ"}
_VOLUME = {"en": "Volume", "fr": "Contenance", "el": "Όγκος", "ja": "容量"}
MATERIAL_NAMES = {"en": "Material", "fr": "Matière", "el": "Υλικό", "ja": "素材"}


@dataclass(frozen=True)
class Dimension:
    """A way variants differ: the option's key and names, its values (with labels when they need them),
    and how much each step along the values adds to the price (0.10: +10 %)."""

    key: str
    names: dict[str, str]
    values: tuple[str, ...]
    labels: dict[str, dict[str, str]]
    step: float = 0.0


def _names(en: str, fr: str, el: str, ja: str) -> dict[str, str]:
    return {"en": en, "fr": fr, "el": el, "ja": ja}


def _pieces(values: tuple[str, ...]) -> dict[str, dict[str, str]]:
    return {v: _names(f"{v} pieces", f"{v} pièces", f"{v} κομμάτια", f"{v}ピース") for v in values}


DIMENSIONS: dict[str, Dimension] = {
    "color": Dimension("color", _names("Colour", "Couleur", "Χρώμα", "カラー"), tuple(COLORS), COLORS),
    "size": Dimension("size", _SIZE, ("XS", "S", "M", "L", "XL", "XXL"), {}),
    "shoe_size": Dimension(
        "size", _names("Size", "Pointure", "Νούμερο", "サイズ"), tuple(str(n) for n in range(36, 47)), {}
    ),
    "bag_size": Dimension("size", _SIZE, ("S", "M", "L"), {}, 0.15),
    "case_size": Dimension("size", _SIZE, ("41 mm", "45 mm"), {}, 0.08),
    "capacity": Dimension(
        "capacity",
        _names("Capacity", "Contenance", "Χωρητικότητα", "容量"),
        ("500 ml", "750 ml", "1 L"),
        {},
        0.12,
    ),
    "volume": Dimension("volume", _VOLUME, ("30 ml", "50 ml", "100 ml"), {}, 0.35),
    "lotion_volume": Dimension("volume", _VOLUME, ("200 ml", "400 ml"), {}, 0.4),
    "power": Dimension(
        "power", _names("Power", "Puissance", "Ισχύς", "出力"), ("20 W", "45 W", "65 W"), {}, 0.3
    ),
    "weight": Dimension(
        "weight", _names("Weight", "Poids", "Βάρος", "重量"), ("5 kg", "10 kg", "20 kg"), {}, 0.6
    ),
    "diameter": Dimension(
        "diameter", _names("Diameter", "Diamètre", "Διάμετρος", "直径"), ("24 cm", "28 cm", "32 cm"), {}, 0.15
    ),
    "pieces": Dimension(
        "pieces",
        _names("Pieces", "Pièces", "Κομμάτια", "ピース数"),
        ("100", "500", "1000"),
        _pieces(("100", "500", "1000")),
        0.3,
    ),
}


@dataclass(frozen=True)
class ProductType:
    key: str
    category: str
    name: Noun
    materials: tuple[str, ...]  # keys of MATERIALS (ingredients for beauty)
    options: tuple[str, ...]  # keys of DIMENSIONS
    price: tuple[int, int]
    audiences: tuple[str, ...]
    material_option: bool  # give every variant a "material" option too (filterable in search)


def _noun(spec: str) -> Noun:
    en, fr, el, ja = (part.split() for part in spec.split("|"))
    fr_plural, el_plural = fr[-1] == "pl", el[-1] == "pl"
    fr_words, el_words = fr[: len(fr) - 1 - fr_plural], el[: len(el) - 1 - el_plural]
    return Noun(
        en=" ".join(w for w in en if w != "pl"),
        fr=" ".join(fr_words),
        fr_gender=fr[len(fr) - 1 - fr_plural],
        el=" ".join(el_words),
        el_gender=el[len(el) - 1 - el_plural],
        ja=" ".join(ja),
        en_plural=en[-1] == "pl",
        fr_plural=fr_plural,
        el_plural=el_plural,
    )


ADULTS = ("women", "men", "unisex", "kids")
GROWN = ("women", "men", "unisex")
KIDS = ("kids",)
ANYONE = ("unisex",)


def _t(
    key: str,
    category: str,
    names: str,
    materials: str,
    options: str,
    price: tuple[int, int],
    audiences: tuple[str, ...] = ANYONE,
) -> ProductType:
    material_option = category != "beauty"
    noun = _noun(names)
    return ProductType(
        key,
        category,
        noun,
        tuple(materials.split()),
        tuple(options.split()),
        price,
        audiences,
        material_option,
    )


# fmt: off
PRODUCT_TYPES: tuple[ProductType, ...] = (
    _t("t-shirt", "clothing", "T-shirt | t-shirt m | μπλουζάκι n | Tシャツ",
       "cotton organic-cotton linen recycled-polyester", "color size", (12, 45), ADULTS),
    _t("shirt", "clothing", "shirt | chemise f | πουκάμισο n | シャツ",
       "cotton linen silk", "color size", (25, 95), ADULTS),
    _t("sweater", "clothing", "sweater | pull m | πουλόβερ n | セーター",
       "wool cashmere cotton", "color size", (35, 180), ADULTS),
    _t("hoodie", "clothing", "hoodie | sweat à capuche m | φούτερ με κουκούλα n | パーカー",
       "cotton organic-cotton recycled-polyester", "color size", (30, 95), ADULTS),
    _t("jacket", "clothing", "jacket | veste f | μπουφάν n | ジャケット",
       "leather denim wool recycled-polyester", "color size", (50, 320), ADULTS),
    _t("dress", "clothing", "dress | robe f | φόρεμα n | ワンピース",
       "cotton linen silk", "color size", (30, 220), ("women", "kids")),
    _t("jeans", "clothing", "jeans pl | jean m | τζιν παντελόνι n | ジーンズ",
       "denim", "color size", (40, 150), ADULTS),
    _t("skirt", "clothing", "skirt | jupe f | φούστα f | スカート",
       "cotton denim linen wool", "color size", (25, 120), ("women", "kids")),
    _t("coat", "clothing", "coat | manteau m | παλτό n | コート",
       "wool cashmere recycled-polyester", "color size", (80, 450), GROWN),
    _t("socks", "clothing", "socks pl | chaussettes f pl | κάλτσες f pl | ソックス",
       "cotton wool organic-cotton", "color size", (5, 22), ADULTS),
    _t("scarf", "clothing", "scarf | écharpe f | κασκόλ n | マフラー",
       "wool cashmere silk cotton", "color", (15, 140), GROWN),
    _t("sneakers", "shoes", "sneakers pl | baskets f pl | αθλητικά παπούτσια n pl | スニーカー",
       "leather canvas suede", "color shoe_size", (40, 190), ADULTS),
    _t("boots", "shoes", "boots pl | bottes f pl | μπότες f pl | ブーツ",
       "leather suede rubber", "color shoe_size", (60, 320), ADULTS),
    _t("sandals", "shoes", "sandals pl | sandales f pl | πέδιλα n pl | サンダル",
       "leather rubber cork", "color shoe_size", (20, 130), ADULTS),
    _t("loafers", "shoes", "loafers pl | mocassins m pl | μοκασίνια n pl | ローファー",
       "leather suede", "color shoe_size", (50, 240), GROWN),
    _t("running-shoes", "shoes",
       "running shoes pl | chaussures de running f pl | παπούτσια για τρέξιμο n pl | ランニングシューズ",
       "recycled-polyester nylon", "color shoe_size", (50, 210), ADULTS),
    _t("slippers", "shoes", "slippers pl | chaussons m pl | παντόφλες f pl | スリッパ",
       "wool cotton suede", "color shoe_size", (15, 65), ADULTS),
    _t("backpack", "bags", "backpack | sac à dos m | σακίδιο πλάτης n | バックパック",
       "leather nylon canvas recycled-polyester", "color", (30, 220), ADULTS),
    _t("tote-bag", "bags", "tote bag | sac cabas m | τσάντα ώμου f | トートバッグ",
       "canvas leather organic-cotton", "color", (15, 160), GROWN),
    _t("handbag", "bags", "handbag | sac à main m | τσάντα χειρός f | ハンドバッグ",
       "leather suede", "color", (50, 420), ("women",)),
    _t("wallet", "bags", "wallet | portefeuille m | πορτοφόλι n | 財布",
       "leather cork", "color", (20, 160), GROWN),
    _t("suitcase", "bags", "suitcase | valise f | βαλίτσα f | スーツケース",
       "aluminium recycled-polyester", "color bag_size", (80, 420)),
    _t("crossbody-bag", "bags", "crossbody bag | sac bandoulière m | τσάντα χιαστί f | ショルダーバッグ",
       "leather nylon canvas", "color", (25, 190), GROWN),
    _t("yoga-mat", "sports", "yoga mat | tapis de yoga m | στρώμα γιόγκα n | ヨガマット",
       "rubber cork", "color", (20, 95)),
    _t("water-bottle", "sports", "water bottle | gourde f | παγούρι n | ウォーターボトル",
       "steel aluminium glass", "color capacity", (10, 45)),
    _t("tent", "sports", "tent | tente f | σκηνή f | テント",
       "nylon recycled-polyester", "color", (80, 520)),
    _t("dumbbells", "sports", "dumbbell set | set d'haltères m | σετ αλτήρων n | ダンベルセット",
       "steel cast-iron", "weight", (25, 160)),
    _t("cycling-helmet", "sports",
       "cycling helmet | casque de vélo m | κράνος ποδηλάτου n | サイクルヘルメット",
       "plastic carbon", "color bag_size", (40, 190), ADULTS),
    _t("tennis-racket", "sports", "tennis racket | raquette de tennis f | ρακέτα τένις f | テニスラケット",
       "carbon aluminium", "color", (40, 260)),
    _t("headphones", "electronics", "headphones pl | casque audio m | ακουστικά n pl | ヘッドホン",
       "aluminium plastic", "color", (30, 420)),
    _t("earbuds", "electronics",
       "wireless earbuds pl | écouteurs sans fil m pl | ακουστικά ψείρες n pl | ワイヤレスイヤホン",
       "plastic", "color", (25, 260)),
    _t("speaker", "electronics", "speaker | enceinte f | ηχείο n | スピーカー",
       "aluminium wood plastic", "color", (30, 380)),
    _t("phone-case", "electronics", "phone case | coque de téléphone f | θήκη κινητού f | スマホケース",
       "silicone leather plastic", "color", (10, 55)),
    _t("charger", "electronics", "charger | chargeur m | φορτιστής m | 充電器",
       "plastic aluminium", "power", (15, 85)),
    _t("smartwatch", "electronics", "smartwatch | montre connectée f | έξυπνο ρολόι n | スマートウォッチ",
       "aluminium steel", "color case_size", (80, 480)),
    _t("keyboard", "electronics", "keyboard | clavier m | πληκτρολόγιο n | キーボード",
       "aluminium plastic", "color", (30, 220)),
    _t("mug", "home", "mug | mug m | κούπα f | マグカップ",
       "ceramic porcelain glass", "color", (8, 32)),
    _t("cushion", "home", "cushion | coussin m | μαξιλάρι n | クッション",
       "cotton linen velvet", "color", (15, 75)),
    _t("lamp", "home", "lamp | lampe f | φωτιστικό n | ランプ",
       "steel wood ceramic glass", "color", (30, 260)),
    _t("blanket", "home", "blanket | plaid m | κουβέρτα f | ブランケット",
       "wool cotton cashmere", "color", (30, 220)),
    _t("vase", "home", "vase | vase m | βάζο n | 花瓶",
       "ceramic glass porcelain", "color", (15, 130)),
    _t("frying-pan", "home", "frying pan | poêle f | τηγάνι n | フライパン",
       "steel aluminium cast-iron", "diameter", (20, 160)),
    _t("bath-towel", "home", "bath towel | serviette de bain f | πετσέτα μπάνιου f | バスタオル",
       "cotton organic-cotton linen bamboo", "color", (10, 55)),
    _t("shampoo", "beauty", "shampoo | shampooing m | σαμπουάν n | シャンプー",
       "argan aloe green-tea lavender", "lotion_volume", (6, 32), GROWN),
    _t("face-cream", "beauty", "face cream | crème visage f | κρέμα προσώπου f | フェイスクリーム",
       "shea aloe rose green-tea", "volume", (12, 85), GROWN),
    _t("perfume", "beauty", "eau de parfum | eau de parfum f | άρωμα n | オードパルファム",
       "rose lavender vanilla citrus", "volume", (30, 190), GROWN),
    _t("lipstick", "beauty", "lipstick | rouge à lèvres m | κραγιόν n | リップスティック",
       "shea argan", "color", (10, 45), ("women",)),
    _t("soap", "beauty", "soap bar | savon m | σαπούνι n | 石けん",
       "lavender shea citrus rose", "", (4, 16)),
    _t("body-lotion", "beauty", "body lotion | lait corps m | γαλάκτωμα σώματος n | ボディローション",
       "shea aloe vanilla", "lotion_volume", (8, 42), GROWN),
    _t("puzzle", "toys", "puzzle | puzzle m | παζλ n | パズル",
       "cardboard wood", "pieces", (10, 45), KIDS),
    _t("plush-toy", "toys", "plush toy | peluche f | λούτρινο παιχνίδι n | ぬいぐるみ",
       "organic-cotton recycled-polyester", "color bag_size", (10, 55), KIDS),
    _t("building-blocks", "toys", "building blocks pl | jeu de construction m | τουβλάκια n pl | ブロック",
       "wood plastic", "pieces", (15, 130), KIDS),
    _t("board-game", "toys", "board game | jeu de société m | επιτραπέζιο παιχνίδι n | ボードゲーム",
       "cardboard wood", "", (15, 65), ("kids", "unisex")),
    _t("kite", "toys", "kite | cerf-volant m | χαρταετός m | 凧",
       "nylon recycled-polyester", "color", (10, 50), KIDS),
    _t("toy-train", "toys", "toy train | petit train m | τρενάκι n | おもちゃの電車",
       "wood", "color", (20, 90), KIDS),
)
# fmt: on
