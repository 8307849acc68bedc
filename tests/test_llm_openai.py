"""The `openai` backend over real HTTP against a scripted OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import re
import socket

import pytest

from assistant.factory import ANSWERERS, make_answerer
from assistant.llm.openai_backend import OpenAIAnswerer
from assistant.types import Answer
from docent.settings import Settings
from fake_openai_server import FakeOpenAI
from llm_fixtures import DOCUMENT, HITS, REVENUE, query

MIXED = "Revenue in 2024 was $1.92 billion [2]. The company employs 40,000 engineers in Paris [1]."


@pytest.fixture
def server():
    with FakeOpenAI() as fake:
        yield fake


def answerer(server: FakeOpenAI, **kw) -> OpenAIAnswerer:
    return OpenAIAnswerer("fake-model", server.base_url, None, kw.pop("timeout", 10.0), **kw)


def _check_verified(answer: Answer) -> None:
    assert answer.backend == "openai:fake-model"
    assert answer.text == "Revenue in 2024 was $1.92 billion. [1]"
    assert not answer.refused
    (citation,) = answer.citations
    assert citation.chunk is REVENUE and citation.quote == "Revenue in 2024 was $1.92 billion, up 737% from 2023."
    assert DOCUMENT[citation.start : citation.end] == citation.quote
    assert any("1 not supported by the passage cited" in note for note in answer.notes)


def test_compose_posts_a_plain_request_and_drops_the_unsupported_sentence(server):
    server.enqueue(MIXED)
    answer = answerer(server).compose(query(), HITS)
    _check_verified(answer)
    (request,) = server.requests
    assert not request.get("stream")
    assert request["model"] == "fake-model" and request["temperature"] == 0
    assert request["messages"][0]["role"] == "system"
    assert "[2] report.md — CoreWeave report > Revenue" in request["messages"][1]["content"]


def test_stream_yields_the_draft_as_it_arrives_then_the_verified_answer(server):
    server.enqueue(MIXED)
    items = list(answerer(server).stream(query(), HITS))
    pieces, final = items[:-1], items[-1]
    assert len(pieces) > 5 and all(isinstance(p, str) for p in pieces)
    assert "".join(pieces) == MIXED  # the raw draft; the verified Answer replaces it
    _check_verified(final)
    assert server.requests[0]["stream"] is True


def test_model_refusal_falls_back_to_the_extractive_refusal(server):
    server.enqueue("The documents don't say.")
    answer = answerer(server).compose(query("Who is the mayor of Paris?"), HITS)
    assert answer.refused and answer.text.startswith("The documents don't say.")
    assert answer.backend == "extractive (fallback: model found no answer)"
    assert "the model said the documents don't say" in answer.notes


def test_nothing_supported_falls_back_to_the_extractive_answer(server):
    server.enqueue("The company employs 40,000 engineers in Paris [1].")
    answer = answerer(server).compose(query(), HITS)
    assert answer.backend == "extractive (fallback: unsupported)"
    assert not answer.refused and "$1.92 billion" in answer.text  # the extractive answer
    assert any("supported by the passage it cites" in note for note in answer.notes)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("stream", [False, True])
def test_server_down_gives_a_clear_note_and_the_extractive_answer(stream):
    down = OpenAIAnswerer("fake-model", f"http://127.0.0.1:{_free_port()}/v1", timeout=2.0)
    items = list(down.stream(query(), HITS)) if stream else [down.compose(query(), HITS)]
    answer = items[-1]
    assert isinstance(answer, Answer) and "$1.92 billion" in answer.text
    assert answer.backend == "extractive (fallback: LLM error)"
    assert re.search(r"cannot reach the LLM server at http://127\.0\.0\.1:\d+/v1: start it", answer.notes[-1])


def test_timeout_gives_a_clear_note_and_the_extractive_answer(server):
    server.delay = 1.5
    answer = answerer(server, timeout=0.3).compose(query(), HITS)
    assert answer.backend == "extractive (fallback: LLM error)"
    assert "did not answer within 0.3s (DOCENT_LLM_TIMEOUT)" in answer.notes[-1]


def test_http_error_and_missing_model_name_are_explained(server):
    server.status = 500
    answer = answerer(server).compose(query(), HITS)
    assert "answered HTTP 500" in answer.notes[-1] and answer.backend.startswith("extractive (fallback")
    unnamed = OpenAIAnswerer(None, server.base_url).compose(query(), HITS)
    assert "DOCENT_LLM_MODEL is not set" in unnamed.notes[-1]


def test_factory_registers_the_llm_backends(server):
    assert {"extractive", "openai", "local"} <= set(ANSWERERS)
    settings = Settings(answerer="openai", llm_model="fake-model", llm_base_url=server.base_url, llm_timeout=5)
    built = make_answerer(settings, None)
    assert isinstance(built, OpenAIAnswerer) and built.name == "openai:fake-model" and built.timeout == 5
    local = make_answerer(Settings(answerer="local", llm_model="/models/m.gguf"), None)
    assert local.name == "local:m.gguf"


def echo_first_passage(request: dict) -> str:
    """A 'model' that answers with the first line of passage [1], cited: always supported."""
    prompt = request["messages"][-1]["content"]
    passage = prompt.split("<<<\n", 1)[1].split("\n>>>", 1)[0]
    line = next(line for line in passage.splitlines() if line.strip())
    return f"{line.strip().lstrip('-* ').strip()} [1]"


@pytest.mark.slow
def test_the_pipeline_answers_through_the_openai_backend_and_survives_its_failure(corpus_settings, embedder):
    from assistant.factory import build_assistant

    with FakeOpenAI(responder=echo_first_passage) as fake:
        settings = corpus_settings.model_copy(
            update={"answerer": "openai", "llm_model": "fake-model", "llm_base_url": fake.base_url}
        )
        assistant = build_assistant(settings, embedder=embedder)
        assert assistant.info()["backend"] == "openai:fake-model"
        items = list(assistant.stream("Who is the CEO of CoreWeave?"))
        answer = items[-1]
        assert answer.backend == "openai:fake-model" and answer.citations
        assert all(isinstance(p, str) for p in items[:-1]) and len(items) > 2
        citation = answer.citations[0]
        assert citation.chunk.id == answer.contexts[0].chunk.id
        assert citation.quote in citation.chunk.text and answer.to_json()["backend"] == "openai:fake-model"

    down = corpus_settings.model_copy(
        update={"answerer": "openai", "llm_model": "fake-model", "llm_base_url": f"http://127.0.0.1:{_free_port()}/v1"}
    )
    answer = build_assistant(down, embedder=embedder).ask("Who is the CEO of CoreWeave?")
    assert answer.backend == "extractive (fallback: LLM error)" and answer.text
    assert "cannot reach the LLM server" in answer.notes[-1]
