"""Typed objects of the answering side: Turn, Hit → Citation → Answer, and the `ask --json` shape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ingest.types import Chunk


@dataclass(frozen=True)
class Turn:
    role: str  # "user" | "assistant"
    content: str

    @classmethod
    def coerce(cls, item: Turn | dict[str, Any]) -> Turn:
        """Accept a Turn or the golden-set/gradio dict form {"role", "content"}."""
        if isinstance(item, Turn):
            return item
        content = item.get("content", "")
        if not isinstance(content, str):  # gradio may hand multimodal content lists
            content = " ".join(str(part.get("text", "")) if isinstance(part, dict) else str(part) for part in content)
        return cls(role=str(item.get("role", "user")), content=content)


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with the score that ranked it (higher is better)."""

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None
    # The chunk's answer units' vectors made at ingest, by the unit's document offset; empty when
    # the index has none (then the answerer encodes the units it needs itself).
    unit_vectors: Mapping[int, Any] = field(default_factory=dict, compare=False, repr=False)
    # The first chunk of each numbered section beside this chunk's ("1. On-Demand", "2. Reserved",
    # "3. Spot"), itself included; empty when its section is not one of three or more.
    siblings: tuple[Chunk, ...] = field(default=(), compare=False, repr=False)
    # The chunk after this one in its document when it goes on in the same section (a list cut by
    # the chunk boundary ends there); None otherwise.
    following: Chunk | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Citation:
    """The passage behind one [n] marker; `quote == document_text[start:end]`."""

    n: int
    chunk: Chunk
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Answer:
    text: str  # with inline [n] markers
    citations: tuple[Citation, ...]
    refused: bool
    contexts: tuple[Hit, ...]
    standalone_question: str
    latency_ms: float = 0.0
    backend: str = "extractive"
    notes: tuple[str, ...] = field(default=())  # e.g. "question cut to 2,000 characters"

    def to_json(self) -> dict[str, Any]:
        """The `ask --json` contract of DESIGN.md."""
        return {
            "answer": self.text,
            "refused": self.refused,
            "citations": [
                {
                    "n": c.n,
                    "chunk_id": c.chunk.id,
                    "source": c.chunk.source,
                    "section": c.chunk.section,
                    "text": c.chunk.text,
                    "quote": c.quote,
                    "start": c.start,
                    "end": c.end,
                }
                for c in self.citations
            ],
            "contexts": [
                {
                    "chunk_id": h.chunk.id,
                    "source": h.chunk.source,
                    "section": h.chunk.section,
                    "text": h.chunk.text,
                    "score": round(float(h.score), 6),
                }
                for h in self.contexts
            ],
            "standalone_question": self.standalone_question,
            "latency_ms": round(self.latency_ms, 3),
            "backend": self.backend,
        }
