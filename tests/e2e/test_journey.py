"""A shopper's whole journey in the demo shop, in each of the four languages, in a real Chromium: find a
product by chatting, pick a size from quick replies, see it in the shop's cart page, check out as a guest
(with a reload in the middle that resumes the checkout), pay on the test pay page, get an order number.
Screenshots of every step are kept in ``.artifacts/e2e/``."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import LiveShop, Tab, open_tab
from tests.e2e.helpers import BOT, bot_count, conversation, open_widget, say, shopper_texts, wait_bot

JOURNEYS: dict[str, dict[str, str]] = {
    "en": {
        "search": "I'm looking for running shoes for men",
        "add": "Add the {title} to my cart",
        "email": "sam.taylor@example.com",
        "address": "Sam Taylor, 8 Grafton Street, Dublin D02 HX65, Ireland",
        "address_hint": "Your address",
    },
    "fr": {
        "search": "je cherche des chaussures de running pour homme",
        "add": "Ajoute {title} au panier",
        "email": "julie.moreau@example.com",
        "address": "Julie Moreau, 14 rue de la République, 13002 Marseille, France",
        "address_hint": "Votre adresse",
    },
    "el": {
        "search": "ψάχνω παπούτσια για τρέξιμο",
        "add": "Βάλε στο καλάθι: {title}",
        "email": "maria.konstantinou@example.gr",
        "address": "Μαρία Κωνσταντίνου, Αγίας Σοφίας 12, 54622 Θεσσαλονίκη, Ελλάδα",
        "address_hint": "Η διεύθυνσή σας",
    },
    "ja": {
        "search": "ランニングシューズを探しています",
        "add": "{title}をカートに入れてください",
        "email": "hanako.yamada@example.jp",
        "address": "山田花子、〒150-0001 東京都渋谷区神宮前4-5-6、日本",
        "address_hint": "ご住所",
    },
}


def _awaiting(shop: LiveShop, tab: Tab) -> str | None:
    c = conversation(tab)
    r = httpx.get(
        f"{shop.url}/api/v1/conversations/{c['id']}", headers={"authorization": f"Bearer {c['token']}"}
    )
    assert r.status_code == 200, r.text
    value: str | None = r.json()["awaiting"]
    return value


def _reply(tab: Tab, index: int) -> str:
    """Click a quick reply of the bot's last message; returns its title."""
    replies = tab.page.locator(".cw-replies:visible").last.locator(".cw-reply")
    title = str(replies.nth(index).inner_text())
    before = bot_count(tab)
    replies.nth(index).click()
    wait_bot(tab, before + 1)
    return title


@pytest.mark.parametrize("language", ["en", "fr", "el", "ja"])
def test_a_guest_finds_buys_and_pays_in_each_language(shop: LiveShop, browser: Any, language: str) -> None:
    words = JOURNEYS[language]
    tab = open_tab(
        browser,
        f"journey-{language}",
        locale={"en": "en-GB", "fr": "fr-FR", "el": "el-GR", "ja": "ja-JP"}[language],
    )
    page = tab.page
    try:
        page.goto(f"{shop.url}/{language}/")
        tab.shot("home")
        open_widget(tab)
        # finds a product by chatting
        say(tab, words["search"])
        cards = page.locator(".cw-product:has(.cw-in)")
        assert cards.count() >= 1
        tab.shot("found")
        title = str(cards.first.locator(".cw-product-title").inner_text())
        # asks for it, and picks a size from the quick replies
        say(tab, words["add"].format(title=title))
        assert _awaiting(shop, tab) == "option"
        tab.shot("sizes")
        picked = _reply(tab, 0)
        assert (
            picked in page.locator(".cw-msg.cw-shopper").last.inner_text()
        )  # the button's title, not its payload
        assert _awaiting(shop, tab) is None
        tab.shot("added")
        # the shop's cart page shows the cart the chat filled
        page.goto(f"{shop.url}/{language}/cart")
        page.wait_for_selector(".cart-table")
        assert title in page.locator(".cart-table").inner_text()
        assert page.locator("[data-cart-count]").inner_text() == "1"
        tab.shot("cart-page")
        # checks out as a guest (the chat is still there, open, on the cart page)
        wait_bot(tab, 3)
        _reply(tab, 0)  # check out
        assert _awaiting(shop, tab) == "choice"
        _reply(tab, 1)  # as a guest
        assert _awaiting(shop, tab) == "email"
        say(tab, words["email"])
        assert _awaiting(shop, tab) == "address"
        tab.shot("checkout-address")
        # a reload in the middle of the checkout resumes it
        count = bot_count(tab)
        page.reload()
        wait_bot(tab, count)
        assert bot_count(tab) == count
        assert page.locator(".cw-input").get_attribute("placeholder") == words["address_hint"]
        tab.shot("resumed")
        say(tab, words["address"])
        asked_delivery = _awaiting(shop, tab) == "choice"  # (a store may have one way to deliver there)
        if asked_delivery:
            _reply(tab, 0)  # delivery
        assert _awaiting(shop, tab) == "confirmation"
        tab.shot("confirm")
        _reply(tab, 0)  # yes
        order = page.locator(".cw-order").last
        order_number = re.search(r"#W\d+", order.inner_text())
        assert order_number is not None
        link = page.locator(".cw-msg[data-seq]").last.locator("a.cw-link[href*='/pay/']")
        assert link.count() == 1
        tab.shot("pay-link")
        # pays on the test pay page and sees the order number there
        with page.context.expect_page() as popup:
            link.click()
        pay = popup.value
        pay.wait_for_load_state()
        assert order_number.group(0) in pay.inner_text("main")
        pay.screenshot(path=str(tab_path(tab, "pay-page")))
        pay.click("button[type=submit]")
        pay.wait_for_load_state()
        assert order_number.group(0) in pay.inner_text("main")
        pay.screenshot(path=str(tab_path(tab, "paid")))
        # every message the shopper sent is in the conversation exactly once, as shown
        texts = shopper_texts(shop.db, conversation(tab)["id"])
        assert len(texts) == page.locator(".cw-msg.cw-shopper[data-seq]").count() == 8 + asked_delivery
        assert texts[:2] == [words["search"], words["add"].format(title=title)]
        assert page.locator(BOT).count() >= 8 and tab.errors == []
    finally:
        page.context.close()


def tab_path(tab: Tab, label: str) -> Any:
    from tests.e2e.conftest import ARTIFACTS

    tab.step += 1
    return ARTIFACTS / f"{tab.name}-{tab.step:02d}-{label}.png"
