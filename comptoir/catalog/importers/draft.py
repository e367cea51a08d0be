"""A product being assembled from several rows, then validated as a ProductInput in one go."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from comptoir.catalog.importers.records import ProductRecord, Record
from comptoir.catalog.importers.report import Rejected
from comptoir.catalog.importers.text import RowError, describe, slugify
from comptoir.catalog.schemas import ProductInput


@dataclass
class Draft:
    """Rows of one product. Any bad row rejects the whole product (at that row's line): a product with
    a missing size or a wrong price is worse than no product, and the merchant sees exactly what to fix."""

    product_id: str | None
    line: int
    language: str
    pointer: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    option_keys: list[str | None] = field(default_factory=list)
    option_names: dict[str, dict[str, str]] = field(default_factory=dict)
    option_values: dict[str, dict[str, str]] = field(default_factory=dict)
    images: list[str] = field(default_factory=list)
    variants: list[dict[str, Any]] = field(default_factory=list)
    variant_lines: list[int] = field(default_factory=list)
    error: Rejected | None = None

    def reject(self, line: int, reason: str) -> None:
        if self.error is None:
            self.error = Rejected(line=line, reason=reason, product_id=self.product_id, pointer=self.pointer)

    def translate(self, language: str, title: str, description: str = "") -> None:
        if not title.strip():
            raise RowError("missing title")
        self.translations[language] = {"title": " ".join(title.split()), "description": description.strip()}

    def add_image(self, url: str) -> None:
        url = url.strip()
        if url and url not in self.images:
            self.images.append(url)

    def name_option(self, position: int, name: str, language: str) -> str | None:
        """Declare option ``position`` (0-based) by its name in ``language``; returns its key."""
        name = name.strip()
        while len(self.option_keys) <= position:
            self.option_keys.append(None)
        if not name:
            return None
        key = self.option_keys[position]
        if key is None:
            key = slugify(name, max_length=40)
            while key in self.option_keys:
                key = f"{key}-{position + 1}"
            self.option_keys[position] = key
        self.option_names.setdefault(key, {})[language] = name
        return key

    def label_value(self, value: str, language: str, label: str) -> None:
        self.option_values.setdefault(value, {})[language] = label

    def add_variant(
        self,
        line: int,
        *,
        options: dict[str, str],
        price: Decimal,
        compare_at_price: Decimal | None = None,
        stock: int | None = None,
        available: bool = True,
        sku: str | None = None,
        variant_id: str | None = None,
    ) -> None:
        self.variants.append(
            {
                "id": variant_id or None,
                "sku": sku or None,
                "options": options,
                "price": price,
                "compare_at_price": compare_at_price,
                "stock": stock,
                "available": available,
            }
        )
        self.variant_lines.append(line)

    def build(self) -> Record:
        if self.error is not None:
            return self.error
        if not self.variants:
            return Rejected(
                line=self.line,
                reason="no variant with a price",
                product_id=self.product_id,
                pointer=self.pointer,
            )
        data = {
            **self.fields,
            "id": self.product_id,
            "translations": self.translations,
            "option_names": self.option_names,
            "option_values": self.option_values,
            "images": self.images,
            "variants": self.variants,
        }
        try:
            return ProductRecord(line=self.line, pointer=self.pointer, data=ProductInput.model_validate(data))
        except ValidationError as exc:
            return Rejected(
                line=self._line_of(exc),
                reason=describe(exc),
                product_id=self.product_id,
                pointer=self.pointer,
            )

    def _line_of(self, exc: ValidationError) -> int:
        loc = exc.errors()[0]["loc"]
        if (
            len(loc) >= 2
            and loc[0] == "variants"
            and isinstance(loc[1], int)
            and loc[1] < len(self.variant_lines)
        ):
            return self.variant_lines[loc[1]]
        return self.line
