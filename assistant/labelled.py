"""A list's item labelled with the name the question asks about, over a sibling labelled with another.

"Where do I get the replacement bus from at Porthaven?" is answered by "**Porthaven:** Harbour
Road, stop H", not by the closer-worded item above it, "**Kingsbridge Central:** Bay 4 of
Kingsbridge bus station": items labelled with names stand for their names, and the question
names one of them.
"""

from __future__ import annotations

import re

from assistant.answer import Query
from assistant.intent import asked_sentence
from assistant.promotions import promote_first
from assistant.scoring import Scored
from assistant.slots import named_phrases
from ingest.lexical import tokenize
from ingest.units import Unit, plain

# "Kingsbridge Central: …", "S2 Pro: …": a label of capitalized words or codes, up to its colon.
_NAME_LABEL = re.compile(r"^\W*((?:[A-Z0-9][\w'’&.-]*)(?:\s+(?:[A-Z0-9][\w'’&.-]*|of|and|the|&))*)\s*:\s+\S")


def name_label(unit: Unit) -> list[str]:
    """The tokens of the name labelling `unit`, or [] when its label is no name (or it has none)."""
    label = _NAME_LABEL.match(plain(unit.text))
    return tokenize(label.group(1)) if label else []


def promote_asked_label(scored: list[Scored], query: Query, near: float = 0.8, reach: int = 6) -> list[Scored]:
    """Put first a nearly-as-good item of the best one's list labelled with a name the question says,
    when the best is labelled with a name it does not say."""
    if not scored:
        return scored
    best = scored[0].unit
    own = name_label(best)
    names = {t for phrase in named_phrases(asked_sentence(query.question)) for t in tokenize(phrase)}
    if not own or not names or set(own) & names:
        return scored

    def labelled_asked(unit: Unit) -> bool:
        label = name_label(unit)
        return bool(label) and set(label) <= names and unit.chunk.id == best.chunk.id and unit.block == best.block

    return promote_first(scored, labelled_asked, near, reach, as_much=False)
