"""The line whose band holds a figure the question states: an age, a weight, a share.

"A four-year-old weighs 18 kg. How much goes in each dose?" is answered by the row for "4 to 6
years, 16 to 20 kg", not by a closer-worded line for "aged 12 to 17 years"; "our uptime came out at
99.7%. What credit are we owed?" by "Below 99.9% but at least 99.5%". Plain English ways of
writing a band; nothing here knows a particular document.
"""

from __future__ import annotations

import math
import re

from assistant.promotions import promote_first
from assistant.scoring import Scored
from ingest.units import plain

_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUM = r"(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
# The measures a band is written in, each under one name.
_UNITS = (
    ("year", r"(?:years?|yrs?)(?:[\s-]+old)?|-year-olds?"),
    ("month", r"months?(?:[\s-]+old)?|-month-olds?"),
    ("kg", r"kg|kilos?|kilograms?"),
    ("%", r"%|per\s?cent"),
)
_UNIT = "|".join(f"(?P<{name if name != '%' else 'pct'}>{pattern})" for name, pattern in _UNITS)


def _value(text: str) -> float:
    return float(_NUMBER_WORDS.get(text.lower(), text))


def _unit(match: re.Match) -> str:
    return next(name for name, _ in _UNITS if match.group(name if name != "%" else "pct"))


# A figure stated with its measure: "18 kg", "a four-year-old", "99.7%"; an age said bare: "I'm 70".
_STATED = re.compile(rf"(?i)\b{_NUM}\s*(?:{_UNIT})")
_AGE = re.compile(r"(?i)\b(?:I'm|I am|aged|age)\s+(\d{1,3})\b(?!\s*(?:%|kg|mg|ml|months?|weeks?|days?|hours?))")
# "4 to 6 years", "5.0 to 6.9 kg", "99.0% to less than 99.5%", "12-17 years".
_RANGE = re.compile(rf"(?i)\b{_NUM}\s*(?:%\s*)?(?:to|–|-)\s*(?:less than\s+|under\s+)?{_NUM}\s*(?:{_UNIT})")
# "under 12 years", "below 99.9%", "less than 40 kg"; "at least 40 kg", "over 75 years".
_UPPER = re.compile(rf"(?i)\b(?:under|below|less than|younger than)\s+{_NUM}\s*(?:{_UNIT})")
_LOWER = re.compile(rf"(?i)\b(?:at least|over|above|more than|older than|from)\s+{_NUM}\s*(?:{_UNIT})")
# "40 kg or more", "65 years and over".
_LOWER_AFTER = re.compile(rf"(?i)\b{_NUM}\s*(?:{_UNIT})\s*(?:\+|(?:or|and)\s+(?:more|over|above|older))")


def stated(question: str) -> dict[str, float]:
    """The figures `question` states, by measure: "A four-year-old weighs 18 kg" → {year: 4, kg: 18}."""
    out: dict[str, float] = {}
    for m in _STATED.finditer(question):
        out.setdefault(_unit(m), _value(m.group(1)))
    for m in _AGE.finditer(question):
        out.setdefault("year", _value(m.group(1)))
    return out


def bands(text: str) -> dict[str, list[tuple[float, float]]]:
    """The bands a line gives, by measure: "aged 12 to 17 years, weighing 40 kg or more" → {year: [(12, 17)], kg: [(40, inf)]}."""
    out: dict[str, list[tuple[float, float]]] = {}
    rest = text
    for m in _RANGE.finditer(text):
        out.setdefault(_unit(m), []).append((_value(m.group(1)), _value(m.group(2))))
        rest = rest.replace(m.group(0), " ")
    lows: dict[str, list[float]] = {}
    highs: dict[str, list[float]] = {}
    for pattern, side in ((_LOWER, lows), (_LOWER_AFTER, lows), (_UPPER, highs)):
        for m in pattern.finditer(rest):
            side.setdefault(_unit(m), []).append(_value(m.group(1)))
    for unit in set(lows) | set(highs):
        # "Below 99.9% but at least 99.5%" is one band; "under 12 years" alone is open below.
        low, high = max(lows.get(unit, [-math.inf])), min(highs.get(unit, [math.inf]))
        out.setdefault(unit, []).append((low, high))
    return out


def fit(text: str, figures: dict[str, float]) -> int | None:
    """How well `text`'s bands hold the `figures` stated: 2 when each stated measure's band holds its
    figure and is closed ("21 to 29 kg"), 1 when one holding it is open ("less than 40 kg"), 0 when
    a band leaves a figure out, None when the line gives no band for any of them."""
    given = bands(plain(text))
    shared = [unit for unit in figures if unit in given]
    if not shared:
        return None
    holding = [[(low, high) for low, high in given[unit] if low <= figures[unit] <= high] for unit in shared]
    if not all(holding):
        return 0
    closed = all(any(math.isfinite(low) and math.isfinite(high) for low, high in held) for held in holding)
    return 2 if closed else 1


def promote_band(scored: list[Scored], question: str, near: float = 0.8, reach: int = 10) -> list[Scored]:
    """Put first a nearly-as-good line whose bands hold the figures `question` states better than the
    best line's: "21 to 29 kg" over "less than 40 kg" for 25 kg, and either over a line whose band
    leaves the figure out or that gives none."""
    figures = stated(question)
    if not scored or not figures:
        return scored
    best = fit(scored[0].unit.text, figures) or 0

    def holding(at_least: int):
        return lambda unit: (fit(unit.text, figures) or 0) >= at_least

    # The tightest band holding the figures (closed, 2, before open, 1), the best-scored of those.
    for tightness in range(2, best, -1):
        promoted = promote_first(scored, holding(tightness), near, reach, as_much=False)
        if promoted is not scored:
            return promoted
    return scored
