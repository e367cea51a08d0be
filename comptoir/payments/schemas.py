"""Plain values of the payments service."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel


class TransactionView(BaseModel):
    id: str
    order_id: str
    kind: Literal["payment", "refund"]
    amount: Decimal
    currency: str
    payment_method_id: str | None
    method_kind: str
    status: Literal["pending", "succeeded", "failed"]
    provider: str
    created_at: datetime


class PayLinkView(BaseModel):
    token: str
    order_id: str
    amount: Decimal
    currency: str
    status: Literal["pending", "succeeded", "failed"]
