"""τ-bench v1 retail, replayed: each task's reference tool calls run through our service layer on a fresh
copy of the imported store, and the resulting store is compared with the task's expected records.

The data set folder holds ``db/`` (the store), ``tasks_{train,dev,test}.json`` and the derived
``expected_states_{train,dev,test}.json`` (per task: the records that differ from the initial store
after the reference actions, and the actions that fail). A task matches when the same actions fail
and every record, changed or not, is the expected one (amounts to the cent: τ computes in floats).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from comptoir.core.errors import ComptoirError, InvalidInput
from comptoir.db import Database
from comptoir.interop.tau import import_tau, load_tau, tau_snapshot
from comptoir.interop.tau_replay import WRITE_TOOLS, replay
from comptoir.migrate import upgrade

SPLITS = ("train", "dev", "test")
KINDS = ("users", "products", "orders")

Json = dict[str, Any]


class TauMismatch(BaseModel):
    split: str
    task: str
    reason: str


class TauSplitResult(BaseModel):
    split: str
    tasks: int
    matched: int


class TauEvalReport(BaseModel):
    splits: list[TauSplitResult]
    tasks: int
    matched: int
    match_rate: float
    mismatches: list[TauMismatch]
    seconds: float


def _cents(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, dict):
        return {k: _cents(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cents(v) for v in value]
    return value


def _same(a: Any, b: Any) -> bool:
    return bool(a == b or _cents(a) == _cents(b))


def _with_user_id(kind: str, key: str, record: Json | None) -> Json | None:
    # v1 users are keyed by id and carry no ``user_id`` field; our export (the τ² shape) has it
    if kind == "users" and record is not None and "user_id" not in record:
        return {"user_id": key, **record}
    return record


def _first_difference(got: Json | None, want: Json | None) -> str:
    if got is None or want is None:
        return "missing" if got is None else "unexpected record"
    keys = [k for k in dict.fromkeys([*want, *got]) if not _same(got.get(k), want.get(k))]
    if not keys:
        return "differs"
    key = keys[0]
    return f"{key}: got {json.dumps(got.get(key))[:120]}, want {json.dumps(want.get(key))[:120]}"


def compare(got: dict[str, Json], initial: dict[str, Json], changed: dict[str, Json]) -> list[str]:
    """Every record that differs from what τ expects, as ``"<kind> <id>: <first difference>"``."""
    out = []
    for kind in KINDS:
        expected_changes = changed.get(kind, {})
        for key in sorted(set(initial[kind]) | set(expected_changes) | set(got[kind])):
            want = _with_user_id(kind, key, expected_changes.get(key, initial[kind].get(key)))
            mine = got[kind].get(key)
            if not _same(mine, want):
                label = "" if key in expected_changes else " (should not change)"
                out.append(f"{kind} {key}{label}: {_first_difference(mine, want)}")
    return out


def run_task(db: Database, actions: list[Json]) -> list[str]:
    """Replay each action in its own transaction; the names of those refused with our typed errors."""
    failed = []
    for action in actions:
        session = db.session if action["name"] in WRITE_TOOLS else db.read_session
        try:
            with session() as s:
                replay(s, action["name"], action.get("arguments", {}))
        except ComptoirError:
            failed.append(action["name"])
    return failed


def _template(dataset_dir: Path, work_dir: Path) -> Path:
    path = work_dir / "tau-v1-template.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    import_tau(db, dataset_dir / "db")
    db.dispose()
    with contextlib.closing(sqlite3.connect(path)) as conn:  # fold the WAL in: a plain copy is complete
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _task_reason(db: Database, task: Json, expected: Json, initial: dict[str, Json]) -> str | None:
    failed = run_task(db, task["actions"])
    wanted = [e["name"] for e in expected["replay_errors"]]
    if failed != wanted:
        return f"failed actions {failed}, τ's failed actions {wanted}"
    with db.read_session() as s:
        got = tau_snapshot(s)
    wrong = compare(got, initial, expected["expected_changed_records"])
    if wrong:
        return wrong[0] + (f" (+{len(wrong) - 1} more records)" if len(wrong) > 1 else "")
    return None


def eval_tau_v1(dataset_dir: Path, work_dir: Path) -> TauEvalReport:
    """Run the τ-bench v1 retail tasks (train, dev, test) and report how many end as τ expects."""
    started = time.perf_counter()
    if not (dataset_dir / "db").is_dir():
        raise InvalidInput(f"{dataset_dir} has no db/ folder of τ-bench tables", code="invalid_tau_dataset")
    work_dir.mkdir(parents=True, exist_ok=True)
    template = _template(dataset_dir, work_dir)
    initial = load_tau(dataset_dir / "db")
    initial["users"] = {k: {"user_id": k, **v} for k, v in initial["users"].items()}
    splits: list[TauSplitResult] = []
    mismatches: list[TauMismatch] = []
    copy = work_dir / "tau-v1-task.db"
    for split in SPLITS:
        tasks = json.loads((dataset_dir / f"tasks_{split}.json").read_text("utf-8"))
        expected = {
            str(e["task"]): e for e in json.loads((dataset_dir / f"expected_states_{split}.json").read_text())
        }
        matched = 0
        for task in tasks:
            task_id = str(task["task_index"])
            for suffix in ("-wal", "-shm"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(template, copy)
            db = Database(f"sqlite:///{copy}")
            try:
                reason = _task_reason(db, task, expected[task_id], initial)
            finally:
                db.dispose()
            if reason is None:
                matched += 1
            else:
                mismatches.append(TauMismatch(split=split, task=task_id, reason=reason))
        splits.append(TauSplitResult(split=split, tasks=len(tasks), matched=matched))
    total = sum(s.tasks for s in splits)
    matched_all = sum(s.matched for s in splits)
    return TauEvalReport(
        splits=splits,
        tasks=total,
        matched=matched_all,
        match_rate=round(matched_all / total, 4) if total else 0.0,
        mismatches=mismatches,
        seconds=round(time.perf_counter() - started, 1),
    )
