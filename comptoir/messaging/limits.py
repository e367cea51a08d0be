"""A per-visitor rate limit (sliding window, in process): a burst of messages is refused politely."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key (a visitor: ``c:<conversation>``,
    ``ip:<address>``); ``limits`` sets another limit for the keys of a prefix (an address is shared by
    everyone behind the same network, so it gets more)."""

    limit: int = 20
    window: float = 60.0
    clock: Callable[[], float] = time.monotonic
    limits: dict[str, int] = field(default_factory=dict)
    _hits: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))

    def hit(self, *keys: str) -> float:
        """Count one event for every key; 0 when allowed, else the seconds to wait (nothing is counted)."""
        now = self.clock()
        wait = 0.0
        for key in keys:
            hits = self._hits[key]
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limits.get(key.split(":", 1)[0], self.limit):
                wait = max(wait, hits[0] + self.window - now)
        if wait > 0:
            return wait
        for key in keys:
            self._hits[key].append(now)
        if len(self._hits) > 10_000:
            self._forget(now)
        return 0.0

    def _forget(self, now: float) -> None:
        for key in [k for k, hits in self._hits.items() if not hits or hits[-1] <= now - self.window]:
            del self._hits[key]
