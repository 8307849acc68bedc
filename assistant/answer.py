"""The answer backend contract: a query and its passages in, a cited Answer out.

A backend implements `compose`; streaming, for backends that cannot stream natively, comes from
the base class by cutting the finished text into word-sized pieces. A backend may also say how a
follow-up becomes a search query (`standalone_query`); the default is the rule-based builder.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from assistant.conversation import build_standalone_query
from assistant.types import Answer, Hit, Turn

_PIECE = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Query:
    """What the user asked, what was searched for, and how telling each searched word is."""

    question: str
    standalone: str
    history: tuple[Turn, ...] = ()
    weights: dict[str, float] = field(default_factory=dict)  # token → IDF in this corpus
    unknown_weight: float = 1.0  # weight of a token the corpus never uses
    known: frozenset[str] = frozenset()  # the query's tokens that occur somewhere in the corpus
    # Names the documents define for their parties: "supplier" → Orrin Analytics Ltd's tokens.
    aliases: Mapping[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    # Capitalized names the question says that the documents never use ("Montreal"; `assistant.foreign`).
    foreign: tuple[str, ...] = ()
    # More passages on demand, for a second hop ("… approved by the HR Director": who is that?);
    # None where the answerer has only the passages it is handed.
    search: Callable[[str], Sequence[Hit]] | None = field(default=None, compare=False, repr=False)


class Answerer(ABC):
    """One way of turning retrieved passages into a cited answer."""

    name: str = "answerer"

    def standalone_query(self, question: str, history: Sequence[Turn]) -> str:
        """`question` as a search query of its own, resolving what it points at in `history`."""
        return build_standalone_query(question, history)

    @abstractmethod
    def compose(self, query: Query, hits: Sequence[Hit]) -> Answer:
        """The full Answer for `query`, citing only `hits`."""

    def stream(self, query: Query, hits: Sequence[Hit]) -> Iterator[str | Answer]:
        """Text pieces, then the Answer. Pieces concatenate to `Answer.text`."""
        answer = self.compose(query, hits)
        yield from _PIECE.findall(answer.text)
        yield answer
