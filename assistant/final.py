"""What a figure came to in the end: the final sum over a budget, a tender or an estimate.

"What did the new roof cost in the end, all in?" is answered by "The final cost was £42,430 …",
not by the closer-worded "The Block B roof was budgeted at £40,000." Plain English ways of
asking for and giving the final figure; nothing here knows a particular document.
"""

from __future__ import annotations

import re

from assistant.facts import holds
from assistant.intent import Intent
from assistant.scoring import Scored, said_by
from ingest.units import plain

# "… in the end", "all in", "altogether", "finally", "ended up", "actually cost".
_FINAL_ASKED = re.compile(
    r"\b(?:in the end|at the end of the day|all in|all told|altogether|in total|finally|ended up|end up|eventually|"
    r"actually|final)\b",
    re.I,
)
# A line giving the final figure: "The final cost was …", "Final account: …", "… came to …", "… in total".
_FINAL_SAID = re.compile(r"\b(?:final|finally|in the end|eventually|outturn|actual|actually|came to|in total|altogether|all in)\b", re.I)


def promote_final(scored: list[Scored], intent: Intent, question: str, near: float = 0.8, reach: int = 8) -> list[Scored]:
    """For a figure question asking what something came to in the end, put first a nearly-as-good line
    saying so with the figure, when the best line does not say it is final."""
    if not scored or intent.wants not in ("money", "number") or not _FINAL_ASKED.search(question):
        return scored
    if _FINAL_SAID.search(plain(said_by(scored[0].unit))):
        return scored
    for i, candidate in enumerate(scored[1:reach], start=1):
        if candidate.score < near * scored[0].score:
            break
        said = plain(said_by(candidate.unit))
        if _FINAL_SAID.search(said) and holds(intent, said):
            return [candidate, *scored[:i], *scored[i + 1 :]]
    return scored
