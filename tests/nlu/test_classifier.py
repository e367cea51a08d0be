from __future__ import annotations

import os
from pathlib import Path

import pytest

from comptoir.nlu import Example, IntentModel, classifier, evaluate_bitext, load_examples, load_or_train

BITEXT_SAMPLE = Path(__file__).parent.parent / "data" / "bitext" / "bitext_sample.csv"

# Held-out accuracy measured on 2026-11 data (seed 0): en 0.83, fr 0.84, el 0.82, ja 0.79; floors leave a margin
# for the training files that are still growing.
FLOORS = {"en": 0.75, "fr": 0.75, "el": 0.72, "ja": 0.70}


def test_held_out_accuracy_per_language(model: IntentModel) -> None:
    report = model.meta["report"]
    for language, floor in FLOORS.items():
        if language in report["intent_accuracy"]:
            assert report["intent_accuracy"][language] >= floor, (language, report["intent_accuracy"])
            assert report["intent_macro_f1"][language] >= floor - 0.02
    assert report["ece_after"] <= 0.08  # confidences are calibrated on the held-out split
    assert report["entity_f1"]["all"]["f1"] >= 0.8  # measured 0.87


def test_bitext_sample(model: IntentModel) -> None:
    report = evaluate_bitext(BITEXT_SAMPLE, model=model)
    assert report.rows == 300 and report.intents_total == 27 and report.intents_mapped == 16
    # Measured 0.63 on this sample (0.63 on the full set): far from the 0.90 target, see the report in bench/nlu.py.
    assert report.accuracy >= 0.55


def test_ranking_is_a_distribution(model: IntentModel) -> None:
    ranking = model.rank("where is my order #W2378156", "en", top=36)
    assert ranking[0][0] == "order_status"
    assert abs(sum(p for _, p in ranking) - 1.0) < 1e-3
    assert [p for _, p in ranking] == sorted((p for _, p in ranking), reverse=True)


def test_second_load_does_not_retrain(model: IntentModel, model_dir: Path) -> None:
    files = list(model_dir.glob("intent-*.npz"))
    assert len(files) == 1
    mtime = os.stat(files[0]).st_mtime_ns
    trained = classifier.TRAININGS
    again = load_or_train(folder=model_dir)
    assert trained == classifier.TRAININGS
    assert os.stat(files[0]).st_mtime_ns == mtime
    text = "je voudrais annuler ma commande"
    before, after = model.rank(text, "fr"), again.rank(text, "fr")
    assert [i for i, _ in after] == [i for i, _ in before]
    assert [p for _, p in after] == pytest.approx([p for _, p in before], abs=1e-3)


def test_extra_examples_change_the_key(model_dir: Path) -> None:
    examples = load_examples(["en"])
    extra = [Example("gimme the goods", "en", "search_product")]
    assert classifier.training_key(
        examples, extra, classifier.ClassifierConfig(), 0.2, 0
    ) != classifier.training_key(examples, (), classifier.ClassifierConfig(), 0.2, 0)


def test_small_training_runs_and_uses_extra_examples(tmp_path: Path) -> None:
    examples = [e for e in load_examples(["en"]) if e.intent in ("greet", "goodbye", "order_status")]
    extra = [Example("zorglub", "en", "goodbye")] * 3
    report = classifier.train(examples, extra=extra, holdout=0.2)
    assert report.model is not None and report.n_test > 0
    assert report.model.rank("zorglub", "en")[0][0] == "goodbye"
    report.model.save(tmp_path / "m.npz")
    loaded = IntentModel.load(tmp_path / "m.npz")
    assert loaded.rank("hello there", "en")[0][0] == report.model.rank("hello there", "en")[0][0] == "greet"
