"""The running app over the real corpus index, driven through gradio_client's /ask endpoint."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

OPENAI_CONTRACT = "What is the total value of CoreWeave's contract with OpenAI?"
EQUITY = "How much equity did they invest?"


@pytest.fixture(scope="module")
def app_url(corpus_assistant, tmp_path_factory):
    from ui.app import build_app
    from ui_server import serving

    demo = build_app(corpus_assistant, feedback_path=tmp_path_factory.mktemp("ui-api") / "feedback.jsonl")
    with serving(demo) as url:
        yield url


def client(url):
    from gradio_client import Client

    return Client(url, verbose=False)


def test_a_question_gets_a_cited_answer(app_url):
    result = client(app_url).predict("Who founded CoreWeave?", api_name="/ask")
    assert not result["refused"] and result["citations"]
    first = result["citations"][0]
    assert f"[{first['n']}]" in result["answer"]
    assert first["source"].endswith("coreweave.md") and first["quote"] in first["text"]
    assert all(name in result["answer"] for name in ("Michael Intrator", "Brian Venturo", "Peter Salanki"))


def test_a_follow_up_is_resolved_from_the_same_clients_history(app_url):
    c = client(app_url)
    c.predict(OPENAI_CONTRACT, api_name="/ask")
    follow_up = c.predict(EQUITY, api_name="/ask")
    assert "OpenAI" in follow_up["standalone_question"] or "OpenAI" in follow_up["answer"]
    assert follow_up["standalone_question"] != EQUITY


def test_a_fresh_client_does_not_see_another_clients_history(app_url):
    first, second = client(app_url), client(app_url)
    first.predict(OPENAI_CONTRACT, api_name="/ask")
    alone = second.predict(EQUITY, api_name="/ask")
    assert alone["standalone_question"] == EQUITY  # nothing earlier to lean on


def test_new_chat_forgets_the_conversation(app_url):
    c = client(app_url)
    c.predict(OPENAI_CONTRACT, api_name="/ask")
    c.predict(api_name="/new_chat")
    assert c.predict(EQUITY, api_name="/ask")["standalone_question"] == EQUITY


def test_a_100kb_question_is_cut_with_a_note(app_url):
    result = client(app_url).predict("Who founded CoreWeave? " + "x" * 100_000, api_name="/ask")
    assert any("only the first 2,000 were used" in note for note in result["notes"])


def test_an_empty_question_is_a_readable_error(app_url):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="the question is empty"):
        client(app_url).predict("   ", api_name="/ask")
