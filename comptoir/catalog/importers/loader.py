"""Writing what a reader yields through the catalog service, ``batch_size`` products per transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from comptoir.catalog.errors import CategoryNotFound
from comptoir.catalog.importers.records import CategoryRecord, ImportContext, ProductRecord, Record
from comptoir.catalog.importers.report import ImportReport, Rejected
from comptoir.catalog.schemas import ProductInput
from comptoir.catalog.service import create_products, list_categories, upsert_category
from comptoir.core.errors import ComptoirError
from comptoir.db import Database

Progress = Callable[[int, int], None]
MAX_URL = 1000  # product_images.url
MAX_LANGUAGE = 8  # product_translations.language


def unstorable(data: ProductInput) -> str | None:
    """Why the database would refuse a product that ProductInput accepts (column sizes, NUL bytes)."""
    for url in data.images:
        if len(url) > MAX_URL:
            return f"image URL longer than {MAX_URL} characters"
    for language, tr in data.translations.items():
        if len(language) > MAX_LANGUAGE:
            return f"language code '{language[:20]}' is longer than {MAX_LANGUAGE} characters"
        if "\x00" in tr.title or "\x00" in tr.description:
            return "text contains a NUL character"
    return None


class Loader:
    def __init__(self, db: Database, report: ImportReport, ctx: ImportContext, batch_size: int) -> None:
        self.db = db
        self.report = report
        self.ctx = ctx
        self.batch_size = max(1, batch_size)
        self.categories: list[CategoryRecord] = []
        self.products: list[ProductRecord] = []
        self.known_categories: set[str] | None = None

    def run(self, records: Iterable[Record], progress: Progress | None) -> None:
        for record in records:
            if isinstance(record, Rejected):
                self.report.rejected.append(record)
            elif isinstance(record, CategoryRecord):
                self.categories.append(record)
            else:
                problem = unstorable(record.data)
                if problem is not None:
                    self._reject(record, problem)
                    continue
                self.products.append(record)
                if len(self.products) >= self.batch_size:
                    self.flush()
                    if progress is not None:
                        progress(min(self.ctx.done, self.ctx.total), self.ctx.total)
        self.flush()
        if progress is not None:
            progress(self.ctx.total, self.ctx.total)

    def flush(self) -> None:
        categories, products = self.categories, self.products
        self.categories, self.products = [], []
        if not categories and not products:
            return
        if self._attempt(categories, products) is None:
            return
        # The database refused something the checks let through: write the batch again, one record per
        # transaction, to land the others and reject the culprit.
        for category in categories:
            error = self._attempt([category], [])
            if error is not None:
                self.report.rejected.append(
                    Rejected(
                        line=category.line,
                        pointer=category.pointer,
                        reason=f"the database refused it ({error})",
                    )
                )
        for product in products:
            error = self._attempt([], [product])
            if error is not None:
                self._reject(product, f"the database refused it ({error})")

    def _attempt(self, categories: list[CategoryRecord], products: list[ProductRecord]) -> str | None:
        """Write in one transaction; on a database error, undo the report's changes and say what it was."""
        report = self.report
        before = (
            report.categories_created,
            report.products_created,
            report.variants_created,
            len(report.rejected),
        )
        known = None if self.known_categories is None else set(self.known_categories)
        try:
            with self.db.session() as session:
                self._write(session, categories, products)
        except SQLAlchemyError as exc:
            if isinstance(exc, OperationalError | InterfaceError):
                raise  # the database is unreachable or locked: not this record's fault
            report.categories_created, report.products_created, report.variants_created = before[:3]
            del report.rejected[before[3] :]
            self.known_categories = known
            return type(getattr(exc, "orig", None) or exc).__name__
        return None

    def _write(
        self, session: Session, categories: list[CategoryRecord], products: list[ProductRecord]
    ) -> None:
        if categories:
            self._write_categories(session, categories)
        if products:
            self._write_products(session, products)

    def _write_categories(self, session: Session, categories: list[CategoryRecord]) -> None:
        if self.known_categories is None:
            self.known_categories = {c.id for c in list_categories(session)}
        for record in categories:
            exists = record.data.id in self.known_categories
            if exists and not record.replace:
                continue
            try:
                upsert_category(session, record.data)
            except CategoryNotFound as exc:
                self.report.rejected.append(
                    Rejected(line=record.line, pointer=record.pointer, reason=exc.message)
                )
                continue
            if not exists:
                self.known_categories.add(record.data.id)
                self.report.categories_created += 1

    def _write_products(self, session: Session, products: list[ProductRecord]) -> None:
        errors: list[tuple[int, Exception]] = []
        self.report.products_created += create_products(session, [r.data for r in products], errors=errors)
        failed = {index for index, _ in errors}
        for index, exc in errors:
            self._reject(products[index], exc.message if isinstance(exc, ComptoirError) else str(exc))
        self.report.variants_created += sum(
            len(r.data.variants) for i, r in enumerate(products) if i not in failed
        )

    def _reject(self, record: ProductRecord, reason: str) -> None:
        self.report.rejected.append(
            Rejected(line=record.line, pointer=record.pointer, reason=reason, product_id=record.data.id)
        )
