"""The payments' one door: charge, refund, pay links and their confirmation, transaction history."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from comptoir.core.clock import utcnow
from comptoir.core.errors import InvalidInput
from comptoir.core.ids import new_id, new_token
from comptoir.core.money import quantize
from comptoir.customers import PaymentMethodView, credit_gift_card, debit_gift_card, payment_token
from comptoir.payments.errors import PayLinkAlreadyUsed, PayLinkNotFound, PaymentDeclined
from comptoir.payments.models import PaymentTransaction
from comptoir.payments.provider import get_provider
from comptoir.payments.schemas import PayLinkView, TransactionView


def _view(t: PaymentTransaction) -> TransactionView:
    return TransactionView(
        id=t.id,
        order_id=t.order_id,
        kind=t.kind,
        amount=t.amount,
        currency=t.currency,
        payment_method_id=t.payment_method_id,
        method_kind=t.method_kind,
        status=t.status,
        provider=t.provider,
        created_at=t.created_at,
    )


def _next_position(session: Session, order_id: str) -> int:
    current = session.scalar(
        select(func.max(PaymentTransaction.position)).where(PaymentTransaction.order_id == order_id)
    )
    return 0 if current is None else current + 1


def _record(
    session: Session,
    *,
    order_id: str,
    kind: str,
    amount: Decimal,
    currency: str,
    method_id: str | None,
    method_kind: str,
    status: str,
    provider: str,
    provider_ref: str | None = None,
    pay_token: str | None = None,
    error: str | None = None,
    position: int | None = None,
    flush: bool = True,
) -> PaymentTransaction:
    row = PaymentTransaction(
        id=new_id("txn_", 16),
        order_id=order_id,
        position=_next_position(session, order_id) if position is None else position,
        kind=kind,
        amount=amount,
        currency=currency,
        payment_method_id=method_id,
        method_kind=method_kind,
        status=status,
        provider=provider,
        provider_ref=provider_ref,
        pay_token=pay_token,
        error=error,
        created_at=utcnow(),
        settled_at=utcnow() if status == "succeeded" else None,
    )
    session.add(row)
    if flush:
        session.flush()
    return row


def charge(
    session: Session, *, order_id: str, method: PaymentMethodView, amount: Decimal, currency: str
) -> TransactionView:
    """Take ``amount`` from a saved method: gift cards from their balance, others through the provider."""
    amount = quantize(amount, currency)
    if amount <= 0:
        raise InvalidInput("a charge must be positive", code="invalid_amount")
    if method.kind == "gift_card":
        debit_gift_card(session, method.id, amount)
        provider_name, reference = "gift_card", None
    else:
        provider = get_provider()
        result = provider.charge(
            token=payment_token(session, method.id),
            method_kind=method.kind,
            amount=amount,
            currency=currency,
            idempotency_key=new_id("ik_", 20),
        )
        if not result.ok:
            raise PaymentDeclined(f"the payment was declined ({result.error})", reason=result.error)
        provider_name, reference = provider.name, result.reference
    row = _record(
        session,
        order_id=order_id,
        kind="payment",
        amount=amount,
        currency=currency,
        method_id=method.id,
        method_kind=method.kind,
        status="succeeded",
        provider=provider_name,
        provider_ref=reference,
    )
    return _view(row)


def refund(
    session: Session,
    *,
    order_id: str,
    method: PaymentMethodView,
    amount: Decimal,
    currency: str,
    allow_zero: bool = False,
) -> TransactionView:
    """Give ``amount`` back to a saved method: gift cards at once, others through the provider.

    With ``allow_zero``, an amount of 0 is recorded as a settled refund without touching the method
    (a price difference that came to nothing, kept in the history for the record).
    """
    amount = quantize(amount, currency)
    if amount < 0 or (amount == 0 and not allow_zero):
        raise InvalidInput("a refund must be positive", code="invalid_amount")
    if amount == 0:
        provider_name, reference = "none", None
    elif method.kind == "gift_card":
        credit_gift_card(session, method.id, amount)
        provider_name, reference = "gift_card", None
    else:
        provider = get_provider()
        result = provider.refund(
            reference=None,
            method_kind=method.kind,
            amount=amount,
            currency=currency,
            idempotency_key=new_id("ik_", 20),
        )
        if not result.ok:
            raise PaymentDeclined(f"the refund failed ({result.error})", reason=result.error)
        provider_name, reference = provider.name, result.reference
    row = _record(
        session,
        order_id=order_id,
        kind="refund",
        amount=amount,
        currency=currency,
        method_id=method.id,
        method_kind=method.kind,
        status="succeeded",
        provider=provider_name,
        provider_ref=reference,
    )
    return _view(row)


def record_history(
    session: Session,
    *,
    order_id: str,
    kind: str,
    amount: Decimal,
    currency: str,
    method_id: str,
    method_kind: str,
    position: int | None = None,
    flush: bool = True,
) -> TransactionView:
    """Record a past, already settled transaction (importers only).

    An importer that knows the transaction's place in the order's history passes ``position`` and
    saves a query per row; with ``flush=False`` the rows are written at the session's next flush, in
    one batch.
    """
    if kind not in ("payment", "refund"):
        raise InvalidInput(f"unknown transaction kind '{kind}'", code="invalid_transaction_kind")
    return _view(
        _record(
            session,
            order_id=order_id,
            kind=kind,
            amount=quantize(amount, currency),
            currency=currency,
            method_id=method_id,
            method_kind=method_kind,
            status="succeeded",
            provider="import",
            position=position,
            flush=flush,
        )
    )


def transactions_by_order(session: Session, *, settled_only: bool = True) -> dict[str, list[TransactionView]]:
    """Every order's transactions in one query, in history order (exporters and reports)."""
    query = select(PaymentTransaction.__table__)  # plain rows: thousands of them, read once
    if settled_only:
        query = query.where(PaymentTransaction.status == "succeeded")
    out: dict[str, list[TransactionView]] = {}
    for t in session.execute(query.order_by(PaymentTransaction.order_id, PaymentTransaction.position)):
        out.setdefault(t.order_id, []).append(_view(t))  # type: ignore[arg-type]
    return out


