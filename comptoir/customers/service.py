"""The customers' one door: profiles, look-ups, addresses, payment methods, gift-card balances, identity."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from comptoir.core.clock import utcnow
from comptoir.core.errors import InvalidInput
from comptoir.core.ids import new_digits, new_id
from comptoir.core.money import quantize
from comptoir.core.pagination import Page, clamp
from comptoir.customers.errors import (
    CustomerExists,
    CustomerNotFound,
    GiftCardBalanceTooLow,
    InvalidCustomer,
    PaymentMethodNotFound,
    VerificationFailed,
)
from comptoir.customers.models import (
    Address,
    ChannelIdentity,
    Customer,
    PaymentMethod,
    VerificationChallenge,
)
from comptoir.customers.schemas import (
    AddressInput,
    AddressView,
    CustomerInput,
    CustomerView,
    PaymentMethodInput,
    PaymentMethodView,
    VerificationStarted,
    normalise_email,
)


def _address_view(a: Address) -> AddressView:
    return AddressView(
        id=a.id,
        address1=a.address1,
        address2=a.address2,
        city=a.city,
        state=a.state,
        country=a.country,
        zip=a.zip,
        is_default=a.is_default,
    )


def _method_view(m: PaymentMethod) -> PaymentMethodView:
    return PaymentMethodView(
        id=m.id,
        customer_id=m.customer_id,
        kind=m.kind,
        brand=m.brand,
        last_four=m.last_four,
        paypal_email=m.paypal_email,
        balance=m.balance,
    )


def _view(c: Customer) -> CustomerView:
    addresses = [_address_view(a) for a in c.addresses]
    return CustomerView(
        id=c.id,
        first_name=c.first_name,
        last_name=c.last_name,
        email=c.email,
        phone=c.phone,
        language=c.language,
        default_address=next((a for a in addresses if a.is_default), None),
        addresses=addresses,
        payment_methods=[_method_view(m) for m in c.payment_methods],
    )


def _load(session: Session, customer_id: str) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise CustomerNotFound(f"no customer '{customer_id}'", customer_id=customer_id)
    return customer


def _fold_name(text: str) -> str:
    """Case- and accent-insensitive form of a name (Γιώργος = ΓΙΩΡΓΟΣ = γιωργος)."""
    decomposed = unicodedata.normalize("NFD", text.strip().casefold())
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "customer"


def _new_customer_id(session: Session, first: str, last: str) -> str:
    base = f"{_slug(first)}_{_slug(last)}"
    while True:
        candidate = f"{base}_{new_digits(4)}"
        if session.get(Customer, candidate) is None:
            return candidate


def _new_method_id(session: Session, kind: str) -> str:
    while True:
        candidate = f"{kind}_{new_digits(7)}"
        if session.get(PaymentMethod, candidate) is None:
            return candidate


def create_customer(session: Session, data: CustomerInput) -> CustomerView:
    """Create a customer with an optional default address and payment methods."""
    if data.email and session.scalar(select(Customer.id).where(Customer.email == data.email)):
        raise CustomerExists(f"a customer with e-mail {data.email} already exists")
    customer_id = data.id or _new_customer_id(session, data.first_name, data.last_name)
    if session.get(Customer, customer_id) is not None:
        raise CustomerExists(f"a customer '{customer_id}' already exists")
    customer = Customer(
        id=customer_id,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        email=data.email,
        phone=data.phone,
        language=data.language,
    )
    session.add(customer)
    if data.address is not None:
        customer.addresses.append(Address(**data.address.model_dump(), is_default=True))
    session.flush()
    for method in data.payment_methods:
        add_payment_method(session, customer_id, method)
    session.flush()
    return _view(customer)


def get_customer(session: Session, customer_id: str) -> CustomerView:
    return _view(_load(session, customer_id))


def list_customers(session: Session, *, offset: int = 0, limit: int = 100) -> Page[CustomerView]:
    """Customers by id, a page at a time (merchant's console, exporters). Three queries a page, read as
    plain rows: exporting thousands of customers stays quick."""
    offset, limit = clamp(offset, limit)
    rows = session.execute(select(Customer.__table__).order_by(Customer.id).offset(offset).limit(limit)).all()
    ids = [r.id for r in rows]
    addresses: dict[str, list[AddressView]] = {}
    methods: dict[str, list[PaymentMethodView]] = {}
    if ids:
        for a in session.execute(
            select(Address.__table__).where(Address.customer_id.in_(ids)).order_by(Address.id)
        ):
            addresses.setdefault(a.customer_id, []).append(_address_view(a))  # type: ignore[arg-type]
        for m in session.execute(
            select(PaymentMethod.__table__)
            .where(PaymentMethod.customer_id.in_(ids))
            .order_by(PaymentMethod.customer_id, PaymentMethod.position)
        ):
            methods.setdefault(m.customer_id, []).append(_method_view(m))  # type: ignore[arg-type]
    items = [
        CustomerView(
            id=r.id,
            first_name=r.first_name,
            last_name=r.last_name,
            email=r.email,
            phone=r.phone,
            language=r.language,
            default_address=next((a for a in addresses.get(r.id, []) if a.is_default), None),
            addresses=addresses.get(r.id, []),
            payment_methods=methods.get(r.id, []),
        )
        for r in rows
    ]
    total = session.scalar(select(func.count()).select_from(Customer)) or 0
    return Page[CustomerView](items=items, total=total, offset=offset, limit=limit)


def find_customer_by_email(session: Session, email: str) -> CustomerView:
    """The customer with this e-mail address (case-insensitive), or ``CustomerNotFound``."""
    try:
        normalised = normalise_email(email)
    except ValueError as exc:
        raise InvalidCustomer(str(exc), code="invalid_email") from exc
    customer = session.scalar(select(Customer).where(Customer.email == normalised))
    if customer is None:
        raise CustomerNotFound("no customer with this e-mail address")
    return _view(customer)


def find_customer_by_name_zip(session: Session, *, first_name: str, last_name: str, zip: str) -> CustomerView:
    """The customer with this first name, last name and a saved address with this zip."""
    first, last, code = first_name.strip().casefold(), last_name.strip().casefold(), zip.strip()
    if not first or not last or not code:
        raise InvalidCustomer("first name, last name and zip are all needed", code="invalid_name_zip")
    # names are compared in Python: SQLite's lower() folds ASCII only (Γιώργος, Élodie…)
    candidates = session.scalars(
        select(Customer)
        .join(Address, Address.customer_id == Customer.id)
        .where(Address.zip == code)
        .distinct()
    ).all()
    rows = [
        c
        for c in candidates
        if _fold_name(c.first_name) == _fold_name(first) and _fold_name(c.last_name) == _fold_name(last)
    ]
    if len(rows) != 1:
        raise CustomerNotFound("no single customer matches this name and zip")
    return _view(rows[0])


def find_customer_by_zip_and_names(session: Session, *, zip: str, text: str) -> CustomerView:
    """The one customer with a saved address at ``zip`` whose first and last names both appear in ``text``
    (a shopper's free answer: "Emma Smith, New York, 10192", "佐藤美咲 150-0001")."""
    code = zip.strip()
    if not code or not text.strip():
        raise InvalidCustomer("a name and a zip are needed", code="invalid_name_zip")
    said = _fold_name(text)
    candidates = session.scalars(
        select(Customer)
        .join(Address, Address.customer_id == Customer.id)
        .where(Address.zip == code)
        .distinct()
    ).all()
    rows = [c for c in candidates if _fold_name(c.first_name) in said and _fold_name(c.last_name) in said]
    if len(rows) != 1:
        raise CustomerNotFound("no single customer matches this name and zip")
    return _view(rows[0])


def set_default_address(session: Session, customer_id: str, address: AddressInput) -> CustomerView:
    """Replace the customer's default address (τ: modify_user_address)."""
    customer = _load(session, customer_id)
    current = next((a for a in customer.addresses if a.is_default), None)
    if current is None:
        customer.addresses.append(Address(**address.model_dump(), is_default=True))
    else:
        for key, value in address.model_dump().items():
            setattr(current, key, value)
    session.flush()
    return _view(customer)


def add_address(
    session: Session, customer_id: str, address: AddressInput, *, default: bool = False
) -> AddressView:
    customer = _load(session, customer_id)
    if default:
        for a in customer.addresses:
            a.is_default = False
    row = Address(**address.model_dump(), is_default=default or not customer.addresses)
    customer.addresses.append(row)
    session.flush()
    return _address_view(row)


def add_payment_method(session: Session, customer_id: str, data: PaymentMethodInput) -> PaymentMethodView:
    customer = _load(session, customer_id)
    if data.kind == "credit_card" and (not data.last_four or not data.brand):
        raise InvalidCustomer("a card needs a brand and its last four digits", code="invalid_payment_method")
    if data.kind == "gift_card" and data.balance is None:
        raise InvalidCustomer("a gift card needs a balance", code="invalid_payment_method")
    method_id = data.id or _new_method_id(session, data.kind)
    if session.get(PaymentMethod, method_id) is not None:
        raise CustomerExists(f"a payment method '{method_id}' already exists")
    row = PaymentMethod(
        id=method_id,
        kind=data.kind,
        brand=data.brand,
        last_four=data.last_four,
        token=data.token or (f"tok_{new_id('', 16)}" if data.kind == "credit_card" else None),
        paypal_email=data.paypal_email,
        balance=data.balance,
        position=len(customer.payment_methods),
    )
    customer.payment_methods.append(row)
    session.flush()
    return _method_view(row)


def get_payment_method(session: Session, customer_id: str, payment_method_id: str) -> PaymentMethodView:
    """A payment method of this customer; another customer's method is reported as not found."""
    method = session.get(PaymentMethod, payment_method_id)
    if method is None or method.customer_id != customer_id:
        raise PaymentMethodNotFound(f"no payment method '{payment_method_id}' for this customer")
    return _method_view(method)


def payment_token(session: Session, payment_method_id: str) -> str | None:
    """The provider token of a saved card (for the payments context only)."""
    method = session.get(PaymentMethod, payment_method_id)
    return method.token if method else None


def debit_gift_card(session: Session, payment_method_id: str, amount: Decimal) -> Decimal:
    """Take ``amount`` off a gift card atomically; never goes below zero. Returns the new balance."""
    amount = quantize(amount)
    if amount <= 0:
        raise InvalidInput("amount must be positive", code="invalid_amount")
    result = session.execute(
        update(PaymentMethod)
        .where(
            PaymentMethod.id == payment_method_id,
            PaymentMethod.kind == "gift_card",
            PaymentMethod.balance >= amount,
        )
        .values(balance=PaymentMethod.balance - amount)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise GiftCardBalanceTooLow("the gift card balance does not cover this amount", amount=str(amount))
    session.expire_all()
    return session.scalar(
        select(PaymentMethod.balance).where(PaymentMethod.id == payment_method_id)
    ) or Decimal(0)


def credit_gift_card(session: Session, payment_method_id: str, amount: Decimal) -> Decimal:
    amount = quantize(amount)
    if amount <= 0:
        raise InvalidInput("amount must be positive", code="invalid_amount")
    result = session.execute(
        update(PaymentMethod)
        .where(PaymentMethod.id == payment_method_id, PaymentMethod.kind == "gift_card")
        .values(balance=PaymentMethod.balance + amount)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise PaymentMethodNotFound(f"no gift card '{payment_method_id}'")
    session.expire_all()
    return session.scalar(
        select(PaymentMethod.balance).where(PaymentMethod.id == payment_method_id)
    ) or Decimal(0)


def link_channel_identity(session: Session, *, channel: str, external_id: str, customer_id: str) -> None:
    _load(session, customer_id)
    row = session.scalar(
        select(ChannelIdentity).where(
            ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id
        )
    )
    if row is None:
        session.add(ChannelIdentity(channel=channel, external_id=external_id, customer_id=customer_id))
    else:
        row.customer_id = customer_id
    session.flush()


def find_by_channel_identity(session: Session, *, channel: str, external_id: str) -> CustomerView | None:
    row = session.scalar(
        select(ChannelIdentity).where(
            ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id
        )
    )
    return None if row is None else get_customer(session, row.customer_id)


def _hash_code(challenge_id: str, code: str) -> str:
    return hmac.new(challenge_id.encode(), code.encode(), hashlib.sha256).hexdigest()


def _mask(destination: str) -> str:
    if "@" in destination:
        user, domain = destination.split("@", 1)
        return f"{user[:1]}***@{domain}"
    return f"***{destination[-2:]}"


def start_verification(
    session: Session, customer_id: str, *, via: str = "email", ttl_minutes: int = 10
) -> VerificationStarted:
    """Create a one-time code for the customer. The caller sends ``code``; it is stored only hashed."""
    customer = _load(session, customer_id)
    target = customer.email if via == "email" else customer.phone
    if via not in ("email", "phone") or not target:
        raise InvalidCustomer(f"the customer has no {via} to send a code to", code="no_verification_channel")
    challenge_id = new_id("vc_", 20)
    code = f"{secrets.randbelow(1_000_000):06d}"
    session.add(
        VerificationChallenge(
            id=challenge_id,
            customer_id=customer_id,
            code_hash=_hash_code(challenge_id, code),
            destination=via,
            expires_at=utcnow() + timedelta(minutes=ttl_minutes),
        )
    )
    session.flush()
    return VerificationStarted(
        challenge_id=challenge_id,
        customer_id=customer_id,
        destination=via,
        masked_destination=_mask(target),
        code=code,
    )


def check_verification(session: Session, challenge_id: str, code: str, *, max_attempts: int = 5) -> str:
    """Check a one-time code; returns the verified customer id. Wrong, expired or used codes fail."""
    challenge = session.get(VerificationChallenge, challenge_id, with_for_update=True)
    if challenge is None or challenge.verified_at is not None:
        raise VerificationFailed("this code is not valid")
    if challenge.expires_at < utcnow() or challenge.attempts >= max_attempts:
        raise VerificationFailed("this code has expired; ask for a new one", code="verification_expired")
    challenge.attempts += 1
    if not hmac.compare_digest(challenge.code_hash, _hash_code(challenge_id, code.strip())):
        session.flush()
        raise VerificationFailed("this code is not right")
    challenge.verified_at = utcnow()
    session.flush()
    return challenge.customer_id
