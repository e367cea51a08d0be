"""Knowledge: FAQ and policy articles in every language, and finding the one that answers."""

from comptoir.knowledge.schemas import ArticleHit, ArticleInput, ArticleText, ArticleView
from comptoir.knowledge.service import (
    ArticleNotFound,
    find_articles,
    get_article,
    list_articles,
    upsert_article,
)

__all__ = [
    "ArticleHit",
    "ArticleInput",
    "ArticleNotFound",
    "ArticleText",
    "ArticleView",
    "find_articles",
    "get_article",
    "list_articles",
    "upsert_article",
]
