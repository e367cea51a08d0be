"""Stories: scripted conversations with expected bot behaviour, and the runner that plays them.

A story (YAML)::

    story: cancel a pending order
    language: fr                 # the shopper's language (the bot is not told it)
    journey: orders              # for the pass-rate table
    customer: camille_durand_1042  # optional: the conversation starts signed in (a signed customer token)
    steps:
      - user: bonjour            # or: payload: "choose:1"; "{code}" is replaced by the last one-time code sent
        expect:                  # every key optional
          intent: greet          # what the bot understood
          awaiting: null         # what the bot now waits for (last bot message)
          products: 1            # at least this many products shown
          handoff: false
          says: "commande"       # a substring (case-insensitive) of the bot's messages
          language: fr           # the language of the bot's replies
    final:                       # database after the story
      cart_items: 2
      orders_created: 1          # orders placed during the story (signed-in, identified or guest)
      last_order_status: cancelled   # some order became (or was created) cancelled during the story
      orders_unchanged: true         # no order was created or changed (a refusal)

The runner plays each story on a fresh copy of a store and reports pass rates per language and journey.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from comptoir import commerce
from comptoir.db import Database
from comptoir.dialogue import service
from comptoir.dialogue.schemas import InboundMessage, Message


class Expect(BaseModel):
    intent: str | None = None
    awaiting: str | None = "__any__"
    products: int | None = None
    handoff: bool | None = None
    says: str | None = None
    language: str | None = None


class Step(BaseModel):
    user: str | None = None
    payload: str | None = None
    expect: Expect = Field(default_factory=Expect)


class Final(BaseModel):
    cart_items: int | None = None
    orders_created: int | None = None
    last_order_status: str | None = None
    orders_unchanged: bool | None = None


class Story(BaseModel):
    story: str
    language: str
    journey: str
    customer: str | None = None
    steps: list[Step]
    final: Final = Field(default_factory=Final)
    path: str = ""


@dataclass
class Outcome:
    story: Story
    passed: bool
    failures: list[str] = field(default_factory=list)


class _Codes(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.last: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        m = re.search(r"(\d{6})\s*$", record.getMessage())
        if m:
            self.last = m.group(1)


@contextmanager
def capture_codes() -> Iterator[_Codes]:
    handler = _Codes()
    logger = logging.getLogger("comptoir.outbox")
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)


def load_stories(folder: Path) -> list[Story]:
    stories = []
    for path in sorted(folder.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for item in data if isinstance(data, list) else [data]:
            stories.append(Story.model_validate({**item, "path": str(path)}))
    return stories


def _check(step: Step, shopper: Message | None, replies: list[Message], index: int) -> list[str]:
    e, out = step.expect, []
    where = f"step {index + 1}"
    if e.intent is not None and (shopper is None or shopper.intent != e.intent):
        out.append(f"{where}: intent {shopper.intent if shopper else None!r}, expected {e.intent!r}")
    last = replies[-1] if replies else None
    if e.awaiting != "__any__":
        got = last.awaiting if last else None
        if got != e.awaiting:
            out.append(f"{where}: awaiting {got!r}, expected {e.awaiting!r}")
    if e.products is not None:
        shown = max((len(m.products or []) for m in replies), default=0)
        if shown < e.products:
            out.append(f"{where}: {shown} products shown, expected at least {e.products}")
    if e.handoff is not None and any(m.handoff for m in replies) != e.handoff:
        out.append(f"{where}: handoff {not e.handoff}, expected {e.handoff}")
    if e.says is not None and not any(e.says.lower() in m.text.lower() for m in replies):
        out.append(f"{where}: no reply says {e.says!r}: {[m.text[:80] for m in replies]}")
    if e.language is not None and replies and any(m.language != e.language for m in replies):
        out.append(f"{where}: replied in {replies[-1].language}, expected {e.language}")
    return out


def play(db: Database, story: Story) -> Outcome:
    """Play one story on ``db`` through the conversation service (as the HTTP API does)."""
    failures: list[str] = []
    with db.session() as s:
        created = service.create_conversation(s, customer_id=story.customer)
        before = commerce.order_statuses(s)
    cid, token = created.id, created.token
    with capture_codes() as codes:
        for i, step in enumerate(story.steps):
            text = step.user.replace("{code}", codes.last or "000000") if step.user is not None else None
            message = InboundMessage(text=text, payload=step.payload)
            with db.session() as s:
                reply = service.post_message(s, cid, token, message)
                shopper = service.list_messages(s, cid, token, after=0)
            last_shopper = next((m for m in reversed(shopper) if m.author == "shopper"), None)
            failures += _check(step, last_shopper, reply.messages, i)
    with db.read_session() as s:
        state = service.get_conversation(s, cid, token)
        f = story.final
        if f.cart_items is not None:
            cart_id = state.state.get("cart_id")
            count = sum(line.quantity for line in commerce.view_cart(s, cart_id).lines) if cart_id else 0
            if count != f.cart_items:
                failures.append(f"final: {count} items in the cart, expected {f.cart_items}")
        after = commerce.order_statuses(s)
        created_now = set(after) - set(before)
        if f.orders_created is not None and len(created_now) != f.orders_created:
            failures.append(f"final: {len(created_now)} orders created, expected {f.orders_created}")
        if f.orders_unchanged and after != before:
            changed = sorted(o for o in after if before.get(o) != after[o])
            failures.append(f"final: orders changed although none should: {changed}")
        if f.last_order_status is not None:
            changed = [
                o for o, status in after.items() if status == f.last_order_status and before.get(o) != status
            ]
            if not changed:
                failures.append(f"final: no order became {f.last_order_status!r}")
    return Outcome(story=story, passed=not failures, failures=failures)


@dataclass
class Report:
    outcomes: list[Outcome]

    def rates(self, key: str) -> dict[str, tuple[int, int]]:
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for o in self.outcomes:
            k = getattr(o.story, key)
            totals[k][1] += 1
            totals[k][0] += int(o.passed)
        return {k: (v[0], v[1]) for k, v in sorted(totals.items())}

    def text(self) -> str:
        lines = []
        for key in ("language", "journey"):
            lines.append(f"by {key}:")
            for name, (ok, n) in self.rates(key).items():
                lines.append(f"  {name:<14} {ok:>3}/{n:<3} {100 * ok / n:5.1f} %")
        failed = [o for o in self.outcomes if not o.passed]
        if failed:
            lines.append("failed:")
            for o in failed:
                lines.append(f"  [{o.story.language}] {o.story.story} ({Path(o.story.path).name})")
                lines += [f"      {f}" for f in o.failures[:4]]
        passed = sum(o.passed for o in self.outcomes)
        lines.append(f"stories: {passed} passed, {len(self.outcomes) - passed} failed")
        return "\n".join(lines)


def run_stories(template: Path, folder: Path) -> Report:
    """Play every story of ``folder`` on a fresh copy of the SQLite store ``template``."""
    outcomes = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, story in enumerate(load_stories(folder)):
            path = Path(tmp) / f"s{i}.db"
            shutil.copyfile(template, path)
            db = Database(f"sqlite:///{path}")
            try:
                outcomes.append(play(db, story))
            finally:
                db.dispose()
                path.unlink(missing_ok=True)
    return Report(outcomes)


def summary(report: Report) -> Counter[str]:
    return Counter("passed" if o.passed else "failed" for o in report.outcomes)
