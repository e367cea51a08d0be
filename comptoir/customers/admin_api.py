"""Merchant operations on customers: look them up, read them, create them, list their orders."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import AfterValidator, Field, StringConstraints

from comptoir.api.deps import AdminAuth, CustomerPathId, Limit, Offset, ReadSession, WriteSession, page_of
from comptoir.api.fields import LanguageCode, Slug
from comptoir.commerce import OrderSummary, list_orders
from comptoir.core.errors import InvalidInput
from comptoir.core.pagination import Page
from comptoir.customers import (
    CustomerInput,
    CustomerNotFound,
    CustomerView,
    PaymentMethodInput,
    create_customer,
    find_customer_by_email,
    find_customer_by_name_zip,
    get_customer,
    normalise_email,
)

router = APIRouter(prefix="/admin/customers", tags=["admin"], dependencies=[AdminAuth])

NamePart = Annotated[str | None, Query(min_length=1, max_length=120)]
Email = Annotated[str, StringConstraints(min_length=3, max_length=320), AfterValidator(normalise_email)]


class PaymentMethodBody(PaymentMethodInput):
    id: Slug | None = None
    paypal_email: Email | None = None


class CustomerBody(CustomerInput):
    """A ``CustomerInput`` with every field bounded (a subclass: what the service adds is taken at once)."""

    language: LanguageCode | None = None
    payment_methods: Annotated[list[PaymentMethodBody], Field(max_length=20)] = Field(  # type: ignore[assignment]
        default_factory=list
    )

    def to_input(self) -> CustomerInput:
        return CustomerInput.model_validate(self.model_dump(exclude_unset=True))


@router.get("", response_model=Page[CustomerView], summary="Find a customer by e-mail, or by name and zip")
def find_customers(
    session: ReadSession,
    email: Annotated[str | None, Query(min_length=3, max_length=320)] = None,
    first_name: NamePart = None,
    last_name: NamePart = None,
    zip: Annotated[str | None, Query(min_length=1, max_length=20)] = None,
) -> Page[CustomerView]:
    """At most one customer matches; an empty page when none (or, by name and zip, several) do."""
    try:
        if email is not None:
            found = [find_customer_by_email(session, email)]
        elif first_name is not None and last_name is not None and zip is not None:
            found = [find_customer_by_name_zip(session, first_name=first_name, last_name=last_name, zip=zip)]
        else:
            raise InvalidInput("give an e-mail, or a first name, last name and zip", code="lookup_needed")
    except CustomerNotFound:
        found = []
    return Page[CustomerView](items=found, total=len(found), offset=0, limit=1)


@router.post("", response_model=CustomerView, status_code=status.HTTP_201_CREATED, summary="Add a customer")
def new_customer(body: CustomerBody, session: WriteSession) -> CustomerView:
    return create_customer(session, body.to_input())


@router.get("/{customer_id}", response_model=CustomerView, summary="A customer")
def customer(customer_id: CustomerPathId, session: ReadSession) -> CustomerView:
    return get_customer(session, customer_id)


@router.get("/{customer_id}/orders", response_model=Page[OrderSummary], summary="A customer's orders")
def customer_orders(
    customer_id: CustomerPathId, session: ReadSession, offset: Offset = 0, limit: Limit = 20
) -> Page[OrderSummary]:
    return page_of(list_orders(session, customer_id), offset, limit)
