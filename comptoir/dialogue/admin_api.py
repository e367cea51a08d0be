"""Reviewing conversations (admin): label what a shopper's turn meant, for ``comptoir train``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from comptoir.api.deps import AdminAuth, WriteSession
from comptoir.dialogue.labels import ReviewedTurn, TurnLabelInput, label_turn

router = APIRouter(prefix="/admin/conversations", tags=["admin"], dependencies=[AdminAuth])

Id = Annotated[str, Path(min_length=1, max_length=64)]


@router.put("/{conversation_id}/messages/{message_id}/label")
def label(conversation_id: Id, message_id: Id, body: TurnLabelInput, session: WriteSession) -> ReviewedTurn:
    """Label a shopper's message with the intent and entities it really had."""
    return label_turn(session, conversation_id, message_id, body, labelled_by="admin")
