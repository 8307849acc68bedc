"""The one entry point: `Assistant.ask(question, history) -> Answer`, and its streaming twin.

The CLI, the UI and the eval all go through here, so what the evaluators measure is what people
get. This module wires the stages; each stage lives in its own module.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from assistant.acronyms import AcronymSpeller
from assistant.answer import Answerer, Query
from assistant.conversation import build_standalone_query
from assistant.foreign import NameForms, never_named
from assistant.intent import asked_sentence
from assistant.searched import with_abbreviation_word, with_default_word, with_employees_word, with_period_codes, without_fillers
from assistant.multipart import with_first_answer
from assistant.questions import QUESTION_LIMIT, QuestionError, clean_question
from assistant.retrieval import Retriever
from assistant.types import Answer, Turn
from ingest.snapshot import IndexSnapshot
from ingest.state import STATE_FILE

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PipelineConfig:
    """Switches the eval compares; the defaults are what `--compare` measured best."""

    retrieval: Literal["dense", "lexical", "hybrid"] = "hybrid"
    rerank: bool = True
    followups: bool = True
    top_k: int = 5
    candidates: int = 30


class Assistant:
    """Answers questions over one index; safe to share between threads (the UI's sessions)."""

    def __init__(
        self,
        snapshot: IndexSnapshot,
        embedder,
        answerer: Answerer,
        config: PipelineConfig = PipelineConfig(),
        data_dir: Path | None = None,
        chroma_url: str | None = None,
    ) -> None:
        self.embedder = embedder
        self.answerer = answerer
        self.config = config
        self._data_dir = data_dir
        self._chroma_url = chroma_url
        self._lock = threading.Lock()
        self._use(snapshot)

    def _use(self, snapshot: IndexSnapshot) -> None:
        self.snapshot = snapshot
        self.retriever = Retriever(snapshot, self.embedder, self.config)
        self._speller = AcronymSpeller(snapshot.chunks, self.retriever.vocabulary)
        self._names = NameForms(self.retriever.vocabulary)
        self._state_mtime = self._pointer_mtime()

    @property
    def backend(self) -> str:
        return self.answerer.name

    def info(self) -> dict:
        """What the UI header shows: the corpus and the active backend."""
        return {
            "documents": self.snapshot.documents,
            "chunks": len(self.snapshot.chunks),
            "sources": sorted(self.snapshot.state.files),
            "backend": self.answerer.name,
        }

    def ask(self, question: str, history: Sequence[Turn | dict] = ()) -> Answer:
        answer: Answer | None = None
        for item in self.stream(question, history):
            if isinstance(item, Answer):
                answer = item
        assert answer is not None
        return answer

    def stream(self, question: str, history: Sequence[Turn | dict] = ()) -> Iterator[str | Answer]:
        """Text pieces as they are ready, then the final Answer (always last, always once)."""
        started = time.perf_counter()
        self._reload_if_reindexed()
        question, notes = clean_question(question)  # raises QuestionError on an empty question
        turns = [Turn.coerce(t) for t in history]
        asked = without_fillers(question)  # searched and weighed without "these days", "right now"
        # Documents write "Q1 2025" where people say "the first quarter of 2025", "the default"
        # where people say "if none is given", "an abbreviation for" where they ask "stands for", and
        # "Employees" where they ask how many people work there.
        standalone = with_abbreviation_word(with_default_word(with_period_codes(self._standalone(asked, turns))))
        standalone = with_employees_word(standalone)
        standalone = with_first_answer(standalone, self.retriever, self.embedder, self.config.top_k)
        standalone = self._speller(standalone)  # "CTO" → "(Chief Technology Officer)" where only that is written
        hits = self.retriever.retrieve(standalone, self.config.top_k)
        retriever, k = self.retriever, self.config.top_k
        weights = retriever.term_weights(standalone, asked)
        foreign = never_named(asked_sentence(question), self._names)
        query = Query(question, standalone, tuple(turns), *weights, retriever.aliases, foreign, search=lambda text: retriever.retrieve(text, k))
        final: Answer | None = None
        for item in self.answerer.stream(query, hits):
            if isinstance(item, Answer):
                final = item
            else:
                yield item
        assert final is not None, "an answerer must end its stream with an Answer"
        yield replace(final, latency_ms=(time.perf_counter() - started) * 1000, notes=final.notes + tuple(notes))

    def _standalone(self, question: str, turns: list[Turn]) -> str:
        """What to search for: the answerer's standalone form of a follow-up, the question itself otherwise."""
        if not self.config.followups or not turns:
            return question  # a first turn has nothing to resolve, so an LLM answerer is not asked
        try:
            return self.answerer.standalone_query(question, turns)
        except Exception as exc:  # noqa: BLE001 - a failed rewrite must not cost the answer
            name, kind = self.answerer.name, type(exc).__name__
            log.warning("%s could not rewrite the follow-up (%s: %s); using the rule-based query", name, kind, exc)
            return build_standalone_query(question, turns)

    def _pointer_mtime(self) -> float | None:
        if self._data_dir is None:
            return None
        try:
            return (Path(self._data_dir) / STATE_FILE).stat().st_mtime
        except OSError:
            return None

    def _reload_if_reindexed(self) -> None:
        # A re-ingest switches generations and drops the old one; follow it instead of failing.
        if self._data_dir is None or self._pointer_mtime() == self._state_mtime:
            return
        with self._lock:
            if self._pointer_mtime() != self._state_mtime:
                self._use(IndexSnapshot.open(self._data_dir, self._chroma_url))


__all__ = ["Assistant", "PipelineConfig", "QuestionError", "QUESTION_LIMIT"]
