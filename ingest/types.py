"""Typed objects that flow through ingest: Document → Chunk, plus what a run reports."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One source file as cleaned text. Offsets everywhere else index into `text`."""

    source: str  # path as given to ingest, posix style; the key in the manifest
    title: str
    text: str  # after text repair; HTML is rendered to markdown-style text with '#' headings
    kind: str  # "markdown" (reStructuredText too, as written out) | "text" | "html" | "pdf"
    page_starts: tuple[int, ...] = ()  # PDF only: offset in `text` where page i+1 begins
    warnings: tuple[str, ...] = ()  # non-fatal problems, e.g. invalid UTF-8 replaced

    def page_at(self, offset: int) -> int | None:
        """1-based page holding `offset`, or None for documents without pages."""
        if not self.page_starts:
            return None
        page = 0
        for i, start in enumerate(self.page_starts):
            if start <= offset:
                page = i
            else:
                break
        return page + 1


@dataclass(frozen=True)
class Chunk:
    """A contiguous span of a document: `document.text[start:end] == text`."""

    id: str
    source: str
    title: str
    section: str  # heading path, "3. Product Lineup > 3.1 GPU Computing Infrastructure"
    text: str
    start: int
    end: int
    page: int | None = None
    in_code: bool = False  # starts inside a fenced code block: its first fence line closes one

    def between(self, start: int, end: int) -> str:
        """The chunk's text from document offset `start` to `end`."""
        return self.text[start - self.start : end - self.start]

    def embedding_text(self) -> str:
        """What the encoder and BM25 see: the heading path gives a bare passage its topic."""
        return f"{self.title} > {self.section}\n{self.text}" if self.section else f"{self.title}\n{self.text}"


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


@dataclass
class IngestReport:
    """What one `ingest` run did; printed as the summary line."""

    files_read: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    chunks_added: int = 0
    chunks_removed: int = 0
    chunks_unchanged: int = 0
    chunks_embedded: int = 0
    total_chunks: int = 0
    documents: int = 0
    seconds: float = 0.0
