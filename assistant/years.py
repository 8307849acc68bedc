"""Whether a passage or a line is about the year a question asks.

"What was revenue in 2021?" is not answered by a passage about 2024, nor by a line naming only
2026 and 2028 under a heading spanning 2025-2028. Wording alone.
"""

from __future__ import annotations

import re

from assistant.facts import YEAR
from assistant.intent import Intent


def years_agree(intent: Intent, text: str) -> bool:
    """False when the question names a year and the passage mentions none of them."""
    return not intent.years or any(y in text for y in intent.years)


_YARDSTICK = re.compile(r"\b(?:vs\.?|versus|than|compared (?:to|with)|(?:up|down|rose|grew|fell) from)\b[^;]*", re.I)
_YEAR_SPAN = re.compile(r"\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b")


def line_years_agree(intent: Intent, line: str) -> bool:
    """False when the question names a year and the line names only other years.

    Under "2025-2028 Outlook", "R2 launches in 2026; breakeven slips toward 2028" is not what is
    guided for 2025, though its heading spans that year. A span the line writes ("2025-2027")
    holds the years inside it. A line naming no year is judged by its passage (`years_agree`).
    """
    if not intent.years:
        return True
    line = _YARDSTICK.sub(" ", line)  # "~$434M, vs $238.0M in 2024": the year compared with is not the line's
    named = set(YEAR.findall(line))
    for start, end in _YEAR_SPAN.findall(line):
        named |= {str(y) for y in range(int(start), int(end) + 1)}
    # Two years asked ("for 2026-2028") hold the years between them.
    asked = range(int(min(intent.years)), int(max(intent.years)) + 1)
    return not named or any(int(y) in asked for y in named)
