"""Whether a line says the opposite of what the question asks about.

"When does CoreWeave become cash-flow positive?" shares every word with "2024: EBITDA-positive
but cash-flow negative" and with "2027: Cash-flow positive". The first writes the question's
"cash-flow" beside the opposite word: it is about the opposite state, and the answer is the
other line. Plain English antonyms; nothing here knows any particular corpus.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.intent import COMPARE
from assistant.retrieval import split_question
from assistant.wordforms import match_key
from ingest.lexical import tokenize

_PAIRS = (
    ("positive", "negative"), ("profitable", "unprofitable"), ("profit", "loss"), ("gain", "loss"),
    ("surplus", "deficit"), ("increase", "decrease"), ("rise", "fall"), ("growth", "decline"),
    ("higher", "lower"), ("inbound", "outbound"), ("ingress", "egress"),
    ("upload", "download"), ("import", "export"), ("enable", "disable"), ("enabled", "disabled"),
    ("allow", "deny"), ("accept", "reject"), ("success", "failure"), ("valid", "invalid"),
    ("public", "private"), ("internal", "external"), ("minimum", "maximum"), ("input", "output"),
)


@lru_cache(maxsize=1)
def _opposite() -> dict[str, str]:
    out = {}
    for a, b in _PAIRS:
        ka, kb = match_key(tokenize(a)[0]), match_key(tokenize(b)[0])
        out.setdefault(ka, kb)
        out.setdefault(kb, ka)
    return out


def _keys(text: str) -> list[str]:
    return [match_key(t) for t in tokenize(text)]


@lru_cache(maxsize=256)
def _flipped(question: str) -> dict[tuple[str, str], tuple[str, str]]:
    """The question's neighbouring word pairs with one word turned to its opposite → the pair as asked."""
    if len(split_question(question)) > 1 or COMPARE.search(question):
        return {}  # "… for its internal code, and which one for its public APIs?" asks about both
    asked = _keys(question)
    opposite = _opposite()
    flipped: dict[tuple[str, str], tuple[str, str]] = {}
    for a, b in zip(asked, asked[1:]):
        if b in opposite:
            flipped[(a, opposite[b])] = (a, b)
        if a in opposite:
            flipped[(opposite[a], b)] = (a, b)
    return flipped


def opposes(question: str, text: str) -> bool:
    """True when `text` writes a word of the question beside the opposite of the question's next or previous word.

    >>> opposes("When is it cash-flow positive?", "2024: EBITDA-positive but cash-flow negative")
    True
    >>> opposes("When is it cash-flow positive?", "2027: Cash-flow positive")
    False
    """
    flipped = _flipped(question)
    if not flipped:
        return False
    said = _keys(text)
    written = set(zip(said, said[1:]))
    return any(pair in written and own not in written for pair, own in flipped.items())
