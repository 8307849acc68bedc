"""Names a question says that the documents never use, in any form.

A figure belongs to what it is the figure of. "What's the nightly hotel limit if I travel to
Montreal?" over a handbook whose table lists London and Toronto, or "What's the per-seat price on
the Premier tier?" over a contract whose tiers are others, can only be answered with another
thing's figure: the answerer refuses such a figure question (`assistant.near_miss`).

Only capitalized words count as names ("Montreal", "Premier"): an acronym may be written out
("CTO" ← "Chief Technology Officer", `assistant.acronyms`), and a lower-case word the documents
never use is a paraphrase for the unknown-word check to weigh. A name counts as used when the
documents write another form of it: a demonym ("Canada" / "Canadian", "Europe" / "European") or
a letter typed wrong ("Nvidea" for "Nvidia").
"""

from __future__ import annotations

import re
from collections.abc import Collection

from assistant.slots import named_phrases
from ingest.lexical import tokenize

_TITLE = re.compile(r"[A-Z][a-z]+")  # "Montreal"; not "CFO", "TV", "5am", "iOS"
ROOT = 5  # letters a demonym shares with its place at least ("canad", "europ")


def never_named(question: str, vocabulary: Collection[str]) -> tuple[str, ...]:
    """The capitalized names in `question` of which the documents (`vocabulary`: their tokens) use no form.

    >>> never_named("What is the hotel limit in Montreal?", {"hotel", "limit", "london", "toronto"})
    ('Montreal',)
    >>> never_named("How many staff are in Canada?", {"staff", "canadian"})
    ()
    """
    found = []
    for phrase in named_phrases(question):
        words = phrase.split()
        if not all(_TITLE.fullmatch(w) for w in words):
            continue
        tokens = tokenize(phrase)
        if tokens and not any(t in vocabulary or _another_form(t, vocabulary) for t in tokens):
            found.append(phrase)
    return tuple(found)


def _another_form(token: str, vocabulary: Collection[str]) -> bool:
    """True when `vocabulary` holds a demonym of `token`, its place, or it spelled one letter off."""
    if len(token) < ROOT:
        return False
    for word in vocabulary:
        if word[:ROOT] == token[:ROOT] and _root_shared(token, word):
            return True
        if word[:1] == token[:1] and abs(len(word) - len(token)) <= 1 and _one_edit(token, word):
            return True
    return False


def _root_shared(a: str, b: str) -> bool:
    """Whether `a` and `b` differ only past the shorter one's last letter but one ("canada", "canadian")."""
    shorter = min(len(a), len(b))
    common = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), shorter)
    return common >= shorter - 1


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by changing, adding or dropping one letter, or swapping two side by side."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    i = next((i for i, (x, y) in enumerate(zip(shorter, longer)) if x != y), len(shorter))
    return longer[:i] + longer[i + 1 :] == shorter
