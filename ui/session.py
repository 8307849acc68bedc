"""One browser session's conversation: what was asked, what came back, and how to show it.

A `Conversation` lives in a `gr.State`, so each session has its own and none is ever shared.
It is the single source of truth for the chat: the Chatbot's messages are re-rendered from it,
the assistant's history is derived from it, and a like on message i maps back to its exchange.
It holds no gradio objects and does no answering.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.types import Answer, Turn
from ui.render import render_answer, render_error, render_partial, render_question

STOPPED = "Stopped before an answer arrived."


@dataclass
class Exchange:
    """One question and its outcome: streaming text, then an Answer or an error."""

    question: str
    key: str  # makes this answer's anchor ids unique on the page
    partial: str = ""
    answer: Answer | None = None
    error: str | None = None

    @property
    def done(self) -> bool:
        return self.answer is not None or self.error is not None

    def reply(self, finished: bool = False) -> str | None:
        """The assistant message for this exchange, None before any text arrived.

        `finished` means no more text is coming (the turn was stopped and another began).
        """
        if self.answer is not None:
            return render_answer(self.answer, self.question, self.key)
        if self.error is not None:
            return render_error(self.error)
        if finished:
            return render_partial(self.partial + " …", self.key) if self.partial else render_error(STOPPED)
        return render_partial(self.partial, self.key) if self.partial else None


@dataclass
class Conversation:
    exchanges: list[Exchange] = field(default_factory=list)

    def clear(self) -> None:
        self.exchanges.clear()

    def start(self, question: str) -> Exchange:
        exchange = Exchange(question, key=str(len(self.exchanges)))
        self.exchanges.append(exchange)
        return exchange

    def is_asking(self, question: str) -> bool:
        """True while `question` is the latest question and its answer has not finished."""
        return bool(self.exchanges) and not self.exchanges[-1].done and self.exchanges[-1].question == question

    def history(self) -> list[Turn]:
        """What the assistant needs to resolve a follow-up; failed turns are left out."""
        turns: list[Turn] = []
        for exchange in self.exchanges:
            if exchange.answer is not None:
                turns += [Turn("user", exchange.question), Turn("assistant", exchange.answer.text)]
        return turns

    def messages(self) -> list[dict]:
        """The Chatbot value: user and assistant messages alternate, two per exchange."""
        out: list[dict] = []
        for i, exchange in enumerate(self.exchanges):
            out.append({"role": "user", "content": render_question(exchange.question)})
            reply = exchange.reply(finished=i < len(self.exchanges) - 1)
            if reply is not None:
                out.append({"role": "assistant", "content": reply})
        return out

    def exchange_at(self, message_index: int) -> Exchange | None:
        """The exchange behind Chatbot message `message_index` (only the last exchange may lack a reply)."""
        i = message_index // 2
        return self.exchanges[i] if 0 <= i < len(self.exchanges) else None
