"""Talk that needs no task: greetings, what the bot can do, small talk, questions answered from the
knowledge articles (with a citation), and the hand-off to a person."""

from __future__ import annotations

import math
from collections import Counter

from comptoir import knowledge, search
from comptoir.dialogue.schemas import Citation, QuickReply
from comptoir.dialogue.turn import Turn

MIN_SCORE = 1.0
TOPICS = {
    "shipping_info": ["shipping", "international-shipping", "order-tracking", "delivery-times"],
    "returns_policy": ["returns", "refunds", "exchanges"],
    "warranty_info": ["warranty"],
    "payment_info": ["payment", "gift-cards"],
    "store_info": ["store-hours", "contact"],
}
TOPIC_HINT = {
    "shipping_info": "shipping delivery livraison αποστολή 配送",
    "returns_policy": "returns refund retour επιστροφή 返品",
    "warranty_info": "warranty garantie εγγύηση 保証",
    "payment_info": "payment paiement πληρωμή 支払い",
    "store_info": "hours contact horaires ωράριο 営業時間",
}


def _starters(turn: Turn) -> list[QuickReply]:
    return [
        QuickReply(title=turn.t("button.find_product"), payload="intent:search_product"),
        QuickReply(title=turn.t("button.my_order"), payload="intent:order_status"),
        QuickReply(title=turn.t("button.returns"), payload="intent:returns_policy"),
    ]


def greet(turn: Turn) -> None:
    turn.say("greet", store=turn.store.name, quick_replies=_starters(turn))


def capabilities(turn: Turn) -> None:
    turn.say("capabilities", quick_replies=_starters(turn))


def simple(turn: Turn, key: str) -> None:
    turn.say(key)


def answer_question(turn: Turn, intent: str) -> None:
    question = turn.u.text
    topics = TOPICS.get(intent)
    hits = turn.call(
        "find_articles", knowledge.find_articles, question, language=turn.language, limit=3, topics=topics
    )
    if topics and not hits:  # the intent names the topic: answer from its articles even on a weak match
        hits = [
            knowledge.ArticleHit(article=a, score=0.0)
            for a in knowledge.list_articles(turn.session, language=turn.language)
            if a.topic in topics
        ][:3]
    if not hits:
        hits = turn.call(
            "find_articles",
            knowledge.find_articles,
            f"{question} {TOPIC_HINT.get(intent, '')}",
            language=turn.language,
            limit=2,
        )
    if not hits or (not topics and hits[0].score < MIN_SCORE):
        turn.say(
            "knowledge.unknown",
            quick_replies=[QuickReply(title=turn.t("button.human"), payload="intent:human_agent")],
        )
        return
    articles = [h.article for h in hits]
    if topics:  # the intent's main topic first ("how long to return" is about returns, not exchanges)
        articles.sort(key=lambda a: topics.index(a.topic) if a.topic in topics else len(topics))
    article, excerpt = _best_passage(turn, question, articles)
    turn.say(
        "knowledge.answer",
        title=article.title,
        excerpt=excerpt,
        citations=[Citation(article_id=article.id, title=article.title)],
    )


def _best_passage(
    turn: Turn, question: str, articles: list[knowledge.ArticleView]
) -> tuple[knowledge.ArticleView, str]:
    """The paragraph that answers best (term overlap weighted by rarity), with its article."""
    asked = set(search.tokens(question, turn.language))
    passages = [(a, p.strip()) for a in articles for p in a.body.split("\n\n") if p.strip()]
    counted = [(a, p, set(search.tokens(p, turn.language))) for a, p in passages]
    df = Counter(t for _, _, terms in counted for t in terms)
    first = articles[0].id

    def score(item: tuple[int, tuple[knowledge.ArticleView, str, set[str]]]) -> tuple[float, int]:
        index, (article, _, terms) = item
        overlap = sum(math.log(1 + len(counted) / df[t]) for t in asked & terms)
        return (overlap * (1.0 if article.id == first else 0.8), -index)  # ties: the earlier passage

    best = max(enumerate(counted), key=score)[1]
    article, passage = best[0], best[1]
    if len(passage) > 700:
        passage = passage[:700].rsplit(" ", 1)[0] + "…"
    return article, passage


def handoff(turn: Turn, reason: str) -> None:
    """Ownership passes to 'waiting for an agent'; from now on the bot writes nothing."""
    if turn.state.owner != "bot":
        return
    turn.emit("owner_changed", **{"from": "bot", "to": "waiting", "reason": reason})
    turn.say(
        "handoff." + ("angry" if reason == "complaint" else "requested" if reason == "asked" else "failures"),
        handoff=True,
    )
