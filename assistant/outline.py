"""Numbered sibling sections: a list a document writes as headings rather than as bullets.

"What pricing options can I choose from?" is answered by three sections, "1. On-Demand
Instances", "2. Reserved Contracts" and "3. Spot Instances", each with bullets of its own; the
best-scoring bullets come from one of them and list the wrong things. The retriever knows every
chunk's heading path, so it hands each hit its numbered siblings; the answerer lists their
headings when the question asks for the kind of thing their parent heading names. Works on
heading paths alone; it knows nothing about any particular corpus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.wordforms import keys
from ingest.lexical import tokenize
from ingest.types import Chunk
from ingest.units import Unit, plain

MIN_SIBLINGS = 3
_NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s+\S")  # "2. Reserved", "3.3 Pricing", "2.1.4. Encoding"
# The kind of thing a list question asks for: "What pricing options …", "Which ML frameworks …",
# "What are the main risks …".
_ITEMS = re.compile(
    r"\b(?:what|which)\s+(?:(?:are|were)\s+)?(?:(?:the|its|their|all|[\w-]+['’]s?)\s+)?(?:[\w-]+\s+){0,2}?([a-z][\w-]*?[^s\W]s)\b", re.I
)


class Outline:
    """Every section's numbered siblings, from the chunks' heading paths (built once per index).

    A chunk under "… > 1. NVIDIA Partnership > Competitive Moat" belongs to the group of its
    nearest numbered heading: "1. NVIDIA Partnership", "2. Cost Efficiency", "3. Scale" ….
    """

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        first: dict[tuple[str, tuple[str, ...]], Chunk] = {}  # (source, numbered path) → its first chunk
        for chunk in chunks:
            path = _numbered_path(chunk.section)
            if path and (chunk.source, path) not in first:
                first[(chunk.source, path)] = chunk
        groups: dict[tuple[str, tuple[str, ...]], list[Chunk]] = {}
        for (source, path), chunk in first.items():
            groups.setdefault((source, path[:-1]), []).append(chunk)
        self._siblings = {
            (c.source, _numbered_path(c.section)): tuple(sorted(group, key=lambda c: c.start))
            for group in groups.values()
            if len(group) >= MIN_SIBLINGS
            for c in group
        }

    def siblings(self, chunk: Chunk) -> tuple[Chunk, ...]:
        """The first chunk of each numbered section beside `chunk`'s, its own included, in reading order."""
        return self._siblings.get((chunk.source, _numbered_path(chunk.section)), ())


def _numbered_path(section: str) -> tuple[str, ...]:
    """The heading path down to its deepest numbered heading; () when none is numbered."""
    path = section.split(" > ")
    for depth in range(len(path) - 1, 0, -1):  # a top-level heading has no siblings to list here
        if _NUMBERED.match(path[depth]):
            return tuple(path[: depth + 1])
    return ()


def listed_sections(question: str, siblings: Sequence[Chunk]) -> list[Unit]:
    """The sibling sections' heading lines, when the question asks for what their parent heading names.

    "What pricing options …?" under "Deployment Options and Pricing > Deployment Models": the
    asked-for "options" is in the parent's path, so the three headings are the answer.
    """
    asked = _ITEMS.search(question)
    if not asked or len(siblings) < MIN_SIBLINGS:
        return []
    path = _numbered_path(siblings[0].section)
    parents = path[:-1]
    if not keys(tokenize(asked.group(1))) & keys(tokenize(" ".join(parents[-2:]))):
        return []
    units = [heading_unit(chunk, _numbered_path(chunk.section)[-1]) for chunk in siblings]
    return units if all(units) else []  # a list missing one of its items would mislead


def heading_unit(chunk: Chunk, heading: str) -> Unit | None:
    """The line in `chunk` that shows `heading` ("**2. Reserved Contracts**"), as an exact span."""
    pos = 0
    for line in chunk.text.splitlines(keepends=True):
        body = line.strip()
        if body and plain(body.strip("#* ").rstrip(":")) == plain(heading):
            start = chunk.start + pos + (len(line) - len(line.lstrip()))
            return Unit(chunk, 0, start, start + len(body), body, "", 0, "heading")
        pos += len(line)
    return None
