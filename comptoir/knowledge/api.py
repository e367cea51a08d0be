"""FAQ and policy articles: read and search them (public); write them (merchant)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import Field

from comptoir.api.deps import (
    AdminAuth,
    ArticleId,
    Language,
    Limit,
    Offset,
    ReadSession,
    WriteSession,
    page_of,
)
from comptoir.api.fields import LanguageCode
from comptoir.core.pagination import Page
from comptoir.knowledge import (
    ArticleHit,
    ArticleInput,
    ArticleText,
    ArticleView,
    find_articles,
    get_article,
    upsert_article,
)
from comptoir.knowledge import list_articles as list_all_articles

router = APIRouter(tags=["knowledge"])
admin_router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[AdminAuth])


class ArticleBody(ArticleInput):
    translations: Annotated[dict[LanguageCode, ArticleText], Field(min_length=1, max_length=20)]


@router.get("/articles", response_model=Page[ArticleView], summary="FAQ and policy articles")
def list_articles(
    session: ReadSession,
    language: Language,
    topic: Annotated[str | None, Query(min_length=1, max_length=40)] = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Page[ArticleView]:
    return page_of(list_all_articles(session, language=language, topic=topic), offset, limit)


# declared before /articles/{article_id}, which would otherwise take "search" for an id
@router.get(
    "/articles/search", response_model=list[ArticleHit], summary="The articles that answer a question"
)
def search_articles(
    session: ReadSession,
    language: Language,
    q: Annotated[str, Query(min_length=1, max_length=2000, description="the question")],
    limit: Annotated[int, Query(ge=1, le=20)] = 3,
) -> list[ArticleHit]:
    return find_articles(session, q, language=language, limit=limit)


@router.get("/articles/{article_id}", response_model=ArticleView, summary="One article")
def article(article_id: ArticleId, session: ReadSession, language: Language) -> ArticleView:
    return get_article(session, article_id, language=language)


@admin_router.post(
    "/articles",
    response_model=ArticleView,
    status_code=status.HTTP_201_CREATED,
    summary="Add or replace an article",
)
def put_article(body: ArticleBody, session: WriteSession) -> ArticleView:
    return upsert_article(session, ArticleInput.model_validate(body.model_dump()))
