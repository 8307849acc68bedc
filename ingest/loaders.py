"""Load one supported file as a repaired `Document` (finding the files is `ingest.discovery`).

`load_document` reads one file, rejects what cannot be indexed with a `LoadError` whose message
says what is wrong and what to do, decodes, repairs mojibake (`textrepair`), renders HTML
(`html`) and PDF (`pdf`) to text and writes reStructuredText out as Markdown (`rst`). Nothing here chunks, embeds or remembers what was loaded before.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import BinaryIO

from pypdf.errors import FileNotDecryptedError, WrongPasswordError

from ingest.chunking import clean_heading
from ingest.discovery import kind_of, unsupported
from ingest.html import declared_encoding, render_html
from ingest.markdown import as_shown
from ingest.myst import as_rendered, front_matter
from ingest.pdf import read_pdf
from ingest.pdf_pages import clean_pages, join_pages
from ingest.rst import as_markdown
from ingest.textrepair import repair_pieces, repair_text
from ingest.types import Document

_SNIFF_BYTES = 8192
_BLOCK_BYTES = 1 << 20
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])  # tab, newlines, \v, \f are text
_BINARY_CONTROL_SHARE = 0.30
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_REPLACEMENT_UTF8 = "\ufffd".encode()
_H1_OR_FENCE = re.compile(r"^(?:```|~~~)|^#[ \t]+(.*)$", re.MULTILINE)
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
# The first non-blank line, underlined with a row of "=": Markdown's other way to write a top
# heading, and the plain-text habit it comes from.
_UNDERLINED_FIRST_LINE = re.compile(r"\A\s*\n?([^\n]*\S[^\n]*)\n[ \t]*={3,}[ \t]*(?:\n|\Z)")
_UNDERLINED_LINE = re.compile(r"^[^\n]*\S[^\n]*\n[ \t]*={3,}[ \t]*$", re.M)
TEXT_TITLE_REACH = 1000  # a plain-text file's "# Title" line must come this early


class LoadError(Exception):
    """A file that cannot be indexed. The message is one line: what is wrong, and what to do."""

    def __init__(self, reason: str) -> None:
        super().__init__(" ".join(reason.split()))  # callers print it as one line of a summary


def load_document(path: Path, source: str | None = None) -> Document:
    """Read one supported file as a repaired `Document`, or raise `LoadError` saying why not."""
    path = Path(path)
    source = path.as_posix() if source is None else source
    kind = kind_of(path)
    if kind is None:
        raise LoadError(unsupported(path.suffix.lower()))
    if kind == "pdf":
        return _load_pdf(_read_bytes(path), path, source)
    text, warnings = _read_text(path, html=kind == "html")
    if not text or text.isspace():
        raise LoadError("empty file; nothing to index")
    if kind == "html":
        title, text = render_html(text)
        text = repair_text(text)  # entities such as &#1; can still yield control characters
        if not text or text.isspace():
            raise LoadError("HTML has no visible text (only scripts, styles or navigation); nothing to index")
    else:
        page_title = None
        if kind == "rst":  # written out as the Markdown its built page shows, then read as Markdown
            text, kind = as_markdown(text), "markdown"
        if kind == "markdown":
            page_title, text = front_matter(text)
            text = as_shown(as_rendered(text))
            if text.isspace() or not text:
                raise LoadError("Markdown has only HTML comments, link targets and front matter, which are not shown; nothing to index")
        # In plain text a "# " line further down is a comment ("# This file is Free Software; …").
        title = _markdown_title(text, None if kind == "markdown" else TEXT_TITLE_REACH) or page_title
        title = clean_heading(title) if title else None  # "[libcbor](https://…)" → "libcbor"
    return Document(source, _clean_title(title) or _stem_title(path), text, kind, warnings=warnings)


def _read_text(path: Path, html: bool) -> tuple[str, tuple[str, ...]]:
    """Decode and repair a text file in blocks, so that a large file is never held twice.

    Invalid UTF-8 becomes U+FFFD and a warning, not an error. Peak memory is about the final
    text plus its pieces: reading whole bytes, then a whole str, then a repaired copy would
    hold three copies at once, and a single emoji makes each str four bytes a character.
    """
    with _open(path) as file:
        head = file.read(_BLOCK_BYTES)
        if head.startswith(_UTF16_BOMS):  # Windows "Unicode" text: NUL-heavy, but text all the same
            text = (head + file.read()).decode("utf-16", errors="replace")
            return repair_text(text), _replacement_warning(text.count("\ufffd"))
        _reject_binary(head[:_SNIFF_BYTES], path.suffix.lower())
        decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
        pieces: list[str] = []
        pending: list[str] = []  # text after the last newline: repair works on whole lines
        replaced, tail, block = 0, b"", head
        while True:
            text = decoder.decode(block, final=not block)
            # Only U+FFFD the decoder made counts; `tail` catches a real one split across blocks.
            replaced += text.count("\ufffd") - (tail + block).count(_REPLACEMENT_UTF8)
            if not block:  # end of file: the last line need not end with a newline
                pieces.extend(repair_pieces("".join([*pending, text])))
                break
            cut = text.rfind("\n") + 1
            if cut:
                pieces.extend(repair_pieces("".join([*pending, text[:cut]])))
                pending = []
            pending.append(text[cut:])
            tail, block = (tail + block)[-2:], file.read(_BLOCK_BYTES)
    # Pages saved from older sites are often Windows-1252 and say so in a <meta> tag.
    if replaced and html and (declared := _codec(declared_encoding(head))) not in (None, "utf-8"):
        return repair_text(_read_bytes(path).decode(declared, errors="replace")), ()
    return "".join(pieces), _replacement_warning(replaced)


def _open(path: Path) -> BinaryIO:
    if path.exists() and not path.is_file():  # reading a pipe would block forever
        raise LoadError("not a regular file (a directory, pipe, socket or device); nothing to index")
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise LoadError("no such file or directory") from None
    except PermissionError:
        raise LoadError("permission denied; make the file readable (chmod +r) or remove it") from None
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from None


def _read_bytes(path: Path) -> bytes:
    with _open(path) as file:
        data = file.read()
    if not data or data.isspace():
        raise LoadError("empty file; nothing to index")
    return data


def _reject_binary(sample: bytes, suffix: str) -> None:
    if b"\x00" in sample:
        found = "found NUL bytes"
    elif len(sample) - len(sample.translate(None, _CONTROL_BYTES)) > _BINARY_CONTROL_SHARE * len(sample):
        found = "mostly control characters"
    else:
        return
    raise LoadError(f"binary file with a {suffix} extension ({found}); remove it or convert it to text")


def _replacement_warning(count: int) -> tuple[str, ...]:
    if count <= 0:
        return ()
    places = "place" if count == 1 else "places"
    return (f"invalid UTF-8 replaced with U+FFFD at {count} {places}; re-save the file as UTF-8 to keep them",)


def _codec(name: str | None) -> str | None:
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


def _load_pdf(data: bytes, path: Path, source: str) -> Document:
    if b"%PDF-" not in data[:1024]:
        raise LoadError("not a PDF (no %PDF- header); fix the file's extension or remove it")
    try:
        pdf = read_pdf(data)
    except (FileNotDecryptedError, WrongPasswordError):
        raise LoadError("encrypted PDF; index a decrypted copy (e.g. qpdf --decrypt in.pdf out.pdf)") from None
    except Exception as exc:  # pypdf raises many exception types on damaged files
        raise LoadError(f"corrupt or unreadable PDF: {_short_reason(exc)}") from exc
    if not pdf.pages:
        raise LoadError("corrupt or unreadable PDF: no pages found")
    # Repair each page before joining so that page_starts index the final text exactly.
    pages = clean_pages([repair_text(page).strip() for page in pdf.pages])
    if not any(pages):
        raise LoadError("PDF has no extractable text (scanned images?); run OCR on it first (e.g. ocrmypdf)")
    text, starts = join_pages(pages)
    title = _clean_title(pdf.title) or _stem_title(path)
    return Document(source, title, text, "pdf", starts, pdf.warnings)


def _short_reason(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    reason = lines[0] if lines else exc.__class__.__name__
    return reason if len(reason) <= 120 else reason[:117] + "..."


def _markdown_title(text: str, reach: int | None = None) -> str | None:
    """The first `# ` heading outside a code fence (a shell comment in a fence is not a title), or
    a first line underlined with `=` ("Util-linux 2.38 Release Notes" over "====="), within the
    first `reach` characters when given."""
    in_fence = False
    for match in _H1_OR_FENCE.finditer(text[:reach]):
        if match.group(1) is None:
            in_fence = not in_fence
        elif not in_fence:
            return _CLOSING_HASHES.sub("", match.group(1))
    underlined = _UNDERLINED_FIRST_LINE.match(text)
    # Only when it is the one such heading: a file of several ("Background", "Building", …) has no title line.
    if underlined and len(_UNDERLINED_LINE.findall(text)) == 1:
        return underlined.group(1).strip()
    return None


def _clean_title(title: str | None) -> str:
    return " ".join(repair_text(title).split()) if title else ""


def _stem_title(path: Path) -> str:
    return " ".join(path.stem.replace("-", " ").replace("_", " ").split()) or path.name
