"""The load generator of the conversation benchmark, run in its own process (so it never shares the server's
event loop): ``concurrency`` virtual shoppers, each opening a conversation (signed in as a demo customer,
in one of the four languages) and playing a script of turns back to back, drawn from the message pool.

    .venv/bin/python -m bench.conversation_client --url http://127.0.0.1:8765 --concurrency 32 \
        --warmup 15 --duration 60 --secret S --out result.json

Turns that start during the warm-up are not recorded. The JSON written has one row per recorded turn
(``kind``, ``language``, ``ms``, ``status``, ``expected``: the reply carries what the turn kind should
produce), the window in seconds and the client's CPU time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
from typing import Any

import httpx
import psutil

from bench.conversation_pool import LANGUAGES, message_pool
from comptoir.core.tokens import sign_customer

# The declared mix: per conversation of 8 typed turns, 2 discovery, 2 refinement, 2 cart (an add, then a look
# at the cart), 1 policy question and 1 order status. When the bot then waits for a choice it offered as quick
# replies (the product's option to add, which of the customer's orders), the shopper taps one: a further turn,
# recorded under its own kind.
SCRIPT = (
    "discovery",
    "refinement",
    "cart_add",
    "policy",
    "discovery",
    "refinement",
    "order_status",
    "cart_view",
)
FOLLOW_UPS = {"cart_add": "cart_option", "order_status": "order_pick"}
CUSTOMERS = (
    "camille_durand_1042",
    "giorgos_papadopoulos_2231",
    "misaki_sato_3307",
    "emma_wilson_4518",
    "lucas_martin_5120",
    "eleni_nikolaou_6675",
)


def _expected(kind: str, messages: list[dict[str, Any]]) -> bool:
    """Does the reply carry what this kind of turn should produce?"""
    if kind in ("discovery", "refinement"):
        return any(m.get("products") for m in messages)
    if kind == "cart_add":
        return any(m.get("cart") or m.get("awaiting") == "option" for m in messages)
    if kind in ("cart_option", "cart_view"):
        return any(m.get("cart") for m in messages)
    if kind == "order_status":
        return any(m.get("order") or m.get("awaiting") == "order_id" for m in messages)
    if kind == "order_pick":
        return any(m.get("order") for m in messages)
    return any(m.get("citations") for m in messages)


class Load:
    def __init__(self, url: str, secret: str, seed: int, warmup: float, duration: float, echo: bool) -> None:
        self.pool = message_pool()
        self.url, self.secret, self.echo = url, secret, echo
        self.rng = random.Random(seed)
        self.start = time.perf_counter()
        self.measure_from = self.start + warmup
        self.stop_at = self.measure_from + duration
        self.rows: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.sent: dict[str, int] = {}

    def _record(self, kind: str, language: str, started: float, status: int, expected: bool) -> None:
        if started >= self.measure_from and started < self.stop_at:
            self.rows.append(
                {
                    "kind": kind,
                    "language": language,
                    "ms": round((time.perf_counter() - started) * 1000, 3),
                    "status": status,
                    "expected": expected,
                }
            )

    async def shopper(self, client: httpx.AsyncClient) -> None:
        """Conversations back to back. The request opening one asks to close its connection, so each
        conversation's turns go over a connection of their own (a shopper, a browser) and the server's
        workers share the connections as they accept them."""
        while time.perf_counter() < self.stop_at:
            await self.conversation(client)

    async def conversation(self, client: httpx.AsyncClient) -> None:
        language = self.rng.choice(LANGUAGES)
        body = {
            "language": language,
            "customer_token": sign_customer(self.secret, self.rng.choice(CUSTOMERS)),
        }
        started = time.perf_counter()
        try:
            r = await client.post("/api/v1/conversations", json=body, headers={"Connection": "close"})
        except httpx.HTTPError as exc:
            self.errors.append(f"open {type(exc).__name__}")
            self._record("open", language, started, 0, False)
            await asyncio.sleep(0.1)
            return
        self._record("open", language, started, r.status_code, r.status_code == 201)
        if r.status_code != 201:
            self.errors.append(f"open {r.status_code} {r.text[:200]}")
            await asyncio.sleep(0.1)
            return
        created = r.json()
        headers = {"Authorization": f"Bearer {created['token']}"}
        path = f"/api/v1/conversations/{created['id']}/messages"
        for kind in SCRIPT:
            if time.perf_counter() >= self.stop_at:
                return
            text = self.rng.choice(self.pool[kind][language])
            self.sent[text] = self.sent.get(text, 0) + 1
            messages = await self._turn(client, path, headers, kind, language, {"text": text})
            follow_up = FOLLOW_UPS.get(kind)
            last = messages[-1] if messages else {}
            if follow_up and last.get("awaiting") in ("option", "order_id") and last.get("quick_replies"):
                payload = self.rng.choice(last["quick_replies"])["payload"]
                await self._turn(client, path, headers, follow_up, language, {"payload": payload})

    async def _turn(
        self,
        client: httpx.AsyncClient,
        path: str,
        headers: dict[str, str],
        kind: str,
        language: str,
        body: dict[str, str],
    ) -> list[dict[str, Any]]:
        started = time.perf_counter()
        try:
            r = await client.post(path, json=body, headers=headers)
        except httpx.HTTPError as exc:  # the server dropped the connection: a failed turn
            self.errors.append(f"{kind} {type(exc).__name__}")
            self._record(kind, language, started, 0, False)
            return []
        ok = r.status_code == 200
        if not ok:
            self.errors.append(f"{kind} {r.status_code} {r.text[:200]}")
        messages: list[dict[str, Any]] = r.json()["messages"] if ok else []
        self._record(kind, language, started, r.status_code, ok and (self.echo or _expected(kind, messages)))
        return messages


async def run(args: argparse.Namespace) -> dict[str, Any]:
    load = Load(args.url, args.secret, args.seed, args.warmup, args.duration, args.echo)
    limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
    async with httpx.AsyncClient(base_url=args.url, limits=limits, timeout=120.0) as client:
        await asyncio.gather(*(load.shopper(client) for _ in range(args.concurrency)))
    cpu = psutil.Process().cpu_times()
    repeats = sum(n - 1 for n in load.sent.values())
    return {
        "concurrency": args.concurrency,
        "window_s": args.duration,
        "rows": load.rows,
        "errors": load.errors[:20],
        "error_count": len(load.errors),
        "client_cpu_s": round(cpu.user + cpu.system, 2),
        "messages_sent": sum(load.sent.values()),
        "distinct_messages_sent": len(load.sent),
        "repeated_messages": repeats,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--warmup", type=float, default=15.0)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--echo", action="store_true", help="the echo server: no reply content to check")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    result = asyncio.run(run(args))
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
