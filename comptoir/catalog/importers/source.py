"""Opening import files: existence, UTF-8 check, line count, and CSV rows keyed by canonical column names."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from comptoir.catalog.importers.errors import BadCsv, BadEncoding, ImportFileMissing, MissingColumns
from comptoir.catalog.importers.records import ImportContext

_CHUNK = 1 << 20


def check_file(path: Path) -> None:
    if not path.is_file():
        raise ImportFileMissing(f"no file at {path}", path=str(path))


def scan_text(path: Path) -> int:
    """Check that the file is UTF-8 (a BOM is allowed) and count its lines, before anything is written."""
    check_file(path)
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
    lines = 0
    last = b""
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                line = lines + chunk[: exc.start].count(b"\n") + 1
                raise BadEncoding(
                    f"{path.name} is not UTF-8 text (line {line}); save it as UTF-8 and import it again",
                    line=line,
                ) from None
            lines += chunk.count(b"\n")
            last = chunk[-1:]
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise BadEncoding(
                f"{path.name} ends in the middle of a UTF-8 character", line=lines + 1
            ) from None
    return lines + (1 if last not in (b"", b"\n") else 0)


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _key(name: str) -> str:
    return " ".join(name.strip().lower().split())


def csv_rows(
    path: Path,
    ctx: ImportContext,
    columns: Mapping[str, Sequence[str]],
    required: Sequence[str],
) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV as ``(first line, {canonical column: value})``.

    ``columns`` maps each canonical name to the header spellings that mean it (compared without case or
    extra spaces); unknown columns are ignored; a missing ``required`` column raises ``MissingColumns``.
    The delimiter is a comma, or a semicolon or tab when the header uses those.
    """
    ctx.total = scan_text(path)
    aliases = {_key(alias): name for name, spellings in columns.items() for alias in (name, *spellings)}
    with path.open(encoding="utf-8-sig", newline="") as f:
        first = f.readline()
        f.seek(0)
        reader = csv.reader(f, delimiter=_delimiter(first))
        try:
            header = next(reader, None)
            if not header or not any(h.strip() for h in header):
                raise MissingColumns(f"{path.name} is empty: no header row", missing=list(required))
            index: dict[str, int] = {}
            for i, title in enumerate(header):
                name = aliases.get(_key(title))
                if name is not None and name not in index:
                    index[name] = i
            missing = [name for name in required if name not in index]
            if missing:
                spelled = ", ".join(columns[name][0] if columns[name] else name for name in missing)
                raise MissingColumns(f"{path.name} has no column {spelled}", missing=missing)
            line = reader.line_num
            for row in reader:
                start, line = line + 1, reader.line_num
                ctx.done = line
                if not any(cell.strip() for cell in row):
                    continue
                yield start, {name: (row[i] if i < len(row) else "") for name, i in index.items()}
        except csv.Error as exc:
            raise BadCsv(f"{path.name} line {reader.line_num}: {exc}", line=reader.line_num) from None
