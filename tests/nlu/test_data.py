from __future__ import annotations

import re
from pathlib import Path

import pytest

from comptoir.nlu import (
    INTENTS,
    TrainingDataError,
    available_languages,
    load_examples,
    load_file,
    parse_annotated,
)


def test_every_shipped_file_loads_with_all_intents() -> None:
    languages = available_languages()
    assert {"en", "ja"} <= set(languages)
    examples = load_examples()
    for language in languages:
        intents = {e.intent for e in examples if e.language == language}
        assert intents == set(INTENTS), language
    for e in examples:  # spans point at their surface text
        for start, end, _label, value in e.entities:
            assert e.text[start:end] == value


def test_annotations_become_spans() -> None:
    text, spans = parse_annotated("a [red](color) [leather](material) bag under [80 €](price_max)")
    assert text == "a red leather bag under 80 €"
    assert spans == ((2, 5, "color", "red"), (6, 13, "material", "leather"), (24, 28, "price_max", "80 €"))
    assert parse_annotated("[山田](last_name)[花子](first_name)")[1] == (
        (0, 2, "last_name", "山田"),
        (2, 4, "first_name", "花子"),
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("a [red](colour) dress", "unknown entity label 'colour'"),
        ("a [red dress", "unbalanced '['"),
        ("a red] dress", "unbalanced ']'"),
        ("[ red](color)", "spaces at its ends"),
    ],
)
def test_annotation_errors_are_clear(line: str, message: str) -> None:
    with pytest.raises(TrainingDataError, match=re.escape(message)):
        parse_annotated(line, where="x.yaml:3")


def test_file_errors_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "xx.yaml"
    path.write_text("language: xx\nintents:\n  greet:\n    - hi\n    - hello [there](colr)\n", "utf-8")
    with pytest.raises(TrainingDataError, match=r"xx\.yaml:5: unknown entity label 'colr'"):
        load_file(path)
    path.write_text("language: xx\nintents:\n  greet:\n    - hi\n  great:\n    - hello\n", "utf-8")
    with pytest.raises(TrainingDataError, match=r"xx\.yaml:5: unknown intent 'great'"):
        load_file(path)
    path.write_text("language: xx\nintents:\n  greet:\n    - hi\n", "utf-8")
    assert [e.text for e in load_file(path)] == ["hi"]
