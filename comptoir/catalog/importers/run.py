"""``run_import``: pick the reader for a format, stream its records into the catalog, report."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from comptoir.catalog.importers.errors import UnknownFormat
from comptoir.catalog.importers.generic_csv import read_csv
from comptoir.catalog.importers.generic_json import read_json
from comptoir.catalog.importers.loader import Loader
from comptoir.catalog.importers.records import ImportContext, Reader
from comptoir.catalog.importers.report import ImportReport
from comptoir.catalog.importers.saleor import read_saleor
from comptoir.catalog.importers.shopify import read_shopify
from comptoir.catalog.importers.source import check_file
from comptoir.catalog.importers.woocommerce import read_woocommerce
from comptoir.db import Database
from comptoir.store import get_settings

READERS: dict[str, Reader] = {
    "json": read_json,
    "jsonl": read_json,
    "csv": read_csv,
    "shopify": read_shopify,
    "saleor": read_saleor,
    "woocommerce": read_woocommerce,
}
FORMATS = ("json", "csv", "shopify", "saleor", "woocommerce")


def run_import(
    db: Database,
    fmt: str,
    path: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = 500,
    language: str | None = None,
) -> ImportReport:
    """Import a catalogue file into the store, ``batch_size`` products per transaction.

    Args:
        fmt: ``json`` (our JSON document, or JSON lines for ``.jsonl``), ``csv`` (our CSV), ``shopify``,
            ``saleor`` or ``woocommerce``; each module's docstring describes its mapping.
        path: the file.
        progress: called as ``progress(done, total)`` after each batch and once at the end
            (``done == total``), in the format's units: lines for CSV and JSON lines, products for JSON
            documents and Saleor fixtures.
        language: the language of the texts of single-language formats (Shopify, WooCommerce, Saleor, and
            generic CSV rows without a language); the store's default language when not given.

    Returns:
        What was created, and every record left out with its line and reason. Bad records never stop the
        import; products whose id already exists are left out ("already exists"), so running the same
        import twice is safe.

    Raises:
        ImportFileError: (an ``InvalidInput``) when the file cannot be read as that format at all: unknown
            format, no such file, not UTF-8, not JSON, a CSV without a required column.
    """
    reader = READERS.get(fmt.strip().lower())
    if reader is None:
        raise UnknownFormat(f"unknown import format '{fmt}'; use one of {', '.join(FORMATS)}", format=fmt)
    check_file(path)
    started = time.perf_counter()
    with db.read_session() as session:
        settings = get_settings(session)
    ctx = ImportContext(
        currency=settings.currency,
        language=(language or settings.default_language).strip().lower(),
        exchange_rates=dict(settings.exchange_rates),
    )
    report = ImportReport(format=fmt, path=str(path))
    Loader(db, report, ctx, batch_size).run(reader(path, ctx), progress)
    report.rejected.sort(key=lambda r: r.line)
    report.warnings.extend(ctx.warnings)
    report.seconds = round(time.perf_counter() - started, 3)
    return report
