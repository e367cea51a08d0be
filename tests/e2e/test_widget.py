"""The widget in a real Chromium against the demo shop: rendering, escaping, the flaky network, the
HTTP fallback, reloads, phones, screen readers, languages, voice, CSP, origins and the rate limit."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from comptoir.catalog import list_products
from comptoir.dialogue import create_conversation
from comptoir.dialogue import store as conversation_store
from comptoir.dialogue.models import Conversation
from comptoir.messaging import RateLimiter
from comptoir.web.chat_ws import live_path
from tests.e2e.conftest import LiveShop, Tab, open_tab, preset_conversation, start_shop
from tests.e2e.helpers import (
    BOT,
    bot_count,
    conversation,
    inbox_count,
    last_bot_text,
    open_widget,
    say,
    shopper_texts,
    wait_bot,
)

IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "</script><script>window.__xss=2</script>"
WS = re.compile(r".*/ws/v1/chat$")
I18N = {
    "en": ("Chat with us", "Send", "hello"),
    "fr": ("Discuter avec nous", "Envoyer", "bonjour"),
    "el": ("Συνομιλήστε μαζί μας", "Αποστολή", "γεια σας"),
    "ja": ("チャットで相談", "送信", "こんにちは"),
}


def test_a_shopper_finds_products_by_chatting(shop: LiveShop, tab: Tab) -> None:
    tab.page.goto(f"{shop.url}/en/")
    tab.shot("home")
    open_widget(tab)
    say(tab, "I'm looking for white sneakers")
    tab.shot("products")
    cards = tab.page.locator(".cw-product")
    assert cards.count() >= 1
    first = cards.first
    assert first.locator(".cw-product-title").inner_text()
    assert re.search(r"€\d", first.locator(".cw-price").inner_text())
    assert first.locator(".cw-badge").inner_text() in {"In stock", "Out of stock"}
    assert first.locator("img").get_attribute("src").startswith(shop.url + "/media/")
    # the details button sends its payload, and the bot answers about that product
    before = bot_count(tab)
    first.locator(".cw-details").click()
    wait_bot(tab, before + 1)
    tab.shot("details")
    assert (
        tab.page.locator(".cw-msg.cw-shopper")
        .last.inner_text()
        .count(first.locator(".cw-product-title").inner_text())
        == 1
    )
    assert tab.errors == []


def _seed_every_field(shop: LiveShop) -> tuple[str, str]:
    with shop.db.session() as s:
        created = create_conversation(s, language="en")
        image = list_products(s, limit=1).items[0].image_url
        conv = s.get(Conversation, created.id)
        assert conv is not None
        conversation_store.add_message(s, conv, author="shopper", text=SCRIPT, language="en")
        conversation_store.add_message(
            s,
            conv,
            author="agent",
            agent_name=IMG,
            text="I'm here " + SCRIPT,
            language="en",
            payload={"handoff": True},
        )
        conversation_store.add_message(
            s,
            conv,
            author="bot",
            text="Pay here: https://pay.example/pay/abc. Not this: javascript:alert(1) " + IMG,
            language="en",
            payload={
                "products": [
                    {
                        "id": "p1",
                        "variant_id": "v1",
                        "title": IMG,
                        "price": "12.50",
                        "currency": "EUR",
                        "in_stock": False,
                        "image_url": "javascript:alert(1)",
                    },
                    {
                        "id": "p2",
                        "variant_id": "v2",
                        "title": SCRIPT,
                        "price": "30",
                        "currency": "EUR",
                        "in_stock": True,
                        "image_url": image,
                    },
                ],
                "quick_replies": [{"title": IMG, "payload": "intent:checkout"}],
                "citations": [{"article_id": "a1", "title": SCRIPT}],
                "order": {"id": "#W1234567", "status": "<b>shipped</b>", "total": "42.00"},
                "cart": {
                    "lines": [
                        {
                            "variant_id": "v2",
                            "title": SCRIPT,
                            "options": {"size": IMG},
                            "quantity": 2,
                            "price": "30.00",
                        }
                    ],
                    "total": "60.00",
                    "currency": "EUR",
                },
                "awaiting": "email",
            },
        )
    return created.id, created.token


def test_every_message_field_renders_and_nothing_is_ever_parsed_as_html(shop: LiveShop, tab: Tab) -> None:
    cid, token = _seed_every_field(shop)
    preset_conversation(tab, shop, cid, token)
    tab.page.goto(f"{shop.url}/en/")
    wait_bot(tab, 2)
    tab.shot("every-field")
    page = tab.page
    assert page.evaluate("window.__xss") is None
    assert page.locator(".cw-root img[src='x'], .cw-root script, .cw-root b").count() == 0
    shopper, agent, bot = (page.locator(f".cw-msg[data-seq='{n}']") for n in (1, 2, 3))
    assert (
        shopper.locator(".cw-text").inner_text() == SCRIPT
        and shopper.locator(".cw-author").inner_text() == "You"
    )
    # text with a safe link (trailing full stop left out), no link for javascript:
    link = bot.locator("a.cw-link")
    assert link.count() == 1 and link.get_attribute("href") == "https://pay.example/pay/abc"
    assert link.get_attribute("target") == "_blank" and "noopener" in link.get_attribute("rel")
    assert IMG in bot.locator(".cw-text").inner_text()
    # products: title, price in the shopper's locale, availability, buttons; no javascript: image
    cards = bot.locator(".cw-product")
    assert [cards.nth(i).locator(".cw-product-title").inner_text() for i in range(2)] == [IMG, SCRIPT]
    assert cards.nth(0).locator(".cw-price").inner_text() == "€12.50"
    assert cards.nth(0).locator(".cw-badge").inner_text() == "Out of stock"
    assert cards.nth(0).locator(".cw-add").is_disabled() and cards.nth(1).locator(".cw-add").is_enabled()
    assert cards.nth(0).locator("img").count() == 0
    assert cards.nth(1).locator("img").get_attribute("src").startswith(f"{shop.url}/media/products/")
    # quick replies, citations, order and cart cards, timestamps, authors
    assert bot.locator(".cw-reply").inner_text() == IMG
    assert bot.locator(".cw-citations li").inner_text() == SCRIPT
    assert "#W1234567" in bot.locator(".cw-order").inner_text()
    assert bot.locator(".cw-order .cw-status").inner_text() == "<b>shipped</b>"
    assert "€42.00" in bot.locator(".cw-order").inner_text()
    assert (
        IMG in bot.locator(".cw-cart li").inner_text()
        and "€60.00" in bot.locator(".cw-cart .cw-total").inner_text()
    )
    assert bot.locator("time[datetime]").count() == 1
    assert agent.locator(".cw-author").inner_text() == f"{IMG} (our team)"
    assert SCRIPT in agent.locator(".cw-text").inner_text()
    # the bot waits for an e-mail; a human was asked for and has joined
    assert page.locator(".cw-input").get_attribute("type") == "email"
    assert page.locator(".cw-banner").inner_text() == f"{IMG} has joined the conversation."
    assert tab.errors == []


def test_a_lost_acknowledgement_is_resent_and_the_message_is_stored_once(shop: LiveShop, tab: Tab) -> None:
    sent: list[str] = []
    dropping = {"on": True}

    def route(ws: Any) -> None:
        server = ws.connect_to_server()

        def from_page(message: str | bytes) -> None:
            frame = json.loads(message)
            if frame.get("type") == "send":
                sent.append(frame["client_message_id"])
            server.send(message)

        def from_server(message: str | bytes) -> None:
            frame = json.loads(message)
            if dropping["on"] and sent and frame["type"] in {"ack", "messages", "typing"}:
                if frame["type"] == "typing" and not frame["on"]:
                    dropping["on"] = False  # the turn ran; the page heard nothing of it
                return
            ws.send(message)

        ws.on_message(from_page)
        server.on_message(from_server)

    tab.page.route_web_socket(WS, route)
    tab.page.goto(f"{shop.url}/en/")
    open_widget(tab)
    tab.page.fill(".cw-input", "hello")
    tab.page.press(".cw-input", "Enter")
    tab.page.wait_for_selector(".cw-pending")
    tab.shot("waiting-for-ack")
    wait_bot(tab, 1)
    tab.shot("after-resend")
    cid = conversation(tab)["id"]
    # the same client_message_id, sent again (more than once when the turn outlasts the ack timeout)
    assert len(sent) >= 2 and len(set(sent)) == 1
    assert shopper_texts(shop.db, cid) == ["hello"] and inbox_count(shop.db, cid) == 1
    assert tab.page.locator(".cw-msg.cw-shopper").count() == 1
    assert tab.page.locator(".cw-pending").count() == 0
    seqs = tab.page.locator(".cw-msg[data-seq]").evaluate_all("ns => ns.map(n => Number(n.dataset.seq))")
    assert seqs == list(range(1, len(seqs) + 1))


def test_without_websockets_the_widget_talks_over_http(shop: LiveShop, tab: Tab) -> None:
    tab.page.route_web_socket(WS, lambda ws: ws.close())  # a network that refuses WebSockets
    tab.page.goto(f"{shop.url}/fr/")
    open_widget(tab)
    tab.page.wait_for_function("() => !document.querySelector('.cw-banner').hidden")
    assert (
        tab.page.locator(".cw-banner").inner_text()
        == "Connexion directe indisponible : vos messages passent quand même."
    )
    say(tab, "bonjour, je cherche un sac à dos")
    tab.shot("http-fallback")
    cid = conversation(tab)["id"]
    assert shopper_texts(shop.db, cid) == ["bonjour, je cherche un sac à dos"]
    assert tab.page.locator(".cw-msg.cw-shopper[data-seq]").count() == 1


def test_a_page_from_another_origin_is_refused_the_socket(demo_db_file: Any, browser: Any) -> None:
    # the store's address is 127.0.0.1; a page on "localhost" is another origin
    shop = start_shop(demo_db_file)
    tab = open_tab(browser, "origin-refused")
    refused: list[str] = []
    tab.page.on("websocket", lambda ws: ws.on("socketerror", lambda e: refused.append(str(e))))
    try:
        tab.page.goto(shop.url.replace("127.0.0.1", "localhost") + "/en/")
        open_widget(tab)
        tab.page.wait_for_function("() => !document.querySelector('.cw-banner').hidden")
        say(tab, "hello")
        assert "Live connection unavailable" in tab.page.locator(".cw-banner").inner_text()
        assert refused  # the handshake failed (403)
    finally:
        tab.page.context.close()
        shop.stop()


def test_the_history_comes_back_after_a_reload(shop: LiveShop, tab: Tab) -> None:
    tab.page.goto(f"{shop.url}/en/")
    open_widget(tab)
    say(tab, "hello")
    say(tab, "do you have a red dress?")
    before = tab.page.locator(".cw-msg[data-seq]").evaluate_all(
        "ns => ns.map(n => n.dataset.seq + n.innerText)"
    )
    tab.page.reload()
    wait_bot(tab, 2)
    tab.page.wait_for_timeout(300)
    tab.shot("after-reload")
    after = tab.page.locator(".cw-msg[data-seq]").evaluate_all(
        "ns => ns.map(n => n.dataset.seq + n.innerText)"
    )
    assert after == before and tab.page.locator(".cw-panel").is_visible()
    tab.page.goto(f"{shop.url}/en/cart")  # and after navigating to another page
    wait_bot(tab, 2)
    assert tab.page.locator(".cw-msg[data-seq]").count() == len(before)


def test_a_phone_360_px_wide_gets_the_whole_screen(shop: LiveShop, browser: Any) -> None:
    tab = open_tab(browser, "phone-360", width=360, height=740)
    try:
        tab.page.goto(f"{shop.url}/en/")
        tab.shot("closed")
        open_widget(tab)
        box = tab.page.locator(".cw-panel").bounding_box()
        assert box is not None and (box["x"], box["width"]) == (0, 360) and box["height"] == 740
        say(tab, "I'm looking for a backpack")
        tab.shot("products")
        assert tab.page.locator(".cw-input").is_visible() and tab.page.locator(".cw-send").is_visible()
        width = tab.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360
        tab.page.click(".cw-close")
        assert tab.page.locator(".cw-launcher").is_visible()
    finally:
        tab.page.context.close()


def test_screen_readers_hear_new_messages_and_every_control_has_a_name(shop: LiveShop, tab: Tab) -> None:
    tab.page.goto(f"{shop.url}/en/")
    tab.page.wait_for_selector(".cw-root[data-ready]", state="attached")
    launcher = tab.page.locator(".cw-launcher")
    assert (
        launcher.get_attribute("aria-expanded") == "false"
        and launcher.get_attribute("aria-label") == "Chat with us"
    )
    tab.page.keyboard.press("Tab")  # skip link
    launcher.focus()
    tab.page.keyboard.press("Enter")
    assert launcher.get_attribute("aria-expanded") == "true"
    assert tab.page.evaluate("document.activeElement.id") == "cw-input"
    log = tab.page.locator(".cw-log")
    assert (log.get_attribute("role"), log.get_attribute("aria-live")) == ("log", "polite")
    say(tab, "hello")
    assert log.locator(".cw-msg.cw-bot[data-seq]").count() >= 1  # new messages land inside the live region
    for control in tab.page.locator(".cw-root button:visible, .cw-root input:visible").all():
        name = control.evaluate(
            "n => n.getAttribute('aria-label') || n.textContent.trim() || (n.labels && n.labels[0] && n.labels[0].textContent)"
        )
        assert name, control.evaluate("n => n.outerHTML")
    tab.page.keyboard.press("Escape")
    assert tab.page.locator(".cw-panel").is_hidden()


@pytest.mark.parametrize("language", ["en", "fr", "el", "ja"])
def test_the_widget_speaks_the_shops_four_languages(shop: LiveShop, browser: Any, language: str) -> None:
    tab = open_tab(browser, f"language-{language}")
    try:
        label, send, hello = I18N[language]
        tab.page.goto(f"{shop.url}/{language}/")
        tab.page.wait_for_selector(".cw-root[data-ready]", state="attached")
        assert tab.page.locator(".cw-launcher").get_attribute("aria-label") == label
        open_widget(tab)
        assert tab.page.locator(".cw-send").inner_text() == send
        say(tab, hello)
        tab.shot("greeting")
        assert last_bot_text(tab)
        assert tab.errors == []
    finally:
        tab.page.context.close()


def test_the_interface_follows_the_conversations_language(shop: LiveShop, tab: Tab) -> None:
    tab.page.goto(f"{shop.url}/en/")
    open_widget(tab)
    say(tab, "Bonjour, je cherche un sac à dos pour la randonnée")
    tab.shot("switched-to-french")
    assert tab.page.locator(".cw-send").inner_text() == "Envoyer"


SPEECH_SHIM = """
window.__recognitions = [];
window.__spoken = [];
class FakeRecognition {
  constructor() { window.__recognitions.push(this); }
  start() {
    setTimeout(() => {
      this.onresult && this.onresult({ results: [[{ transcript: window.__speech || "" }]] });
      this.onend && this.onend();
    }, 30);
  }
  stop() { this.onend && this.onend(); }
}
window.SpeechRecognition = FakeRecognition;
window.webkitSpeechRecognition = FakeRecognition;
Object.defineProperty(window, "speechSynthesis", {
  configurable: true,
  value: { speak(u) { window.__spoken.push({ text: u.text, lang: u.lang }); }, cancel() {} },
});
"""


def test_voice_input_and_read_aloud_use_the_conversations_language(shop: LiveShop, tab: Tab) -> None:
    tab.page.add_init_script(SPEECH_SHIM)
    tab.page.goto(f"{shop.url}/fr/")
    open_widget(tab)
    mic, speak = tab.page.locator(".cw-mic"), tab.page.locator(".cw-speak")
    assert mic.is_visible() and speak.is_visible() and mic.get_attribute("aria-label") == "Parler"
    speak.click()
    assert speak.get_attribute("aria-pressed") == "true"
    tab.page.evaluate("window.__speech = 'je cherche un sac à dos'")
    before = bot_count(tab)
    mic.click()
    wait_bot(tab, before + 1)
    tab.shot("voice")
    assert tab.page.evaluate("window.__recognitions.map(r => r.lang)") == ["fr-FR"]
    cid = conversation(tab)["id"]
    assert shopper_texts(shop.db, cid) == ["je cherche un sac à dos"]
    spoken = tab.page.evaluate("window.__spoken")
    replies = tab.page.locator(BOT).locator(".cw-text").all_inner_texts()
    assert spoken and {s["lang"] for s in spoken} == {"fr-FR"}
    assert [s["text"] for s in spoken] == replies


def test_voice_controls_are_hidden_where_the_browser_has_no_speech(shop: LiveShop, tab: Tab) -> None:
    tab.page.add_init_script(
        "for (const k of ['SpeechRecognition', 'webkitSpeechRecognition', 'speechSynthesis'])"
        " Object.defineProperty(window, k, { configurable: true, value: undefined });"
    )
    tab.page.goto(f"{shop.url}/en/")
    open_widget(tab)
    assert tab.page.locator(".cw-mic").is_hidden() and tab.page.locator(".cw-speak").is_hidden()


def test_shop_pages_carry_a_content_security_policy_the_widget_lives_with(shop: LiveShop, tab: Tab) -> None:
    violations: list[str] = []
    tab.page.on(
        "console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None
    )
    for path in ("/en/", "/fr/c/shoes", "/el/cart"):
        response = tab.page.goto(shop.url + path)
        assert response is not None and response.status == 200
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "object-src 'none'" in csp and "unsafe-inline" not in csp
    open_widget(tab)
    say(tab, "hello")
    assert violations == []


def test_a_visitor_sending_too_fast_is_asked_to_wait_and_nothing_is_lost(shop: LiveShop, tab: Tab) -> None:
    live_path(shop.app).limiter = RateLimiter(limit=2, window=3)
    tab.page.goto(f"{shop.url}/en/")
    open_widget(tab)
    for text in ("hello", "what can you do?", "thanks"):
        tab.page.fill(".cw-input", text)
        tab.page.press(".cw-input", "Enter")
    notice = tab.page.locator(".cw-notice-slow")
    notice.wait_for()
    tab.shot("rate-limited")
    assert re.fullmatch(
        r"You are sending messages a little fast\. Please wait \d s — we will send it then\.",
        notice.inner_text(),
    )
    tab.page.wait_for_function(
        "() => document.querySelectorAll('.cw-msg.cw-shopper[data-seq]').length === 3", timeout=20_000
    )
    cid = conversation(tab)["id"]
    assert shopper_texts(shop.db, cid) == ["hello", "what can you do?", "thanks"]
    assert tab.page.locator(BOT).count() >= 3


def test_the_product_pages_button_fills_the_chats_cart(shop: LiveShop, tab: Tab) -> None:
    tab.page.goto(f"{shop.url}/fr/c/shoes")
    tab.shot("category")
    tab.page.locator(".card:has(.stock.in) .card-link").first.click()
    tab.page.wait_for_selector("form[data-buy]")
    title = tab.page.locator(".product-info h1").inner_text()
    option = tab.page.locator(".variant:not(.off) input").last
    option.check()
    tab.shot("product")
    tab.page.click("form[data-buy] button[type=submit]")
    wait_bot(tab, 1)
    tab.shot("added-from-page")
    assert title in tab.page.locator(".cw-msg.cw-shopper").last.inner_text()
    assert tab.page.locator(".cw-cart").last.is_visible()
    tab.page.wait_for_function("() => document.querySelector('[data-cart-count]').textContent === '1'")
