"""Split a Document into Chunks along its headings, then by size inside each section.

Every chunk is an exact span of the cleaned text (`document.text[start:end] == chunk.text`) and
carries its heading path, so an answer can cite and highlight the very passage. This module does
not embed or store anything.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.markdown import fence_lines, is_fence
from ingest.numbered_headings import numbered_headings
from ingest.types import Chunk, Document
from ingest.units import logical_lines, title_underline

_ATX = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
# A line that is bold and nothing else ("**H200 HGX (141GB HBM3e)**") reads as a sub-heading.
_BOLD_LINE = re.compile(r"^\*\*([^*\n]{2,120}?)\*\*:?[ \t]*$")
_UNDERLINE_LEVEL = {"=": 1, "-": 2, "^": 3, "~": 3}  # "~" only under a line about as long (`is_fence`)
# Bold pseudo-headings rank below any real heading.
_BOLD_LEVEL = 7


@dataclass(frozen=True)
class _Section:
    start: int
    end: int
    path: tuple[str, ...]
    heading_end: int  # where the heading line stops; equal to start when there is none


def chunk_document(document: Document, chunk_size: int = 900, overlap: int = 120) -> list[Chunk]:
    """Chunks of `document` in reading order, none longer than `chunk_size` unless a word is."""
    by_line = _splitter(chunk_size, overlap, ["\n\n", "\n", r"\. ", "; ", ", ", " ", ""])
    # Wrapped prose (plain text, PDF text) breaks lines mid-sentence: cut it where sentences end,
    # so that no chunk starts halfway through one.
    by_sentence = _splitter(chunk_size, overlap, ["\n\n", r"(?<=[.!?])\s+", "\n", "; ", ", ", " ", ""])
    chunks: list[Chunk] = []
    for section in _merge_lone_headings(document.text, _sections(document)):
        body = document.text[section.start : section.end]
        if not body.strip():
            continue
        section_name = " > ".join(section.path) or document.title
        wrapped = any("\n" in line for _, line in logical_lines(body))
        splitter = by_sentence if wrapped else by_line
        pending: int | None = None  # start of a piece holding only headings, waiting for its body
        spans = []
        for piece in splitter.create_documents([body]):
            start = section.start + piece.metadata["start_index"]
            end = start + len(piece.page_content)
            if _HEADINGS_ONLY.fullmatch(piece.page_content):
                pending = start if pending is None else pending
                continue
            spans.append((start if pending is None else pending, end))
            pending = None
        # Sections never split a code block, so the fence lines before a chunk in its section say
        # whether it starts inside one.
        fences = [section.start + at for at in fence_lines(body)]
        for start, end in _carry_terms(document.text, spans, chunk_size):
            in_code = bisect.bisect_left(fences, start) % 2 == 1
            chunks.append(_make_chunk(document, section_name, start, end, in_code))
        if pending is not None:
            tail = document.text[pending : section.end].rstrip()
            chunks.append(_make_chunk(document, section_name, pending, pending + len(tail)))
    return chunks


def _splitter(chunk_size: int, overlap: int, separators: list[str]) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=min(overlap, chunk_size // 2),
        separators=separators,
        is_separator_regex=True,
        keep_separator="end",
        add_start_index=True,
        strip_whitespace=True,
    )


def _carry_terms(text: str, spans: list[tuple[int, int]], chunk_size: int) -> list[tuple[int, int]]:
    """Move a term line that ends a chunk to the start of the next one, where its paragraph is.

    An API or glossary entry puts the name on a line of its own ("shutil.copytree(src, dst, …)")
    and what it does in the paragraph below; a cut between them leaves a passage that never says
    what it describes. Only when the next chunk starts right after the line and stays within size.
    """
    out = list(spans)
    for i in range(len(out) - 1):
        start, end = out[i]
        cut = text.rfind("\n\n", start, end)
        if cut <= start:
            continue
        term_start = cut + 2 + (len(text[cut + 2 : end]) - len(text[cut + 2 : end].lstrip()))
        term = text[term_start:end].strip()
        next_start, next_end = out[i + 1]
        if "\n" in term or not term or len(term) > _TERM_CHARS or _NOT_A_TERM.search(term):
            continue
        if next_start < end or text[end:next_start].strip() or next_end - term_start > chunk_size:
            continue
        out[i] = (start, len(text[:cut].rstrip()))
        out[i + 1] = (term_start, next_end)
    return out


_TERM_CHARS = 200
# A sentence, a label or a list item is no term line.
_NOT_A_TERM = re.compile(r"[.!?:;]$|^(?:[-*+•|]|\d+[.)]\s)")


# A split piece made only of heading lines would be a bare title: it joins the piece after it.
_HEADINGS_ONLY = re.compile(r"(?:\s*(?:#{1,6}[ \t][^\n]*|\*\*[^*\n]+\*\*:?)[ \t]*)+\s*")


def _make_chunk(document: Document, section: str, start: int, end: int, in_code: bool = False) -> Chunk:
    text = document.text[start:end]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    ident = hashlib.sha256(f"{document.source}\0{start}\0{end}\0{digest}".encode()).hexdigest()[:24]
    return Chunk(
        id=ident,
        source=document.source,
        title=document.title,
        section=section,
        text=text,
        start=start,
        end=end,
        page=document.page_at(start),
        in_code=in_code,
    )


def clean_heading(raw: str) -> str:
    """Heading text without markdown emphasis or leading pictographs: '🏢 **1. Overview**' → '1. Overview'."""
    text = re.sub(r"[*_`]+", "", raw).strip()
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [label](link) → label
    while text and (unicodedata.category(text[0]) in {"So", "Sk", "Cf", "Mn", "Co"} or text[0] in "\ufe0f\u200d"):
        text = text[1:].lstrip()
    return text.rstrip(":").strip()


def _headings(text: str) -> list[tuple[int, int, int, str]]:
    """(line start, heading end, level, name) for each heading outside code fences.

    ATX ("## Setup"), a line in bold, and a line underlined with "===" / "---" (Markdown's setext
    headings, and plain-text READMEs' and reStructuredText's habit; "^^^" goes one deeper).
    """
    found = []
    in_fence = False
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    skip = False
    for i, line in enumerate(lines):
        start, stripped = starts[i], line.strip()
        if skip:
            skip = False
            continue
        if is_fence(stripped, lines[i - 1] if i else ""):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        match = _ATX.match(stripped)
        if match:
            name = clean_heading(match.group(2))
            if name:
                found.append((start, start + len(line.rstrip("\n")), len(match.group(1)), name))
            continue
        mark = title_underline(line, lines[i + 1], lines[i - 1] if i else "") if i + 1 < len(lines) else ""
        if mark and (name := clean_heading(stripped)):
            end = starts[i + 1] + len(lines[i + 1].rstrip("\r\n"))
            found.append((start, end, _UNDERLINE_LEVEL[mark], name))
            skip = True
            continue
        match = _BOLD_LINE.match(stripped)
        if match:
            name = clean_heading(match.group(1))
            if name:
                found.append((start, start + len(line.rstrip("\n")), _BOLD_LEVEL, name))
    return found


def _sections(document: Document) -> list[_Section]:
    """Cut the text at every heading; each piece knows the path of headings above it."""
    text = document.text
    # A PDF's "#" lines are code comments; PDF and plain text number their sections instead.
    heads = [] if document.kind == "pdf" else _headings(text)
    if not heads and document.kind in ("pdf", "text"):
        heads = numbered_headings(text)
    # A single H1 is the document's title: it names every section already, so leave it out of paths.
    title_level_skipped = sum(1 for h in heads if h[2] == 1) == 1
    sections: list[_Section] = []
    if not heads or heads[0][0] > 0:
        first = heads[0][0] if heads else len(text)
        sections.append(_Section(0, first, (), 0))
    stack: list[tuple[int, str]] = []
    for i, (start, head_end, level, name) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, name))
        path = tuple(n for lvl, n in stack if not (title_level_skipped and lvl == 1))
        sections.append(_Section(start, end, path, head_end))
    return sections


def _merge_lone_headings(text: str, sections: list[_Section]) -> list[_Section]:
    """A section that is only its heading joins the next one, so no chunk is a bare title."""
    merged: list[_Section] = []
    carry: int | None = None
    for i, section in enumerate(sections):
        start = section.start if carry is None else carry
        body = text[section.heading_end : section.end]
        if _SEPARATORS_ONLY.fullmatch(body) and i + 1 < len(sections):
            carry = start
            continue
        carry = None
        merged.append(_Section(start, section.end, section.path, section.heading_end))
    return merged


# Bodies holding only blank lines or rules ('---') are empty for merging purposes.
_SEPARATORS_ONLY = re.compile(r"[\s\-*_=]*")
