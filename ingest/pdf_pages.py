"""A PDF's pages as one text: running headers, footers and page numbers out, split paragraphs rejoined.

A PDF repeats its title or chapter at the top of every page and numbers the pages at the bottom;
its text layer keeps both, so a paragraph crossing a page break reads "…found in a 2 Shared
MIME-info Database directory is added…". Lines at a page's edge that recur on many pages, and
bare page numbers there, are dropped; a page that stops mid-sentence is joined to the next with a
single line break, so the wrapped paragraph reads on.

Two more things are typesetting, not text. A contents or index entry ("2.4. OPTIONS . . . . 4")
only points at a page: a manual's contents and index became dozens of chunks of dot leaders whose
words matched every question about the sections they list. And TeX sets "fi", "fl", "ffi" as
single ligature glyphs, which the text layer keeps ("ﬁle"): neither search nor the encoder reads
"ﬁle" as "file", so the ligatures are spelled out.
"""

from __future__ import annotations

import re

EDGE = 2  # lines looked at on each edge of a page
_PAGE_NUMBER = re.compile(r"(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,7})(?:\s+(?:of|/)\s+\d{1,4})?", re.I)
_PAGE_REF = re.compile(r"\bpage\s+\d+(?:\s+(?:of|/)\s+\d+)?", re.I)
_ENDS_SENTENCE = re.compile(r"[.!?:;)\]\"”’]\s*$")
# Four or more leader dots, spaced or not, then the page number ending the line.
_LEADER_ENTRY = re.compile(r"(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlcdm]{1,7})$", re.I)
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})


def clean_pages(pages: list[str]) -> list[str]:
    """`pages` without their running headers and footers, page numbers, contents entries and ligatures."""
    pages = [_typeset_out(page) for page in pages]
    counts: dict[str, int] = {}
    for page in pages:
        for line in set(_edges(page.splitlines())):
            key = _key(line)
            counts[key] = counts.get(key, 0) + 1
    # Recurring on at least half the pages (and three of them): a header or a footer, not content.
    running = {key for key, n in counts.items() if n >= max(3, len(pages) / 2)}
    return [_strip_edges(page, running) for page in pages]


def join_pages(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """The pages as one text and where each starts; a page ending mid-sentence runs into the next."""
    starts, parts, offset = [], [], 0
    for i, page in enumerate(pages):
        if i:
            separator = "\n" if page and parts[-1] and not _ENDS_SENTENCE.search(parts[-1]) else "\n\n"
            parts.append(separator)
            offset += len(separator)
        starts.append(offset)
        parts.append(page)
        offset += len(page)
    return "".join(parts), tuple(starts)


def _typeset_out(page: str) -> str:
    lines = page.translate(_LIGATURES).splitlines()
    return "\n".join(line for line in lines if not _LEADER_ENTRY.search(line.rstrip()))


def _edges(lines: list[str]) -> list[str]:
    kept = [line for line in lines if line.strip()]
    return kept[:EDGE] + kept[-EDGE:]


def _key(line: str) -> str:
    # "Widget Manual, page 3" recurs as "widget manual, page #"; "Chapter 3" stays itself.
    return _PAGE_REF.sub("page #", " ".join(line.split()).lower())


def _strip_edges(page: str, running: set[str]) -> str:
    lines = page.splitlines()

    def drop(line: str) -> bool:
        return _key(line) in running or bool(_PAGE_NUMBER.fullmatch(line.strip()))

    # Only the outermost lines of each edge, and only while they are headers, footers or numbers.
    for _ in range(EDGE):
        while lines and not lines[0].strip():
            lines.pop(0)
        if lines and drop(lines[0]):
            lines.pop(0)
    for _ in range(EDGE):
        while lines and not lines[-1].strip():
            lines.pop()
        if lines and drop(lines[-1]):
            lines.pop()
    return "\n".join(lines).strip()
