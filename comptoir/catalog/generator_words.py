"""Word lists of the synthetic catalogue, in English, French, Greek and Japanese.

Agreement: French and Greek adjectives come in every gender and number form and are picked by the product
type's noun; materials and ingredients are written with their preposition ("en cuir", "από δέρμα", "à
l'argan", "με άργκαν"), so they never need to agree. Brands are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("en", "fr", "el", "ja")

CATEGORIES: dict[str, dict[str, str]] = {
    "clothing": {"en": "Clothing", "fr": "Vêtements", "el": "Ρούχα", "ja": "衣料品"},
    "shoes": {"en": "Shoes", "fr": "Chaussures", "el": "Παπούτσια", "ja": "靴"},
    "bags": {"en": "Bags", "fr": "Sacs", "el": "Τσάντες", "ja": "バッグ"},
    "sports": {
        "en": "Sports & Outdoors",
        "fr": "Sport et plein air",
        "el": "Αθλητισμός και ύπαιθρος",
        "ja": "スポーツ・アウトドア",
    },
    "electronics": {
        "en": "Electronics",
        "fr": "Électronique",
        "el": "Ηλεκτρονικά",
        "ja": "家電・エレクトロニクス",
    },
    "home": {
        "en": "Home & Kitchen",
        "fr": "Maison et cuisine",
        "el": "Σπίτι και κουζίνα",
        "ja": "ホーム・キッチン",
    },
    "beauty": {"en": "Beauty", "fr": "Beauté", "el": "Ομορφιά", "ja": "ビューティー"},
    "toys": {"en": "Toys & Games", "fr": "Jouets et jeux", "el": "Παιχνίδια", "ja": "おもちゃ・ゲーム"},
}


@dataclass(frozen=True)
class Noun:
    """A product type's name. ``fr``/``el`` genders: m, f (and n in Greek); ``plural`` for "jeans"."""

    en: str
    fr: str
    fr_gender: str
    el: str
    el_gender: str
    ja: str
    en_plural: bool = False
    fr_plural: bool = False
    el_plural: bool = False


@dataclass(frozen=True)
class Adjective:
    en: str
    fr: tuple[str, str, str, str]  # m, f, m plural, f plural
    el: tuple[str, str, str, str, str, str]  # m, f, n, m plural, f plural, n plural
    ja: str  # in titles
    ja_attr: str  # before a noun in a sentence
    fits: tuple[str, ...] = ()  # the categories it suits; all when empty

    def french(self, noun: Noun) -> str:
        return self.fr[(noun.fr_gender == "f") + 2 * noun.fr_plural]

    def greek(self, noun: Noun) -> str:
        return greek_form(self.el, noun)


@dataclass(frozen=True)
class Material:
    """A material or an ingredient: ``en`` in titles ("Leather"), ``en_phrase`` in sentences ("in
    leather"), ``fr``/``el`` with their preposition, ``label`` the option value's name per language."""

    en: str
    en_phrase: str
    fr: str
    el: str
    ja: str
    label: dict[str, str]


def _adj(en: str, fr: str, el: str, ja: str, fits: str = "") -> Adjective:
    fr_forms, el_forms, ja_forms = fr.split("/"), el.split("/"), ja.split("/")
    assert len(fr_forms) == 4 and len(el_forms) == 6 and len(ja_forms) == 2, en
    return Adjective(en, (fr_forms[0], fr_forms[1], fr_forms[2], fr_forms[3]),
                     (el_forms[0], el_forms[1], el_forms[2], el_forms[3], el_forms[4], el_forms[5]),
                     ja_forms[0], ja_forms[1], tuple(fits.split()))  # fmt: skip


