"""The live index: built once per database and process, then kept in step with the catalogue.

Every search first asks the catalogue which products (or items) changed since the last look — an indexed
``updated_at > watermark`` query, cheap however large the catalogue — and re-indexes just those: a new price,
a sold-out item or a new product is seen by the very next search, in this process or any other that shares
the database. Deletions and renamed categories are checked every few seconds (a count and the category
names). With a SQLite file the index lives on disk next to it (``<database>.search/``) and is reopened, not
rebuilt, at start-up; ``comptoir search reindex`` rebuilds it.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from comptoir.catalog import (
    all_product_ids,
    category_names,
    changed_since,
    index_documents,
    iter_index_batches,
    latest_change,
    product_count,
)
from comptoir.search.analysis import fold
from comptoir.search.engine import COLOR_KEYS, MATERIAL_KEYS, SCHEMA_VERSION, LexicalIndex
from comptoir.search.parse import Vocabulary, base_vocabulary
from comptoir.search.semantic import SemanticState

MARGIN = timedelta(seconds=5)  # transactions that commit late with an earlier updated_at are still seen
FULL_CHECK_SECONDS = 3.0
_EPOCH = datetime(1970, 1, 1)
Progress = Callable[[int, int], None]


@dataclass
class SearchIndex:
    lexical: LexicalIndex
    vocabulary: Vocabulary = field(default_factory=base_vocabulary)
    categories: dict[str, dict[str, str]] = field(default_factory=dict)
    watermark: datetime = _EPOCH
    recent: dict[str, datetime] = field(default_factory=dict)
    last_full_check: float = 0.0
    count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    generation: int = 0  # bumped on every change (the semantic side follows it)
    semantic: SemanticState = field(default_factory=SemanticState)
    _learnt: set[tuple[str, ...]] = field(default_factory=set)

    # -- vocabulary of the catalogue: categories, brands, colours, materials in every language
    def learn(self, products: list[object]) -> None:
        vocab = self.vocabulary
        for p in products:
            brand = getattr(p, "brand", None)
            if brand:
                vocab.brands[fold(brand)] = brand
            texts = getattr(p, "texts", {})
            for v in getattr(p, "variants", []):
                for key, value in v.options.items():
                    seen = (key, value, *(t.option_values.get(value, "") for t in texts.values()))
                    if seen in self._learnt:
                        continue
                    self._learnt.add(seen)
                    table = (
                        vocab.colors
                        if key in COLOR_KEYS
                        else vocab.materials
                        if key in MATERIAL_KEYS
                        else None
                    )
                    if table is None:
                        continue
                    table.setdefault(fold(value), value)
                    for text in texts.values():
                        if value in text.option_values:
                            table.setdefault(fold(text.option_values[value]), value)

    def learn_categories(self, names: dict[str, dict[str, str]]) -> None:
        self.categories = names
        for category_id, by_language in names.items():
            for name in by_language.values():
                self.vocabulary.categories[fold(name)] = category_id
            self.vocabulary.categories[fold(category_id)] = category_id

    def _meta_path(self) -> Path | None:
        return self.lexical.path.parent / "meta.json" if self.lexical.path is not None else None

    def save_meta(self) -> None:
        path = self._meta_path()
        if path is not None and self.semantic.dirty:
            (path.parent / "semantic.json").write_text(json.dumps(self.semantic.hashes), encoding="utf-8")
            self.semantic.dirty = False
        if path is not None:
            v = self.vocabulary
            path.write_text(
                json.dumps(
                    {
                        "version": SCHEMA_VERSION,
                        "watermark": self.watermark.isoformat(),
                        "count": self.count,
                        "brands": v.brands,
                        "colors": v.colors,
                        "materials": v.materials,
                    },
                    ensure_ascii=False,
                ),
                encoding="utf-8",
            )


def _index_path(session: Session) -> Path | None:
    url = session.get_bind().engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database + ".search") / "lexical"


_claimed: dict[Path, int] = {}  # folder -> file descriptor of its lock, held for the life of the process


def _claim(folder: Path) -> bool:
    """Take the folder's lock (one writer per on-disk index); ``False`` if another process has it."""
    if folder in _claimed:
        return True
    try:
        import fcntl

        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder.parent / (folder.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    except (OSError, ImportError):
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False
    _claimed[folder] = fd
    return True


def _release(folder: Path | None) -> None:
    fd = _claimed.pop(folder, None) if folder is not None else None
    if fd is not None:
        os.close(fd)


def _open(session: Session) -> tuple[SearchIndex, bool]:
    """The index of this database, reopened from disk when it is there and current; ``True`` if reopened."""
    path = _index_path(session)
    if path is not None and not _claim(path.parent):
        path = None  # another process owns the on-disk index: this one keeps its own in memory
    if path is not None:
        meta = path.parent / "meta.json"
        try:
            raw = json.loads(meta.read_text(encoding="utf-8"))
            if raw.get("version") == SCHEMA_VERSION:
                index = SearchIndex(LexicalIndex(path), watermark=datetime.fromisoformat(raw["watermark"]))
                index.count = int(raw.get("count", 0))
                index.vocabulary.brands.update(raw.get("brands", {}))
                index.vocabulary.colors.update(raw.get("colors", {}))
                index.vocabulary.materials.update(raw.get("materials", {}))
                hashes = path.parent / "semantic.json"
                if hashes.exists():
                    index.semantic.hashes = json.loads(hashes.read_text(encoding="utf-8"))
                return index, True
        except (OSError, ValueError, KeyError):
            pass
        LexicalIndex.wipe(path)
        try:
            return SearchIndex(LexicalIndex(path)), False
        except (OSError, ValueError):  # another process holds it: keep one in memory
            pass
    return SearchIndex(LexicalIndex(None)), False


def build(index: SearchIndex, session: Session, progress: Progress | None = None) -> None:
    """Index every product (from scratch)."""
    names = category_names(session)
    index.learn_categories(names)
    total = product_count(session)
    index.watermark = latest_change(session)  # what changes after this is caught by the next sync
    index.recent = dict(changed_since(session, index.watermark - MARGIN))  # read below, not to re-index
    index.last_full_check = time.monotonic()
    done = 0
    for batch in iter_index_batches(session):
        index.lexical.add(batch, names)
        index.learn(list(batch))
        index.semantic.note(batch, names)
        done += len(batch)
        if progress is not None:
            progress(done, total)
    index.lexical.commit()
    index.count = done
    index.generation += 1
    index.save_meta()


def sync(index: SearchIndex, session: Session) -> int:
    """Re-index what changed since the last look; the number of products re-indexed."""
    now = time.monotonic()
    full = now - index.last_full_check > FULL_CHECK_SECONDS
    since = index.watermark - MARGIN if full else index.watermark
    changed = [(pid, at) for pid, at in changed_since(session, since) if index.recent.get(pid) != at]
    touched = 0
    if changed:
        ids = [pid for pid, _ in changed]
        docs = index_documents(session, ids)
        index.lexical.delete(ids)
        index.lexical.add(docs, index.categories)
        index.learn(list(docs))
        index.semantic.note(docs, index.categories)
        for pid, at in changed:
            index.recent[pid] = at
            index.watermark = max(index.watermark, at)
        floor = index.watermark - MARGIN
        index.recent = {k: v for k, v in index.recent.items() if v > floor}
        touched = len(ids)
    if full:
        index.last_full_check = now
        names = category_names(session)
        if names != index.categories:
            index.learn_categories(names)
            docs = [d for batch in iter_index_batches(session) for d in batch if d.category_id in names]
            index.lexical.delete(d.id for d in docs)
            index.lexical.add(docs, names)
            index.semantic.note(docs, names)
            touched += len(docs)
        index.lexical.commit()
        count = product_count(session)
        if count != index.lexical.searcher().num_docs:
            present = set(all_product_ids(session))
            searcher = index.lexical.searcher()
            indexed = {
                searcher.doc(a)["pid"][0]
                for _, a in searcher.search(_all(), limit=max(searcher.num_docs, 1)).hits
            }
            gone = indexed - present
            missing = present - indexed
            index.lexical.delete(gone)
            index.semantic.forget(gone)
            new = index_documents(session, sorted(missing))
            index.lexical.add(new, index.categories)
            index.semantic.note(new, index.categories)
            touched += len(gone) + len(missing)
        index.count = count
    if touched:
        index.lexical.commit()
        index.generation += 1
        index.save_meta()
    return touched


def _all() -> object:
    import tantivy

    return tantivy.Query.all_query()


class IndexCache:
    """One live index per database URL in this process."""

    def __init__(self) -> None:
        self._indexes: dict[str, SearchIndex] = {}
        self._lock = threading.Lock()

    def get(self, session: Session) -> SearchIndex:
        key = str(session.get_bind().engine.url)
        with self._lock:
            index = self._indexes.get(key)
            if index is None:
                index, reopened = _open(session)
                if reopened:  # what the saved watermark covers was committed before it was saved
                    index.learn_categories(category_names(session))
                    index.recent = dict(changed_since(session, index.watermark - MARGIN))
                    index.recent = {k: v for k, v in index.recent.items() if v <= index.watermark}
                    index.last_full_check = time.monotonic()
                else:
                    build(index, session)
                self._indexes[key] = index
        with index.lock:
            sync(index, session)
        return index

    def rebuild(self, session: Session, progress: Progress | None = None) -> SearchIndex:
        key = str(session.get_bind().engine.url)
        with self._lock:
            old = self._indexes.pop(key, None)
            if old is not None:
                old.lexical.close()
            path = _index_path(session)
            if path is not None and _claim(path.parent):
                LexicalIndex.wipe(path.parent)
            index, _ = _open(session)
            build(index, session, progress)
            self._indexes[key] = index
            return index

    def forget_all(self) -> None:
        with self._lock:
            for index in self._indexes.values():
                index.lexical.close()
                if index.lexical.path is not None:
                    _release(index.lexical.path.parent)
            self._indexes.clear()

    def forget(self, session: Session) -> None:
        with self._lock:
            index = self._indexes.pop(str(session.get_bind().engine.url), None)
            if index is not None:
                index.lexical.close()
                if index.lexical.path is not None:
                    _release(index.lexical.path.parent)


CACHE = IndexCache()
