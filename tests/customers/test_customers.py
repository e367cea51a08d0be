"""Customer look-ups, addresses, identity codes and gift-card balances."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from pydantic import ValidationError
from sqlalchemy import update

from comptoir.core.clock import utcnow
from comptoir.core.errors import ComptoirError
from comptoir.customers import (
    AddressInput,
    check_verification,
    create_customer,
    debit_gift_card,
    find_customer_by_email,
    find_customer_by_name_zip,
    get_customer,
    set_default_address,
    start_verification,
)
from comptoir.customers.models import VerificationChallenge
from comptoir.db import Database
from tests.factories import customer, seed


def test_find_by_email_is_case_insensitive_and_by_name_zip(db: Database) -> None:
    _, ada = seed(db)
    with db.read_session() as s:
        assert find_customer_by_email(s, " ADA@Example.com ").id == ada.id
        assert find_customer_by_name_zip(s, first_name="ada", last_name="LOVELACE", zip="69001").id == ada.id
        with pytest.raises(ComptoirError) as info:
            find_customer_by_name_zip(s, first_name="Ada", last_name="Lovelace", zip="75001")
        assert info.value.code == "customer_not_found"
        with pytest.raises(ComptoirError) as info:
            find_customer_by_email(s, "not-an-email")
        assert info.value.code == "invalid_email"


def test_malformed_email_and_duplicate_customer_are_refused(db: Database) -> None:
    seed(db)
    with pytest.raises(ValidationError):
        customer("ada@@example")
    with pytest.raises(ComptoirError) as info, db.session() as s:
        create_customer(s, customer("ADA@example.com"))
    assert info.value.code == "customer_exists"


def test_set_default_address_replaces_it(db: Database) -> None:
    _, ada = seed(db)
    with db.session() as s:
        after = set_default_address(
            s, ada.id, AddressInput(address1="9 Quai", city="Nice", country="FR", zip="06000")
        )
    assert after.default_address is not None and after.default_address.city == "Nice"
    assert len(after.addresses) == 1


def test_verification_code_is_checked_once_and_expires(db: Database) -> None:
    _, ada = seed(db)
    with db.session() as s:
        started = start_verification(s, ada.id)
    assert started.masked_destination == "a***@example.com" and len(started.code) == 6
    wrong = "000000" if started.code != "000000" else "111111"
    with pytest.raises(ComptoirError) as info, db.session() as s:
        check_verification(s, started.challenge_id, wrong)
    assert info.value.code == "verification_failed"
    with db.session() as s:
        assert check_verification(s, started.challenge_id, started.code) == ada.id
    with pytest.raises(ComptoirError), db.session() as s:
        check_verification(s, started.challenge_id, started.code)
    with db.session() as s:
        late = start_verification(s, ada.id)
        s.execute(
            update(VerificationChallenge)
            .where(VerificationChallenge.id == late.challenge_id)
            .values(expires_at=utcnow() - timedelta(minutes=1))
        )
    with pytest.raises(ComptoirError) as info, db.session() as s:
        check_verification(s, late.challenge_id, late.code)
    assert info.value.code == "verification_expired"


def test_gift_card_debit_never_below_zero(db: Database) -> None:
    _, ada = seed(db)
    gift = ada.payment_methods[1].id
    with db.session() as s:
        assert debit_gift_card(s, gift, Decimal("30")) == Decimal("20.00")
    with pytest.raises(ComptoirError) as info, db.session() as s:
        debit_gift_card(s, gift, Decimal("20.01"))
    assert info.value.code == "gift_card_balance_too_low"
    with db.read_session() as s:
        assert get_customer(s, ada.id).payment_methods[1].balance == Decimal("20.00")