def open_pay_link(session: Session, *, order_id: str, amount: Decimal, currency: str) -> PayLinkView:
    """Open a hosted checkout for an order; the money counts only once the provider confirms."""
    provider = get_provider()
    result = provider.open_checkout(amount=amount, currency=currency, idempotency_key=new_id("ik_", 20))
    token = new_token(24)
    row = _record(
        session,
        order_id=order_id,
        kind="payment",
        amount=quantize(amount, currency),
        currency=currency,
        method_id=None,
        method_kind="pay_link",
        status="pending",
        provider=provider.name,
        provider_ref=result.reference,
        pay_token=token,
    )
    return PayLinkView(token=token, order_id=order_id, amount=row.amount, currency=currency, status="pending")


def get_pay_link(session: Session, token: str) -> PayLinkView:
    row = session.scalar(select(PaymentTransaction).where(PaymentTransaction.pay_token == token))
    if row is None:
        raise PayLinkNotFound("this payment link does not exist")
    return PayLinkView(
        token=token,
        order_id=row.order_id,
        amount=row.amount,
        currency=row.currency,
        status=row.status,
    )


def confirm_pay_link(session: Session, token: str) -> PayLinkView:
    """The provider's confirmation that a pay link was paid. Idempotent per link; a second use fails."""
    row = session.scalar(
        select(PaymentTransaction).where(PaymentTransaction.pay_token == token).with_for_update()
    )
    if row is None:
        raise PayLinkNotFound("this payment link does not exist")
    if row.status != "pending":
        raise PayLinkAlreadyUsed("this payment link was already used")
    row.status = "succeeded"
    row.settled_at = utcnow()
    session.flush()
    return get_pay_link(session, token)


def pending_pay_token(session: Session, order_id: str) -> str | None:
    """The token of the order's open pay link, if any."""
    return session.scalar(
        select(PaymentTransaction.pay_token).where(
            PaymentTransaction.order_id == order_id,
            PaymentTransaction.status == "pending",
            PaymentTransaction.pay_token.is_not(None),
        )
    )


def cancel_pay_link(session: Session, order_id: str) -> None:
    for row in session.scalars(
        select(PaymentTransaction).where(
            PaymentTransaction.order_id == order_id,
            PaymentTransaction.status == "pending",
            PaymentTransaction.method_kind == "pay_link",
        )
    ):
        row.status = "failed"
        row.error = "order cancelled"
    session.flush()


def list_transactions(session: Session, order_id: str, *, settled_only: bool = True) -> list[TransactionView]:
    query = select(PaymentTransaction).where(PaymentTransaction.order_id == order_id)
    if settled_only:
        query = query.where(PaymentTransaction.status == "succeeded")
    return [_view(t) for t in session.scalars(query.order_by(PaymentTransaction.position))]
