"""Make a user's raw question safe to search with: trimmed, bounded, printable."""

from __future__ import annotations

import re
import unicodedata

QUESTION_LIMIT = 2000  # characters; longer input is cut with a note rather than refused


class QuestionError(ValueError):
    """The question cannot be answered as given; the message says why."""


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_question(question: str) -> tuple[str, list[str]]:
    """(cleaned question, notes for the user); raises QuestionError when nothing is left to ask."""
    if not isinstance(question, str):
        raise QuestionError("the question must be text")
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", question))
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise QuestionError("the question is empty: type a question about the documents")
    notes = []
    if len(text) > QUESTION_LIMIT:
        notes.append(f"The question was {len(text):,} characters long; only the first {QUESTION_LIMIT:,} were used.")
        text = text[:QUESTION_LIMIT].rsplit(" ", 1)[0] or text[:QUESTION_LIMIT]
    return text, notes
