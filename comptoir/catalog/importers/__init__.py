"""Catalogue importers: our JSON and CSV, Shopify and WooCommerce CSV exports, Saleor fixtures.

Each format has a reader module that turns the file into categories and ``ProductInput`` records (or
rejections, with the line and the reason); ``run_import`` writes them through the catalog service in
batches and returns an ``ImportReport``.
"""

from comptoir.catalog.importers.errors import (
    BadCsv,
    BadEncoding,
    ImportFileError,
    ImportFileMissing,
    MissingColumns,
    NotJson,
    UnexpectedShape,
    UnknownFormat,
)
from comptoir.catalog.importers.report import ImportReport, Rejected
from comptoir.catalog.importers.run import FORMATS, run_import

__all__ = [
    "FORMATS",
    "BadCsv",
    "BadEncoding",
    "ImportFileError",
    "ImportFileMissing",
    "ImportReport",
    "MissingColumns",
    "NotJson",
    "Rejected",
    "UnexpectedShape",
    "UnknownFormat",
    "run_import",
]
