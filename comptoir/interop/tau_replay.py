"""τ-bench retail tool calls, run through our service layer.

Each τ tool maps to one service function (reads to the read functions); the merchant policy the store
was imported with (``MerchantPolicy.tau()``) decides what is allowed, here as for every other caller.
Results come back in τ's shapes; failures are our typed errors (``ComptoirError``).
"""

from __future__ import annotations

import ast
import inspect
import json
import operator
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from comptoir.catalog import get_product, get_variant, list_products
from comptoir.commerce import (
    cancel_order,
    exchange_items,
    get_order,
    list_orders,
    modify_order_address,
    modify_order_items,
    modify_order_payment,
    return_items,
)
from comptoir.core.errors import InvalidInput
from comptoir.customers import (
    AddressInput,
    find_customer_by_email,
    find_customer_by_name_zip,
    get_customer,
    set_default_address,
)
from comptoir.interop.tau_records import Json, order_record, product_record, user_record, variant_record

ACTOR = "agent"

Handler = Callable[..., object]


def _user(session: Session, user_id: str) -> Json:
    customer = get_customer(session, user_id)
    return user_record(customer, [o.id for o in list_orders(session, user_id)])


def find_user_id_by_email(session: Session, *, email: str) -> str:
    return find_customer_by_email(session, email).id


def find_user_id_by_name_zip(session: Session, *, first_name: str, last_name: str, zip: str) -> str:
    return find_customer_by_name_zip(session, first_name=first_name, last_name=last_name, zip=zip).id


def get_user_details(session: Session, *, user_id: str) -> Json:
    return _user(session, user_id)


def get_order_details(session: Session, *, order_id: str) -> Json:
    return order_record(get_order(session, order_id))


def get_product_details(session: Session, *, product_id: str) -> Json:
    return product_record(get_product(session, product_id))


def get_item_details(session: Session, *, item_id: str) -> Json:
    return variant_record(get_variant(session, item_id))


def list_all_product_types(session: Session) -> str:
    names: dict[str, str] = {}
    offset = 0
    while True:
        page = list_products(session, offset=offset, limit=200)
        names.update({p.title: p.id for p in page.items})
        offset += len(page.items)
        if not page.items or offset >= page.total:
            return json.dumps(names, sort_keys=True)


_OPERATORS: dict[type, Callable[..., float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}


def _evaluate(node: ast.AST) -> float:
    if isinstance(node, ast.Expression):
        return _evaluate(node.body)
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ):
        return float(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.left), _evaluate(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.operand))
    raise ValueError("unsupported expression")


def calculate(session: Session, *, expression: str) -> str:
    """Arithmetic on numbers with + - * / and parentheses, rounded to 2 places (never ``eval``)."""
    if len(expression) > 500 or not all(c in "0123456789+-*/(). " for c in expression):
        raise InvalidInput("only numbers, + - * / and parentheses are allowed", code="invalid_expression")
    try:
        return str(round(_evaluate(ast.parse(expression, mode="eval")), 2))
    except (SyntaxError, ValueError, ZeroDivisionError, OverflowError, RecursionError) as exc:
        raise InvalidInput(f"cannot calculate '{expression}'", code="invalid_expression") from exc


def cancel_pending_order(session: Session, *, order_id: str, reason: str) -> Json:
    return order_record(cancel_order(session, order_id, reason=reason, actor=ACTOR))


def _address(address1: str, address2: str, city: str, state: str, country: str, zip: str) -> AddressInput:
    return AddressInput(
        address1=address1, address2=address2, city=city, state=state, country=country, zip=zip
    )


def modify_pending_order_address(
    session: Session,
    *,
    order_id: str,
    address1: str,
    address2: str,
    city: str,
    state: str,
    country: str,
    zip: str,
) -> Json:
    address = _address(address1, address2, city, state, country, zip)
    return order_record(modify_order_address(session, order_id, address, actor=ACTOR))


def modify_pending_order_payment(session: Session, *, order_id: str, payment_method_id: str) -> Json:
    return order_record(modify_order_payment(session, order_id, payment_method_id, actor=ACTOR))


def modify_pending_order_items(
    session: Session, *, order_id: str, item_ids: list[str], new_item_ids: list[str], payment_method_id: str
) -> Json:
    view = modify_order_items(
        session,
        order_id,
        item_ids=list(item_ids),
        new_item_ids=list(new_item_ids),
        payment_method_id=payment_method_id,
        actor=ACTOR,
    )
    return order_record(view)


def return_delivered_order_items(
    session: Session, *, order_id: str, item_ids: list[str], payment_method_id: str
) -> Json:
    view = return_items(
        session, order_id, item_ids=list(item_ids), payment_method_id=payment_method_id, actor=ACTOR
    )
    return order_record(view)


def exchange_delivered_order_items(
    session: Session, *, order_id: str, item_ids: list[str], new_item_ids: list[str], payment_method_id: str
) -> Json:
    view = exchange_items(
        session,
        order_id,
        item_ids=list(item_ids),
        new_item_ids=list(new_item_ids),
        payment_method_id=payment_method_id,
        actor=ACTOR,
    )
    return order_record(view)


def modify_user_address(
    session: Session,
    *,
    user_id: str,
    address1: str,
    address2: str,
    city: str,
    state: str,
    country: str,
    zip: str,
) -> Json:
    set_default_address(session, user_id, _address(address1, address2, city, state, country, zip))
    return _user(session, user_id)


def transfer_to_human_agents(session: Session, *, summary: str) -> str:
    # no hand-off queue to join yet: τ only records that the call was made
    return "Transfer successful"


def think(session: Session, *, thought: str) -> str:
    return ""


TOOLS: dict[str, Handler] = {
    f.__name__: f
    for f in (
        find_user_id_by_email,
        find_user_id_by_name_zip,
        get_user_details,
        get_order_details,
        get_product_details,
        get_item_details,
        list_all_product_types,
        calculate,
        cancel_pending_order,
        modify_pending_order_address,
        modify_pending_order_payment,
        modify_pending_order_items,
        return_delivered_order_items,
        exchange_delivered_order_items,
        modify_user_address,
        transfer_to_human_agents,
        think,
    )
}

WRITE_TOOLS = frozenset(
    {
        "cancel_pending_order",
        "modify_pending_order_address",
        "modify_pending_order_payment",
        "modify_pending_order_items",
        "return_delivered_order_items",
        "exchange_delivered_order_items",
        "modify_user_address",
    }
)


def replay(session: Session, name: str, arguments: dict[str, Any]) -> object:
    """Run the τ tool ``name`` with ``arguments`` through our services; its τ-shaped result or a
    ``ComptoirError``."""
    handler = TOOLS.get(name)
    if handler is None:
        raise InvalidInput(f"no τ tool '{name}'", code="unknown_tool")
    try:
        inspect.signature(handler).bind(session, **arguments)
    except TypeError as exc:
        raise InvalidInput(f"wrong arguments for {name}: {exc}", code="invalid_arguments") from exc
    try:
        return handler(session, **arguments)
    except ValidationError as exc:
        raise InvalidInput(
            f"invalid arguments for {name}: {exc.errors()[0]['msg']}", code="invalid_arguments"
        ) from exc
