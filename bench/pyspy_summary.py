"""Summarise py-spy's collapsed stacks (``py-spy record --format raw``) of the server's workers under load:
the share of the non-idle samples spent inside each of the main parts of a turn (inclusive: a sample counts
for every part on its stack).

    .venv/bin/python -m bench.pyspy_summary /tmp/loadrun/pyspy/sqlite-*.txt
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

# (label, substrings any of which on a frame marks the part)
PARTS = (
    ("a conversation turn (service.post_message)", ("post_message (comptoir/dialogue/service.py",)),
    ("  understanding (nlu.understand)", ("understand (comptoir/nlu/understand.py",)),
    ("    entities", ("extract_entities (comptoir/nlu/entities.py",)),
    ("  regular expressions compiled, anywhere (re cache misses)", ("re/_compiler.py", "re/_parser.py")),
    ("  search (search.search)", ("search (comptoir/search/service.py",)),
    ("    BM25 scoring", ("score (comptoir/search/index.py",)),
    (
        "    variant filters",
        ("variant_matches (comptoir/search/service.py", "product_matches (comptoir/search/"),
    ),
    ("    catalogue fingerprint", ("catalog_fingerprint (comptoir/catalog/indexing.py",)),
    ("    query parsing (search/parse.py)", ("comptoir/search/parse.py",)),
    ("  knowledge answers", ("comptoir/knowledge/service.py",)),
    ("  dialogue state (state.apply)", ("apply (comptoir/dialogue/state.py",)),
    ("  SQL (SQLAlchemy execute)", ("_execute_context (sqlalchemy/engine/base.py",)),
    ("  SQL flush", ("flush (sqlalchemy/orm/session.py",)),
    ("  SQL commit", ("commit (sqlalchemy/orm/session.py",)),
    ("opening a conversation", ("create_conversation (comptoir/dialogue/service.py",)),
    ("search index build", ("build (comptoir/search/index.py",)),
    ("HTTP: uvicorn + h11", ("uvicorn/protocols",)),
    ("FastAPI request/response handling", ("fastapi/routing.py",)),
    ("  reply serialisation (pydantic)", ("serialize_response (fastapi/routing.py",)),
)


def summarise(path: Path) -> tuple[int, Counter[str]]:
    total = 0
    parts: Counter[str] = Counter()
    for line in path.read_text("utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        for label, marks in PARTS:
            if any(m in stack for m in marks):
                parts[label] += n
    return total, parts


def main() -> None:
    for name in sys.argv[1:]:
        total, parts = summarise(Path(name))
        print(f"{name}: {total} samples (idle threads not sampled)")
        for label, _marks in PARTS:
            if parts[label]:
                print(f"  {label:<50} {parts[label] / total:6.1%}")


if __name__ == "__main__":
    main()