# English; French m/f/m pl/f pl; Greek m/f/n/m pl/f pl/n pl; Japanese in titles/before a noun; the
# categories the adjective suits (all when blank).
# fmt: off
ADJECTIVES: tuple[Adjective, ...] = (
    _adj("classic", "classique/classique/classiques/classiques",
         "κλασικός/κλασική/κλασικό/κλασικοί/κλασικές/κλασικά", "クラシック/クラシックな"),
    _adj("lightweight", "léger/légère/légers/légères", "ελαφρύς/ελαφριά/ελαφρύ/ελαφριοί/ελαφριές/ελαφριά",
         "軽量/軽量な", "clothing shoes bags sports electronics beauty"),
    _adj("modern", "moderne/moderne/modernes/modernes",
         "μοντέρνος/μοντέρνα/μοντέρνο/μοντέρνοι/μοντέρνες/μοντέρνα", "モダン/モダンな"),
    _adj("comfortable", "confortable/confortable/confortables/confortables",
         "άνετος/άνετη/άνετο/άνετοι/άνετες/άνετα", "快適/快適な", "clothing shoes"),
    _adj("elegant", "élégant/élégante/élégants/élégantes", "κομψός/κομψή/κομψό/κομψοί/κομψές/κομψά",
         "エレガント/エレガントな", "clothing shoes bags electronics home beauty"),
    _adj("durable", "résistant/résistante/résistants/résistantes",
         "ανθεκτικός/ανθεκτική/ανθεκτικό/ανθεκτικοί/ανθεκτικές/ανθεκτικά", "タフ/丈夫な",
         "shoes bags sports electronics home toys"),
    _adj("essential", "essentiel/essentielle/essentiels/essentielles",
         "βασικός/βασική/βασικό/βασικοί/βασικές/βασικά", "ベーシック/ベーシックな"),
    _adj("urban", "urbain/urbaine/urbains/urbaines", "αστικός/αστική/αστικό/αστικοί/αστικές/αστικά",
         "アーバン/都会的な", "clothing shoes bags electronics"),
    _adj("premium", "haut de gamme/haut de gamme/haut de gamme/haut de gamme",
         "πολυτελής/πολυτελής/πολυτελές/πολυτελείς/πολυτελείς/πολυτελή", "プレミアム/上質な"),
    _adj("retro", "rétro/rétro/rétro/rétro", "ρετρό/ρετρό/ρετρό/ρετρό/ρετρό/ρετρό", "レトロ/レトロな",
         "clothing shoes bags electronics home toys"),
)
# fmt: on


def adjectives_for(category: str) -> tuple[Adjective, ...]:
    return tuple(a for a in ADJECTIVES if not a.fits or category in a.fits)


AUDIENCES: dict[str, dict[str, str]] = {
    "women": {"en": "Women's", "fr": "pour femme", "ja": "レディース"},
    "men": {"en": "Men's", "fr": "pour homme", "ja": "メンズ"},
    "kids": {"en": "Kids'", "fr": "pour enfant", "ja": "キッズ"},
}
# In Greek the audience is an adjective before the noun: m, f, n, m plural, f plural, n plural.
AUDIENCES_EL: dict[str, tuple[str, ...]] = {
    "women": ("γυναικείος", "γυναικεία", "γυναικείο", "γυναικείοι", "γυναικείες", "γυναικεία"),
    "men": ("ανδρικός", "ανδρική", "ανδρικό", "ανδρικοί", "ανδρικές", "ανδρικά"),
    "kids": ("παιδικός", "παιδική", "παιδικό", "παιδικοί", "παιδικές", "παιδικά"),
}


def greek_form(forms: tuple[str, ...], noun: Noun) -> str:
    return forms["mfn".index(noun.el_gender) + 3 * noun.el_plural]


def _mat(en: str, en_phrase: str, fr: str, el: str, ja: str, labels: str) -> Material:
    fr_label, el_label, ja_label = labels.split("/")
    return Material(
        en, en_phrase, fr, el, ja, {"en": en.lower(), "fr": fr_label, "el": el_label, "ja": ja_label}
    )


