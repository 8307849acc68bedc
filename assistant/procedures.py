"""The whole procedure, when a "How do I …?" is best answered by one of its numbered steps.

"How do I get my money back for a train ticket?" is matched best by one step of "To claim an
expense: 1. Photograph the receipt … 4. Submit the claim within 60 days …", but the asker wants
the procedure: its steps in order, under the line introducing them. Wording alone; nothing here
knows any particular corpus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.compose import introduces
from ingest.units import Unit

_STEP = re.compile(r"^\s*\d{1,2}[.)]\s")  # "1. ", "2) "
MAX_STEPS = 8  # a longer numbered list is a reference, not a procedure to read out


def procedure(best: Unit, scored: Sequence) -> list[Unit]:
    """The line introducing `best`'s numbered list ("To claim an expense:") and all its steps.

    Empty when `best` is no numbered step, or its list has no introducing line right before it:
    a numbered list of reasons or results is no procedure.
    """
    if best.kind != "bullet" or not _STEP.match(best.text):
        return []
    passage = sorted((s.unit for s in scored if s.unit.chunk.id == best.chunk.id), key=lambda u: u.start)
    steps = [u for u in passage if u.kind == "bullet" and u.block == best.block]
    if not 2 <= len(steps) <= MAX_STEPS or not all(_STEP.match(u.text) for u in steps):
        return []
    before = [u for u in passage if u.end <= steps[0].start]
    if not before or not introduces(before[-1]) or best.chunk.between(before[-1].end, steps[0].start).strip():
        return []
    return [before[-1], *steps]


def leads_procedure(unit: Unit, scored: Sequence) -> bool:
    """Whether `unit` is the line introducing a numbered procedure right after it ("The quickest way is online:")."""
    if not introduces(unit):  # most lines introduce nothing: no need to look further
        return False
    after = min((s.unit for s in scored if s.unit.chunk.id == unit.chunk.id and s.unit.start >= unit.end), key=lambda u: u.start, default=None)
    steps = procedure(after, scored) if after is not None else []
    return bool(steps) and steps[0] is unit
