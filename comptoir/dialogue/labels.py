"""Reviewed turns: an agent labels what a shopper's message meant; ``comptoir train`` learns from them."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from comptoir.core.errors import InvalidInput, NotFound
from comptoir.dialogue.models import ConversationMessage, TurnLabel
from comptoir.nlu import ENTITY_LABELS, INTENTS


class LabelledEntity(BaseModel):
    start: int = Field(ge=0)
    end: int = Field(ge=1)
    label: str = Field(max_length=40)
    value: str = Field(default="", max_length=200)


class TurnLabelInput(BaseModel):
    intent: str = Field(max_length=40)
    entities: list[LabelledEntity] = Field(default_factory=list, max_length=30)


class ReviewedTurn(BaseModel):
    message_id: str
    conversation_id: str
    text: str
    language: str
    intent: str
    entities: list[LabelledEntity]
    labelled_by: str


def label_turn(
    session: Session, conversation_id: str, message_id: str, data: TurnLabelInput, *, labelled_by: str
) -> ReviewedTurn:
    """Record (or correct) the intent and entities of one shopper message."""
    message = session.get(ConversationMessage, message_id)
    if message is None or message.conversation_id != conversation_id or message.author != "shopper":
        raise NotFound("no such shopper message in this conversation", code="message_not_found")
    if data.intent not in INTENTS:
        raise InvalidInput(f"unknown intent '{data.intent}'", code="unknown_intent", allowed=list(INTENTS))
    for e in data.entities:
        if e.label not in ENTITY_LABELS:
            raise InvalidInput(f"unknown entity label '{e.label}'", code="unknown_entity_label")
        if e.end > len(message.text) or e.start >= e.end:
            raise InvalidInput("an entity span lies outside the message", code="invalid_span")
    row = session.get(TurnLabel, message_id)
    entities = [[e.start, e.end, e.label, e.value or message.text[e.start : e.end]] for e in data.entities]
    if row is None:
        row = TurnLabel(
            message_id=message_id,
            conversation_id=conversation_id,
            intent=data.intent,
            entities=entities,
            labelled_by=labelled_by,
        )
        session.add(row)
    else:
        row.intent, row.entities, row.labelled_by = data.intent, entities, labelled_by
    session.flush()
    return _view(row, message)


def _view(row: TurnLabel, message: ConversationMessage) -> ReviewedTurn:
    return ReviewedTurn(
        message_id=row.message_id,
        conversation_id=row.conversation_id,
        text=message.text,
        language=message.language or "en",
        intent=row.intent,
        entities=[
            LabelledEntity(start=s, end=e, label=label, value=value) for s, e, label, value in row.entities
        ],
        labelled_by=row.labelled_by,
    )


def reviewed_turns(session: Session) -> list[ReviewedTurn]:
    rows = session.execute(
        select(TurnLabel, ConversationMessage).join(
            ConversationMessage, ConversationMessage.id == TurnLabel.message_id
        )
    ).all()
    return [_view(label, message) for label, message in rows]