MATERIALS: dict[str, Material] = {
    "leather": _mat("Leather", "in leather", "en cuir", "από δέρμα", "レザー", "cuir/δέρμα/レザー"),
    "cotton": _mat("Cotton", "in cotton", "en coton", "από βαμβάκι", "コットン", "coton/βαμβάκι/コットン"),
    "organic-cotton": _mat(
        "Organic Cotton",
        "in organic cotton",
        "en coton bio",
        "από οργανικό βαμβάκι",
        "オーガニックコットン",
        "coton bio/οργανικό βαμβάκι/オーガニックコットン",
    ),
    "wool": _mat("Wool", "in wool", "en laine", "από μαλλί", "ウール", "laine/μαλλί/ウール"),
    "linen": _mat("Linen", "in linen", "en lin", "από λινό", "リネン", "lin/λινό/リネン"),
    "silk": _mat("Silk", "in silk", "en soie", "από μετάξι", "シルク", "soie/μετάξι/シルク"),
    "cashmere": _mat(
        "Cashmere", "in cashmere", "en cachemire", "από κασμίρι", "カシミヤ", "cachemire/κασμίρι/カシミヤ"
    ),
    "polyester": _mat(
        "Polyester",
        "in polyester",
        "en polyester",
        "από πολυεστέρα",
        "ポリエステル",
        "polyester/πολυεστέρας/ポリエステル",
    ),
    "recycled-polyester": _mat(
        "Recycled Polyester",
        "in recycled polyester",
        "en polyester recyclé",
        "από ανακυκλωμένο πολυεστέρα",
        "リサイクルポリエステル",
        "polyester recyclé/ανακυκλωμένος πολυεστέρας/リサイクルポリエステル",
    ),
    "denim": _mat("Denim", "in denim", "en denim", "από ντένιμ", "デニム", "denim/ντένιμ/デニム"),
    "suede": _mat("Suede", "in suede", "en daim", "από σουέτ", "スエード", "daim/σουέτ/スエード"),
    "canvas": _mat(
        "Canvas", "in canvas", "en toile", "από καραβόπανο", "キャンバス", "toile/καραβόπανο/キャンバス"
    ),
    "nylon": _mat("Nylon", "in nylon", "en nylon", "από νάιλον", "ナイロン", "nylon/νάιλον/ナイロン"),
    "rubber": _mat(
        "Rubber", "in rubber", "en caoutchouc", "από καουτσούκ", "ラバー", "caoutchouc/καουτσούκ/ラバー"
    ),
    "cork": _mat("Cork", "in cork", "en liège", "από φελλό", "コルク", "liège/φελλός/コルク"),
    "velvet": _mat(
        "Velvet", "in velvet", "en velours", "από βελούδο", "ベルベット", "velours/βελούδο/ベルベット"
    ),
    "wood": _mat("Wooden", "in wood", "en bois", "από ξύλο", "木製", "bois/ξύλο/木製"),
    "bamboo": _mat("Bamboo", "in bamboo", "en bambou", "από μπαμπού", "バンブー", "bambou/μπαμπού/バンブー"),
    "glass": _mat("Glass", "in glass", "en verre", "από γυαλί", "ガラス", "verre/γυαλί/ガラス"),
    "ceramic": _mat(
        "Ceramic", "in ceramic", "en céramique", "από κεραμικό", "セラミック", "céramique/κεραμικό/セラミック"
    ),
    "porcelain": _mat(
        "Porcelain", "in porcelain", "en porcelaine", "από πορσελάνη", "磁器", "porcelaine/πορσελάνη/磁器"
    ),
    "steel": _mat(
        "Stainless Steel",
        "in stainless steel",
        "en acier inoxydable",
        "από ανοξείδωτο ατσάλι",
        "ステンレス",
        "acier inoxydable/ανοξείδωτο ατσάλι/ステンレス",
    ),
    "aluminium": _mat(
        "Aluminium", "in aluminium", "en aluminium", "από αλουμίνιο", "アルミ", "aluminium/αλουμίνιο/アルミ"
    ),
    "cast-iron": _mat("Cast Iron", "in cast iron", "en fonte", "από μαντέμι", "鋳鉄", "fonte/μαντέμι/鋳鉄"),
    "carbon": _mat(
        "Carbon",
        "in carbon fibre",
        "en carbone",
        "από ανθρακονήματα",
        "カーボン",
        "carbone/ανθρακονήματα/カーボン",
    ),
    "plastic": _mat(
        "Recycled Plastic",
        "in recycled plastic",
        "en plastique recyclé",
        "από ανακυκλωμένο πλαστικό",
        "リサイクルプラスチック",
        "plastique recyclé/ανακυκλωμένο πλαστικό/リサイクルプラスチック",
    ),
    "silicone": _mat(
        "Silicone", "in silicone", "en silicone", "από σιλικόνη", "シリコン", "silicone/σιλικόνη/シリコン"
    ),
    "cardboard": _mat("Cardboard", "in cardboard", "en carton", "από χαρτόνι", "紙製", "carton/χαρτόνι/紙製"),
    # ingredients (beauty): never an option, only words in titles and descriptions
    "argan": _mat("Argan", "with argan oil", "à l'argan", "με άργκαν", "アルガン", "argan/άργκαν/アルガン"),
    "aloe": _mat(
        "Aloe Vera", "with aloe vera", "à l'aloe vera", "με αλόη", "アロエ", "aloe vera/αλόη/アロエ"
    ),
    "shea": _mat("Shea", "with shea butter", "au karité", "με βούτυρο καριτέ", "シア", "karité/καριτέ/シア"),
    "lavender": _mat(
        "Lavender", "with lavender", "à la lavande", "με λεβάντα", "ラベンダー", "lavande/λεβάντα/ラベンダー"
    ),
    "green-tea": _mat(
        "Green Tea", "with green tea", "au thé vert", "με πράσινο τσάι", "緑茶", "thé vert/πράσινο τσάι/緑茶"
    ),
    "rose": _mat("Rose", "with rose", "à la rose", "με τριαντάφυλλο", "ローズ", "rose/τριαντάφυλλο/ローズ"),
    "vanilla": _mat(
        "Vanilla", "with vanilla", "à la vanille", "με βανίλια", "バニラ", "vanille/βανίλια/バニラ"
    ),
    "citrus": _mat(
        "Citrus", "with citrus", "aux agrumes", "με εσπεριδοειδή", "シトラス", "agrumes/εσπεριδοειδή/シトラス"
    ),
}
INGREDIENTS = ("argan", "aloe", "shea", "lavender", "green-tea", "rose", "vanilla", "citrus")

