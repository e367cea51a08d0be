"""Errors that stop an import before it starts: the file itself is unusable.

    InvalidInput
      ImportFileError          import_file_invalid: the file cannot be imported as that format
        UnknownFormat          import_unknown_format: no importer of that name
        ImportFileMissing      import_file_missing: no such file
        BadEncoding            import_bad_encoding: not UTF-8 text
        NotJson                import_not_json: not JSON (or a JSON-lines file whose first record is not JSON)
        UnexpectedShape        import_unexpected_shape: JSON, but not the structure the format expects
        MissingColumns         import_missing_columns: a CSV without a required column (or without a header)
        BadCsv                 import_bad_csv: a CSV the csv module cannot parse (a field too large...)

A bad record inside a good file never raises: it is reported in ``ImportReport.rejected``.
"""

from __future__ import annotations

from comptoir.core.errors import InvalidInput


class ImportFileError(InvalidInput):
    code = "import_file_invalid"


class UnknownFormat(ImportFileError):
    code = "import_unknown_format"


class ImportFileMissing(ImportFileError):
    code = "import_file_missing"


class BadEncoding(ImportFileError):
    code = "import_bad_encoding"


class NotJson(ImportFileError):
    code = "import_not_json"


class UnexpectedShape(ImportFileError):
    code = "import_unexpected_shape"


class MissingColumns(ImportFileError):
    code = "import_missing_columns"


class BadCsv(ImportFileError):
    code = "import_bad_csv"
