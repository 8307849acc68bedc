"""The pipeline asks the answerer how a follow-up becomes a search query, and survives its failure.

A tiny index built with the HashEmbedder stands in for the corpus: these tests check which
standalone query the pipeline searches with (`Answer.standalone_question`), not retrieval quality.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pytest

from assistant.answer import Answerer
from assistant.conversation import build_standalone_query
from assistant.llm.base import LLMAnswerer, LLMError
from assistant.pipeline import Assistant, PipelineConfig
from assistant.types import Answer, Turn
from fakes import HashEmbedder
from ingest.index import IngestOptions, ingest
from ingest.snapshot import IndexSnapshot
from llm_fixtures import DOCUMENT

HISTORY = (
    {"role": "user", "content": "Who is the CEO of CoreWeave?"},
    {"role": "assistant", "content": "Michael Intrator is the CEO & Co-Founder. [1]"},
)
FOLLOW_UP = "Where is its headquarters?"  # "its" leans on the turn before
STANDS_ALONE = "Where is CoreWeave headquartered?"
RULES = build_standalone_query(FOLLOW_UP, [Turn.coerce(t) for t in HISTORY])


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "report.md").write_text(DOCUMENT, encoding="utf-8")
    data_dir = tmp_path_factory.mktemp("index")
    ingest([corpus], HashEmbedder(), IngestOptions(data_dir=data_dir, progress=False))
    return IndexSnapshot.open(data_dir)


class Searched(Answerer):
    """Answers with what was searched for; the rule builder's standalone query, as the base gives it."""

    name = "searched"

    def compose(self, query, hits) -> Answer:
        return Answer(f"searched for {query.standalone}", (), False, tuple(hits), query.standalone, backend=self.name)


class Rewriting(Searched):
    """Rewrites follow-ups in a way a test can recognise, or raises `error`; records every call."""

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error
        self.calls: list[tuple[str, tuple[Turn, ...]]] = []

    def standalone_query(self, question: str, history: Sequence[Turn]) -> str:
        self.calls.append((question, tuple(history)))
        if self.error:
            raise self.error
        return f"{question} [rewritten]"


class ScriptedLLM(LLMAnswerer):
    """A 'model' whose follow-up rewrites come from a script (an exception is raised) and that never answers."""

    name = "scripted"

    def __init__(self, *rewrites: str | Exception) -> None:
        super().__init__()
        self.rewrites = list(rewrites)
        self.rewrite_prompts: list[list[dict[str, str]]] = []

    def chat(self, messages, stream, max_tokens=None):
        if not messages[0]["content"].startswith("You rewrite"):
            yield "The documents don't say."  # the answer prompt: the extractive fallback answers
            return
        self.rewrite_prompts.append(messages)
        reply = self.rewrites.pop(0)
        if isinstance(reply, Exception):
            raise reply
        yield reply


def test_the_answerers_rewrite_is_what_the_pipeline_searches_for(snapshot):
    answerer = Rewriting()
    answer = Assistant(snapshot, HashEmbedder(), answerer).ask(FOLLOW_UP, HISTORY)
    assert answer.standalone_question == "Where is its headquarters? [rewritten]"
    assert answer.text == "searched for Where is its headquarters? [rewritten]"
    ((question, turns),) = answerer.calls
    assert question == FOLLOW_UP and [t.content for t in turns] == [t["content"] for t in HISTORY]


def test_a_first_turn_or_followups_off_never_asks_the_answerer(snapshot):
    answerer = Rewriting()
    assert Assistant(snapshot, HashEmbedder(), answerer).ask(FOLLOW_UP).standalone_question == FOLLOW_UP
    off = Assistant(snapshot, HashEmbedder(), answerer, PipelineConfig(followups=False))
    assert off.ask(FOLLOW_UP, HISTORY).standalone_question == FOLLOW_UP
    assert answerer.calls == []


def test_a_rewrite_that_raises_falls_back_to_the_rule_builder(snapshot, caplog):
    answerer = Rewriting(error=RuntimeError("model crashed"))
    with caplog.at_level(logging.WARNING, logger="assistant.pipeline"):
        answer = Assistant(snapshot, HashEmbedder(), answerer).ask(FOLLOW_UP, HISTORY)
    assert answer.standalone_question == RULES != FOLLOW_UP
    assert len(answerer.calls) == 1
    assert "could not rewrite the follow-up (RuntimeError: model crashed)" in caplog.text


def test_an_answerer_without_its_own_rewrite_uses_the_rule_builder(snapshot):
    answer = Assistant(snapshot, HashEmbedder(), Searched()).ask(FOLLOW_UP, HISTORY)
    assert answer.standalone_question == RULES
    assert RULES.startswith(f"{FOLLOW_UP} (") and "CoreWeave" in RULES


def test_an_llm_answerer_rewrites_only_questions_that_lean_on_history(snapshot):
    llm = ScriptedLLM("Where is CoreWeave's headquarters?")
    assistant = Assistant(snapshot, HashEmbedder(), llm)
    assert assistant.ask(FOLLOW_UP).standalone_question == FOLLOW_UP  # first turn
    assert assistant.ask(STANDS_ALONE, HISTORY).standalone_question == STANDS_ALONE  # brings its own subject
    assert llm.rewrite_prompts == []  # neither paid for a model call

    answer = assistant.ask(FOLLOW_UP, HISTORY)
    carried = RULES[len(FOLLOW_UP) :].strip()
    assert answer.standalone_question == f"Where is CoreWeave's headquarters? {carried}"  # llm+rules
    assert len(llm.rewrite_prompts) == 1 and "Last question: Where is its headquarters?" in str(llm.rewrite_prompts)
    assert answer.text and answer.backend == "extractive (fallback: model found no answer)"


def test_a_model_failure_during_the_rewrite_searches_with_the_rule_builder(snapshot):
    llm = ScriptedLLM(LLMError("cannot reach the LLM server"))
    answer = Assistant(snapshot, HashEmbedder(), llm).ask(FOLLOW_UP, HISTORY)
    assert answer.standalone_question == RULES
    assert len(llm.rewrite_prompts) == 1 and answer.text  # the question is still answered
