"""Check that a sentence says only what its cited passage says, and build the Citation for it.

The same checker serves the extractive answerer and the LLM backends: a sentence passes when
every number in it and most of its key words occur in the passage (its heading path included).
A sentence that fails is dropped by the caller, never shown.
"""

from __future__ import annotations

import re

from assistant.types import Citation
from ingest.lexical import tokenize
from ingest.types import Chunk

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
MARKER = re.compile(r"\[(\d{1,2})\]")


def numbers_in(text: str) -> set[str]:
    """Numbers as written, commas dropped: '$1,200/month' → {'1200'}."""
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}


def supports(sentence: str, chunk: Chunk, min_share: float = 0.6) -> bool:
    """True when `chunk` backs `sentence`: all its numbers and ≥ `min_share` of its key words are there."""
    claim = MARKER.sub("", sentence)
    source = chunk.embedding_text()
    if not numbers_in(claim) <= numbers_in(source):
        return False
    words = set(tokenize(claim))
    if not words:
        return True
    found = words & set(tokenize(source))
    return len(found) / len(words) >= min_share


def quote_span(sentence: str, chunk: Chunk) -> tuple[int, int]:
    """Document offsets of the passage line that best matches `sentence` (the whole chunk if none does)."""
    claim = set(tokenize(MARKER.sub("", sentence)))
    best, best_score, pos = (chunk.start, chunk.end), 0.0, 0
    for line in chunk.text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        stripped = line.strip()
        if not stripped:
            continue
        score = len(claim & set(tokenize(stripped))) / (1 + len(claim))
        if score > best_score:
            lead = len(line) - len(line.lstrip())
            s = chunk.start + start + lead
            best, best_score = (s, s + len(stripped)), score
    return best


def make_citation(n: int, chunk: Chunk, start: int, end: int) -> Citation:
    """A Citation whose quote is exactly the document's text between `start` and `end`."""
    start, end = max(start, chunk.start), min(end, chunk.end)
    return Citation(n=n, chunk=chunk, quote=chunk.between(start, end), start=start, end=end)
