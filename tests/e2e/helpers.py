"""What the browser tests do to the widget: type, click, wait for the bot."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from comptoir.db import Database
from comptoir.dialogue.models import ConversationMessage
from tests.e2e.conftest import Tab

BOT = ".cw-msg.cw-bot[data-seq], .cw-msg.cw-agent[data-seq]"


def open_widget(tab: Tab) -> None:
    tab.page.wait_for_selector(".cw-root[data-ready]", state="attached")
    if tab.page.locator(".cw-panel").is_hidden():
        tab.page.click(".cw-launcher")
    tab.page.wait_for_selector(".cw-panel", state="visible")


def bot_count(tab: Tab) -> int:
    return int(tab.page.locator(BOT).count())


def say(tab: Tab, text: str) -> None:
    """Type ``text``, send it, and wait for the bot's next message."""
    before = bot_count(tab)
    tab.page.fill(".cw-input", text)
    tab.page.press(".cw-input", "Enter")
    wait_bot(tab, before + 1)


def wait_bot(tab: Tab, count: int) -> None:
    tab.page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length >= n", arg=[BOT, count], timeout=30_000
    )
    tab.page.wait_for_timeout(150)  # the rest of the turn's messages land in the same frame


def last_bot_text(tab: Tab) -> str:
    return str(tab.page.locator(BOT).last.locator(".cw-text").inner_text())


def conversation(tab: Tab) -> dict[str, Any]:
    value = tab.page.evaluate("window.Comptoir.conversation()")
    assert value is not None
    return dict(value)


def shopper_texts(db: Database, conversation_id: str) -> list[str]:
    with db.read_session() as s:
        return list(
            s.scalars(
                select(ConversationMessage.text)
                .where(
                    ConversationMessage.conversation_id == conversation_id,
                    ConversationMessage.author == "shopper",
                )
                .order_by(ConversationMessage.seq)
            )
        )


def inbox_count(db: Database, conversation_id: str) -> int:
    from comptoir.messaging.models import InboxEntry

    with db.read_session() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(InboxEntry)
                .where(InboxEntry.conversation_id == conversation_id)
            )
            or 0
        )
