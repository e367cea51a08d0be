"""Small parsers shared by the readers: HTML to text, slugs, numbers, booleans, validation messages."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser

from pydantic import ValidationError

_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
}
_SKIPPED = {"script", "style", "template", "noscript", "head", "title", "iframe", "object", "svg"}
ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


class RowError(Exception):
    """A value in a record that cannot be used; the record is rejected with this reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The readable text of an HTML fragment: tags dropped, entities decoded, scripts and styles removed,
    one line per block, runs of spaces collapsed. Never executes or fetches anything."""
    if "<" not in html and "&" not in html:
        return " ".join(html.split())
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def slugify(text: str, *, max_length: int = 64) -> str:
    """A stable id made of ``[a-z0-9-]``; text with no Latin letters (Japanese, Greek) gets a short hash."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    if not slug:
        return f"x-{digest}"
    if len(slug) > max_length:
        return f"{slug[: max_length - 9].rstrip('-')}-{digest}"
    return slug


def valid_id(value: str) -> bool:
    return bool(ID_PATTERN.match(value))


def parse_decimal(value: str, field: str, *, required: bool = False) -> Decimal | None:
    text = value.strip()
    if not text:
        if required:
            raise RowError(f"missing {field}")
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise RowError(f"{field} '{text}' is not a number") from None
    if not number.is_finite():
        raise RowError(f"{field} '{text}' is not a number")
    if number < 0:
        raise RowError(f"{field} '{text}' is negative")
    return number


def parse_int(value: str, field: str, *, clamp_negative: bool = False) -> int | None:
    text = value.strip()
    if not text:
        return None
    try:
        number = int(text)
    except ValueError:
        try:
            as_decimal = Decimal(text)
        except InvalidOperation:
            raise RowError(f"{field} '{text}' is not a whole number") from None
        if not as_decimal.is_finite() or as_decimal != as_decimal.to_integral_value():
            raise RowError(f"{field} '{text}' is not a whole number") from None
        number = int(as_decimal)
    if number < 0:
        if clamp_negative:
            return 0
        raise RowError(f"{field} '{text}' is negative")
    return number


_TRUE = {"1", "true", "yes", "y", "t", "on"}
_FALSE = {"0", "false", "no", "n", "f", "off"}


def parse_bool(value: str, field: str, *, default: bool) -> bool:
    text = value.strip().lower()
    if not text:
        return default
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise RowError(f"{field} '{value.strip()}' is not true or false")


def split_list(value: str, separator: str) -> list[str]:
    return [part.strip() for part in value.split(separator) if part.strip()]


def describe(exc: ValidationError, *, limit: int = 3) -> str:
    """A short, readable reason from a pydantic error: ``field.path: message; ...``."""
    parts = []
    for error in exc.errors()[:limit]:
        where = ".".join(str(p) for p in error["loc"])
        parts.append(f"{where}: {error['msg']}" if where else str(error["msg"]))
    more = len(exc.errors()) - limit
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")
