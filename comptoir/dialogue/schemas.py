"""The conversation API's values: a contract other tools rely on (extend, never break)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

Author = Literal["shopper", "bot", "agent", "system"]
Awaiting = Literal[
    "email", "name_zip", "code", "order_id", "confirmation", "choice", "option", "address", "payment_method"
]
Owner = Literal["bot", "waiting", "agent", "closed"]


class ProductCard(BaseModel):
    id: str
    variant_id: str | None = None
    title: str
    price: Decimal
    currency: str
    in_stock: bool
    image_url: str | None = None


class QuickReply(BaseModel):
    title: str
    payload: str


class Citation(BaseModel):
    article_id: str
    title: str


class OrderCard(BaseModel):
    id: str
    status: str
    total: Decimal


class CartLineCard(BaseModel):
    variant_id: str
    title: str
    options: dict[str, str] = Field(default_factory=dict)
    quantity: int
    price: Decimal


class CartCard(BaseModel):
    lines: list[CartLineCard]
    total: Decimal
    currency: str


class Message(BaseModel):
    id: str
    seq: int
    created_at: datetime
    author: Author
    agent_name: str | None = None
    text: str
    language: str | None = None
    products: list[ProductCard] | None = None
    quick_replies: list[QuickReply] | None = None
    citations: list[Citation] | None = None
    order: OrderCard | None = None
    cart: CartCard | None = None
    awaiting: Awaiting | None = None
    handoff: bool = False
    intent: str | None = None  # for shopper messages: what the bot understood (agents' view, analytics)


class NewConversation(BaseModel):
    language: str | None = Field(default=None, min_length=2, max_length=8)
    customer_token: str | None = Field(default=None, max_length=500)


class ConversationCreated(BaseModel):
    id: str
    token: str


class InboundMessage(BaseModel):
    text: str | None = Field(default=None, max_length=20000)
    payload: str | None = Field(default=None, max_length=500)
    client_message_id: str | None = Field(default=None, min_length=1, max_length=100)

    @model_validator(mode="after")
    def _one_of(self) -> InboundMessage:
        if (self.text is None) == (self.payload is None):
            raise ValueError("send either text or payload")
        return self


class Reply(BaseModel):
    messages: list[Message]


class ConversationView(BaseModel):
    id: str
    language: str | None
    owner: Owner
    agent_name: str | None
    customer_verified: bool
    handoff: bool
    last_seq: int
    awaiting: Awaiting | None
    created_at: datetime
    state: dict[str, Any] = Field(default_factory=dict)
