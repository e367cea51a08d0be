"""Words that become filters, in English, French, Greek and Japanese (a first cut)."""

from __future__ import annotations

COLORS: dict[str, list[str]] = {
    "black": ["black", "noir", "noire", "noirs", "noires", "μαύρο", "μαύρη", "μαύρα", "μαύρος", "μαύρες", "黒", "ブラック", "黒い"],
    "white": ["white", "blanc", "blanche", "blancs", "blanches", "λευκό", "λευκή", "λευκά", "άσπρο", "άσπρη", "άσπρα", "白", "ホワイト", "白い"],
    "red": ["red", "rouge", "rouges", "κόκκινο", "κόκκινη", "κόκκινα", "κόκκινες", "κόκκινος", "赤", "レッド", "赤い"],
    "blue": ["blue", "bleu", "bleue", "bleus", "bleues", "μπλε", "γαλάζιο", "γαλάζια", "青", "ブルー", "青い"],
    "green": ["green", "vert", "verte", "verts", "vertes", "πράσινο", "πράσινη", "πράσινα", "緑", "グリーン"],
    "yellow": ["yellow", "jaune", "jaunes", "κίτρινο", "κίτρινη", "κίτρινα", "黄色", "イエロー", "黄色い"],
    "pink": ["pink", "rose", "roses", "ροζ", "ピンク"],
    "purple": ["purple", "violet", "violette", "mauve", "μωβ", "紫", "パープル"],
    "orange": ["orange", "πορτοκαλί", "オレンジ"],
    "brown": ["brown", "marron", "brun", "brune", "καφέ", "茶色", "ブラウン"],
    "grey": ["grey", "gray", "gris", "grise", "γκρι", "灰色", "グレー"],
    "beige": ["beige", "μπεζ", "ベージュ"],
    "navy": ["navy", "marine", "bleu marine", "μπλε σκούρο", "ネイビー", "紺"],
    "silver": ["silver", "argent", "argenté", "ασημί", "シルバー", "銀"],
    "gold": ["gold", "doré", "or", "χρυσό", "χρυσή", "ゴールド", "金"],
}

MATERIALS: dict[str, list[str]] = {
    "leather": ["leather", "cuir", "δερμάτινο", "δερμάτινη", "δερμάτινα", "δέρμα", "革", "レザー", "本革"],
    "cotton": ["cotton", "coton", "βαμβακερό", "βαμβακερή", "βαμβάκι", "綿", "コットン"],
    "wool": ["wool", "laine", "μάλλινο", "μάλλινη", "μαλλί", "ウール"],
    "linen": ["linen", "lin", "λινό", "λινή", "リネン", "麻"],
    "silk": ["silk", "soie", "μεταξωτό", "μετάξι", "シルク"],
    "polyester": ["polyester", "πολυεστέρας", "ポリエステル"],
    "wood": ["wood", "wooden", "bois", "ξύλινο", "ξύλο", "木製", "木"],
    "glass": ["glass", "verre", "γυάλινο", "γυαλί", "ガラス"],
    "metal": ["metal", "métal", "μεταλλικό", "μέταλλο", "メタル", "金属"],
    "plastic": ["plastic", "plastique", "πλαστικό", "プラスチック"],
    "ceramic": ["ceramic", "céramique", "κεραμικό", "セラミック", "陶器"],
}

AUDIENCES: dict[str, list[str]] = {
    "kids": ["kid", "kids", "child", "children", "enfant", "enfants", "παιδικό", "παιδικά", "παιδιά", "παιδί", "子供", "子ども", "キッズ", "子供用"],
    "men": ["men", "man", "mens", "homme", "hommes", "ανδρικό", "ανδρικά", "άνδρες", "メンズ", "男性"],
    "women": ["women", "woman", "womens", "femme", "femmes", "γυναικείο", "γυναικεία", "γυναίκες", "レディース", "女性"],
}

IN_STOCK = ["in stock", "available now", "en stock", "disponible", "disponibles", "διαθέσιμο", "διαθέσιμα", "σε απόθεμα", "在庫あり", "在庫のある"]
ON_SALE = ["on sale", "discount", "discounted", "deal", "en promo", "en promotion", "soldes", "en solde", "προσφορά", "προσφορές", "έκπτωση", "εκπτώσεις", "セール", "割引", "値下げ"]

SIZE_WORDS = ["size", "taille", "pointure", "μέγεθος", "νούμερο", "サイズ"]

CURRENCIES: dict[str, list[str]] = {
    "EUR": ["€", "eur", "euro", "euros", "ευρώ"],
    "USD": ["$", "usd", "dollar", "dollars", "δολάρια"],
    "JPY": ["¥", "円", "yen", "jpy", "γιεν"],
    "GBP": ["£", "gbp", "pound", "pounds", "livres", "λίρες"],
}

# (words before the number, words after the number) meaning "at most" / "at least"
AT_MOST = ["under", "below", "less than", "cheaper than", "max", "maximum", "up to", "at most",
           "moins de", "sous", "en dessous de", "au-dessous de", "jusqu'à", "pas plus de",
           "κάτω από", "λιγότερο από", "έως", "μέχρι", "ως", "το πολύ"]
AT_LEAST = ["over", "above", "more than", "at least", "from", "plus de", "au moins", "à partir de", "dès",
            "πάνω από", "περισσότερο από", "τουλάχιστον", "από"]
JA_AT_MOST = ["以下", "未満", "まで", "以内"]
JA_AT_LEAST = ["以上", "から", "より上"]
BETWEEN = [("between", "and"), ("entre", "et"), ("μεταξύ", "και"), ("from", "to"), ("de", "à"), ("από", "έως")]
