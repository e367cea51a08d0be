"""A shopper never sees another customer's data, in any language: another customer's order number, another
customer's e-mail or name + postcode given mid-conversation, another visitor's conversation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from comptoir import commerce, customers
from comptoir.core.errors import ComptoirError
from comptoir.db import Database
from comptoir.dialogue import InboundMessage, create_conversation, get_conversation, post_message
from comptoir.dialogue.models import Conversation
from comptoir.dialogue.stories import capture_codes

OTHER = "giorgos_papadopoulos_2231"
SAY = {
    "en": ("Where is my order {order}?", "My e-mail is {email}", "OK it's {first} {last} {zip}"),
    "fr": ("Où en est ma commande {order} ?", "Mon e-mail c'est {email}", "Alors {first} {last} {zip}"),
    "el": ("Πού είναι η παραγγελία μου {order};", "Το email μου είναι {email}", "{first} {last} {zip}"),
    "ja": ("注文{order}はどこですか？", "メールは{email}です", "{last}{first} {zip}"),
}
ME = {
    "en": "emma.wilson@example.com",
    "fr": "camille.durand@example.com",
    "el": "eleni.nikolaou@example.com",
    "ja": "misaki.sato@example.com",
}


@pytest.fixture
def store(demo_template: Path, tmp_path: Path) -> Database:
    path = tmp_path / "store.db"
    shutil.copyfile(demo_template, path)
    return Database(f"sqlite:///{path}")


def _say(db: Database, cid: str, token: str, text: str) -> list[str]:
    with db.session() as s:
        return [m.text for m in post_message(s, cid, token, InboundMessage(text=text)).messages]


@pytest.mark.parametrize("language", list(SAY))
def test_another_customers_data_stays_hidden(store: Database, language: str) -> None:
    with store.read_session() as s:
        other = customers.get_customer(s, OTHER)
        other_orders = commerce.list_orders(s, OTHER)
        me = customers.find_customer_by_email(s, ME[language])
    secrets = {other.email or "", other.last_name, *[n for o in other_orders for n in o.item_names]}
    ask_order, give_email, give_name = SAY[language]
    with store.session() as s:
        created = create_conversation(s, language=language)
    cid, token = created.id, created.token
    said: list[str] = []
    with capture_codes() as codes:
        said += _say(store, cid, token, ask_order.format(order=other_orders[0].id))
        said += _say(store, cid, token, ME[language])
        said += _say(store, cid, token, codes.last or "")
    # the other customer's order is "not found" for this shopper, and nothing of it shows
    said += _say(store, cid, token, give_email.format(email=other.email))
    address = other.default_address
    assert address is not None
    said += _say(
        store, cid, token, give_name.format(first=other.first_name, last=other.last_name, zip=address.zip)
    )
    leaked = [text for text in said for secret in secrets if secret and secret.lower() in text.lower()]
    assert leaked == []
    with store.read_session() as s:
        row = s.get(Conversation, cid)
        assert row is not None and row.customer_id == me.id  # still the first, verified customer
        assert get_conversation(s, cid, token).customer_verified


def test_another_visitors_conversation_cannot_be_opened(store: Database) -> None:
    with store.session() as s:
        mine = create_conversation(s, language="en")
        theirs = create_conversation(s, language="en")
    with pytest.raises(ComptoirError) as info, store.session() as s:
        post_message(s, theirs.id, mine.token, InboundMessage(text="hello"))
    assert info.value.code == "conversation_not_found"
