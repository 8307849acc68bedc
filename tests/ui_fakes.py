"""A deterministic stand-in for `Assistant`, for UI tests that check plumbing, not answer quality.

`FakeAssistant` answers from one hand-made document whose text contains HTML, so tests can see
that it is escaped. Questions steer it: one containing "fail" raises, one containing "weather"
is refused, one containing "code" gets a line of code, anything else gets a two-source answer. Follow-ups get a rewritten standalone
question naming the first earlier question, so tests can see history arrive.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence

from assistant.questions import clean_question
from assistant.types import Answer, Citation, Hit, Turn
from ingest.types import Chunk

DOCUMENT = (
    "# Acme <Widgets> & Co\n\n"
    "## History\n\n"
    "Acme was founded in 1999 by Ada Lovelace.\n"
    "It makes widgets <script>alert('x')</script> for everyone.\n\n"
    "## Money\n\n"
    "Revenue was $5M in 2024 & growing."
)


def _chunk(cid: str, section: str, start: int, end: int) -> Chunk:
    return Chunk(cid, "docs/acme.md", "Acme <Widgets> & Co", section, DOCUMENT[start:end], start, end)


def _span(chunk: Chunk, quote: str) -> tuple[int, int]:
    start = chunk.start + chunk.text.index(quote)
    return start, start + len(quote)


HISTORY_START = DOCUMENT.index("## History")
MONEY_START = DOCUMENT.index("## Money")
HISTORY = _chunk("c-history", "Acme <Widgets> & Co > History", HISTORY_START, MONEY_START - 2)
MONEY = _chunk("c-money", "Acme <Widgets> & Co > Money", MONEY_START, len(DOCUMENT))
FOUNDED_QUOTE = "Acme was founded in 1999 by Ada Lovelace."
SCRIPT_QUOTE = "It makes widgets <script>alert('x')</script> for everyone."
MONEY_QUOTE = "Revenue was $5M in 2024 & growing."


def canned_answer(question: str, standalone: str) -> Answer:
    """Two claims, [1] citing two spans of the history chunk, [2] the money chunk."""
    citations = (
        Citation(1, HISTORY, FOUNDED_QUOTE, *_span(HISTORY, FOUNDED_QUOTE)),
        Citation(1, HISTORY, SCRIPT_QUOTE, *_span(HISTORY, SCRIPT_QUOTE)),
        Citation(2, MONEY, MONEY_QUOTE, *_span(MONEY, MONEY_QUOTE)),
    )
    text = "Acme was founded in 1999 by **Ada Lovelace** <b>not bold</b> [1]. Revenue was $5M in 2024 [2]."
    hits = (Hit(HISTORY, 0.9), Hit(MONEY, 0.5))
    return Answer(text, citations, False, hits, standalone, backend="fake")


def code_answer(question: str, standalone: str) -> Answer:
    """A sentence introducing a line of code, as the extractive answerer quotes one."""
    citations = (Citation(1, HISTORY, FOUNDED_QUOTE, *_span(HISTORY, FOUNDED_QUOTE)),)
    text = "To count them: [1]\n- `count_vowels(arr[1]) <= 2` [1]"
    return Answer(text, citations, False, (Hit(HISTORY, 0.9),), standalone, backend="fake")


def refusal(question: str, standalone: str) -> Answer:
    text = f"The documents don't say. I found nothing that answers “{question}”."
    return Answer(text, (), True, (Hit(MONEY, 0.2), Hit(HISTORY, 0.1)), standalone, backend="fake")


class FakeAssistant:
    """`stream`, `ask` and `info` like `assistant.pipeline.Assistant`, fully predictable."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay  # seconds between streamed pieces, to watch streaming in a browser
        self.calls: list[tuple[str, list[Turn]]] = []

    def info(self) -> dict:
        return {"documents": 1, "chunks": 2, "sources": ["docs/acme.md"], "backend": "fake"}

    def stream(self, question: str, history: Sequence[Turn | dict] = ()) -> Iterator[str | Answer]:
        turns = [Turn.coerce(t) for t in history]
        self.calls.append((question, turns))
        cleaned, notes = clean_question(question)  # the real rules: empty raises, long is cut
        if "fail" in cleaned:
            raise RuntimeError("the index exploded")
        earlier = next((t.content for t in turns if t.role == "user"), None)
        standalone = f"{cleaned} (about: {earlier})" if earlier else cleaned
        make = refusal if "weather" in cleaned else code_answer if "code" in cleaned else canned_answer
        answer = make(cleaned, standalone)
        for piece in re.findall(r"\S+\s*", answer.text):
            if self.delay:
                time.sleep(self.delay)
            yield piece
        yield Answer(**{**answer.__dict__, "notes": tuple(notes)})

    def ask(self, question: str, history: Sequence[Turn | dict] = ()) -> Answer:
        *_, answer = self.stream(question, history)
        return answer