COLORS: dict[str, dict[str, str]] = {
    "black": {"en": "black", "fr": "noir", "el": "μαύρο", "ja": "黒"},
    "white": {"en": "white", "fr": "blanc", "el": "λευκό", "ja": "白"},
    "red": {"en": "red", "fr": "rouge", "el": "κόκκινο", "ja": "赤"},
    "blue": {"en": "blue", "fr": "bleu", "el": "μπλε", "ja": "青"},
    "green": {"en": "green", "fr": "vert", "el": "πράσινο", "ja": "緑"},
    "yellow": {"en": "yellow", "fr": "jaune", "el": "κίτρινο", "ja": "黄色"},
    "pink": {"en": "pink", "fr": "rose", "el": "ροζ", "ja": "ピンク"},
    "purple": {"en": "purple", "fr": "violet", "el": "μωβ", "ja": "紫"},
    "orange": {"en": "orange", "fr": "orange", "el": "πορτοκαλί", "ja": "オレンジ"},
    "brown": {"en": "brown", "fr": "marron", "el": "καφέ", "ja": "茶色"},
    "grey": {"en": "grey", "fr": "gris", "el": "γκρι", "ja": "グレー"},
    "beige": {"en": "beige", "fr": "beige", "el": "μπεζ", "ja": "ベージュ"},
    "navy": {"en": "navy", "fr": "bleu marine", "el": "μπλε σκούρο", "ja": "ネイビー"},
    "silver": {"en": "silver", "fr": "argent", "el": "ασημί", "ja": "シルバー"},
    "gold": {"en": "gold", "fr": "doré", "el": "χρυσό", "ja": "ゴールド"},
}

