"""What a format reader yields: categories and products ready for the service layer, or rejections."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from comptoir.catalog.importers.report import Rejected
from comptoir.catalog.schemas import CategoryInput, ProductInput


@dataclass(frozen=True)
class CategoryRecord:
    line: int
    data: CategoryInput
    pointer: str | None = None
    replace: bool = True  # False: derived from a platform export; an existing category is left as it is


@dataclass(frozen=True)
class ProductRecord:
    line: int
    data: ProductInput
    pointer: str | None = None


Record = CategoryRecord | ProductRecord | Rejected


@dataclass
class ImportContext:
    """What readers need to know about the store, and where they are in the file (for progress)."""

    currency: str
    language: str
    exchange_rates: dict[str, Decimal] = field(default_factory=dict)
    done: int = 0
    total: int = 0
    warnings: list[str] = field(default_factory=list)


class Reader(Protocol):
    def __call__(self, path: Path, ctx: ImportContext) -> Iterator[Record]: ...
