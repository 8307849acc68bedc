"""Keep only what the passages back: parse a model's draft, check each sentence, renumber citations.

A draft is lines of sentences that end in [n] markers ([1][2] and [1, 2] work too). A sentence
stays when a passage it cites supports it (`citations.supports`); markers whose passage does not
support it are removed; a sentence that cites nothing (or only numbers beyond the passages) is
dropped. Kept citations are renumbered 1..m in order of appearance, one number per passage, and
quote the line that backs the sentence. What to do when nothing is left is `base`'s decision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.citations import MARKER, make_citation, quote_span, supports
from assistant.types import Citation, Hit

REFUSAL = "The documents don't say."

_LIST_MARKER = re.compile(r"\[\s*(?:passage|source)?\s*(\d{1,2}(?:\s*,\s*\d{1,2})*)\s*\]", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")
_END = re.compile(r"[.!?](?:\s*\[\d{1,2}\])*(?=\s|$)")
_LAST_WORD = re.compile(r"(\S+)$")
# A period after these does not end a sentence ("CoreWeave, Inc. reported …").
_ABBREVIATIONS = frozenset("inc corp co ltd llc plc vs etc approx no mr ms mrs dr st jr sr fig e.g i.e".split())


@dataclass(frozen=True)
class Verified:
    """The supported part of a draft, and what was dropped from it."""

    text: str  # kept sentences with renumbered [n]; "" when nothing survived
    citations: tuple[Citation, ...]
    kept: int
    unsupported: int  # cited a passage that does not say it
    uncited: int  # cited no passage at all
    refused: bool  # the draft opens with "The documents don't say."

    def notes(self) -> tuple[str, ...]:
        dropped = []
        if self.unsupported:
            dropped.append(f"{self.unsupported} not supported by the passage cited")
        if self.uncited:
            dropped.append(f"{self.uncited} citing no passage")
        return (f"dropped sentences of the model's answer: {'; '.join(dropped)}",) if dropped else ()


def verify(draft: str, hits: Sequence[Hit]) -> Verified:
    """Check every sentence of `draft` against the passage it cites (hits[n-1] for [n])."""
    text = _LIST_MARKER.sub(lambda m: "".join(f"[{n.strip()}]" for n in m.group(1).split(",")), draft)
    numbers: dict[str, int] = {}  # chunk id → its number in the final answer
    citations: list[Citation] = []
    lines: list[str] = []
    kept = unsupported = uncited = 0
    for raw in text.splitlines():
        bullet = _BULLET.match(raw)
        body = raw[bullet.end() :] if bullet else raw
        sentences = []
        for sentence in split_sentences(body):
            claim = _tidy(MARKER.sub("", sentence))
            if not any(ch.isalnum() for ch in claim) or is_refusal(claim):
                continue
            cited = [n for n in dict.fromkeys(int(m) for m in MARKER.findall(sentence)) if 1 <= n <= len(hits)]
            backing = [n for n in cited if supports(claim, hits[n - 1].chunk)]
            if not cited:
                uncited += 1
                continue
            if not backing:
                unsupported += 1
                continue
            marks = []
            for n in backing:
                chunk = hits[n - 1].chunk
                new = numbers.setdefault(chunk.id, len(numbers) + 1)
                start, end = quote_span(claim, chunk)
                if not any(c.n == new and c.start == start for c in citations):
                    citations.append(make_citation(new, chunk, start, end))
                marks.append(f"[{new}]")
            sentences.append(f"{claim} {''.join(marks)}")
            kept += 1
        if sentences:
            lines.append(("- " if bullet else "") + " ".join(sentences))
    return Verified("\n".join(lines), tuple(citations), kept, unsupported, uncited, is_refusal(text))


def split_sentences(text: str) -> list[str]:
    """Sentences of one line, each keeping the markers that follow its full stop.

    >>> split_sentences("Revenue rose [1]. It was $1.9 billion. [2] Inc. is fine")
    ['Revenue rose [1].', 'It was $1.9 billion. [2]', 'Inc. is fine']
    """
    out, start = [], 0
    for end in _END.finditer(text):
        rest = text[end.end() :].lstrip()
        if rest and rest[0].islower():
            continue
        word = _LAST_WORD.search(text[start : end.start()])
        if rest and "[" not in end.group() and word and _is_abbreviation(word.group(1)):
            continue
        out.append(text[start : end.end()].strip())
        start = end.end()
    tail = text[start:].strip()
    return [*out, tail] if tail else out


def is_refusal(text: str) -> bool:
    """True when `text` opens with "The documents don't say" (any apostrophe, "do not" too)."""
    folded = " ".join(text.replace("’", "'").replace("do not", "don't").lower().split())
    return folded.lstrip("*_ ").startswith(REFUSAL.lower().rstrip("."))


def _is_abbreviation(word: str) -> bool:
    bare = word.strip("(\"'").rstrip(".")
    initials = re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", bare)  # "U.S", "e.g"
    return bare.lower() in _ABBREVIATIONS or (len(bare) == 1 and bare.isupper()) or bool(initials)


def _tidy(text: str) -> str:
    return re.sub(r"\s+([.,;:!?])", r"\1", " ".join(text.split())).strip()
