"""Plain values of the knowledge service."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ArticleText(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1, max_length=50000)


class ArticleInput(BaseModel):
    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    topic: str = Field(min_length=1, max_length=40)
    translations: dict[str, ArticleText] = Field(min_length=1)


class ArticleView(BaseModel):
    id: str
    topic: str
    language: str
    title: str
    body: str


class ArticleHit(BaseModel):
    article: ArticleView
    score: float
