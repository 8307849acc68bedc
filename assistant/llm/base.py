"""What every LLM backend shares: prompt, verify, and fall back to the extractive answer.

A backend implements one method, `chat(messages, stream)`, that yields the model's text. The
base builds the prompt, streams the model's draft as it arrives, then checks the draft sentence
by sentence (`verify`) and ends with the verified Answer. When the model fails (server down,
model file missing, timeout), refuses, or writes nothing its passages support, the answer comes
from `ExtractiveAnswerer` instead, `Answer.backend` says so and a note says why. It never raises
for a model failure: a broken LLM costs quality, not the answer. `standalone_query` rewrites
follow-ups with the same model (`rewrite`).
"""

from __future__ import annotations

import logging
from abc import abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import replace

from assistant.answer import Answerer, Query
from assistant.extractive import ExtractiveAnswerer
from assistant.llm.prompting import answer_messages
from assistant.llm.rewrite import LLMRewriter
from assistant.llm.verify import verify
from assistant.types import Answer, Hit, Turn

log = logging.getLogger(__name__)

MAX_TOKENS = 320  # a concise cited answer; a bound on the worst case on a slow CPU


class LLMError(Exception):
    """A model call failed; the message says what to fix and is shown to the user as a note."""


class LLMAnswerer(Answerer):
    """An Answerer whose draft comes from a chat model and is verified before it is shown."""

    name = "llm"

    def __init__(self, embedder=None, max_tokens: int = MAX_TOKENS) -> None:
        self.fallback = ExtractiveAnswerer(embedder)
        self.max_tokens = max_tokens

    @abstractmethod
    def chat(self, messages: list[dict[str, str]], stream: bool, max_tokens: int | None = None) -> Iterator[str]:
        """The reply to `messages` as text deltas (one piece when not `stream`); raises LLMError.

        `max_tokens` caps the reply (None: `self.max_tokens`).
        """

    def standalone_query(self, question: str, history: Sequence[Turn]) -> str:
        """The follow-up `question` as a search query of its own: the model's rewrite plus the rule-based terms."""
        return LLMRewriter(self)(question, history)

    def compose(self, query: Query, hits: Sequence[Hit]) -> Answer:
        if not hits:
            return self._fall_back(query, hits, "no passages", "no passage was retrieved, so the model was not asked")
        try:
            draft = "".join(self.chat(answer_messages(query, hits), stream=False))
        except Exception as exc:  # noqa: BLE001 - any model failure ends in the extractive answer
            return self._failed(query, hits, exc)
        return self.finish(query, hits, draft)

    def stream(self, query: Query, hits: Sequence[Hit]) -> Iterator[str | Answer]:
        """The model's draft as it arrives, then the verified Answer, which replaces the draft."""
        if not hits:
            yield self.compose(query, hits)
            return
        pieces: list[str] = []
        try:
            for piece in self.chat(answer_messages(query, hits), stream=True):
                pieces.append(piece)
                yield piece
        except Exception as exc:  # noqa: BLE001 - any model failure ends in the extractive answer
            yield self._failed(query, hits, exc)
            return
        yield self.finish(query, hits, "".join(pieces))

    def finish(self, query: Query, hits: Sequence[Hit], draft: str) -> Answer:
        """The verified Answer for the model's `draft`, or the extractive one when nothing holds."""
        log.debug("%s draft: %r", self.name, draft)
        checked = verify(draft, hits)
        if checked.refused and not checked.kept:
            return self._fall_back(query, hits, "model found no answer", "the model said the documents don't say")
        if not checked.text:
            why = (
                "no sentence of the model's answer was supported by the passage it cites"
                if draft.strip()
                else "the model returned an empty answer"
            )
            return self._fall_back(query, hits, "unsupported", why, checked.notes())
        return Answer(
            checked.text,
            checked.citations,
            refused=False,
            contexts=tuple(hits),
            standalone_question=query.standalone,
            backend=self.name,
            notes=checked.notes(),
        )

    def _failed(self, query: Query, hits: Sequence[Hit], exc: Exception) -> Answer:
        if isinstance(exc, LLMError):
            log.warning("%s failed: %s", self.name, exc)
            return self._fall_back(query, hits, "LLM error", f"{self.name} failed: {exc}")
        # The user gets a note, not a traceback; the traceback is there for whoever turns on debug logs.
        log.warning("%s failed: %s: %s", self.name, type(exc).__name__, exc, exc_info=log.isEnabledFor(logging.DEBUG))
        return self._fall_back(query, hits, "LLM error", f"{self.name} failed: {type(exc).__name__}: {exc}")

    def _fall_back(
        self, query: Query, hits: Sequence[Hit], reason: str, note: str, extra: tuple[str, ...] = ()
    ) -> Answer:
        answer = self.fallback.compose(query, hits)
        return replace(answer, backend=f"extractive (fallback: {reason})", notes=(*answer.notes, *extra, note))
