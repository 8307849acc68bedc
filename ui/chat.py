"""Run one chat turn against the assistant and report progress as the conversation grows.

`stream_turn` feeds the assistant's stream into a `Conversation`, yielding after each piece so the
UI can re-render. It turns every failure into a readable reply, so one bad turn never breaks
the session. It does not know about gradio; `ui.app` wires it to components.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

from assistant.questions import QuestionError
from assistant.types import Answer
from ui.session import Conversation

log = logging.getLogger(__name__)

ERROR_SHOWN = 300  # characters of an exception message worth showing in the chat


def stream_turn(
    assistant, conversation: Conversation, question: str, min_interval: float = 0.0
) -> Iterator[Conversation]:
    """Ask `question` in the context of `conversation`; yield it after each change.

    Pieces arriving within `min_interval` seconds of the last yield are shown with the next one;
    the first piece and the final answer are always yielded at once. An empty question yields
    nothing and leaves the conversation alone.
    """
    if not question or not question.strip():
        return
    history = conversation.history()  # before this turn is added
    exchange = conversation.start(question)
    yield conversation
    shown = float("-inf")
    try:
        for item in assistant.stream(question, history):
            if isinstance(item, Answer):
                exchange.answer = item  # shown by the final yield below
                continue
            exchange.partial += item
            if time.monotonic() - shown >= min_interval:
                shown = time.monotonic()
                yield conversation
        if exchange.answer is None:
            raise RuntimeError("the assistant stopped without a final answer")
    except QuestionError as exc:  # its message is written for the user
        exchange.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - any failure must end as a reply, not a dead session
        log.exception("answering %r failed", question[:200])
        exchange.error = describe_error(exc)
    yield conversation


def describe_error(exc: Exception) -> str:
    """A one-line message for the chat: what failed, and that trying again is fine."""
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if len(detail) > ERROR_SHOWN:
        detail = detail[:ERROR_SHOWN] + "…"
    what = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return f"Something went wrong while answering ({what}). You can ask again or rephrase the question."
