"""Scripted shoppers: a shopper who states a request in their own words, then answers whatever the bot asks
from what they know — and nothing more. Played through the conversation service (as the HTTP API does).

A script (YAML)::

    task: "12"                   # what the script plays (for τ-bench retail: the task id)
    language: fr                 # the shopper's language (the bot is not told it)
    opening: "Bonjour, je voudrais échanger le clavier mécanique de ma commande #W2378156"
    answers:                     # what the shopper says when the bot waits for ...
      email: "..."               #   ... an e-mail (without one, the shopper offers name_zip instead;
                                 #   a list: one address, then the next)
      name_zip: "Yusuf Rossi, 19122"
      order_id: "la commande avec le clavier"
      confirmation: "oui"        # a text is said every time it is asked for;
      choice: ["le clavier", "le thermostat"]   # a list is said item by item, then `default`
      option:                    # a mapping answers the question that names its key
        Keyboard: "switchs clicky, rétroéclairage RGB, pleine taille"
        Thermostat: ["compatible Google Home, noir"]
      address: "..."
      payment_method: "ma carte Mastercard qui finit par 2478"
      default: "Je ne sais pas"  # said when the script has no answer
    followups: ["Et je voudrais aussi ..."]    # said, one at a time, once the bot waits for nothing

The player sends ``opening``, then answers what the last bot message is ``awaiting``. When the bot offers
quick replies for a choice, the shopper clicks one only if its title holds every word of their answer (their
own words, never an id they do not know); otherwise they type the answer.
A shopper asked the same question again after giving the same answer twice says ``default`` instead.
The conversation ends when the bot waits for nothing and no followup remains, on hand-off, or after
``max_turns`` shopper messages.

For τ-bench retail tasks, ``play_tau`` plays a script on a copy of the imported τ store (set to speak the
four languages) and judges it as τ does: the store, exported in the τ shape, must hold exactly the task's
expected records — the changed ones as expected (money to the cent), every other one as it was.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from comptoir.db import Database
from comptoir.dialogue import service
from comptoir.dialogue.schemas import InboundMessage, Message, QuickReply
from comptoir.dialogue.stories import capture_codes
from comptoir.store import get_settings, save_settings

MAX_TURNS = 25
REPEATS = 2  # how many times a shopper gives the same answer to the same question
TAU_LANGUAGES = ["en", "fr", "el", "ja"]
TAU_KINDS = ("users", "products", "orders")
Answer = str | list[str] | dict[str, str | list[str]] | None
Ending = Literal["done", "handoff", "turns"]


class Answers(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Answer = None
    name_zip: Answer = None
    code: str | None = None  # absent: the last one-time code sent (a shopper reading their mailbox)
    order_id: Answer = None
    confirmation: Answer = None
    choice: Answer = None
    option: Answer = None
    address: Answer = None
    payment_method: Answer = None
    default: str


class ShopperScript(BaseModel):
    model_config = ConfigDict(extra="forbid")

    task: str
    language: str
    opening: str
    answers: Answers
    followups: list[str] = Field(default_factory=list)
    path: str = ""


def load_scripts(folder: Path) -> list[ShopperScript]:
    """Every script of ``folder`` (``*.yaml``, recursively), sorted by path."""
    scripts = []
    for path in sorted(folder.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        scripts.append(ShopperScript.model_validate({**data, "path": str(path)}))
    return scripts


@dataclass
class Exchange:
    """One shopper message and the bot's turn."""

    said: str
    clicked: str | None
    replies: list[Message]


@dataclass
class Transcript:
    script: ShopperScript
    conversation_id: str
    exchanges: list[Exchange] = field(default_factory=list)
    ending: Ending = "done"

    def text(self) -> str:
        lines = []
        for e in self.exchanges:
            lines.append(f"  shopper: {e.said}" + (f"  [clicked {e.clicked}]" if e.clicked else ""))
            for m in e.replies:
                body = m.text.replace("\n", " / ")
                lines.append(f"      bot: {body}" + (f"  (awaiting {m.awaiting})" if m.awaiting else ""))
                if m.quick_replies:
                    lines.append("           [" + " | ".join(q.title for q in m.quick_replies) + "]")
        lines.append(f"  [{self.ending}]")
        return "\n".join(lines)


