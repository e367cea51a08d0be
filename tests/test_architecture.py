"""The shape of the package: contexts talk through each other's public names only, and every public
name is exported."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "comptoir"
CONTEXTS = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists())
SHARED = {"core", "db", "config", "migrations", "api"}  # api: the HTTP edge's shared dependencies
# composition roots and adapters that legitimately reach into several contexts' tables
ROOTS = {"models", "app", "cli", "migrate", "demo", "interop", "api"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.append(node.module)
        elif isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
    return out


@pytest.mark.parametrize("context", [c for c in CONTEXTS if c not in SHARED | ROOTS])
def test_a_context_uses_only_public_names_of_another(context: str) -> None:
    bad = []
    for path in (PACKAGE / context).rglob("*.py"):
        for module in _imports(path):
            parts = module.split(".")
            if parts[0] != "comptoir" or len(parts) < 3:
                continue
            other = parts[1]
            if other != context and other not in SHARED:
                bad.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert bad == []


def test_core_imports_no_context() -> None:
    for path in (PACKAGE / "core").rglob("*.py"):
        for module in _imports(path):
            parts = module.split(".")
            assert parts[0] != "comptoir" or parts[1] in {"core", "db"}, f"{path.name} imports {module}"


@pytest.mark.parametrize("context", [c for c in CONTEXTS if c not in {"migrations"}])
def test_public_names_are_exported(context: str) -> None:
    module = importlib.import_module(f"comptoir.{context}")
    names = getattr(module, "__all__", None)
    if names is None:
        pytest.skip(f"comptoir.{context} exports nothing")
    missing = [n for n in names if not hasattr(module, n)]
    assert missing == []
