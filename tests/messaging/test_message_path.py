"""The message path on both back-ends: persisted before the acknowledgement, a resend taken once, a turn
that never ran found again, sequence numbers in order, and the live hub's fan-out."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from comptoir.db import Database
from comptoir.dialogue import InboundMessage, create_conversation, list_messages
from comptoir.dialogue.models import ConversationMessage
from comptoir.messaging import InProcessHub, LivePath, RateLimiter, accept_message, pending_messages
from comptoir.messaging.models import InboxEntry
from tests.factories import seed


def _open(db: Database) -> tuple[str, str]:
    with db.session() as s:
        created = create_conversation(s, language="en")
    return created.id, created.token


def _shopper_rows(db: Database, cid: str) -> int:
    with db.read_session() as s:
        return (
            s.scalar(
                select(func.count())
                .select_from(ConversationMessage)
                .where(ConversationMessage.conversation_id == cid, ConversationMessage.author == "shopper")
            )
            or 0
        )


def test_a_message_is_in_the_inbox_before_its_turn_and_a_resend_is_not_written_again(db: Database) -> None:
    # given a conversation
    seed(db)
    cid, token = _open(db)
    message = InboundMessage(text="hello", client_message_id="m-1")
    # when the message is accepted twice
    with db.session() as s:
        first = accept_message(s, cid, token, message)
    with db.session() as s:
        again = accept_message(s, cid, token, message)
    # then it is stored once, waiting for its turn, and no turn ran yet
    assert (first.duplicate, again.duplicate, again.processed) == (False, True, False)
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(InboxEntry)) == 1
        assert [m.client_message_id for m in pending_messages(s, cid, token)] == ["m-1"]
    assert _shopper_rows(db, cid) == 0


def test_the_live_path_takes_each_turn_once_and_publishes_in_sequence(db: Database) -> None:
    seed(db)
    cid, token = _open(db)
    hub = InProcessHub()
    live = LivePath(db=db, hub=hub)

    async def scenario() -> tuple[list[int], list[int], int]:
        async with hub.subscribe(cid) as subscription:
            message = InboundMessage(text="hello", client_message_id="m-1")
            await live.accept(cid, token, message)
            first = await live.take_turn(cid, token, message)
            # a resend of an answered message returns the same messages, unpublished
            await live.accept(cid, token, message)
            again = await live.take_turn(cid, token, message, publish=False)
            seen = []
            while len(seen) < len(first):
                got = await asyncio.wait_for(subscription.get(), 5)
                assert got is not None
                seen.append(got.seq)
            return [m.seq for m in first], seen, len(again)

    seqs, seen, again = asyncio.run(scenario())
    assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) >= 2
    assert seen == seqs and again == len(seqs)
    assert _shopper_rows(db, cid) == 1
    with db.read_session() as s:
        assert pending_messages(s, cid, token) == []
        assert [m.seq for m in list_messages(s, cid, token)] == seqs


def test_a_message_accepted_but_never_answered_is_answered_by_drain(db: Database) -> None:
    # given two messages accepted, then the process stopped before their turns
    seed(db)
    cid, token = _open(db)
    with db.session() as s:
        accept_message(s, cid, token, InboundMessage(text="hello", client_message_id="a"))
        accept_message(s, cid, token, InboundMessage(text="what can you do?", client_message_id="b"))
    live = LivePath(db=db)
    # when the conversation comes back
    drained = asyncio.run(live.drain(cid, token))
    # then both turns ran, in arrival order, once
    assert drained == 2
    with db.read_session() as s:
        shopper = [m.text for m in list_messages(s, cid, token) if m.author == "shopper"]
        assert pending_messages(s, cid, token) == []
    assert shopper == ["hello", "what can you do?"]
    assert asyncio.run(live.drain(cid, token)) == 0


def test_a_slow_subscriber_is_dropped_and_told_to_catch_up() -> None:
    from datetime import datetime

    from comptoir.dialogue import Message
    from comptoir.messaging import hub as hub_module

    hub = InProcessHub()

    async def scenario() -> tuple[Message | None, int]:
        async with hub.subscribe("c") as subscription:
            for i in range(hub_module.QUEUE_SIZE + 5):
                await hub.publish(
                    "c", Message(id=str(i), seq=i, created_at=datetime(2026, 1, 1), author="bot", text="")
                )
            got = await subscription.get()
            count = hub.subscriber_count("c")
        return got, count + hub.subscriber_count("c")

    got, count = asyncio.run(scenario())
    assert got is None and count == 1


def test_the_rate_limit_counts_per_visitor_and_says_how_long_to_wait() -> None:
    now = [100.0]
    limiter = RateLimiter(limit=3, window=10, clock=lambda: now[0])
    assert [limiter.hit("c:1", "ip:a") for _ in range(3)] == [0, 0, 0]
    assert limiter.hit("c:1", "ip:a") == 10
    assert limiter.hit("c:2", "ip:b") == 0  # another visitor is not slowed down
    now[0] += 4
    assert limiter.hit("c:1", "ip:c") == 6
    now[0] += 6.5
    assert limiter.hit("c:1", "ip:a") == 0


def test_an_address_shared_by_many_visitors_gets_its_own_higher_limit() -> None:
    limiter = RateLimiter(limit=1, window=10, clock=lambda: 0.0, limits={"ip": 3})
    assert [limiter.hit(f"c:{n}", "ip:office") for n in range(4)] == [0, 0, 0, 10]
