"""What an import did: counts, the records it left out and why, and how long it took."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Rejected(BaseModel):
    """A record the import left out.

    ``line`` is the 1-based line where the record starts in a CSV or JSON-lines file (the line of the
    offending row when a product spans several rows). In a JSON document (our JSON, a Saleor fixture),
    ``line`` is the 1-based position of the record in its array and ``pointer`` the exact JSON pointer
    (RFC 6901, 0-based), e.g. ``/products/3``.
    """

    line: int
    reason: str
    pointer: str | None = None
    product_id: str | None = None


class ImportReport(BaseModel):
    format: str
    path: str
    products_created: int = 0
    variants_created: int = 0
    categories_created: int = 0
    rejected: list[Rejected] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    seconds: float = 0.0
