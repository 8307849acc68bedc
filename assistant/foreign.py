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
from collections import defaultdict
from collections.abc import Collection

from assistant.slots import named_phrases
from ingest.lexical import tokenize

_TITLE = re.compile(r"[A-Z][a-z]+")  # "Montreal"; not "CFO", "TV", "5am", "iOS"
ROOT = 5  # letters a demonym shares with its place at least ("canad", "europ")


class NameForms:
    """The documents' tokens grouped so that another form of a name is found among a few.

    A demonym shares its place's first `ROOT` letters, and a one-letter slip its first letter and
    nearly its length: each group is a few dozen tokens even over a large vocabulary, where a scan
    of all of it cost 13 ms for each unknown name at 27,000 tokens. Grouped on first use.
    """

    def __init__(self, vocabulary: Collection[str]) -> None:
        self.vocabulary = vocabulary
        self._groups: tuple[dict[str, list[str]], dict[tuple[str, int], list[str]]] | None = None

    def another_form(self, token: str) -> bool:
        """True when the documents hold a demonym of `token`, its place, or it spelled one letter off."""
        if len(token) < ROOT:
            return False
        if self._groups is None:
            self._groups = self._group()  # one assignment: threads sharing the assistant see both or neither
        by_root, by_start = self._groups
        if any(_root_shared(token, word) for word in by_root.get(token[:ROOT], ())):
            return True
        sizes = (len(token) - 1, len(token), len(token) + 1)
        return any(_one_edit(token, word) for size in sizes for word in by_start.get((token[0], size), ()))

    def _group(self) -> tuple[dict[str, list[str]], dict[tuple[str, int], list[str]]]:
        by_root: dict[str, list[str]] = defaultdict(list)
        by_start: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in self.vocabulary:
            if len(word) >= ROOT:
                by_root[word[:ROOT]].append(word)
            if word:
                by_start[(word[0], len(word))].append(word)
        return dict(by_root), dict(by_start)


def never_named(question: str, vocabulary: NameForms | Collection[str]) -> tuple[str, ...]:
    """The capitalized names in `question` of which the documents (`vocabulary`: their tokens) use no form.

    >>> never_named("What is the hotel limit in Montreal?", {"hotel", "limit", "london", "toronto"})
    ('Montreal',)
    >>> never_named("How many staff are in Canada?", {"staff", "canadian"})
    ()
    """
    forms = vocabulary if isinstance(vocabulary, NameForms) else NameForms(vocabulary)
    found = []
    for phrase in named_phrases(question):
        words = phrase.split()
        if not all(_TITLE.fullmatch(w) for w in words):
            continue
        tokens = tokenize(phrase)
        if tokens and not any(t in forms.vocabulary or forms.another_form(t) for t in tokens):
            found.append(phrase)
    return tuple(found)


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
