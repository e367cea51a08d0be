"""Understanding benchmark: training time and held-out figures, model size, the latency of ``understand()``
per language (median and p99, after warm-up) next to a bare ``str.lower()`` loop measured in the same run,
process RSS, and the evaluations on data we did not write (Bitext, Appendix A).

    .venv/bin/python -m bench.nlu [--n 2000] [--cv 5] [--json out.json]

The full Bitext figure needs ``shared/datasets/bitext-customer-support`` beside the repository
(``../shared`` or ``/work/shared``); the 300-row sample in ``tests/data/bitext`` is always measured.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from comptoir.nlu import (
    ClassifierConfig,
    evaluate_appendix,
    evaluate_bitext,
    evaluate_language_id,
    load_examples,
    train,
    understand,
)
from comptoir.nlu.classifier import IntentModel

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "data" / "bitext" / "bitext_sample.csv"
FULL_CANDIDATES = [
    REPO.parent
    / "shared"
    / "datasets"
    / "bitext-customer-support"
    / "Bitext_Sample_Customer_Support_Training_Dataset.csv",
    Path("/work/shared/datasets/bitext-customer-support/Bitext_Sample_Customer_Support_Training_Dataset.csv"),
]


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 3),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 3),
    }


def latency(model: IntentModel, n: int) -> dict[str, Any]:
    examples = load_examples()
    by_language: dict[str, list[str]] = {}
    for e in examples:
        by_language.setdefault(e.language, []).append(e.text)
    languages = sorted(by_language)
    out: dict[str, Any] = {}
    for language, texts in by_language.items():
        texts = texts[:n]
        for text in texts[:50]:  # warm-up (Sudachi, caches)
            understand(text, languages=languages, previous_language=language, model=model)
        samples = []
        for text in texts:
            started = time.perf_counter()
            understand(text, languages=languages, previous_language=language, model=model)
            samples.append(time.perf_counter() - started)
        baseline = []
        for text in texts:
            started = time.perf_counter()
            text.lower()
            baseline.append(time.perf_counter() - started)
        out[language] = {"n": len(texts), **_percentiles(samples), "baseline_lower": _percentiles(baseline)}
    return out


def cross_validation(folds: int) -> dict[str, float]:
    """Intent accuracy per language over ``folds`` stable folds (a hash of language and text picks the fold,
    as the held-out split of :func:`comptoir.nlu.train` does): every example is tested once, and a figure
    measured before adding examples is measured again on the same folds."""
    from comptoir.nlu import extract_entities
    from comptoir.nlu.classifier import ClassifierConfig, _fit_models
    from comptoir.nlu.features import message_features

    examples = load_examples()
    feats = [message_features(e.text, e.language, extract_entities(e.text, e.language)) for e in examples]

    def fold(text: str, language: str) -> int:
        digest = hashlib.sha1(f"{language}\n{text}".encode()).hexdigest()
        return int(digest[:8], 16) * folds // 16**8

    hits: dict[str, list[bool]] = {}
    for k in range(folds):
        test = [i for i, e in enumerate(examples) if fold(e.text, e.language) == k]
        held = set(test)
        train_idx = [i for i in range(len(examples)) if i not in held]
        models = _fit_models(
            [feats[i] for i in train_idx], [examples[i] for i in train_idx], ClassifierConfig(), 0
        )
        model = IntentModel(models, 1.0, {})
        for i in test:
            scores = model._model_for(examples[i].language).scores(feats[i])
            hits.setdefault(examples[i].language, []).append(
                model.classes[int(scores.argmax())] == examples[i].intent
            )
    out = {lang: round(sum(v) / len(v), 4) for lang, v in sorted(hits.items())}
    out["all"] = round(sum(sum(v) for v in hits.values()) / sum(len(v) for v in hits.values()), 4)
    return out


def serving_rss(path: Path) -> float:
    """RSS of a fresh process that only loads the saved model and understands a message in each language."""
    code = (
        "import psutil; from pathlib import Path; from comptoir.nlu import understand; "
        "from comptoir.nlu.classifier import IntentModel; "
        f"m = IntentModel.load(Path({str(path)!r})); "
        "[understand(t, languages=['en','fr','el','ja'], model=m) for t in "
        "['where is my order', 'je cherche un pull', 'θέλω παπούτσια', '赤いバッグ']]; "
        "print(psutil.Process().memory_info().rss / 2**20)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    return round(float(out.stdout.strip().splitlines()[-1]), 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000, help="messages timed per language")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--per-language", action="store_true", help="also measure one model per language")
    parser.add_argument(
        "--cv", type=int, default=0, help="also measure intent accuracy by N-fold cross-validation"
    )
    args = parser.parse_args()
    figures: dict[str, Any] = {}
    process = psutil.Process()
    figures["rss_start_mb"] = round(process.memory_info().rss / 2**20, 1)

    examples = load_examples()
    started = time.perf_counter()
    report = train(examples)
    figures["train_total_seconds"] = round(time.perf_counter() - started, 2)
    figures["train_final_fit_seconds"] = report.train_seconds
    assert report.model is not None
    model = report.model
    figures["held_out"] = {
        "accuracy": report.intent_accuracy,
        "macro_f1": report.intent_macro_f1,
        "entity_f1": {k: vars(v) for k, v in report.entity_f1.items()},
        "entity_by_label": {k: vars(v) for k, v in report.entity_by_label.items()},
        "temperature": report.temperature,
        "ece_before": report.ece_before,
        "ece_after": report.ece_after,
        "n_train": report.n_train,
        "n_test": report.n_test,
        "n_features": report.n_features,
        "confusions": report.confusions[:10],
    }
    if args.cv:
        figures["cross_validation"] = {"folds": args.cv, "accuracy": cross_validation(args.cv)}
    if args.per_language:
        per = train(examples, config=ClassifierConfig(per_language=True))
        figures["held_out_per_language_models"] = per.intent_accuracy
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.npz"
        model.save(path)
        figures["model_file_mb"] = round(path.stat().st_size / 2**20, 2)
        started = time.perf_counter()
        IntentModel.load(path)
        figures["model_load_seconds"] = round(time.perf_counter() - started, 3)

        figures["serving_rss_mb"] = serving_rss(path)
    figures["latency"] = latency(model, args.n)
    figures["rss_end_mb"] = round(process.memory_info().rss / 2**20, 1)

    language_id = evaluate_language_id()
    figures["language_id"] = {"monolingual": language_id.monolingual, "mixed": language_id.mixed,
                              "greeklish": language_id.greeklish, "misses": language_id.misses}  # fmt: skip
    appendix = evaluate_appendix(model=model)
    figures["appendix_chat"] = {"accuracy": appendix.accuracy, "language": appendix.language_accuracy,
                                "discount_taken_for": appendix.discount, "misses": appendix.misses}  # fmt: skip
    bitext = {}
    full = next((p for p in FULL_CANDIDATES if p.exists()), None)
    for name, path in (("sample", SAMPLE), ("full", full)):
        if path is None:
            continue
        r = evaluate_bitext(path, model=model)
        bitext[name] = {"rows": r.rows, "mapped_rows": r.mapped_rows, "coverage": round(r.coverage, 4),
                        "intents_mapped": f"{r.intents_mapped}/{r.intents_total}", "accuracy": r.accuracy,
                        "strict_accuracy": r.strict_accuracy, "per_intent": r.per_intent,
                        "confusions": r.confusions}  # fmt: skip
    figures["bitext"] = bitext
    text = json.dumps(figures, ensure_ascii=False, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text, "utf-8")


if __name__ == "__main__":
    main()
