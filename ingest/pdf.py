"""Pull the text layer out of a PDF, one string per page, with pypdf.

It does no OCR (a scanned page comes back empty), no layout analysis beyond pypdf's, and no
text repair; errors are pypdf's own, for the loader to turn into a message, and what pypdf
logs about a damaged file becomes a warning rather than noise on stderr.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pypdf import PdfReader


@dataclass(frozen=True)
class PdfText:
    title: str | None  # from the document metadata
    pages: tuple[str, ...]  # raw extracted text, one entry per page, empty for image-only pages
    warnings: tuple[str, ...] = ()


def read_pdf(data: bytes) -> PdfText:
    """Extract each page's text; a page that fails alone is left empty and warned about."""
    with _pypdf_log() as logged:
        reader = PdfReader(io.BytesIO(data))  # an encrypted file is tried with the empty password
        pages: list[str] = []
        failures: list[str] = []
        first_error: Exception | None = None
        for number, page in enumerate(reader.pages, start=1):
            try:
                pages.append(page.extract_text() or "")
            except Exception as exc:  # pypdf raises many types on a broken content stream
                first_error = first_error or exc
                pages.append("")
                reason = " ".join(str(exc).split()) or exc.__class__.__name__
                failures.append(f"page {number}: text extraction failed ({reason})")
        if first_error is not None and len(failures) == len(pages):
            raise first_error  # nothing readable: the file is broken, not one page of it
        title = _title(reader)
    if logged:
        more = f" (and {len(logged) - 1} more)" if len(logged) > 1 else ""
        failures.insert(0, f"damaged PDF structure, recovered by pypdf: {logged[0]}{more}")
    return PdfText(title, tuple(pages), tuple(failures))


@contextmanager
def _pypdf_log() -> Iterator[list[str]]:
    """Collect what pypdf logs about a damaged file instead of letting it reach stderr."""
    handler = _Collector()
    logger = logging.getLogger("pypdf")
    propagate, logger.propagate = logger.propagate, False
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _title(reader: PdfReader) -> str | None:
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # a damaged /Info dictionary should not cost us the text
        return None
    if not isinstance(title, str):
        return None
    return title.strip() or None
