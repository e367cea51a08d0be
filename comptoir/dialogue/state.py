"""The dialogue state and the events that change it. State is only ever changed by applying an event:
``fold(events) == state`` always holds, and the conversation row keeps a snapshot of it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from comptoir.dialogue.schemas import Awaiting


class Task(BaseModel):
    """Something the shopper asked for and the bot is doing: its slots and the question it waits on."""

    name: str
    slots: dict[str, Any] = Field(default_factory=dict)
    awaiting: Awaiting | None = None
    slot: str | None = None  # the slot the awaited answer fills
    options: list[dict[str, Any]] = Field(default_factory=list)  # the choices offered, for "the second one"


class DialogueState(BaseModel):
    language: str | None = None
    customer_id: str | None = None  # set only once identity is verified
    identity: dict[str, Any] = Field(default_factory=dict)  # candidate, challenge, attempts
    tasks: list[Task] = Field(default_factory=list)  # a stack: the last one is active
    queue: list[dict[str, Any]] = Field(default_factory=list)  # further requests of a multi-request message
    results: list[dict[str, Any]] = Field(default_factory=list)  # products last shown, in order
    focus: str | None = None  # the product being talked about
    search: dict[str, Any] = Field(default_factory=dict)  # last query and filters, for refinement
    cart_id: str | None = None
    failures: int = 0
    owner: str = "bot"
    turn: int = 0
    last_intent: str | None = None
    # name, outcome and turn of the last finished task
    last_task: dict[str, Any] = Field(default_factory=dict)
    # order changes made in this conversation: kind, order, refund (or, negative, charge)
    done: list[dict[str, Any]] = Field(default_factory=list)

    @property
    def task(self) -> Task | None:
        return self.tasks[-1] if self.tasks else None

    @property
    def awaiting(self) -> Awaiting | None:
        return self.tasks[-1].awaiting if self.tasks else None


EVENT_TYPES = {
    "shopper_said",
    "bot_said",
    "agent_said",
    "system_said",
    "task_started",
    "task_updated",
    "task_ended",
    "state_set",
    "service_called",
    "identity_verified",
    "identity_forgotten",
    "owner_changed",
    "language_changed",
}
# fields an event may set through "state_set" (everything else changes through its own event type)
SETTABLE = {"identity", "queue", "results", "focus", "search", "cart_id", "failures", "done"}


def apply(state: DialogueState, type_: str, payload: dict[str, Any]) -> DialogueState:
    """The state after one event (a new object; the old one is not changed)."""
    s = state.model_copy(deep=True)
    if type_ == "shopper_said":
        s.turn += 1
        s.last_intent = payload.get("intent")
        if payload.get("language"):
            s.language = payload["language"]
    elif type_ == "task_started":
        s.tasks.append(Task.model_validate(payload["task"]))
    elif type_ == "task_updated":
        if s.tasks:
            s.tasks[-1] = Task.model_validate(payload["task"])
    elif type_ == "task_ended":
        if s.tasks:
            s.tasks.pop()
        s.last_task = {"name": payload.get("name"), "outcome": payload.get("outcome"), "turn": s.turn}
    elif type_ == "state_set":
        for key, value in payload.items():
            if key not in SETTABLE:
                raise ValueError(f"state_set cannot set {key}")
            setattr(s, key, value)
    elif type_ == "identity_verified":
        s.customer_id = payload["customer_id"]
        s.identity = {}
    elif type_ == "identity_forgotten":
        s.customer_id = None
        s.identity = {}
    elif type_ == "owner_changed":
        s.owner = payload["to"]
        if payload["to"] != "bot":
            s.tasks = []
            s.queue = []
    elif type_ == "language_changed":
        s.language = payload["to"]
    elif type_ not in EVENT_TYPES:
        raise ValueError(f"unknown event type {type_}")
    return s


def fold(events: list[tuple[str, dict[str, Any]]], start: DialogueState | None = None) -> DialogueState:
    state = start or DialogueState()
    for type_, payload in events:
        state = apply(state, type_, payload)
    return state
