"""Conversation engine under HTTP load: many concurrent conversations against the demo store plus the
synthetic catalogue (``--products``, 100,000 by default), on a declared mix of turns, through
``POST /api/v1/conversations`` and ``POST /api/v1/conversations/{id}/messages``; and, in the same run, the
same load against a bare FastAPI echo of the same routes (same uvicorn, same number of workers).

    .venv/bin/python -m bench.conversation_load [--backends sqlite,postgresql] [--products 100000]
        [--workers 2] [--concurrency 1,32] [--warmup 20] [--duration 60] [--profile DIR] [--json out.json]

Also measured: the intent model's training time (cold: an empty model folder), the model's load time from
the cache, the server's start-up time (process start to the first successful reply, then to the first
discovery reply, which builds the search index), and the server's RSS after the load (master + workers).

The mix, per conversation of 8 turns (a signed-in demo customer, one of en/fr/el/ja): 2 discovery,
2 refinement, 1 add to cart, 1 look at the cart, 1 policy question, 1 order status; messages drawn from
the pool of ``bench.conversation_pool`` (3,000+ distinct). The load generator runs in its own process
(``bench.conversation_client``). The stores are cached under ``.comptoir/bench/``.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psutil

from bench.common import REPO, percentile
from bench.conversation_client import CUSTOMERS, FOLLOW_UPS, SCRIPT
from bench.conversation_pool import message_pool
from bench.load_store import postgres_store, sqlite_store
from comptoir.core.tokens import sign_customer

PYTHON = sys.executable
KIND_ORDER = ("open", *dict.fromkeys(SCRIPT), *FOLLOW_UPS.values())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _training(model_dir: Path) -> dict[str, float]:
    """Cold training into an empty folder, then a load from that cache, each in a fresh process."""
    code = (
        "import time, sys\nfrom pathlib import Path\n"
        "t = time.perf_counter()\nfrom comptoir.nlu import load_or_train\n"
        "i = time.perf_counter()\nload_or_train(folder=Path(sys.argv[1]))\n"
        "print(i - t, time.perf_counter() - i)"
    )
    out: dict[str, float] = {}
    for label in ("cold_train", "cached_load"):
        res = subprocess.run(
            [PYTHON, "-c", code, str(model_dir)], check=True, capture_output=True, text=True, cwd=REPO
        )
        imports, seconds = (float(x) for x in res.stdout.split())
        out[label + "_s"] = round(seconds, 2)
        out["import_s"] = round(imports, 2)
    return out


@contextmanager
def _server(
    factory: str, workers: int, env: dict[str, str], stock: bool
) -> Iterator[tuple[str, psutil.Popen, float]]:
    port = _free_port()
    started = time.perf_counter()
    proc = psutil.Popen(
        [PYTHON, "-m", "bench.conversation_serve", factory, "--port", str(port), "--workers", str(workers)]
        + (["--stock"] if stock else []),
        cwd=REPO,
        env={**os.environ, **env},
    )
    try:
        yield f"http://127.0.0.1:{port}", proc, started
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except psutil.TimeoutExpired:
            proc.kill()


def _startup(url: str, started: float, secret: str, echo: bool) -> dict[str, float]:
    """Seconds from the process start to the first conversation opened, first reply, first discovery reply."""
    out: dict[str, float] = {}
    with httpx.Client(base_url=url, timeout=1800) as client:
        while True:
            try:
                body: dict[str, Any] = {"language": "en"}
                if not echo:
                    body["customer_token"] = sign_customer(secret, CUSTOMERS[0])
                r = client.post("/api/v1/conversations", json=body)
                if r.status_code == 201:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.02)
        out["first_open_s"] = time.perf_counter() - started
        created = r.json()
        headers = {"Authorization": f"Bearer {created['token']}"}
        for key, text in (("first_reply_s", "hello"), ("first_discovery_s", "I'm looking for a red T-shirt")):
            r = client.post(
                f"/api/v1/conversations/{created['id']}/messages", json={"text": text}, headers=headers
            )
            r.raise_for_status()
            out[key] = time.perf_counter() - started
    return {k: round(v, 2) for k, v in out.items()}


def _warm(url: str, workers: int, secret: str) -> float:
    """Discovery turns on new connections until every worker has built its search index; seconds taken."""
    started = time.perf_counter()
    with httpx.Client(base_url=url, timeout=1800, headers={"Connection": "close"}) as client:
        for _ in range(200):
            stats = _worker_stats(url)
            if len(stats) >= workers and all(w["index_builds"] for w in stats):
                break
            body = {"language": "en", "customer_token": sign_customer(secret, CUSTOMERS[0])}
            created = client.post("/api/v1/conversations", json=body).json()
            client.post(
                f"/api/v1/conversations/{created['id']}/messages",
                json={"text": "do you have a blue backpack?"},
                headers={"Authorization": f"Bearer {created['token']}"},
            ).raise_for_status()
    return round(time.perf_counter() - started, 1)


def _rss_mb(proc: psutil.Process) -> dict[str, float]:
    procs = [proc, *proc.children(recursive=True)]
    sizes = [p.memory_info().rss / 2**20 for p in procs]
    return {"total_mb": round(sum(sizes), 1), "per_process_mb": [round(s, 1) for s in sizes]}


def _worker_stats(url: str) -> list[dict[str, Any]]:
    seen: dict[int, dict[str, Any]] = {}
    with httpx.Client(base_url=url, timeout=30, headers={"Connection": "close"}) as client:
        for _ in range(40):  # a new connection each time, to reach every worker
            stats = client.get("/bench/stats").json()
            seen[stats["pid"]] = stats
    return list(seen.values())


def _load(url: str, secret: str, concurrency: int, args: argparse.Namespace, echo: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "load.json"
        cmd = [
            PYTHON,
            "-m",
            "bench.conversation_client",
            "--url",
            url,
            "--secret",
            secret,
            "--concurrency",
            str(concurrency),
            "--warmup",
            str(args.warmup),
            "--duration",
            str(args.duration),
            "--out",
            str(out),
        ]
        subprocess.run([*cmd, "--echo"] if echo else cmd, check=True, cwd=REPO)
        result: dict[str, Any] = json.loads(out.read_text())
    return result


def _cpu(proc: psutil.Process) -> dict[int, float]:
    return {p.pid: sum(p.cpu_times()[:2]) for p in [proc, *proc.children(recursive=True)]}


def _measured(
    url: str, proc: psutil.Process, secret: str, concurrency: int, args: argparse.Namespace, echo: bool
) -> dict[str, Any]:
    """One load run, with the machine's load average and each server process's CPU seconds around it."""
    before, cpu = os.getloadavg()[0], _cpu(proc)
    result = _load(url, secret, concurrency, args, echo)
    after = _cpu(proc)
    summary = _summary(result, (before, os.getloadavg()[0]))
    summary["server_cpu_s"] = [round(after[pid] - cpu.get(pid, 0.0), 1) for pid in after]
    return summary


def _summary(result: dict[str, Any], load: tuple[float, float]) -> dict[str, Any]:
    rows = [r for r in result["rows"] if r["kind"] != "open"]
    ok = [r for r in rows if r["status"] == 200]
    kinds: dict[str, Any] = {}
    for kind in KIND_ORDER:
        ms = [r["ms"] for r in result["rows"] if r["kind"] == kind]
        if ms:
            expected = [r for r in result["rows"] if r["kind"] == kind and r["expected"]]
            kinds[kind] = {
                "n": len(ms),
                "median_ms": round(statistics.median(ms), 2),
                "p99_ms": round(percentile(ms, 0.99), 2),
                "expected_share": round(len(expected) / len(ms), 3),
            }
    ms = [r["ms"] for r in rows]
    return {
        "concurrency": result["concurrency"],
        "turns": len(rows),
        "failed": len(rows) - len(ok),
        "turns_per_s": round(len(ok) / result["window_s"], 2),
        "median_ms": round(statistics.median(ms), 2) if ms else None,
        "p99_ms": round(percentile(ms, 0.99), 2) if ms else None,
        "kinds": kinds,
        "client_cpu_s": result["client_cpu_s"],
        "distinct_messages_sent": result["distinct_messages_sent"],
        "messages_sent": result["messages_sent"],
        "repeated_share": round(result["repeated_messages"] / max(result["messages_sent"], 1), 3),
        "errors": result["errors"][:5],
        "error_count": result["error_count"],
        "loadavg_before_after": load,
    }


def _spies(proc: psutil.Process, args: argparse.Namespace, backend: str) -> list[subprocess.Popen[bytes]]:
    """py-spy on every worker for one load run (collapsed stacks, ``bench.pyspy_summary`` reads them)."""
    folder = Path(args.profile)
    folder.mkdir(parents=True, exist_ok=True)
    seconds = int(args.warmup + args.duration)
    return [
        subprocess.Popen(
            [
                str(Path(PYTHON).parent / "py-spy"),
                "record",
                "--nonblocking",
                "--format",
                "raw",
                "--rate",
                "50",
                "--duration",
                str(seconds),
                "--pid",
                str(w.pid),
                "-o",
                str(folder / f"{backend}-{w.pid}.txt"),
            ],
            stdout=subprocess.DEVNULL,
        )
        for w in (proc.children() or [proc])
    ]


def _print_run(label: str, s: dict[str, Any], echo: dict[str, Any] | None) -> None:
    ratio = f"   {s['turns_per_s'] / echo['turns_per_s']:.3f}× echo throughput" if echo else ""
    print(
        f"  {label:<28} c={s['concurrency']:<3} {s['turns']:>6} turns  {s['turns_per_s']:8.1f} turns/s   "
        f"median {s['median_ms']:8.2f} ms   p99 {s['p99_ms']:8.2f} ms   failed {s['failed']}{ratio}"
        f"   (load avg {s['loadavg_before_after'][0]:.1f} -> {s['loadavg_before_after'][1]:.1f}; "
        f"server CPU s per process {s['server_cpu_s']})"
    )
    if echo is None:
        return
    for kind, k in s["kinds"].items():
        print(
            f"      {kind:<14} n={k['n']:<5} median {k['median_ms']:8.2f} ms   p99 {k['p99_ms']:8.2f} ms   "
            f"expected reply {k['expected_share']:.0%}"
        )
    print(
        f"      messages: {s['messages_sent']} sent, {s['distinct_messages_sent']} distinct, "
        f"{s['repeated_share']:.0%} repeats (could hit a per-message cache); client CPU {s['client_cpu_s']} s"
    )
    for error in s["errors"]:
        print(f"      error: {error}")


def _backend(backend: str, url: str, args: argparse.Namespace) -> dict[str, Any]:
    secret = secrets.token_urlsafe(24)
    env = {
        "COMPTOIR_DATABASE_URL": url,
        "COMPTOIR_CUSTOMER_TOKEN_SECRET": secret,
        "COMPTOIR_LOG_LEVEL": "warning",
    }
    out: dict[str, Any] = {"backend": backend, "echo": [], "comptoir": []}
    with _server("bench.conversation_server:echo_app", args.workers, env, args.stock_uvicorn) as (
        eurl,
        eproc,
        started,
    ):
        out["echo_startup"] = _startup(eurl, started, secret, echo=True)
        for c in args.concurrency:
            out["echo"].append(_measured(eurl, eproc, secret, c, args, echo=True))
            _print_run(f"{backend}: echo (same routes)", out["echo"][-1], None)
        out["echo_rss"] = _rss_mb(eproc)
    with _server("bench.conversation_server:comptoir_app", args.workers, env, args.stock_uvicorn) as (
        curl,
        cproc,
        started,
    ):
        out["startup"] = _startup(curl, started, secret, echo=False)
        out["startup"]["all_workers_warm_s"] = (
            _warm(curl, args.workers, secret) + out["startup"]["first_discovery_s"]
        )
        out["rss_after_warmup"] = _rss_mb(cproc)
        print(
            f"  {backend}: start-up {out['startup']}, RSS after warm-up {out['rss_after_warmup']}", flush=True
        )
        for c in args.concurrency:
            spies = _spies(cproc, args, backend) if args.profile and c == max(args.concurrency) else []
            out["comptoir"].append(_measured(curl, cproc, secret, c, args, echo=False))
            for spy in spies:
                spy.wait()
            _print_run("comptoir", out["comptoir"][-1], out["echo"][len(out["comptoir"]) - 1])
        out["rss_after_load"] = _rss_mb(cproc)
        out["workers"] = _worker_stats(curl)
    print(f"\n== {backend}: {args.products:,} products, {args.workers} uvicorn worker(s) ==")
    st = out["startup"]
    print(
        f"  start-up: first conversation {st['first_open_s']:.2f} s, first reply {st['first_reply_s']:.2f} s, "
        f"first discovery reply {st['first_discovery_s']:.2f} s, every worker's search index built "
        f"{st['all_workers_warm_s']:.1f} s   (echo: first reply {out['echo_startup']['first_reply_s']:.2f} s)"
    )
    print(
        f"  RSS: after warm-up {out['rss_after_warmup']['total_mb']:.0f} MB "
        f"{out['rss_after_warmup']['per_process_mb']}, after the load "
        f"{out['rss_after_load']['total_mb']:.0f} MB {out['rss_after_load']['per_process_mb']}   "
        f"(echo {out['echo_rss']['total_mb']:.0f} MB)"
    )
    for echo, real in zip(out["echo"], out["comptoir"], strict=True):
        _print_run("echo (same routes)", echo, None)
        _print_run("comptoir", real, echo)
    for w in out["workers"]:
        print(
            f"  worker {w['pid']}: search index builds {w['index_builds']}, Sudachi cache {w['sudachi_cache']}"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=lambda s: [int(x) for x in s.split(",")], default=[1, 32])
    parser.add_argument("--warmup", type=float, default=20.0)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument(
        "--profile", help="folder for py-spy stacks of a further run at the highest concurrency"
    )
    parser.add_argument(
        "--stock-uvicorn",
        action="store_true",
        help="uvicorn.run's own socket (Nagle stays on with workers > 1)",
    )
    parser.add_argument("--skip-training", action="store_true")
    parser.add_argument("--json", help="write every figure here")
    args = parser.parse_args()

    pool = message_pool()
    sizes = {k: sum(len(v) for v in by_language.values()) for k, by_language in pool.items()}
    print(f"message pool: {sum(sizes.values())} distinct messages {sizes}; script per conversation {SCRIPT}")
    report: dict[str, Any] = {
        "products": args.products,
        "workers": args.workers,
        "pool": sizes,
        "backends": [],
    }
    if not args.skip_training:
        with tempfile.TemporaryDirectory() as tmp:
            report["training"] = _training(Path(tmp))
        t = report["training"]
        print(
            f"intent model: cold training {t['cold_train_s']:.1f} s, load from cache {t['cached_load_s']:.2f} s "
            f"(imports {t['import_s']:.2f} s), each in a fresh process"
        )
    subprocess.run(
        [PYTHON, "-c", "from comptoir.nlu import default_model; default_model()"], check=True, cwd=REPO
    )
    for backend in args.backends.split(","):
        if backend == "sqlite":
            source = Path(sqlite_store(args.products).removeprefix("sqlite:///"))
            with tempfile.TemporaryDirectory() as tmp:
                copy = Path(tmp) / source.name  # the load writes conversations: keep the cached file clean
                shutil.copyfile(source, copy)
                report["backends"].append(_backend(backend, f"sqlite:///{copy}", args))
        else:
            with postgres_store(args.products) as url:
                report["backends"].append(_backend(backend, url, args))
        if args.json:
            Path(args.json).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
