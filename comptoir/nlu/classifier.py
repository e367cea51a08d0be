"""Intent classification: TF-IDF features (:mod:`comptoir.nlu.features`) and a multinomial logistic
regression.

Training uses scikit-learn; prediction does not: the trained model is a vocabulary, IDF weights, a coefficient
matrix and a temperature, saved as one ``.npz`` file (no pickle) in a folder (default ``.comptoir/models``)
under a name derived from a hash of the training data, the configuration and the code version.
:func:`load_or_train` loads that file when it exists and trains (a few seconds) when it does not — never
per request.

Confidences are the softmax of the scores divided by a temperature fitted on the held-out split (so that, for
example, predictions at 0.8 are right about 80 % of the time); the dialogue can ask for clarification under a
threshold.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import threading
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from comptoir.nlu.data import ENTITY_LABELS, Example, load_examples
from comptoir.nlu.entities import Entity, extract_entities
from comptoir.nlu.features import FEATURES_VERSION, message_features

__all__ = [
    "CODE_VERSION",
    "ClassifierConfig",
    "EntityScore",
    "IntentModel",
    "TrainReport",
    "default_model_dir",
    "load_or_train",
    "score_entities",
    "train",
    "train_and_save",
    "training_key",
]

CODE_VERSION = f"intent-3/features-{FEATURES_VERSION}"

# Labels the rule-based extractor is scored on (brand and address_part need a catalogue / are open-ended).
SCORED_LABELS = frozenset(ENTITY_LABELS) - {"brand", "address_part"}

Floats = npt.NDArray[np.float32]


@dataclass(frozen=True)
class ClassifierConfig:
    c: float = 30.0
    max_iter: int = 20
    tol: float = 1e-3
    min_df: int = 1
    per_language: bool = False  # measured: one model across languages is better (see bench/nlu.py)


@dataclass(frozen=True)
class EntityScore:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class TrainReport:
    """Held-out figures (stratified by language and intent) and the model trained on all the data."""

    languages: list[str]
    n_train: int
    n_test: int
    intent_accuracy: dict[str, float]
    intent_macro_f1: dict[str, float]
    entity_f1: dict[str, EntityScore]  # per language, all scored labels together (overlap match)
    entity_by_label: dict[str, EntityScore]  # all languages together
    temperature: float
    ece_before: float
    ece_after: float
    train_seconds: float
    n_features: int
    config: ClassifierConfig
    confusions: list[tuple[str, str, int]] = field(default_factory=list)
    model: IntentModel | None = field(default=None, repr=False)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("model", None)
        return out


class _Linear:
    """One fitted TF-IDF + logistic-regression model, as plain arrays."""

    def __init__(
        self, vocabulary: dict[str, int], idf: Floats, coef: Floats, intercept: Floats, classes: list[str]
    ) -> None:
        self.vocabulary = vocabulary
        self.idf = idf
        self.coef = coef  # (n_features, n_classes)
        self.intercept = intercept
        self.classes = classes

    def scores(self, feats: Sequence[str]) -> Floats:
        counts = Counter(feats)
        idx: list[int] = []
        tf: list[float] = []
        for feat, n in counts.items():
            i = self.vocabulary.get(feat)
            if i is not None:
                idx.append(i)
                tf.append(1.0 + math.log(n))
        if not idx:
            return self.intercept.copy()
        index = np.asarray(idx, dtype=np.intp)
        weights: Floats = np.asarray(tf, dtype=np.float32) * self.idf[index]
        norm = float(np.sqrt(np.dot(weights, weights)))
        if norm > 0:
            weights /= norm
        out: Floats = weights @ self.coef[index] + self.intercept
        return out


class IntentModel:
    """A trained intent classifier: ``rank(text, language)`` -> intents with calibrated probabilities."""

    def __init__(self, models: dict[str, _Linear], temperature: float, meta: dict[str, Any]) -> None:
        self.models = models
        self.temperature = temperature
        self.meta = meta
        self.report: TrainReport | None = None

    @property
    def classes(self) -> list[str]:
        return next(iter(self.models.values())).classes

    @property
    def languages(self) -> list[str]:
        langs: list[str] = self.meta.get("languages", [])
        return langs

    def _model_for(self, language: str) -> _Linear:
        return self.models.get(language) or self.models.get("*") or next(iter(self.models.values()))

    def probabilities(self, text: str, language: str, entities: Sequence[Entity] | None = None) -> Floats:
        if entities is None:
            entities = extract_entities(text, language)
        model = self._model_for(language)
        scores = model.scores(message_features(text, language, entities)) / self.temperature
        scores -= scores.max()
        exp = np.exp(scores)
        out: Floats = exp / exp.sum()
        return out

    def rank(
        self, text: str, language: str, entities: Sequence[Entity] | None = None, *, top: int = 5
    ) -> list[tuple[str, float]]:
        probs = self.probabilities(text, language, entities)
        classes = self._model_for(language).classes
        order = np.argsort(-probs)[:top]
        return [(classes[i], float(probs[i])) for i in order]

    # ------------------------------------------------------------------------------------------ persistence
    def save(self, path: Path) -> None:
        arrays: dict[str, Any] = {
            "meta": np.asarray(json.dumps({**self.meta, "temperature": self.temperature}))
        }
        for name, m in self.models.items():
            features = sorted(m.vocabulary, key=m.vocabulary.__getitem__)
            joined = "\n".join(features).encode("utf-8")  # one UTF-8 blob: 4x smaller than a unicode array
            arrays[f"{name}:features"] = np.frombuffer(joined, dtype=np.uint8)
            arrays[f"{name}:idf"] = m.idf
            arrays[f"{name}:coef"] = m.coef.astype(np.float16)
            arrays[f"{name}:intercept"] = m.intercept
            arrays[f"{name}:classes"] = np.asarray(m.classes, dtype=str)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            np.savez(f, **arrays)
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one

    @classmethod
    def load(cls, path: Path) -> IntentModel:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            names = sorted({key.split(":", 1)[0] for key in data.files if ":" in key})
            models = {}
            for name in names:
                features = data[f"{name}:features"].tobytes().decode("utf-8").split("\n")
                models[name] = _Linear(
                    {f: i for i, f in enumerate(features)},
                    data[f"{name}:idf"].astype(np.float32),
                    data[f"{name}:coef"].astype(np.float32),
                    data[f"{name}:intercept"].astype(np.float32),
                    data[f"{name}:classes"].tolist(),
                )
        return cls(models, float(meta.pop("temperature", 1.0)), meta)


# ---------------------------------------------------------------------------------------------- training
def _identity(x: list[str]) -> list[str]:
    return x


def _fit(feats: Sequence[list[str]], intents: Sequence[str], config: ClassifierConfig, seed: int) -> _Linear:
    from sklearn.exceptions import ConvergenceWarning  # type: ignore[import-untyped]
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    vectorizer = TfidfVectorizer(
        analyzer=_identity, sublinear_tf=True, min_df=config.min_df, dtype=np.float32
    )
    matrix = vectorizer.fit_transform(list(feats))
    model = LogisticRegression(
        C=config.c, class_weight="balanced", solver="saga", tol=config.tol, max_iter=config.max_iter,
        random_state=seed,
    )  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # a few epochs of saga are enough here
        model.fit(matrix, list(intents))
    vocabulary = {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}
    return _Linear(
        vocabulary,
        vectorizer.idf_.astype(np.float32),
        np.ascontiguousarray(model.coef_.T.astype(np.float32)),
        model.intercept_.astype(np.float32),
        [str(c) for c in model.classes_],
    )


def _fit_models(
    feats: Sequence[list[str]], examples: Sequence[Example], config: ClassifierConfig, seed: int
) -> dict[str, _Linear]:
    if not config.per_language:
        return {"*": _fit(feats, [e.intent for e in examples], config, seed)}
    groups: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(examples):
        groups[e.language].append(i)
    return {
        lang: _fit([feats[i] for i in idx], [examples[i].intent for i in idx], config, seed)
        for lang, idx in groups.items()
    }


def _stratified_split(examples: Sequence[Example], holdout: float, seed: int) -> tuple[list[int], list[int]]:
    """A held-out split that stays put when data is added: an example is held out when a hash of its
    language, text and the seed falls under ``holdout`` (so the same message written twice is on one side,
    and a figure measured before adding examples is measured again on the same old examples). Every
    (language, intent) with two examples or more keeps at least one on each side."""
    groups: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)
    for i, e in enumerate(examples):
        digest = hashlib.sha1(f"{seed}\n{e.language}\n{e.text}".encode()).hexdigest()
        groups[(e.language, e.intent)].append((int(digest[:12], 16) / 16**12, i))
    train_idx: list[int] = []
    test_idx: list[int] = []
    for key in sorted(groups):
        ranked = sorted(groups[key])
        test = [i for h, i in ranked if h < holdout]
        if len(ranked) > 1 and not test:
            test = [ranked[0][1]]
        if len(test) == len(ranked) and len(ranked) > 1:
            test = test[:-1]
        chosen = set(test)
        test_idx.extend(test)
        train_idx.extend(i for _, i in ranked if i not in chosen)
    return sorted(train_idx), sorted(test_idx)


def _ece(probs: Floats, correct: npt.NDArray[np.bool_], bins: int = 10) -> float:
    confidence = probs.max(axis=1)
    total = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        sel = (confidence > low) & (confidence <= high)
        if sel.any():
            total += float(sel.mean()) * abs(float(correct[sel].mean()) - float(confidence[sel].mean()))
    return total


def _softmax(scores: Floats, temperature: float) -> Floats:
    z = scores / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: Floats = e / e.sum(axis=1, keepdims=True)
    return out


def _fit_temperature(scores: Floats, gold: npt.NDArray[np.intp]) -> float:
    best, best_nll = 1.0, math.inf
    for t in np.exp(np.linspace(math.log(0.05), math.log(5.0), 60)):
        p = _softmax(scores, float(t))
        nll = -float(np.mean(np.log(p[np.arange(len(gold)), gold] + 1e-12)))
        if nll < best_nll:
            best, best_nll = float(t), nll
    return best


def score_entities(
    examples: Sequence[Example], predicted: Sequence[Sequence[Entity]], labels: frozenset[str] = SCORED_LABELS
) -> tuple[dict[str, EntityScore], dict[str, EntityScore]]:
    """Precision/recall/F1 of predicted entities against the annotations: a prediction is right when it has
    the gold label and overlaps the gold span (each gold entity is matched once). Returns (per language, per
    label)."""
    tp: Counter[tuple[str, str]] = Counter()
    fp: Counter[tuple[str, str]] = Counter()
    fn: Counter[tuple[str, str]] = Counter()
    for example, entities in zip(examples, predicted, strict=True):
        preds = [e for e in entities if e.label in labels]
        used: set[int] = set()
        for start, end, label, _ in example.entities:
            if label not in labels:
                continue
            hit = next(
                (
                    i
                    for i, p in enumerate(preds)
                    if i not in used and p.label == label and p.start < end and start < p.end
                ),
                None,
            )
            if hit is None:
                fn[(example.language, label)] += 1
            else:
                used.add(hit)
                tp[(example.language, label)] += 1
        for i, p in enumerate(preds):
            if i not in used:
                fp[(example.language, p.label)] += 1

    def score(keys: list[tuple[str, str]]) -> EntityScore:
        t, f, n = sum(tp[k] for k in keys), sum(fp[k] for k in keys), sum(fn[k] for k in keys)
        precision = t / (t + f) if t + f else 0.0
        recall = t / (t + n) if t + n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return EntityScore(round(precision, 4), round(recall, 4), round(f1, 4), t + n)

    keys = set(tp) | set(fp) | set(fn)
    by_language = {lang: score([k for k in keys if k[0] == lang]) for lang in sorted({k[0] for k in keys})}
    by_label = {label: score([k for k in keys if k[1] == label]) for label in sorted({k[1] for k in keys})}
    if keys:
        by_language["all"] = score(list(keys))
    return by_language, by_label


def _macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    labels = sorted(set(gold) | set(pred))
    f1s = []
    for label in labels:
        t = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        f = sum(1 for g, p in zip(gold, pred, strict=True) if p == label and g != label)
        n = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        f1s.append(2 * t / (2 * t + f + n) if t else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def _entities_for_intent(entities: list[Entity], intent: str) -> list[Entity]:
    from comptoir.nlu.understand import filter_entities

    return filter_entities(entities, intent)


def train(
    examples: Sequence[Example],
    *,
    holdout: float = 0.2,
    seed: int = 0,
    extra: Sequence[Example] = (),
    config: ClassifierConfig | None = None,
) -> TrainReport:
    """Train on a stratified split, report held-out figures, then train the returned model
    (``report.model``) on all examples (``extra``, e.g. reviewed conversation turns, are merged in)."""
    config = config or ClassifierConfig()
    data = list(examples) + list(extra)
    if not data:
        raise ValueError("no training examples")
    entities = [extract_entities(e.text, e.language) for e in data]
    feats = [message_features(e.text, e.language, ents) for e, ents in zip(data, entities, strict=True)]
    languages = sorted({e.language for e in data})
    accuracy: dict[str, float] = {}
    macro: dict[str, float] = {}
    entity_f1: dict[str, EntityScore] = {}
    by_label: dict[str, EntityScore] = {}
    temperature, ece_before, ece_after = 1.0, 0.0, 0.0
    confusions: list[tuple[str, str, int]] = []
    train_idx, test_idx = (
        _stratified_split(data, holdout, seed) if holdout > 0 else (list(range(len(data))), [])
    )
    if test_idx:
        train_examples = [data[i] for i in train_idx]
        models = _fit_models([feats[i] for i in train_idx], train_examples, config, seed)
        held = IntentModel(models, 1.0, {"languages": languages})
        scores = np.stack([held._model_for(data[i].language).scores(feats[i]) for i in test_idx])
        classes = held.classes
        gold = np.asarray([classes.index(data[i].intent) for i in test_idx], dtype=np.intp)
        pred = scores.argmax(axis=1)
        correct = pred == gold
        ece_before = _ece(_softmax(scores, 1.0), correct)
        temperature = _fit_temperature(scores, gold)
        ece_after = _ece(_softmax(scores, temperature), correct)
        pairs: Counter[tuple[str, str]] = Counter()
        predicted_entities = []
        for k, i in enumerate(test_idx):
            if not correct[k]:
                pairs[(data[i].intent, classes[pred[k]])] += 1
            predicted_entities.append(_entities_for_intent(entities[i], classes[pred[k]]))
        confusions = [(a, b, n) for (a, b), n in pairs.most_common(15)]
        for lang in languages:
            sel = [k for k, i in enumerate(test_idx) if data[i].language == lang]
            if not sel:
                continue
            accuracy[lang] = round(float(correct[sel].mean()), 4)
            macro[lang] = round(
                _macro_f1([classes[gold[k]] for k in sel], [classes[pred[k]] for k in sel]), 4
            )
        accuracy["all"] = round(float(correct.mean()), 4)
        macro["all"] = round(_macro_f1([classes[g] for g in gold], [classes[p] for p in pred]), 4)
        entity_f1, by_label = score_entities([data[i] for i in test_idx], predicted_entities)
    started = time.perf_counter()
    models = _fit_models(feats, data, config, seed)
    seconds = time.perf_counter() - started
    meta = {
        "languages": languages,
        "code_version": CODE_VERSION,
        "n_examples": len(data),
        "config": asdict(config),
        "trained_at": time.time(),
    }
    model = IntentModel(models, temperature, meta)
    report = TrainReport(
        languages=languages,
        n_train=len(train_idx) if test_idx else len(data),
        n_test=len(test_idx),
        intent_accuracy=accuracy,
        intent_macro_f1=macro,
        entity_f1=entity_f1,
        entity_by_label=by_label,
        temperature=round(temperature, 4),
        ece_before=round(ece_before, 4),
        ece_after=round(ece_after, 4),
        train_seconds=round(seconds, 2),
        n_features=sum(len(m.vocabulary) for m in models.values()),
        config=config,
        confusions=confusions,
        model=model,
    )
    model.report = report
    model.meta["report"] = report.as_dict()
    return report


# ---------------------------------------------------------------------------------------------- persistence
def default_model_dir() -> Path:
    """``$COMPTOIR_MODEL_DIR`` or ``.comptoir/models`` (relative to the working directory)."""
    return Path(os.environ.get("COMPTOIR_MODEL_DIR", ".comptoir/models"))


def training_key(
    examples: Sequence[Example], extra: Sequence[Example], config: ClassifierConfig, holdout: float, seed: int
) -> str:
    """A hash of everything the trained model depends on."""
    import sklearn  # type: ignore[import-untyped]

    h = hashlib.sha256()
    h.update(json.dumps([CODE_VERSION, sklearn.__version__, asdict(config), holdout, seed]).encode())
    for e in sorted([*examples, *extra], key=lambda e: (e.language, e.intent, e.text)):
        h.update(json.dumps([e.language, e.intent, e.text, e.entities]).encode())
    from comptoir.nlu.lexicon import LEXICON_PATH

    h.update(LEXICON_PATH.read_bytes())  # entity features depend on the lexicon
    return h.hexdigest()[:20]


def _model_path(
    folder: Path, examples: Sequence[Example], extra: Sequence[Example], config: ClassifierConfig,
    holdout: float, seed: int,
) -> Path:  # fmt: skip
    return folder / f"intent-{training_key(examples, extra, config, holdout, seed)}.npz"


TRAININGS = 0  # how many times this process trained a model (tests use it to check the cache)
_lock = threading.Lock()


def load_or_train(
    examples: Sequence[Example] | None = None,
    *,
    folder: Path | None = None,
    extra: Sequence[Example] = (),
    holdout: float = 0.2,
    seed: int = 0,
    config: ClassifierConfig | None = None,
) -> IntentModel:
    """The model for these examples (default: every shipped language file) from ``folder`` if it was trained
    before, else trained now and saved there."""
    global TRAININGS
    config = config or ClassifierConfig()
    examples = load_examples() if examples is None else list(examples)
    folder = folder or default_model_dir()
    path = _model_path(folder, examples, extra, config, holdout, seed)
    with _lock:
        if path.exists():
            try:
                return IntentModel.load(path)
            except (OSError, ValueError, KeyError):
                pass  # a broken file: train again
        report = train(examples, holdout=holdout, seed=seed, extra=extra, config=config)
        TRAININGS += 1
        assert report.model is not None
        report.model.save(path)
        return report.model


def train_and_save(
    examples: Sequence[Example] | None = None,
    *,
    folder: Path | None = None,
    extra: Sequence[Example] = (),
    holdout: float = 0.2,
    seed: int = 0,
    config: ClassifierConfig | None = None,
) -> TrainReport:
    """Train (held-out figures, then the model on all the data) and save the model where
    :func:`load_or_train` looks for it, so that the next start loads it without training again."""
    global TRAININGS
    config = config or ClassifierConfig()
    examples = load_examples() if examples is None else list(examples)
    path = _model_path(folder or default_model_dir(), examples, extra, config, holdout, seed)
    with _lock:
        report = train(examples, holdout=holdout, seed=seed, extra=extra, config=config)
        TRAININGS += 1
        assert report.model is not None
        report.model.save(path)
    return report
