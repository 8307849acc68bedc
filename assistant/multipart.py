"""A two-part question whose second part leans on the first: search the second with the first's answer.

"Where is the US site planned to grow to 300MW, and how much is CoreWeave committing to it?" The
second part's "it" is whatever answers the first (Lancaster), which the question never names, so
"how much is CoreWeave committing to it?" searched alone finds discount terms. The first part's
best line, picked as the extractive answerer picks lines, names the thing; its names go with the
second part, as a follow-up carries the names of the last reply (`assistant.conversation`).
Carrying the first part's own words instead was tried and pulled in other sites (docs/EVAL.md).
"""

from __future__ import annotations

import re

from assistant.answer import Query
from assistant.conversation import names_in
from assistant.intent import detect_intent
from assistant.retrieval import Retriever, split_question
from assistant.scoring import score_units
from assistant.slots import SUBJECT_IDF
from ingest.lexical import tokenize

_POINTS_BACK = re.compile(r"\b(?:it|its|they|them|their|there|that|this|he|she|his|her)\b", re.I)
MAX_NAMES = 3


def with_first_answer(question: str, retriever: Retriever, embedder, k: int) -> str:
    """`question` with the names of its first part's answer inside its second part, when that part points back.

    Left as it is when it is one question, when its second part names its own subject, or when it
    already carries context from earlier turns (a trailing "(…)").
    """
    parts = split_question(question)
    if len(parts) != 2 or not _POINTS_BACK.search(parts[1]) or question.rstrip().endswith(")"):
        return question
    first = parts[0]
    if _own_subject(parts[1], first, retriever):
        return question  # "…, and what was it valued at when Cisco invested?": "it" is not the first answer
    hits = retriever.retrieve(first, k)
    scored = score_units(Query(first, first, (), *retriever.term_weights(first)), detect_intent(first), hits, embedder)
    if not scored:
        return question
    own = {w.lower() for w in re.findall(r"\w+", question)}
    # Names inside the line, not its opening word: "Cut training time …" names nothing.
    names = [n for n in dict.fromkeys(names_in(scored[0].unit.display)) if n.lower() not in own][:MAX_NAMES]
    if not names:
        return question
    body = question.rstrip()
    mark = "?" if body.endswith("?") else ""
    return f"{body.rstrip('?').rstrip()} ({', '.join(names)}){mark}"


def _own_subject(part: str, first: str, retriever: Retriever) -> bool:
    """True when `part` names something the first part does not, other than the documents' subject."""
    weights, _, known = retriever.term_weights(part)
    earlier = set(tokenize(first))
    return any(
        t in known and weights[t] >= SUBJECT_IDF and t not in earlier for name in names_in(part) for t in tokenize(name)
    )
