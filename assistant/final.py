"""What a figure came to in the end: the final sum over a budget, a tender or an estimate.

"What did the new roof cost in the end, all in?" is answered by "The final cost was £42,430 …",
not by the closer-worded "The Block B roof was budgeted at £40,000." Plain English ways of
asking for and giving the final figure; nothing here knows a particular document.
"""

from __future__ import annotations

import re

from assistant.facts import holds
from assistant.intent import Intent
from assistant.scoring import said_by
from ingest.units import Unit, plain

# "… in the end", "all in", "altogether", "finally", "ended up", "actually cost".
_FINAL_ASKED = re.compile(
    r"\b(?:in the end|at the end of the day|all in|all told|altogether|in total|finally|ended up|end up|eventually|"
    r"actually|final)\b",
    re.I,
)
# A line giving the final figure: "The final cost was …", "Final account: …", "… came to …", "… in total".
_FINAL_SAID = re.compile(r"\b(?:final|finally|in the end|eventually|outturn|actual|actually|came to|in total|altogether|all in)\b", re.I)


def asks_final(question: str) -> bool:
    """Whether `question` asks what something came to in the end ("… cost in the end, all in?")."""
    return bool(_FINAL_ASKED.search(question))


def says_final(unit: Unit) -> bool:
    """Whether `unit` says its figure is the final one: "The final cost was …", "Final account: …"."""
    return bool(_FINAL_SAID.search(plain(said_by(unit))))


def gives_final(unit: Unit, intent: Intent) -> bool:
    """Whether `unit` says its figure is the final one and gives the kind of figure asked for."""
    return says_final(unit) and holds(intent, plain(said_by(unit))) > 0
