"""Numbered things: the number of the step, level, phase or model a question asks about.

"… at level 19?" is not answered by a line about level 1, "… in phase 1?" not by a line under a
"Phase 3" heading, and "How much does the EDV 900 hold?" not by "EDV 700: ~650 cu ft": the same
thing with another number is another thing. A model's number is no amount either ("EDV 900: a
larger variant" gives no figure). Works on the wording alone.
"""

from __future__ import annotations

import re

from assistant.facts import MONTHS, YEAR

# A numbered thing: "level 19", "step 3", "phase 2". Only the same thing's other numbers disagree.
_NUMBERED = re.compile(
    r"\b(level|step|phase|stage|tier|round|grade|class|layer|mode"
    # parts of a course, a book or a series: "coursework 1" is not answered by the Coursework 2 brief
    r"|coursework|assignment|exercise|task|part|week|lecture|lab|quiz|episode|season|volume)\s+(-?\d+)\b(?![.,]?\d)",
    re.I,
)


# A model or item named by letters and its number: "R2", "H100s", "SHA-256", "EDV 900", "Model 3".
# The same letters with another number name another thing: "EDV 700" gives no EDV 900's figure.
# Not a date ("March 28", "Q3 2025"'s year) nor a decimal ("PUE 1.2").
_CODED = re.compile(r"\b([A-Z]{1,6}[- ]?|[A-Z][a-z]+[- ])(\d{1,4})s?\b(?![.,]?\d)")
_NOT_CODED = frozenset(MONTHS) | frozenset(m[:3] for m in MONTHS) | {"sept", "q"}  # quarters are periods


def _numbered(text: str) -> dict[str, set[str]]:
    """Each numbered thing's numbers: "level 1 or level 3" → {"level": {"1", "3"}}, "R1 and R2" → {"r": {"1", "2"}}."""
    out: dict[str, set[str]] = {}
    for thing, number in _NUMBERED.findall(text):
        out.setdefault(thing.lower(), set()).add(number)
    for letters, number in _CODED.findall(text):
        name = _model_name(letters)
        if name not in _NOT_CODED and not YEAR.fullmatch(number):
            out.setdefault(name, set()).add(number)
    return out


def names_asked_number(question: str, text: str) -> bool:
    """True when `text` names a numbered thing of the question by the question's own number ("GPT-3")."""
    wanted, given = _numbered(question), _numbered(text)
    return any(wanted[t] & given[t] for t in wanted.keys() & given.keys())


def _model_name(letters: str) -> str:
    """The name part of a coded model, as `_CODED` takes it: "EDV " → "edv", "SHA-" → "sha"."""
    return letters.rstrip("- ").lower()


# A currency's code keeps its sum: "CAD 260 per night".
_KEPT_CODES = _NOT_CODED | frozenset("usd eur gbp cad aud nzd jpy chf cny inr sek nok dkk hkd sgd".split())


def without_coded(text: str) -> str:
    """`text` without its models' numbers, which are no amounts: "EDV 900: a larger variant" holds none."""
    return _CODED.sub(lambda m: m.group(0) if _model_name(m.group(1)) in _KEPT_CODES else " ", text)


def numbers_agree(question: str, text: str) -> bool:
    """False when the question names a numbered thing and `text` only its other numbers ("level 1"
    for level 19, a "Phase 3" heading for phase 1, "EDV 700" for the EDV 900)."""
    wanted, given = _numbered(question), _numbered(text)
    return all(wanted[t] & given[t] for t in wanted.keys() & given.keys())
