"""τ-bench retail records ⇄ our values: τ JSON into service inputs, our views back into τ JSON.

The τ shapes (τ² ``db.json``; τ-bench v1 has the same records, its users without ``user_id``)::

    product  {name, product_id, variants: {item_id: {item_id, options, available, price}}}
    user     {user_id, name: {first_name, last_name}, address, email,
              payment_methods: {id: {source, id, brand?, last_four?, balance?}}, orders: [order_id]}
    order    {order_id, user_id, address, items: [{name, product_id, item_id, price, options}], status,
              fulfillments: [{tracking_id: [..], item_ids: [..]}],
              payment_history: [{transaction_type, amount, payment_method_id}],
              cancel_reason?, return_items?, return_payment_method_id?, exchange_items?,
              exchange_new_items?, exchange_payment_method_id?, exchange_price_difference?}

Amounts are JSON numbers with cents; we hold them as ``Decimal`` and write them back as floats.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from comptoir.catalog import ProductInput, ProductView, Translation, VariantInput, VariantView
from comptoir.commerce import OrderStatus, OrderView
from comptoir.commerce.importing import (
    ImportedFulfilment,
    ImportedLine,
    ImportedOrder,
    ImportedRequest,
    ImportedTransaction,
)
from comptoir.customers import (
    AddressInput,
    CustomerInput,
    CustomerView,
    PaymentMethodInput,
    PaymentMethodView,
)

Json = dict[str, Any]

ADDRESS_KEYS = ("address1", "address2", "city", "country", "state", "zip")


def money(value: Any) -> Decimal:
    """A τ amount (a JSON number) as an exact decimal: ``47.84`` becomes ``Decimal('47.84')``."""
    return Decimal(str(value))


def number(value: Decimal) -> float:
    return float(value)


# --- τ JSON -> our inputs -------------------------------------------------------------------------


def product_input(record: Json) -> ProductInput:
    return ProductInput(
        id=record["product_id"],
        translations={"en": Translation(title=record["name"])},
        variants=[
            VariantInput(
                id=v["item_id"],
                options=dict(v["options"]),
                price=money(v["price"]),
                available=bool(v["available"]),
            )
            for v in record["variants"].values()
        ],
    )


def address_input(record: Json) -> AddressInput:
    return AddressInput(**{k: record.get(k, "") for k in ADDRESS_KEYS})


def _method_input(record: Json) -> PaymentMethodInput:
    balance = record.get("balance")
    return PaymentMethodInput(
        kind=record["source"],
        id=record["id"],
        brand=record.get("brand"),
        last_four=record.get("last_four"),
        balance=None if balance is None else money(balance),
    )


def customer_input(user_id: str, record: Json) -> CustomerInput:
    return CustomerInput(
        id=user_id,
        first_name=record["name"]["first_name"],
        last_name=record["name"]["last_name"],
        email=record["email"],
        address=address_input(record["address"]),
        payment_methods=[_method_input(m) for m in record["payment_methods"].values()],
    )


def order_input(record: Json, *, customer_seq: int, method_kinds: dict[str, str]) -> ImportedOrder:
    """A τ order; ``method_kinds`` maps the payment method ids of its user to their kind."""
    requests: list[ImportedRequest] = []
    if "return_items" in record:
        requests.append(
            ImportedRequest(
                kind="return",
                item_ids=list(record["return_items"]),
                payment_method_id=record["return_payment_method_id"],
            )
        )
    if "exchange_items" in record:
        requests.append(
            ImportedRequest(
                kind="exchange",
                item_ids=list(record["exchange_items"]),
                new_item_ids=list(record["exchange_new_items"]),
                payment_method_id=record["exchange_payment_method_id"],
                price_difference=money(record["exchange_price_difference"]),
            )
        )
    return ImportedOrder(
        id=record["order_id"],
        customer_id=record["user_id"],
        customer_seq=customer_seq,
        status=OrderStatus(record["status"]),
        address={k: record["address"].get(k, "") for k in ADDRESS_KEYS},
        lines=[
            ImportedLine(
                product_id=i["product_id"],
                item_id=i["item_id"],
                name=i["name"],
                options=dict(i["options"]),
                price=money(i["price"]),
            )
            for i in record["items"]
        ],
        fulfilments=[
            ImportedFulfilment(tracking_ids=list(f["tracking_id"]), item_ids=list(f["item_ids"]))
            for f in record["fulfillments"]
        ],
        payments=[
            ImportedTransaction(
                kind=t["transaction_type"],
                amount=money(t["amount"]),
                payment_method_id=t["payment_method_id"],
                method_kind=method_kinds.get(t["payment_method_id"], "unknown"),
            )
            for t in record["payment_history"]
        ],
        requests=requests,
        cancel_reason=record.get("cancel_reason"),
    )


# --- our views -> τ JSON --------------------------------------------------------------------------


def variant_record(v: VariantView) -> Json:
    return {"item_id": v.id, "options": dict(v.options), "available": v.available, "price": number(v.price)}


def product_record(p: ProductView) -> Json:
    return {"name": p.title, "product_id": p.id, "variants": {v.id: variant_record(v) for v in p.variants}}


def _method_record(m: PaymentMethodView) -> Json:
    out: Json = {"source": m.kind, "id": m.id}
    if m.kind == "credit_card":
        out["brand"] = m.brand
        out["last_four"] = m.last_four
    elif m.kind == "gift_card":
        out["balance"] = number(m.balance or Decimal(0))
    return out


def address_record(address: Any) -> Json:
    """An address (a dict, or a view with the same fields) in τ's key order."""
    if isinstance(address, dict):
        return {k: address.get(k, "") for k in ADDRESS_KEYS}
    return {k: getattr(address, k) for k in ADDRESS_KEYS}


def user_record(c: CustomerView, order_ids: list[str]) -> Json:
    address = c.default_address or (c.addresses[0] if c.addresses else None)
    return {
        "user_id": c.id,
        "name": {"first_name": c.first_name, "last_name": c.last_name},
        "address": address_record(address) if address is not None else {},
        "email": c.email,
        "payment_methods": {m.id: _method_record(m) for m in c.payment_methods},
        "orders": list(order_ids),
    }


def order_record(o: OrderView) -> Json:
    out: Json = {
        "order_id": o.id,
        "user_id": o.customer_id,
        "address": address_record(o.address),
        "items": [
            {
                "name": line.name,
                "product_id": line.product_id,
                "item_id": line.item_id,
                "price": number(line.price),
                "options": dict(line.options),
            }
            for line in o.lines
        ],
        "status": o.status,
        "fulfillments": [
            {"tracking_id": list(f.tracking_ids), "item_ids": list(f.item_ids)} for f in o.fulfilments
        ],
        "payment_history": [
            {"transaction_type": t.kind, "amount": number(t.amount), "payment_method_id": t.payment_method_id}
            for t in o.payments
        ],
    }
    if o.cancel_reason is not None:
        out["cancel_reason"] = o.cancel_reason
    for r in o.requests:
        if r.kind == "return":
            out["return_items"] = list(r.item_ids)
            out["return_payment_method_id"] = r.payment_method_id
        else:
            out["exchange_items"] = list(r.item_ids)
            out["exchange_new_items"] = list(r.new_item_ids)
            out["exchange_payment_method_id"] = r.payment_method_id
            out["exchange_price_difference"] = number(r.price_difference or Decimal(0))
    return out
