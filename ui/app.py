"""The gradio Blocks app: a chat over a ready Assistant, built here and launched by `ui.launch`.

Wires components to handlers and nothing more: answering is `assistant.stream`, one turn's
bookkeeping is `ui.chat`, the HTML is `ui.render`, votes go to `ui.feedback`. Every session keeps
its own `Conversation` in a `gr.State`; nothing about a conversation lives in module globals.

Public API endpoints (for `gradio_client`): `/ask` (question → the `ask --json` object, with the
session's earlier questions as history) and `/new_chat` (forget the session's conversation).
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import gradio as gr

from assistant.questions import QuestionError
from ui.chat import describe_error, stream_turn
from ui.feedback import FeedbackLog, default_feedback_path
from ui.render import render_header
from ui.session import Conversation

# Answers running at once, across all sessions (chat and /ask share the pool; more wait in the
# queue). The assistant is thread-safe. The extractive backend is CPU-bound (about a second a
# question on a 2-core box), so more workers than a few only slice the same cores thinner; but
# more than one keeps a slow question (a 2,000-character one takes ~10 s) from stalling everyone
# behind it. An LLM backend mostly waits on its server and could take more.
CHAT_CONCURRENCY = 4
# Streamed pieces are batched into one update per this many seconds. Every update re-sends and
# re-renders the message, and a backend that yields words in a burst (the extractive one cuts its
# finished text into words) would otherwise cost a render per word; 50 ms still reads as live.
STREAM_INTERVAL = 0.05

PLACEHOLDER = (
    "**Ask a question about the documents.**\n\n"
    "Each claim in an answer links to the passage it came from, with the supporting words highlighted."
)


def build_app(
    assistant, feedback_path: Path | None = None, examples: Sequence[str] | None = None
) -> gr.Blocks:
    """The chat app over `assistant` (anything with `stream`, `ask`, `info`), not yet launched."""
    feedback = FeedbackLog(feedback_path or default_feedback_path())
    questions = list(examples) if examples is not None else load_examples()
    page_head = f"<style>{_asset('style.css')}</style>"

    def header() -> str:
        return page_head + render_header(assistant.info())

    def take(question: str):
        # Runs at once, outside the queue: empties the box and swaps send for stop, as
        # gr.ChatInterface does, while the question waits in `asked` for `respond`.
        return gr.Textbox(value="", submit_btn=False, stop_btn=True), question

    def pick_example(event: gr.SelectData):
        value = event.value
        return take(value.get("text", "") if isinstance(value, dict) else str(value))

    def respond(question: str, conversation: Conversation):
        if not question or not question.strip() or conversation.is_asking(question):
            # An empty message sends nothing; the same question while it is being answered is a
            # second Enter that beat the first one's clearing of the box.
            yield gr.skip(), gr.skip()
            return
        for conversation in stream_turn(assistant, conversation, question, STREAM_INTERVAL):
            yield conversation.messages(), conversation

    def new_chat(conversation: Conversation, api_conversation: Conversation):
        # Emptied in place rather than replaced: a turn still streaming holds this same object,
        # so its remaining updates show the fresh chat instead of bringing the old one back.
        # Cancelling it instead would not do: gradio cancels by handler and session, so a question
        # sent right after "New chat" could be cancelled with it.
        conversation.clear()
        api_conversation.clear()
        return "", [], conversation, api_conversation  # the box too: "New chat" means start over

    def on_like(conversation: Conversation, event: gr.LikeData) -> None:
        index = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        exchange = conversation.exchange_at(int(index))
        if exchange is not None and exchange.done and isinstance(event.liked, bool):
            feedback.record(exchange, event.liked)

    def ask(question: str, conversation: Conversation):
        try:
            answer = assistant.ask(question or "", conversation.history())
        except QuestionError as exc:
            raise gr.Error(str(exc)) from exc
        except Exception as exc:  # noqa: BLE001 - the client gets a readable message, not a 500
            raise gr.Error(describe_error(exc)) from exc
        exchange = conversation.start(question)
        exchange.answer = answer
        return {**answer.to_json(), "notes": list(answer.notes)}, conversation

    with gr.Blocks(title="docent: cited answers from your documents", fill_height=True) as demo:
        top = gr.HTML(header(), js_on_load=_asset("page.js"), elem_id="docent-header")
        conversation = gr.State(Conversation())
        chatbot = gr.Chatbot(
            show_label=False,
            elem_id="docent-chat",
            scale=1,
            height="68vh",
            buttons=[],  # copying is the answer's own button: the raw message is HTML
            latex_delimiters=[],  # "$40 … $60" in a finance report is money, not maths
            placeholder=PLACEHOLDER,
            examples=[{"text": q} for q in questions] or None,
            autoscroll=True,
        )
        with gr.Row(equal_height=True):
            textbox = gr.Textbox(
                show_label=False,
                placeholder="Ask about the documents…",
                submit_btn=True,
                stop_btn=False,  # shown while an answer streams (see `take`)
                autofocus=True,
                max_lines=6,
                scale=8,
                elem_id="docent-question",
            )
            clear = gr.Button(
                "New chat", variant="secondary", size="md", scale=1, min_width=110, elem_id="docent-new-chat"
            )
        # Hidden: the /ask endpoint for API clients keeps its own per-session conversation.
        api_conversation = gr.State(Conversation())
        api_question = gr.Textbox(visible=False)
        api_answer = gr.JSON(visible=False)

        asked = gr.State("")  # the question between `take` and `respond`
        answer = dict(
            fn=respond,
            inputs=[asked, conversation],
            outputs=[chatbot, conversation],
            concurrency_limit=CHAT_CONCURRENCY,
            concurrency_id="answer",
            show_progress="hidden",  # the chatbot shows its own pending dots
            # A question sent while another streams (or just after "New chat") runs too, instead
            # of being dropped: both render from the same Conversation, so they cannot disagree.
            trigger_mode="multiple",
            api_visibility="private",
        )
        quick = dict(outputs=[textbox, asked], queue=False, api_visibility="private")
        idle = dict(fn=lambda: gr.Textbox(submit_btn=True, stop_btn=False), outputs=textbox, queue=False)
        asking = [
            textbox.submit(take, textbox, trigger_mode="multiple", **quick).then(**answer),
            chatbot.example_select(pick_example, None, **quick).then(**answer),
        ]
        for event in asking:
            event.then(**idle, api_visibility="private")  # after a stop, too
        textbox.stop(None, None, None, cancels=asking, api_visibility="private")
        both = [conversation, api_conversation]
        clear.click(new_chat, both, [textbox, chatbot, *both], api_name="new_chat")
        chatbot.clear(new_chat, both, [textbox, chatbot, *both], api_visibility="private")
        chatbot.like(on_like, conversation, None, api_visibility="private")
        api_question.submit(
            ask,
            [api_question, api_conversation],
            [api_answer, api_conversation],
            api_name="ask",
            concurrency_limit=CHAT_CONCURRENCY,
            concurrency_id="answer",
        )
        # The index may have changed since the app was built.
        demo.load(header, None, top, show_progress="hidden", api_visibility="private")
    return demo


def load_examples() -> list[str]:
    """The example questions in ui/examples.txt (lines starting with '#' are comments)."""
    lines = resources.files("ui").joinpath("examples.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _asset(name: str) -> str:
    return resources.files("ui").joinpath("assets", name).read_text(encoding="utf-8")
