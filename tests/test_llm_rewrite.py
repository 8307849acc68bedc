"""Follow-up rewriting with the model (over the fake OpenAI server), and its rule-based fallback."""

from __future__ import annotations

import pytest

from assistant.conversation import build_standalone_query
from assistant.llm.openai_backend import OpenAIAnswerer
from assistant.llm.rewrite import LLMRewriter, clean_rewrite
from assistant.types import Turn
from fake_openai_server import FakeOpenAI

HISTORY = (
    Turn("user", "Who is CoreWeave's biggest customer?"),
    Turn("assistant", "Microsoft, which accounted for 62% of 2024 revenue. [1]"),
)
QUESTION = "How much was that in dollars?"


@pytest.fixture
def llm():
    with FakeOpenAI() as fake:
        yield fake, OpenAIAnswerer("fake-model", fake.base_url, timeout=5)


def test_the_models_rewrite_comes_first_then_the_rule_based_terms(llm):
    fake, answerer = llm
    fake.enqueue("Rewritten question: How much was Microsoft's share of 2024 revenue in dollars?\n(I replaced 'that'.)")
    rules = build_standalone_query(QUESTION, HISTORY)
    carried = rules[len(QUESTION) :].strip()
    assert carried.startswith("(")
    assert answerer.standalone_query(QUESTION, HISTORY) == (
        f"How much was Microsoft's share of 2024 revenue in dollars? {carried}"
    )
    (request,) = fake.requests
    assert request["max_completion_tokens"] == 48 and "Last question: How much was that in dollars?" in str(request)
    assert "[1]" not in request["messages"][1]["content"]  # old markers are not part of the conversation


def test_llm_mode_alone_and_questions_that_stand_alone(llm):
    fake, answerer = llm
    fake.enqueue('"How much was Microsoft\'s 2024 revenue?"')
    assert LLMRewriter(answerer, mode="llm")(QUESTION, HISTORY) == "How much was Microsoft's 2024 revenue?"
    assert answerer.standalone_query("Who is the CEO of CoreWeave?", HISTORY) == "Who is the CEO of CoreWeave?"
    assert answerer.standalone_query(QUESTION, ()) == QUESTION
    assert len(fake.requests) == 1  # no model call when there is nothing to resolve


def test_a_failed_or_rambling_rewrite_falls_back_to_the_rule_based_query(llm):
    fake, answerer = llm
    fake.status = 500
    assert answerer.standalone_query(QUESTION, HISTORY) == build_standalone_query(QUESTION, HISTORY)
    assert clean_rewrite("") is None and clean_rewrite("x" * 400) is None
    assert clean_rewrite("  Standalone question: `Who leads it?`  ") == "Who leads it?"
