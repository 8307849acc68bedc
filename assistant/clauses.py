"""The clause of a long line that answers, when the line strings many things together with semicolons.

A report's timeline may give a year one line of events: "- **2023:** Vincent Clerc becomes CEO on
January 1; …; Laura Mærsk, the first methanol-enabled container ship, is named in Copenhagen on
September 14 by Ursula von der Leyen; ≈ 10,000 jobs cut". "On what date was Laura Maersk named?"
is answered by its fourth clause under the line's lead, "2023: Laura Mærsk … on September 14 …",
not by the whole 300-character line. Wording alone; nothing here knows any particular corpus.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.wordforms import keys, match_key
from ingest.lexical import tokenize
from ingest.units import Unit, plain

LONG_LINE = 200  # characters: a shorter line is shown whole
MIN_CLAUSES = 3  # "A; B" is one thought as often as two
# "- **2023:** …", "* **Pharmacy:** …": a bold lead ending in a colon heads every clause.
_LEAD = re.compile(r"^\s*(?:[-*+]\s+)?\*\*([^*\n]+?):\*\*\s*|^\s*(?:[-*+]\s+)?\*\*([^*\n]+?)\*\*:\s*")


def answering_clause(unit: Unit, weights: dict[str, float]) -> Unit:
    """The one clause of a long, semicolon-separated bullet that says most of the question's words.

    The clause keeps the line's lead as its label. The whole line comes back when it is short, has
    no bold lead, or when no one clause says more of the question than every other.
    """
    if unit.kind != "bullet" or len(unit.text) < LONG_LINE:
        return unit
    lead = _LEAD.match(unit.text)
    if not lead:
        return unit
    spans = _clauses(unit.text, lead.end())
    if len(spans) < MIN_CLAUSES:
        return unit
    asked = {match_key(t): weight for t, weight in weights.items()}
    said = [sum(asked.get(k, 0.0) for k in keys(tokenize(unit.text[a:b]))) for a, b in spans]
    best = max(said)
    if best <= 0 or said.count(best) > 1:
        return unit
    start, end = spans[said.index(best)]
    label = plain(lead.group(1) or lead.group(2))
    return replace(unit, start=unit.start + start, end=unit.start + end, text=unit.text[start:end], label=label)


def _clauses(text: str, begin: int) -> list[tuple[int, int]]:
    """The spans of `text` from `begin` between semicolons outside brackets, blanks trimmed."""
    spans, depth, start = [], 0, begin
    for i, char in enumerate(text[begin:], begin):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == ";" and depth == 0:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text.rstrip())))
    out = []
    for a, b in spans:
        piece = text[a:b]
        a += len(piece) - len(piece.lstrip())
        b -= len(piece) - len(piece.rstrip())
        if b > a:
            out.append((a, b))
    return out
