"""The test provider's hosted pay page: ``GET /pay/{token}`` shows the amount and a Pay button, ``POST``
is the provider's confirmation. A real provider (Stripe...) hosts its own page and calls a webhook."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from babel.core import UnknownLocaleError
from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader

from comptoir.api.deps import DatabaseDep, ReadSession, Store
from comptoir.commerce import InvalidTransition, confirm_payment
from comptoir.core.money import format_money
from comptoir.payments import PayLinkAlreadyUsed, PayLinkNotFound, get_pay_link
from comptoir.store import StoreSettings

router = APIRouter(tags=["pay page"])

_templates = Environment(
    loader=PackageLoader("comptoir", "web/templates"), autoescape=True, auto_reload=False
)

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",  # the token is in the address
    "Cache-Control": "no-store",
}

PayToken = Annotated[str, Path(min_length=1, max_length=128)]
PageLanguage = Annotated[str | None, Query(min_length=2, max_length=16)]


def _language(store: StoreSettings, wanted: str | None) -> str:
    return wanted if wanted in store.languages else store.default_language


def _money(amount: Decimal, currency: str, language: str) -> str:
    try:
        return format_money(amount, currency, language)
    except (UnknownLocaleError, ValueError):
        return format_money(amount, currency, "en")


def _page(
    status: int,
    store: StoreSettings,
    language: str,
    *,
    heading: str,
    tone: str = "",
    message: str = "",
    amount: str = "",
    order_id: str = "",
    can_pay: bool = False,
) -> HTMLResponse:
    html = _templates.get_template("pay.html").render(
        store_name=store.name,
        language=language,
        heading=heading,
        tone=tone,
        message=message,
        amount=amount,
        order_id=order_id,
        can_pay=can_pay,
    )
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


@router.get("/pay/{token}", response_class=HTMLResponse, summary="The test provider's pay page")
def pay_page(
    token: PayToken, session: ReadSession, store: Store, language: PageLanguage = None
) -> HTMLResponse:
    lang = _language(store, language)
    try:
        link = get_pay_link(session, token)
    except PayLinkNotFound:
        return _page(
            404,
            store,
            lang,
            heading="Payment link not found",
            tone="warn",
            message="Check the link you were sent, or ask the shop for a new one.",
        )
    amount = _money(link.amount, link.currency, lang)
    if link.status == "succeeded":
        return _page(
            200,
            store,
            lang,
            heading="Already paid",
            tone="ok",
            amount=amount,
            order_id=link.order_id,
            message="This order is paid. Thank you!",
        )
    if link.status != "pending":
        return _page(
            410,
            store,
            lang,
            heading="This payment link is no longer valid",
            tone="warn",
            order_id=link.order_id,
            message="The order was cancelled or the link was replaced.",
        )
    return _page(
        200, store, lang, heading="Pay your order", amount=amount, order_id=link.order_id, can_pay=True
    )


@router.post("/pay/{token}", response_class=HTMLResponse, summary="The test provider confirms a payment")
def confirm(token: PayToken, db: DatabaseDep, store: Store, language: PageLanguage = None) -> HTMLResponse:
    lang = _language(store, language)
    try:
        # a session of its own: a refused confirmation rolls back before the page is shown
        with db.session() as session:
            order = confirm_payment(session, token)
    except PayLinkNotFound:
        return _page(
            404,
            store,
            lang,
            heading="Payment link not found",
            tone="warn",
            message="Check the link you were sent, or ask the shop for a new one.",
        )
    except (PayLinkAlreadyUsed, InvalidTransition):
        with db.read_session() as session:
            link = get_pay_link(session, token)
        if link.status == "succeeded":
            return _page(
                200,
                store,
                lang,
                heading="Already paid",
                tone="ok",
                order_id=link.order_id,
                amount=_money(link.amount, link.currency, lang),
                message="This link was already used: the order is paid. Thank you!",
            )
        return _page(
            409,
            store,
            lang,
            heading="This payment link can no longer be used",
            tone="warn",
            order_id=link.order_id,
            message="The order is no longer awaiting payment.",
        )
    return _page(
        200,
        store,
        lang,
        heading="Payment received",
        tone="ok",
        order_id=order.id,
        amount=_money(order.total, order.currency, lang),
        message="Thank you! Your order is confirmed.",
    )