# Sentences that need no agreement with the product's noun (noun phrases or verbs without a subject).
FEATURES: dict[str, tuple[dict[str, str], ...]] = {
    "clothing": (
        {
            "en": "Soft on the skin and easy to care for.",
            "fr": "Douceur sur la peau et entretien facile.",
            "el": "Απαλή υφή και εύκολη φροντίδα.",
            "ja": "肌ざわりがやわらかく、お手入れも簡単です。",
        },
        {
            "en": "Machine washable at 30 °C.",
            "fr": "Lavage en machine à 30 °C.",
            "el": "Πλύσιμο στο πλυντήριο στους 30 °C.",
            "ja": "30℃で洗濯機洗いができます。",
        },
        {
            "en": "A relaxed fit for every day.",
            "fr": "Une coupe décontractée pour tous les jours.",
            "el": "Άνετη γραμμή για κάθε μέρα.",
            "ja": "毎日着られるリラックスフィット。",
        },
    ),
    "shoes": (
        {
            "en": "Cushioned insole for all-day comfort.",
            "fr": "Semelle intérieure amortie pour un confort toute la journée.",
            "el": "Αφρώδης εσωτερική σόλα για άνεση όλη τη μέρα.",
            "ja": "クッション性のあるインソールで一日中快適。",
        },
        {
            "en": "Non-slip rubber outsole.",
            "fr": "Semelle extérieure antidérapante en caoutchouc.",
            "el": "Αντιολισθητική εξωτερική σόλα από καουτσούκ.",
            "ja": "滑りにくいラバーアウトソール。",
        },
        {
            "en": "Fits true to size.",
            "fr": "Chausse normalement.",
            "el": "Κανονική εφαρμογή στο νούμερο.",
            "ja": "標準的なサイズ感です。",
        },
    ),
    "bags": (
        {
            "en": "Padded sleeve for a 15-inch laptop.",
            "fr": "Compartiment rembourré pour ordinateur 15 pouces.",
            "el": "Ενισχυμένη θήκη για φορητό υπολογιστή 15 ιντσών.",
            "ja": "15インチのノートPCが入るクッション付きポケット。",
        },
        {
            "en": "Adjustable strap and sturdy zips.",
            "fr": "Sangle réglable et fermetures éclair solides.",
            "el": "Ρυθμιζόμενος ιμάντας και γερά φερμουάρ.",
            "ja": "調節できるストラップと丈夫なファスナー。",
        },
        {
            "en": "Water-repellent finish.",
            "fr": "Finition déperlante.",
            "el": "Αδιάβροχο φινίρισμα.",
            "ja": "撥水加工。",
        },
    ),
    "sports": (
        {
            "en": "For training and the outdoors.",
            "fr": "Pour l'entraînement et le plein air.",
            "el": "Για προπόνηση και ύπαιθρο.",
            "ja": "トレーニングにもアウトドアにも。",
        },
        {
            "en": "Easy to carry and to store.",
            "fr": "Facile à transporter et à ranger.",
            "el": "Εύκολη μεταφορά και αποθήκευση.",
            "ja": "持ち運びも収納も簡単。",
        },
        {
            "en": "Stands up to rain and wind.",
            "fr": "Résiste à la pluie et au vent.",
            "el": "Αντέχει σε βροχή και αέρα.",
            "ja": "雨や風にも強い。",
        },
    ),
    "electronics": (
        {
            "en": "Two-year warranty.",
            "fr": "Garantie deux ans.",
            "el": "Εγγύηση δύο ετών.",
            "ja": "2年保証。",
        },
        {
            "en": "Compact and easy to take anywhere.",
            "fr": "Format compact, facile à emporter partout.",
            "el": "Μικρό μέγεθος, εύκολο στη μεταφορά.",
            "ja": "コンパクトで持ち運びやすい。",
        },
        {
            "en": "Recycled packaging.",
            "fr": "Emballage recyclé.",
            "el": "Ανακυκλωμένη συσκευασία.",
            "ja": "リサイクル素材のパッケージ。",
        },
    ),
    "home": (
        {
            "en": "Quality that lasts.",
            "fr": "Une qualité qui dure.",
            "el": "Ποιότητα που διαρκεί.",
            "ja": "長く使える品質。",
        },
        {
            "en": "Easy to clean.",
            "fr": "Entretien facile.",
            "el": "Εύκολος καθαρισμός.",
            "ja": "お手入れ簡単。",
        },
        {
            "en": "Fits any interior.",
            "fr": "S'accorde à tous les intérieurs.",
            "el": "Ταιριάζει σε κάθε χώρο.",
            "ja": "どんなインテリアにもなじみます。",
        },
    ),
    "beauty": (
        {
            "en": "Dermatologically tested formula.",
            "fr": "Formule testée sous contrôle dermatologique.",
            "el": "Δερματολογικά ελεγμένη σύνθεση.",
            "ja": "皮膚科医によるテスト済みの処方。",
        },
        {
            "en": "Vegan and cruelty-free.",
            "fr": "Formule vegan, non testée sur les animaux.",
            "el": "Vegan σύνθεση, χωρίς δοκιμές σε ζώα.",
            "ja": "ヴィーガン処方、動物実験なし。",
        },
        {
            "en": "Made in France.",
            "fr": "Fabrication française.",
            "el": "Κατασκευή στη Γαλλία.",
            "ja": "フランス製。",
        },
    ),
    "toys": (
        {
            "en": "For ages 3 and up.",
            "fr": "Dès 3 ans.",
            "el": "Για ηλικίες 3 ετών και άνω.",
            "ja": "対象年齢3歳以上。",
        },
        {
            "en": "Non-toxic paints.",
            "fr": "Peintures non toxiques.",
            "el": "Μη τοξικά χρώματα.",
            "ja": "無害な塗料を使用。",
        },
        {
            "en": "Hours of creative play.",
            "fr": "Des heures de jeu créatif.",
            "el": "Ώρες δημιουργικού παιχνιδιού.",
            "ja": "何時間でも夢中になれる遊び。",
        },
    ),
}

BRANDS: dict[str, tuple[str, ...]] = {
    "clothing": ("Velmora", "Quillon", "Ardena", "Solvik", "Marenzo", "Aegean Thread"),
    "shoes": ("Corvalle", "Fennick", "Brisa", "Wrenfield", "Kitsunebi", "Moraine"),
    "bags": ("Lunaria", "Oakmere", "Tessaly", "Peregrin & Finch", "Belvane", "Rivela"),
    "sports": ("Arktos", "Fjellgang", "Mistral Goods", "Zelos", "Cirrus Lab", "Harbor & Pine"),
    "electronics": ("Iridia", "Nimbra", "Voltane Audio", "Hikari Studio", "Quenby", "Orrin"),
    "home": ("Maison Verdier", "Driftwood Co.", "Juniper Row", "Lindqvist", "Thalassa Works", "Yukimi"),
    "beauty": ("Elaion", "Ostara", "Galenos", "Xanthe", "Verano", "Emberly"),
    "toys": ("Yarrow", "Tamsin", "Wilder & Co", "Pallas", "Umbrelle", "Kestrelle"),
}
