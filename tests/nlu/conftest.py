"""One trained model per test session (training takes a few seconds; every test reuses it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from comptoir.nlu import IntentModel, load_or_train


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("nlu-models")


@pytest.fixture(scope="session")
def model(model_dir: Path) -> IntentModel:
    return load_or_train(folder=model_dir)