class AnswerSupply:
    """The script's answers, handed out in order: a text every time, a list item by item; a mapping picks
    the entry whose key the bot's question mentions ("*": any other question)."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        self.used: dict[tuple[str, str], int] = defaultdict(int)

    def next(self, kind: str, question: str = "") -> str | None:
        value: Any = getattr(self.answers, kind, None)
        key = ""
        if isinstance(value, dict):
            asked = question.casefold()
            key = next((k for k in value if k != "*" and k.casefold() in asked), "*")
            value = value.get(key)
        if isinstance(value, list):
            i = self.used[kind, key]
            if i >= len(value):
                return None
            self.used[kind, key] += 1
            return str(value[i])
        return value if isinstance(value, str) else None


_WORD = re.compile(r"[a-z0-9]+|[^\W\d_a-z]+")
# words that say nothing about which button (a shopper's filler, not a description)
_FILLER_WORDS = (
    "the one ones with and for that this which please its from about want would like "
    "les des une avec celle celui ceux qui que mon mes pour est dans sur "
    "την της του τον τις των και αυτό αυτή αυτά μου που ένα μία για από στο στη"
)
_FILLER = frozenset(_FILLER_WORDS.split())


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) >= 3 or w.isdigit()}


def pick_reply(answer: str, replies: Iterable[QuickReply]) -> QuickReply | None:
    """The one quick reply whose title holds every word of ``answer`` (a shopper clicking the button that
    says what they would have typed), or None: the shopper then types the answer."""
    wanted = _words(answer) - _FILLER
    if not wanted:
        return None
    fitting = [r for r in replies if wanted <= _words(r.title)]
    return fitting[0] if len(fitting) == 1 else None


def _say(db: Database, cid: str, token: str, message: InboundMessage) -> list[Message]:
    with db.session() as s:
        return service.post_message(s, cid, token, message).messages


def play(db: Database, script: ShopperScript, *, max_turns: int = MAX_TURNS) -> Transcript:
    """Play ``script`` on ``db``: a new conversation, the opening, then answers until the bot is done."""
    with db.session() as s:
        created = service.create_conversation(s)
    cid, token = created.id, created.token
    transcript = Transcript(script=script, conversation_id=cid)
    supply = AnswerSupply(script.answers)
    followups = list(script.followups)
    last_asked: tuple[str, str | None] | None = None
    repeats = 0
    with capture_codes() as codes:
        said, clicked = script.opening, None
        while True:
            message = InboundMessage(payload=clicked) if clicked is not None else InboundMessage(text=said)
            replies = _say(db, cid, token, message)
            transcript.exchanges.append(Exchange(said=said, clicked=clicked, replies=replies))
            if any(m.handoff for m in replies):
                transcript.ending = "handoff"
                break
            if len(transcript.exchanges) >= max_turns:
                transcript.ending = "turns"
                break
            awaiting = replies[-1].awaiting if replies else None
            clicked = None
            if awaiting is None:
                if not followups:
                    break
                said = followups.pop(0)
                continue
            question = replies[-1].text
            answer = _answer(supply, awaiting, question, codes.last)
            asked = (question, answer)
            repeats = repeats + 1 if asked == last_asked else 0
            last_asked = asked
            if answer is None or repeats >= REPEATS:  # no answer, or it did not work: "I don't know"
                said = script.answers.default
                continue
            said = answer
            if awaiting in ("choice", "option", "order_id", "payment_method") and replies[-1].quick_replies:
                button = pick_reply(answer, replies[-1].quick_replies)
                if button is not None:
                    said, clicked = button.title, button.payload
    return transcript


def _answer(supply: AnswerSupply, awaiting: str, question: str, code: str | None) -> str | None:
    if awaiting == "code":
        return supply.next("code") or code
    if awaiting == "email":  # a shopper who does not remember it gives what they know
        return supply.next("email") or supply.next("name_zip")
    if awaiting == "name_zip":
        return supply.next("name_zip") or supply.next("email")
    return supply.next(awaiting, question)


# --- τ-bench retail: play a task's script and judge the store ----------------------------------------

Json = dict[str, Any]


def cents(value: Any) -> Any:
    """Amounts rounded to the cent (τ's expected amounts carry binary-float artefacts such as
    ``71.96000000000001``; every number in a τ record is money)."""
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, dict):
        return {k: cents(v) for k, v in value.items()}
    if isinstance(value, list):
        return [cents(v) for v in value]
    return value


def tau_differences(
    got: Mapping[str, Json], initial: Mapping[str, Json], changed: Mapping[str, Json]
) -> list[str]:
    """How the exported store ``got`` differs from what τ expects: the records of ``changed`` (a task's
    ``expected_changed_records``) as listed there, every other record of ``initial`` as it was."""
    out = []
    for kind in TAU_KINDS:
        expected_here = changed.get(kind, {})
        for key in sorted(set(initial[kind]) | set(expected_here) | set(got[kind])):
            want = expected_here.get(key)
            if want is None:
                want = initial[kind].get(key)
            elif kind == "users" and "user_id" not in want:  # derived on τ-bench v1 tables (no user_id)
                want = {"user_id": key, **want}
            mine = got[kind].get(key)
            if mine == want or cents(mine) == cents(want):
                continue
            fields = sorted(
                k
                for k in set(mine or {}) | set(want or {})
                if cents((mine or {}).get(k)) != cents((want or {}).get(k))
            )
            why = "expected change" if key in expected_here else "unexpected change"
            detail = "; ".join(
                f"{k}: got {json.dumps((mine or {}).get(k))[:160]}, want {json.dumps((want or {}).get(k))[:160]}"
                for k in fields[:4]
            )
            out.append(f"{kind} {key} ({why}) {detail}")
    return out


def speak_languages(db: Database, languages: list[str]) -> None:
    """Let the store speak ``languages`` (the imported τ store speaks English only)."""
    with db.session() as s:
        settings = get_settings(s)
        settings.languages = languages
        save_settings(s, settings)


def export_records(db: Database) -> Json:
    """The store in the τ shape: the records ``export_tau`` writes."""
    from comptoir.interop import tau_snapshot

    with db.read_session() as s:
        return tau_snapshot(s)


@dataclass
class Outcome:
    transcript: Transcript
    differences: list[str]

    @property
    def passed(self) -> bool:
        return not self.differences


def play_tau(
    db: Database, script: ShopperScript, initial: Mapping[str, Json], changed: Mapping[str, Json]
) -> Outcome:
    """Play ``script`` on ``db`` (a fresh copy of the imported τ store) and judge the store it leaves."""
    speak_languages(db, TAU_LANGUAGES)
    transcript = play(db, script)
    return Outcome(transcript=transcript, differences=tau_differences(export_records(db), initial, changed))


@dataclass
class Report:
    outcomes: list[Outcome]

    def rates(self) -> dict[str, tuple[int, int]]:
        """Per language: (passed, scripts)."""
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for o in self.outcomes:
            totals[o.transcript.script.language][1] += 1
            totals[o.transcript.script.language][0] += int(o.passed)
        return {
            k: (v[0], v[1])
            for k, v in sorted(
                totals.items(), key=lambda kv: TAU_LANGUAGES.index(kv[0]) if kv[0] in TAU_LANGUAGES else 99
            )
        }

    def rate(self, language: str) -> float:
        ok, n = self.rates().get(language, (0, 0))
        return ok / n if n else 0.0

    def text(self, *, transcripts: bool = False) -> str:
        lines = []
        for language, (ok, n) in self.rates().items():
            lines.append(f"  {language}  {ok:>3}/{n:<3} {100 * ok / n:5.1f} %")
        for o in self.outcomes:
            script = o.transcript.script
            mark = "pass" if o.passed else "FAIL"
            lines.append(
                f"  [{mark}] task {script.task:>3} {script.language} ({o.transcript.ending}, {len(o.transcript.exchanges)} turns)"
            )
            if not o.passed:
                lines += [f"        {d}" for d in o.differences[:3]]
            if transcripts and not o.passed:
                lines.append(o.transcript.text())
        return "\n".join(lines)
