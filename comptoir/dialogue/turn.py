"""One turn of the bot: the context every flow receives. Flows change the state only by emitting
events, talk only through ``say``, and reach the business only through ``call`` (a service function,
run in a savepoint so that a refused operation leaves nothing behind)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy.orm import Session

from comptoir.core.errors import ComptoirError
from comptoir.dialogue import responses
from comptoir.dialogue.schemas import Awaiting, QuickReply
from comptoir.dialogue.state import DialogueState, Task, apply
from comptoir.store import StoreSettings

T = TypeVar("T")
MAX_ACTIONS = 12  # service calls per turn: a runaway flow stops here


class ActionLimitReached(Exception):
    pass


@dataclass
class Entity:
    label: str
    value: Any
    text: str
    start: int = 0
    end: int = 0


@dataclass
class Understanding:
    text: str
    language: str
    intent: str
    confidence: float
    ranking: list[tuple[str, float]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    language_switched: bool = False
    payload: str | None = None

    def first(self, label: str) -> Entity | None:
        return next((e for e in self.entities if e.label == label), None)

    def all(self, label: str) -> list[Entity]:
        return [e for e in self.entities if e.label == label]


@dataclass
class Outgoing:
    text: str
    payload: dict[str, Any]


class Turn:
    def __init__(
        self,
        session: Session,
        *,
        conversation_id: str,
        state: DialogueState,
        store: StoreSettings,
        understanding: Understanding,
        public_url: str = "",
    ) -> None:
        self.session = session
        self.conversation_id = conversation_id
        self.state = state
        self.store = store
        self.u = understanding
        self.message = understanding.text  # the whole message, when ``u`` is one request of several
        self.public_url = public_url
        self.events: list[tuple[str, dict[str, Any]]] = []
        self.out: list[Outgoing] = []
        self.actions = 0

    # --- state ---------------------------------------------------------------------------------

    @property
    def language(self) -> str:
        return self.state.language or self.store.default_language

    def emit(self, type_: str, **payload: Any) -> None:
        self.state = apply(self.state, type_, payload)
        self.events.append((type_, payload))

    def set(self, **values: Any) -> None:
        self.emit("state_set", **values)

    def start(self, name: str, **slots: Any) -> Task:
        task = Task(name=name, slots=slots)
        self.emit("task_started", task=task.model_dump(mode="json"))
        return task

    def update(self, task: Task) -> None:
        self.emit("task_updated", task=task.model_dump(mode="json"))

    def end(self, outcome: str = "done") -> None:
        if self.state.task is not None:
            self.emit("task_ended", name=self.state.task.name, outcome=outcome)

    def ask(
        self, task: Task, awaiting: Awaiting, slot: str, options: list[dict[str, Any]] | None = None
    ) -> None:
        task.awaiting, task.slot, task.options = awaiting, slot, options or []
        self.update(task)

    # --- talking ---------------------------------------------------------------------------------

    def t(self, key: str, **values: Any) -> str:
        return responses.text(key, self.language, seed=f"{self.conversation_id}:{self.state.turn}", **values)

    def money(self, amount: Any) -> str:
        return responses.money(amount, self.store.currency, self.language)

    def say(
        self,
        key: str | None = None,
        *,
        text: str | None = None,
        awaiting: Awaiting | None = None,
        quick_replies: list[QuickReply] | None = None,
        handoff: bool = False,
        **fields: Any,
    ) -> None:
        """Queue a bot message: a catalog ``key`` formatted with ``fields`` (or a ready ``text``).

        Rich fields (``products``, ``citations``, ``order``, ``cart``) are passed as keyword arguments
        holding models or lists of models; everything else formats the text.
        """
        rich = {k: fields.pop(k) for k in ("products", "citations", "order", "cart") if k in fields}
        body = text if text is not None else self.t(key or "fallback", **fields)
        payload: dict[str, Any] = {}
        for name, value in rich.items():
            if value is None:
                continue
            if isinstance(value, list):
                payload[name] = [v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value]
            else:
                payload[name] = value.model_dump(mode="json") if isinstance(value, BaseModel) else value
        if quick_replies:
            payload["quick_replies"] = [q.model_dump() for q in quick_replies]
        if awaiting is not None:
            payload["awaiting"] = awaiting
        if handoff:
            payload["handoff"] = True
        self.out.append(Outgoing(text=body, payload=payload))

    # --- acting ----------------------------------------------------------------------------------

    def call(self, name: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a service function in a savepoint and log it; typed errors propagate to the flow."""
        self.actions += 1
        if self.actions > MAX_ACTIONS:
            raise ActionLimitReached(name)
        logged = {k: v for k, v in kwargs.items() if isinstance(v, (str, int, list, bool, type(None)))}
        try:
            with self.session.begin_nested():
                result = fn(self.session, *args, **kwargs)
        except ComptoirError as exc:
            self.emit("service_called", name=name, args=logged, ok=False, code=exc.code)
            raise
        self.emit("service_called", name=name, args=logged, ok=True)
        return result
