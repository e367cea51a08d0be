"""Categories derived from a platform's category paths ("Clothing > Tshirts"), created on first use."""

from __future__ import annotations

import hashlib

from comptoir.catalog.importers.records import CategoryRecord
from comptoir.catalog.importers.text import slugify
from comptoir.catalog.schemas import CategoryInput


def category_id(path: list[str]) -> str:
    """A stable id for a category path: the slugs of its parts joined by ``-`` (``clothing-tshirts``)."""
    joined = "-".join(slugify(part, max_length=64) for part in path)
    if len(joined) <= 64:
        return joined
    digest = hashlib.sha1(" > ".join(path).encode("utf-8")).hexdigest()[:8]
    return f"{joined[:55].rstrip('-')}-{digest}"


class CategoryPaths:
    """Remembers the paths already declared, and declares each new level of a path once, parents first."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.declared: set[str] = set()

    def declare(self, path: list[str], line: int) -> tuple[str | None, list[CategoryRecord]]:
        """The id of the path's leaf, and the records of the levels not declared before."""
        parts = [p.strip() for p in path if p.strip()]
        if not parts:
            return None, []
        records = []
        parent: str | None = None
        for depth in range(1, len(parts) + 1):
            cid = category_id(parts[:depth])
            if cid not in self.declared:
                self.declared.add(cid)
                data = CategoryInput(id=cid, parent=parent, names={self.language: parts[depth - 1][:200]})
                records.append(CategoryRecord(line=line, data=data, replace=False))
            parent = cid
        return parent, records
