"""The chat UI's pieces without a server: rendering, one turn's bookkeeping, feedback, app wiring."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from assistant.types import Citation
from ui_fakes import FOUNDED_QUOTE, HISTORY, MONEY_QUOTE, SCRIPT_QUOTE, FakeAssistant, canned_answer, refusal
from ui.chat import stream_turn
from ui.feedback import FeedbackLog, default_feedback_path, feedback_record
from ui.passage import passage_html
from ui.render import quote_span, render_answer, render_header, render_partial, render_question
from ui.session import Conversation

ROOT = Path(__file__).resolve().parents[1]


def html_parts(message: str) -> list[str]:
    return [p for p in message.split("\n\n") if p.startswith("<")]


# --- rendering ---------------------------------------------------------------------------------


def test_answer_links_each_marker_to_its_source_entry():
    html = render_answer(canned_answer("q", "q"), "q", key="7")
    assert '<a class="docent-cite" href="#docent-7-1">[1]</a>' in html
    assert '<a class="docent-cite" href="#docent-7-2">[2]</a>' in html
    assert html.count('id="docent-7-1"') == 1 and html.count('id="docent-7-2"') == 1


def test_quotes_are_marked_inside_their_passage():
    html = render_answer(canned_answer("q", "q"), "q", key="0")
    assert f"<mark>{FOUNDED_QUOTE}</mark>" in html
    assert "<mark>Revenue was $5M in 2024 &amp; growing.</mark>" in html
    assert "<strong>History</strong>" in html  # the whole passage is shown, not only the quote
    assert "docs/acme.md" in html and "Acme &lt;Widgets&gt; &amp; Co › History" in html


def test_document_text_is_escaped_everywhere():
    html = render_answer(canned_answer("q", "q"), "q", key="0")
    assert "<script" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<b>not bold</b>" not in html and "&lt;b&gt;not bold&lt;/b&gt;" in html
    assert "<Widgets>" not in html
    assert "**Ada Lovelace**" in html  # markdown in the answer text is left for the chat to render


def test_html_blocks_stay_on_one_line():
    # A line break inside an HTML block would hand the rest of it back to the markdown renderer.
    for part in html_parts(render_answer(canned_answer("q", "q"), "q", key="0")):
        assert "\n" not in part


def test_refusal_looks_different_and_offers_the_closest_passages():
    html = render_answer(refusal("weather?", "weather?"), "weather?", key="3")
    assert 'class="docent-refusal"' in html and "Not found in the documents" in html
    assert "Closest passages" in html and "Revenue was $5M in 2024 &amp; growing." in html
    assert "docent-cite" not in html and "<mark>" not in html
    assert 'class="docent-refusal"' not in render_answer(canned_answer("q", "q"), "q", key="3")


def test_standalone_question_shown_only_when_it_differs():
    same = render_answer(canned_answer("Who?", "who"), "Who?", key="0")
    rewritten = render_answer(canned_answer("Who?", "Who? (Acme)"), "Who?", key="0")
    assert "docent-searched" not in same
    assert '<div class="docent-searched">Searched for: Who? (Acme)</div>' in rewritten


def test_notes_are_shown():
    answer = replace(canned_answer("q", "q"), notes=("The question was cut.",))
    assert '<div class="docent-note">The question was cut.</div>' in render_answer(answer, "q", key="0")


def test_quote_found_by_search_when_offsets_are_off_and_shown_apart_when_absent():
    shifted = Citation(1, HISTORY, FOUNDED_QUOTE, 0, len(FOUNDED_QUOTE))
    assert HISTORY.text[slice(*quote_span(shifted))] == FOUNDED_QUOTE
    stray = Citation(1, HISTORY, "words the passage lacks", 0, 5)
    assert quote_span(stray) is None
    answer = replace(canned_answer("q", "q"), citations=(stray,))
    assert '<div class="docent-quote"><mark>words the passage lacks</mark></div>' in render_answer(answer, "q", "0")


def test_passage_marks_overlapping_spans_and_escapes():
    assert passage_html("a <b> c d", [(2, 5), (4, 7), (8, 9)]) == "a <mark>&lt;b&gt; c</mark> <mark>d</mark>"
    assert passage_html("x\ny & z", []) == "x<br>y &amp; z"


def test_passage_reads_as_text_not_markdown_source():
    text = "#### Pricing\n- **Savings:** 30% lower\n- **Fees:** none"
    assert passage_html(text) == (
        "<strong>Pricing</strong><br>• <strong>Savings:</strong> 30% lower<br>• <strong>Fees:</strong> none"
    )


def test_passage_marks_a_quote_that_starts_inside_bold_and_spans_lines():
    text = "- **Savings:** 30% lower\n- **Fees:** none"
    start = text.index("ings")
    html = passage_html(text, [(start, text.index("none") + 4)])
    assert html == (
        "• <strong>Sav</strong><mark><strong>ings:</strong> 30% lower</mark><br>"
        "<mark>• <strong>Fees:</strong> none</mark>"
    )


def test_partial_text_links_markers_while_streaming():
    assert render_partial("Founded 1999 [1", "0") == "Founded 1999 [1"
    assert 'href="#docent-0-1"' in render_partial("Founded 1999 [1]", "0")


def test_tildes_cannot_strike_through_the_answer():
    # Markdown reads "~$2.39/hour (~$1,200" as struck-through text; the answer means "about".
    assert render_partial("at ~$2.39/hour (~$1,200/month) [1]", key="0").startswith("at \\~$2.39/hour (\\~$1,200")


def test_header_names_corpus_and_backend():
    html = render_header({"documents": 2, "chunks": 40, "sources": ["a.md", "<b>.md"], "backend": "extractive"})
    assert "2 documents (a.md, &lt;b&gt;.md) · 40 passages" in html and "answers: extractive" in html


def test_huge_question_is_echoed_shortened():
    shown = render_question("x" * 100_000)
    assert len(shown) < 4000 and "100,000 characters" in shown


# --- one turn ----------------------------------------------------------------------------------


def replies(conversation: Conversation) -> list[str]:
    return [m["content"] for m in conversation.messages() if m["role"] == "assistant"]


def test_a_turn_streams_progressively_longer_text_then_the_rendered_answer():
    conversation = Conversation()
    seen = [replies(c)[-1] if replies(c) else "" for c in stream_turn(FakeAssistant(), conversation, "Who founded?")]
    partials = [s for s in seen if s and "docent-sources" not in s]
    assert len(partials) >= 5 and all(len(a) < len(b) for a, b in zip(partials, partials[1:]))
    assert "docent-sources" in seen[-1] and "<mark>" in seen[-1]
    assert conversation.messages()[0] == {"role": "user", "content": "Who founded?"}


def test_pieces_within_the_interval_are_batched_but_first_and_final_are_not():
    updates = [replies(c)[-1] if replies(c) else "" for c in stream_turn(FakeAssistant(), Conversation(), "Who?", 60)]
    assert len(updates) == 3  # the question, the first piece, the finished answer
    assert updates[1] == "Acme " and "docent-sources" in updates[2]


def test_follow_up_gets_the_history_and_shows_what_was_searched():
    assistant, conversation = FakeAssistant(), Conversation()
    list(stream_turn(assistant, conversation, "Who founded Acme?"))
    list(stream_turn(assistant, conversation, "And when?"))
    question, history = assistant.calls[-1]
    assert question == "And when?" and [t.role for t in history] == ["user", "assistant"]
    assert history[0].content == "Who founded Acme?" and "[1]" in history[1].content
    assert "Searched for: And when? (about: Who founded Acme?)" in replies(conversation)[-1]


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
def test_an_empty_message_sends_nothing(question):
    assistant, conversation = FakeAssistant(), Conversation()
    assert list(stream_turn(assistant, conversation, question)) == []
    assert conversation.messages() == [] and assistant.calls == []


def test_an_exception_becomes_a_readable_reply_and_the_next_turn_works():
    assistant, conversation = FakeAssistant(), Conversation()
    list(stream_turn(assistant, conversation, "please fail"))
    error = replies(conversation)[-1]
    assert 'class="docent-error"' in error and "RuntimeError: the index exploded" in error
    assert "Traceback" not in error
    list(stream_turn(assistant, conversation, "Who founded Acme?"))
    assert "docent-sources" in replies(conversation)[-1]
    assert assistant.calls[-1][1] == []  # the failed turn is not history


def test_a_question_error_is_shown_as_its_own_message():
    conversation = Conversation()
    list(stream_turn(FakeAssistant(), conversation, "\x00\x01"))  # only control characters
    assert "the question is empty" in replies(conversation)[-1]


def test_a_100kb_message_is_cut_with_the_note_shown():
    conversation = Conversation()
    list(stream_turn(FakeAssistant(), conversation, "Who founded Acme? " + "word " * 20_000))
    final = replies(conversation)[-1]
    assert "docent-note" in final and "only the first 2,000 were used" in final
    assert len(conversation.messages()[0]["content"]) < 4000


def test_like_index_maps_to_its_exchange():
    conversation = Conversation()
    for q in ["first", "second please fail", "third"]:
        list(stream_turn(FakeAssistant(), conversation, q))
    assert [conversation.exchange_at(i).question for i in (1, 3, 5)] == ["first", "second please fail", "third"]
    assert conversation.exchange_at(6) is None


def test_a_stopped_turn_keeps_replies_and_messages_aligned():
    conversation = Conversation()
    conversation.start("stopped before any text")
    half = conversation.start("stopped halfway")
    half.partial = "Acme was"
    list(stream_turn(FakeAssistant(), conversation, "Who founded Acme?"))
    texts = replies(conversation)
    assert "Stopped before an answer arrived." in texts[0] and texts[1] == "Acme was …"
    assert conversation.exchange_at(5).question == "Who founded Acme?"
    assert conversation.history()[0].content == "Who founded Acme?"  # unfinished turns are not history


def test_the_same_question_twice_while_it_is_answered_is_one_question():
    conversation = Conversation()
    conversation.start("Who founded Acme?")
    assert conversation.is_asking("Who founded Acme?") and not conversation.is_asking("Other?")
    list(stream_turn(FakeAssistant(), conversation, "Other?"))
    assert not conversation.is_asking("Other?")
    conversation.clear()
    assert conversation.messages() == [] and conversation.history() == []


# --- feedback ----------------------------------------------------------------------------------


def test_feedback_appends_one_json_line_per_vote(tmp_path):
    conversation = Conversation()
    list(stream_turn(FakeAssistant(), conversation, "Who founded Acme?"))
    log = FeedbackLog(tmp_path / "sub" / "feedback.jsonl")
    log.record(conversation.exchanges[0], True)
    log.record(conversation.exchanges[0], False)
    lines = (tmp_path / "sub" / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    first, second = (json.loads(line) for line in lines)
    assert (first["liked"], second["liked"]) == (True, False)
    assert first["question"] == "Who founded Acme?" and first["answer"].startswith("Acme was founded")
    assert first["citations"][0] == {
        "n": 1, "source": "docs/acme.md", "section": "Acme <Widgets> & Co > History", "quote": FOUNDED_QUOTE
    }
    assert [c["quote"] for c in first["citations"]] == [FOUNDED_QUOTE, SCRIPT_QUOTE, MONEY_QUOTE]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", first["time"])


def test_feedback_on_a_failed_turn_keeps_the_error():
    conversation = Conversation()
    list(stream_turn(FakeAssistant(), conversation, "please fail"))
    record = feedback_record(conversation.exchanges[0], False, now=datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
    assert record["time"] == "2025-01-02T03:04:05Z" and record["error"] is True
    assert "the index exploded" in record["answer"] and record["citations"] == []


# --- the app object ----------------------------------------------------------------------------


def test_build_app_returns_blocks_without_launching(tmp_path):
    import gradio as gr

    from ui.app import build_app

    demo = build_app(FakeAssistant(), feedback_path=tmp_path / "fb.jsonl", examples=["Who founded Acme?"])
    assert isinstance(demo, gr.Blocks) and not demo.is_running
    config = demo.get_config_file()
    apis = {d.get("api_name") for d in config["dependencies"] if d.get("api_visibility", "public") == "public"}
    assert {"ask", "new_chat"} <= apis
    chatbot = next(c for c in config["components"] if c.get("type") == "chatbot")
    assert chatbot["props"]["examples"][0]["text"] == "Who founded Acme?"


def test_default_feedback_file_is_in_the_data_dir(tmp_path):
    assert default_feedback_path() == tmp_path / "data" / "feedback.jsonl"  # DOCENT_DATA_DIR, read now


def test_example_questions_skip_comments():
    from ui.app import load_examples

    assert load_examples() and all(not q.startswith("#") for q in load_examples())


def test_only_ui_imports_gradio():
    code = "import sys, docent.cli, assistant.pipeline, assistant.factory; sys.exit('gradio' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_code_in_an_answer_is_not_read_as_emphasis():
    from ui.render import link_markers

    shown = link_markers("It is 2**63 - 1, raised by __missing__(key) [1]", "k", known=[1])
    assert "2\\*\\*63" in shown and "\\_\\_missing\\_\\_" in shown and 'href="#docent-k-1"' in shown
    # Quoted code is shown as written: no escapes inside it, and its brackets link nothing.
    code = link_markers("To run it: [1]\n- `count_vowels(arr[1]) <= 2` [1]", "k", known=[1])
    assert "`count_vowels(arr[1]) <= 2`" in code and code.count('href="#docent-k-1"') == 2


def test_a_pdf_source_names_its_page():
    answer = canned_answer("q", "q")
    paged = replace(answer, citations=tuple(replace(c, chunk=replace(c.chunk, page=4)) for c in answer.citations))
    assert "docs/acme.md, p. 4" in render_answer(paged, "q", key="0")
    assert ", p. " not in render_answer(answer, "q", key="0")  # no page for a document without pages
    from assistant.render import render_text

    assert "(page 4, chars " in render_text(paged) and "(page" not in render_text(answer)
