"""Turn a follow-up into a standalone question with the LLM, for retrieval.

"How much was that in dollars?" after a turn about Microsoft's share of revenue becomes "How much
was Microsoft's revenue in 2024?". The model resolves what the pronouns point at; the rule-based
`build_standalone_query` adds the earlier turn's key words behind it, as it does without an LLM.
On the golden follow-ups that pair retrieved the evidence most often (docs/LLM.md, "Follow-up
rewriting"), so it is what `LLMAnswerer.standalone_query` uses. Whenever the model fails or
answers with something that is not one question, the rule-based query is used alone. It does not
answer anything.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.conversation import build_standalone_query, leans_on_history
from assistant.llm.prompting import recent_turns, render_messages
from assistant.types import Turn

REWRITE_TOKENS = 48  # one question; a longer reply is the model explaining itself
_LABEL = re.compile(r"^\s*(?:rewritten|standalone)?\s*question\s*:\s*", re.I)


class LLMRewriter:
    """`rewriter(question, history)` → a standalone question; `mode` is "llm+rules" or "llm" alone."""

    def __init__(self, llm, mode: str = "llm+rules", only_when_leaning: bool = True) -> None:
        self.llm = llm  # anything with LLMAnswerer.chat
        self.mode = mode
        # A question that brings its own subject gains nothing from a model call but latency.
        self.only_when_leaning = only_when_leaning

    def __call__(self, question: str, history: Sequence[Turn]) -> str:
        if not history or (self.only_when_leaning and not leans_on_history(question)):
            return question
        rules = build_standalone_query(question, history)
        rewritten = self.rewrite(question, history)
        if rewritten is None:
            return rules
        if self.mode == "llm":
            return rewritten
        carried = rules[len(question) :].strip() if rules.startswith(question) else ""
        return f"{rewritten} {carried}" if carried else rewritten

    def rewrite(self, question: str, history: Sequence[Turn]) -> str | None:
        """The model's standalone form of `question`, or None when it failed or rambled."""
        messages = render_messages("rewrite", question=question, history=recent_turns(history))
        try:
            reply = "".join(self.llm.chat(messages, stream=False, max_tokens=REWRITE_TOKENS))
        except Exception:  # noqa: BLE001 - a failed rewrite costs nothing but the rule-based query
            return None
        return clean_rewrite(reply)


def clean_rewrite(reply: str, limit: int = 300) -> str | None:
    """The first line of `reply` without a label or quotes; None when empty or too long to be one question."""
    lines = [line.strip() for line in reply.strip().splitlines() if line.strip()]
    if not lines:
        return None
    text = _LABEL.sub("", lines[0]).strip().strip("\"'“”`*").strip()
    return text if text and len(text) <= limit else None
