from __future__ import annotations

from comptoir.nlu import normalize, normalize_with_offsets, stem, terms, tokenize


def test_japanese_is_segmented_into_morphemes() -> None:
    surfaces = [t.surface for t in tokenize("赤い革のハンドバッグ", "ja")]
    assert surfaces == ["赤い", "革", "の", "ハンドバッグ"]
    assert terms("赤い革のハンドバッグ", "ja", stop_words=False) == ["赤", "革", "ハンドバッグ"]


def test_half_width_and_full_width_are_unified() -> None:
    assert normalize("ﾊﾝﾄﾞﾊﾞｯｸﾞ") == "ハンドバッグ"
    assert normalize("ＰａｙＰａｌ　１２３") == "paypal 123"
    text = "ｻｲｽﾞＭ"
    norm, offsets = normalize_with_offsets(text)
    assert norm == "サイズm" and len(offsets) == len(norm) and offsets[-1] == len(text) - 1


def test_greek_accents_and_case_are_folded() -> None:
    assert normalize("ΚΌΚΚΙΝΕΣ Τσάντες") == normalize("κοκκινεσ τσαντεσ") == "κοκκινεσ τσαντεσ"
    assert stem(normalize("παπούτσια"), "el") == stem(normalize("ΠΑΠΟΥΤΣΙ"), "el")


def test_latin_accents_are_folded_but_dakuten_kept() -> None:
    assert normalize("Écharpe en laine, très CHAUDE") == "echarpe en laine, tres chaude"
    assert normalize("バッグ") == "バッグ" != normalize("ハック")
    assert normalize("が") == "が"


def test_french_stems_join_inflections() -> None:
    assert stem(normalize("imperméables"), "fr") == stem(normalize("impermeable"), "fr")
    assert terms("des chaussures noires", "fr", stop_words=False) == ["chaussur", "noir"]
