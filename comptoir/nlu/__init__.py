"""Understanding (embedded tier): language identification, normalisation and tokenisation, intents, entities.

Offline: nothing is downloaded at run time. The intent model is trained from the YAML files of
``comptoir/nlu/data`` (plus reviewed conversation turns) and cached in ``.comptoir/models``.

    >>> u = understand("je veux retourner ces chaussures, trop petites", languages=["en", "fr"])
    >>> u.language, u.intent, [(e.label, e.value) for e in u.entities]
"""

from comptoir.nlu.classifier import (
    ClassifierConfig,
    EntityScore,
    IntentModel,
    TrainReport,
    default_model_dir,
    load_or_train,
    score_entities,
    train,
    train_and_save,
)
from comptoir.nlu.data import (
    ENTITY_LABELS,
    INTENTS,
    Example,
    TrainingDataError,
    available_languages,
    load_examples,
    load_file,
    parse_annotated,
)
from comptoir.nlu.entities import Entity, EntityValue, extract_entities
from comptoir.nlu.evaluation import (
    APPENDIX_MAPPING,
    BITEXT_EXCLUDED,
    BITEXT_MAPPING,
    AppendixReport,
    BitextReport,
    LanguageIdReport,
    evaluate_appendix,
    evaluate_bitext,
    evaluate_language_id,
)
from comptoir.nlu.langid import LanguageGuess, detect_language, greeklish_score
from comptoir.nlu.lexicon import Lexicon, LexiconMatch, default_lexicon, load_lexicon
from comptoir.nlu.text import (
    STOP_WORDS,
    Token,
    greeklish_to_greek,
    normalize,
    normalize_with_offsets,
    stem,
    terms,
    tokenize,
)
from comptoir.nlu.understand import (
    Understanding,
    default_model,
    filter_entities,
    reset_default_model,
    reviewed_examples,
    reviewed_path,
    understand,
)

__all__ = [
    "APPENDIX_MAPPING",
    "BITEXT_EXCLUDED",
    "BITEXT_MAPPING",
    "ENTITY_LABELS",
    "INTENTS",
    "STOP_WORDS",
    "AppendixReport",
    "BitextReport",
    "ClassifierConfig",
    "Entity",
    "EntityScore",
    "EntityValue",
    "Example",
    "IntentModel",
    "LanguageGuess",
    "LanguageIdReport",
    "Lexicon",
    "LexiconMatch",
    "Token",
    "TrainReport",
    "TrainingDataError",
    "Understanding",
    "available_languages",
    "default_lexicon",
    "default_model",
    "default_model_dir",
    "detect_language",
    "evaluate_appendix",
    "evaluate_bitext",
    "evaluate_language_id",
    "extract_entities",
    "filter_entities",
    "greeklish_score",
    "greeklish_to_greek",
    "load_examples",
    "load_file",
    "load_lexicon",
    "load_or_train",
    "normalize",
    "normalize_with_offsets",
    "parse_annotated",
    "reset_default_model",
    "reviewed_examples",
    "reviewed_path",
    "score_entities",
    "stem",
    "terms",
    "tokenize",
    "train",
    "train_and_save",
    "understand",
]
