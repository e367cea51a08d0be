"""Knowledge articles: store, read, and find the article that answers a question."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from comptoir.core.errors import NotFound
from comptoir.knowledge.models import Article, ArticleTranslation
from comptoir.knowledge.schemas import ArticleHit, ArticleInput, ArticleView
from comptoir.search import tokens


class ArticleNotFound(NotFound):
    code = "article_not_found"


def _view(article: Article, language: str) -> ArticleView:
    by_lang = {t.language: t for t in article.translations}
    tr = by_lang.get(language) or by_lang.get("en") or next(iter(by_lang.values()))
    return ArticleView(id=article.id, topic=article.topic, language=tr.language, title=tr.title, body=tr.body)


def upsert_article(session: Session, data: ArticleInput) -> ArticleView:
    article = session.get(Article, data.id)
    if article is None:
        article = Article(id=data.id, topic=data.topic)
        session.add(article)
    article.topic = data.topic
    existing = {t.language: t for t in article.translations}
    for language, text in data.translations.items():
        if language in existing:
            existing[language].title, existing[language].body = text.title, text.body
        else:
            article.translations.append(
                ArticleTranslation(language=language, title=text.title, body=text.body)
            )
    session.flush()
    return _view(article, next(iter(data.translations)))


def get_article(session: Session, article_id: str, *, language: str = "en") -> ArticleView:
    article = session.get(Article, article_id)
    if article is None:
        raise ArticleNotFound(f"no article '{article_id}'")
    return _view(article, language)


def list_articles(session: Session, *, language: str = "en", topic: str | None = None) -> list[ArticleView]:
    query = select(Article).order_by(Article.id)
    if topic is not None:
        query = query.where(Article.topic == topic)
    return [_view(a, language) for a in session.scalars(query)]


def _terms(text: str, language: str) -> list[str]:
    return tokens(text, language)


def find_articles(
    session: Session,
    question: str,
    *,
    language: str = "en",
    limit: int = 3,
    topics: Sequence[str] | None = None,
) -> list[ArticleHit]:
    """Articles ranked by BM25 against the question, in the question's language; ``topics`` narrows
    the candidates (what the shopper asks about, when the caller knows it)."""
    query_db = select(Article)
    if topics:
        query_db = query_db.where(Article.topic.in_(list(topics)))
    articles = list(session.scalars(query_db))
    docs = []
    for article in articles:
        view = _view(article, language)
        docs.append((view, Counter(_terms(view.title + " " + view.title + " " + view.body, view.language))))
    if not docs:
        return []
    query = set(_terms(question, language))
    n = len(docs)
    avg = sum(sum(c.values()) for _, c in docs) / n
    df = Counter(t for _, c in docs for t in query if t in c)
    hits = []
    for view, counts in docs:
        length = sum(counts.values())
        score = 0.0
        for term in query:
            tf = counts.get(term, 0)
            if tf:
                idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
                score += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / avg))
        if score > 0:
            hits.append(ArticleHit(article=view, score=round(score, 4)))
    hits.sort(key=lambda h: -h.score)
    return hits[:limit]
