"""The index's pointer file: which generation is live, and the manifest of what it holds.

Written to a temporary file, fsynced, then renamed over the old one, so a crash at any moment
leaves either the old pointer or the new one, never half of either.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

STATE_FILE = "state.json"
FORMAT_VERSION = 17  # 2: each generation also holds its answer units' vectors (ingest.unit_vectors)
# 3: HTML is rendered without permalink anchors (ingest.html), so older HTML chunks read differently
# 4: a term line that ended a chunk starts the next one, beside its paragraph (ingest.chunking)
# 5: plain text and PDF read as prose (ingest.units, ingest.numbered_headings, ingest.pdf_pages): their
#    chunks, heading paths and answer units changed
# 6: Markdown's HTML comments and link reference definitions are dropped (ingest.markdown), a chunk
#    records whether it starts inside a code block (Chunk.in_code), and wrapped prose naming code in backticks
#    is read as prose (ingest.units)
# 7: an HTML page marking its main content (<main>, role="main") is read from there alone (ingest.html)
# 8: a Markdown title is cleaned like a heading ("[libcbor](https://…)" → "libcbor"), and plain text takes
#    a "# " title only from its first lines (ingest.loaders)
# 9: HTML navigation bars and tables of contents marked by class (DocBook's "<< Prev | Up | Next >>",
#    class="toc") are dropped (ingest.html)
# 10: a line of links to the next, previous and parent page (rel="next" / "prev" / "up", as Texinfo heads
#    every node with) is dropped (ingest.html)
# 11: a title underlined with "~~~~" is a heading, not a code fence, and a long rule under a paragraph's last
#    line is no title (ingest.markdown, ingest.units): plain-text release notes split by release
# 12: a PDF's contents and index entries (dot leaders to a page number) are dropped and its ligatures
#    ("ﬁ", "ﬂ", "ﬃ") spelled out (ingest.pdf_pages); a DocBook FAQ's questions are headings
#    (ingest.html_faq); "ie." and "eg." end no sentence (ingest.units)
# 13: Markdown's front matter is dropped (its title kept) and MyST's notes, "New in version" boxes and
#    roles read as the site shows them (ingest.myst); a link target on the line after its label is dropped
# 14: a Markdown or text file's first line underlined with "=", when it is the file's only such heading,
#    is its title (ingest.loaders): release notes kept one file per release are titled by their release
# 15: an FAQ's numbered questions are headings, and a numbered line read as no heading holds its place
#    (ingest.numbered_headings); prose naming a call ("deflate() reduces …") wraps, an item ending in a
#    colon takes its value from the next line, and a numbered heading's own line is no answer unit (ingest.units)
# 16: search tokens keep letters of any script and fold accents ("Colón" → "colon", not "col"), so the
#    saved BM25 index changes (ingest.lexical); a contract's clauses hanging at a column are one unit and
#    no heading, a line of words ending in ";" ends an item, a numbered line in capitals is a heading
#    under a colon, and a grid table's "+---+" borders are rules (ingest.units, ingest.numbered_headings)
# 17: a footnote's mark is no part of its word ("Weight²" → "weight"), so the saved BM25 index changes
#    (ingest.lexical); a sentence does not end after a title before a name ("Dr. Helen …", ingest.units);
#    an HTML data table is written as Markdown's rows under its header row (ingest.html_tables)


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    chunk_ids: tuple[str, ...]
    title: str = ""


@dataclass(frozen=True)
class FailedFile:
    """A file that could not be loaded. Remembered so that, while its bytes and docent stay the
    same, later runs report it again without retrying it or building a new generation for it."""

    sha256: str
    reason: str
    loader: str = ""  # the docent version that failed to read it: another version tries again


@dataclass(frozen=True)
class IndexState:
    generation: str
    collection: str
    embedder: str
    chunk_size: int
    chunk_overlap: int
    files: dict[str, FileEntry] = field(default_factory=dict)
    chunks: int = 0
    created: str = ""
    roots: tuple[str, ...] = ()  # the paths ingest was given, so `chat` can refresh the same set
    failed: dict[str, FailedFile] = field(default_factory=dict)
    version: int = FORMAT_VERSION

    def generation_dir(self, data_dir: Path) -> Path:
        return Path(data_dir) / "generations" / self.generation


class CorruptIndexError(RuntimeError):
    """The data dir exists but its pointer file cannot be read."""


def load_state(data_dir: Path) -> IndexState | None:
    """The live state, None when nothing was ever indexed here."""
    path = Path(data_dir) / STATE_FILE
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        files = {k: FileEntry(v["sha256"], tuple(v["chunk_ids"]), v.get("title", "")) for k, v in raw["files"].items()}
        failed = {k: FailedFile(**v) for k, v in raw.get("failed", {}).items()}
        return IndexState(**{**raw, "files": files, "roots": tuple(raw.get("roots", ())), "failed": failed})
    except (ValueError, KeyError, TypeError) as exc:
        raise CorruptIndexError(
            f"the index pointer {path} is unreadable ({exc}); delete {data_dir} and run `docent ingest` again"
        ) from exc


def save_state(data_dir: Path, state: IndexState) -> None:
    path = Path(data_dir) / STATE_FILE
    tmp = path.with_suffix(".json.tmp")
    payload = asdict(state)
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    # Make the rename itself durable, not only the file's bytes.
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
