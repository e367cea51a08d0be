"""The widget's figures: its script's size (gzip), page load to an interactive bubble in headless Chromium,
and a shopper's message to the reply rendered with 200 concurrent WebSocket clients plus one real page.

    .venv/bin/python -m bench.widget [--clients 200] [--duration 60] [--interval 15] [--loads 20]

The shop (a fresh copy of the seeded demo store on SQLite) runs in its own process, like ``comptoir demo``.
Each plain client opens a conversation over HTTP, connects to ``/ws/v1/chat`` and sends a shopper's message
every ``interval`` seconds (with jitter); its latency is the time from sending the frame to receiving the
bot's reply. The page's latency is measured in the page: from the send to the bot's bubble in the DOM.
Baselines measured in the same run: DOMContentLoaded for the page load, and one client alone (no load)
for the replies.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import multiprocessing
import random
import shutil
import socket
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import websockets

from bench.common import REPO, row

WIDGET = REPO / "comptoir" / "web" / "static" / "widget.js"
CHROMIUM = "/usr/bin/chromium"
MESSAGES = [
    "hello",
    "do you have a red dress?",
    "what is your return policy?",
    "I'm looking for running shoes",
    "how long does delivery take?",
    "thanks",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db_path: str, port: int) -> None:
    import uvicorn
    from pydantic import SecretStr

    from comptoir import nlu
    from comptoir.app import create_app
    from comptoir.config import Settings
    from comptoir.db import Database
    from comptoir.demo.home import router as home_router
    from comptoir.demo.media import router as media_router
    from comptoir.messaging import LivePath, RateLimiter

    url = f"http://127.0.0.1:{port}"
    settings = Settings(
        database_url=f"sqlite:///{db_path}", public_url=url, demo=True, admin_token=SecretStr("x")
    )
    db = Database(settings.database_url)
    nlu.default_model()
    app = create_app(settings, db, extra_routers=[media_router, home_router])
    # every bench client comes from 127.0.0.1: the per-address limit would stop them, not the shop
    app.state.live = LivePath(
        db=db,
        allowed_origins=frozenset([url]),
        public_url=url,
        limiter=RateLimiter(limit=1000, window=60, limits={"ip": 10**9}),
    )
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", ws="websockets-sansio")


def _seeded_db(folder: Path) -> Path:
    from comptoir.demo import demo_file

    return demo_file(folder / "bench-demo.db")


def _wait_up(url: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/widget/v1/widget.js", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the shop did not start")


def script_size() -> None:
    body = WIDGET.read_bytes()
    css = WIDGET.with_name("widget.css").read_bytes()
    print(f"widget.js   {len(body) / 1024:7.1f} KB raw   {len(gzip.compress(body, 9)) / 1024:6.1f} KB gzip")
    print(f"widget.css  {len(css) / 1024:7.1f} KB raw   {len(gzip.compress(css, 9)) / 1024:6.1f} KB gzip")


def page_load(url: str, loads: int) -> None:
    from playwright.sync_api import sync_playwright

    ready: list[float] = []
    dom: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        for _ in range(loads):
            context = browser.new_context(viewport={"width": 1280, "height": 860})
            page = context.new_page()
            page.goto(url + "/en/")
            page.wait_for_selector(".cw-root[data-ready]", state="attached")
            times = page.evaluate(
                "() => [window.Comptoir.readyAt, performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd]"
            )
            ready.append(float(times[0]))
            dom.append(float(times[1]))
            context.close()
        browser.close()
    base = statistics.median(dom)
    print(row("DOMContentLoaded (baseline)", dom))
    print(row("page load -> interactive bubble", ready, base))


class Client:
    def __init__(self, url: str) -> None:
        self.url = url
        self.latencies: list[float] = []
        self.errors = 0

    async def run(self, http: httpx.AsyncClient, start: Start, interval: float) -> None:
        await asyncio.sleep(random.uniform(0, 15.0))  # visitors arrive over a while
        created = (await http.post(self.url + "/api/v1/conversations", json={})).json()
        ws_url = self.url.replace("http", "ws") + "/ws/v1/chat"
        async with websockets.connect(ws_url, max_size=2**22) as ws:
            await ws.send(
                json.dumps({"type": "hello", "conversation_id": created["id"], "token": created["token"]})
            )
            assert json.loads(await ws.recv())["type"] == "ready"
            until = await start.arrive()
            await asyncio.sleep(random.uniform(0, interval))
            n = 0
            while time.monotonic() < until:
                n += 1
                cid = f"b{n}-{random.random()}"
                began = time.perf_counter()
                await ws.send(
                    json.dumps({"type": "send", "client_message_id": cid, "text": random.choice(MESSAGES)})
                )
                while True:
                    frame = json.loads(await ws.recv())
                    if frame["type"] == "messages" and any(m["author"] == "bot" for m in frame["messages"]):
                        self.latencies.append((time.perf_counter() - began) * 1000)
                        break
                    if frame["type"] in {"error", "rate_limited"}:
                        self.errors += 1
                        break
                await asyncio.sleep(interval * random.uniform(0.7, 1.3))


class Start:
    """Measuring starts once every client is connected (arrivals are not part of the steady state)."""

    def __init__(self, count: int, duration: float, on_start: Any) -> None:
        self.count, self.duration, self.on_start = count, duration, on_start
        self.arrived = 0
        self.go = asyncio.Event()
        self.until = 0.0

    async def arrive(self) -> float:
        self.arrived += 1
        if self.arrived == self.count:
            self.until = time.monotonic() + self.duration
            self.on_start()
            self.go.set()
        await self.go.wait()
        return self.until


async def _clients(
    url: str, count: int, duration: float, interval: float, on_start: Any = None
) -> list[Client]:
    clients = [Client(url) for _ in range(count)]
    start = Start(count, duration, on_start or (lambda: None))
    limits = httpx.Limits(max_connections=50)
    async with httpx.AsyncClient(limits=limits, timeout=60) as http:
        await asyncio.gather(*(c.run(http, start, interval) for c in clients))
    return clients


def _page_latencies(url: str, stop: Any, out: Any) -> None:
    from playwright.sync_api import sync_playwright

    samples: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()
        page.goto(url + "/en/")
        page.click(".cw-launcher")
        page.wait_for_selector(".cw-panel", state="visible")
        while not stop.is_set():
            text = random.choice(MESSAGES)
            ms = page.evaluate(
                """(text) => new Promise((resolve) => {
                    const log = document.querySelector('.cw-log');
                    const count = () => log.querySelectorAll('.cw-msg.cw-bot[data-seq]').length;
                    const before = count();
                    const start = performance.now();
                    const seen = new MutationObserver(() => {
                        if (count() > before) { seen.disconnect(); resolve(performance.now() - start); }
                    });
                    seen.observe(log, { childList: true });
                    window.Comptoir.send(text);
                })""",
                text,
            )
            samples.append(float(ms))
            time.sleep(random.uniform(1.0, 2.0))
        browser.close()
    out.extend(samples)


async def _warm(url: str) -> None:
    """Each kind of message once (the search index and the model load on first use)."""
    async with httpx.AsyncClient(timeout=120) as http:
        created = (await http.post(url + "/api/v1/conversations", json={})).json()
        for text in MESSAGES:
            await http.post(
                f"{url}/api/v1/conversations/{created['id']}/messages",
                json={"text": text},
                headers={"authorization": f"Bearer {created['token']}"},
            )


def replies(url: str, clients: int, duration: float, interval: float) -> None:
    asyncio.run(_warm(url))
    alone = asyncio.run(_clients(url, 1, min(20.0, duration), 1.0))[0]
    print(row("reply, 1 client alone (baseline)", alone.latencies))
    base = statistics.median(alone.latencies)
    spawn = multiprocessing.get_context("spawn")
    manager = spawn.Manager()
    stop, page_samples = manager.Event(), manager.list()
    page = spawn.Process(target=_page_latencies, args=(url, stop, page_samples))
    loaded = asyncio.run(_clients(url, clients, duration, interval, page.start))
    stop.set()
    page.join(timeout=60)
    samples = [v for c in loaded for v in c.latencies]
    errors = sum(c.errors for c in loaded)
    print(row(f"reply, {clients} ws clients", samples, base) + f"   errors {errors}")
    print(row("reply rendered in the page", list(page_samples), base))
    rate = len(samples) / duration
    print(f"({rate:.1f} shopper messages/s from the clients over {duration:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--interval", type=float, default=15.0, help="seconds between a client's messages")
    parser.add_argument("--loads", type=int, default=20)
    args = parser.parse_args()
    script_size()
    with tempfile.TemporaryDirectory() as tmp:
        source = _seeded_db(Path(tmp))
        db_path = Path(tmp) / "shop.db"
        shutil.copyfile(source, db_path)
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        server = multiprocessing.Process(target=_serve, args=(str(db_path), port), daemon=True)
        server.start()
        try:
            _wait_up(url)
            page_load(url, args.loads)
            replies(url, args.clients, args.duration, args.interval)
        finally:
            server.terminate()
            server.join(timeout=10)
    print("(targets: widget script under 40 KB gzip; reply rendered p99 under 150 ms)")


if __name__ == "__main__":
    main()
