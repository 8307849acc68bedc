"""Who holds a role, when a question asks for a person and the answering line gives only the role.

"Besides my director, which person in HR has to approve my sabbatical? I need a name." is
answered by "… must be approved by your director and by the HR Director"; who that is, another
passage says: "| HR Director | Tomasz Wierzbicki | Leeds | … |". The answer quotes that line too.
Wording alone: a role is a capitalized title ending in a word such as Director or Officer, and the
line naming its holder gives the role and a person's name as parts of their own (table cells,
"Role: Name", "Name - Role"). Nothing here knows any particular corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.promotions import promote_first
from assistant.types import Hit
from ingest.units import Unit, plain, split_units

_ASKS_PERSON = re.compile(r"\b(?:who|whom|which person|what person|by name|a name|the name of)\b", re.I)
_TITLES = (
    "Director|Officer|Manager|Head|Chair|Chairman|Chairwoman|Chairperson|President|Secretary|Controller|"
    "Counsel|Treasurer|Administrator|Coordinator|Auditor|Editor|Dean"
)
# "the HR Director", "the Chief Financial Officer", "Head of Payroll and Reward".
_ROLE = re.compile(rf"(?:\b[A-Z][\w&-]*\s+){{0,3}}\b(?:{_TITLES})\b(?:\s+of\s+[A-Z][\w&-]*(?:\s+(?:and\s+)?[A-Z][\w&-]*){{0,2}})?")
# A person's name standing as a part of its own: "Tomasz Wierzbicki", "Joost van den Berg".
_PERSON = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?(?:\s+(?:(?:van|von|de|der|den|du|da|di|le|la)\s+)*[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?){1,3}")
_PARTS = re.compile(r"\s*(?:\||:|—|–|\s-\s|,|\()\s*")
_TWO_CAPITALS = re.compile(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+")
HOLDER_CHARS = 200  # a table row or a "Role: Name" line, not a paragraph that mentions both


def roles_without_holder(text: str) -> list[str]:
    """The roles `text` names when it names no person: "… approved by the HR Director" → ["HR Director"]."""
    roles = list(dict.fromkeys(m.group(0).strip() for m in _ROLE.finditer(text)))
    if not roles or _TWO_CAPITALS.search(_ROLE.sub(" ; ", text)):
        return []
    return roles


def holder_line(role: str, hits: Sequence[Hit]) -> tuple[Unit, Hit] | None:
    """A short line of `hits` giving `role` and a person's name as parts of their own."""
    for rank, hit in enumerate(hits):
        for unit in split_units(hit.chunk, rank):
            if len(unit.text) > HOLDER_CHARS or role not in unit.text:
                continue
            parts = [p.strip(" *.") for p in _PARTS.split(plain(unit.text))]
            if role in parts and any(_PERSON.fullmatch(p) and not _ROLE.search(p) for p in parts):
                return unit, hit
    return None


def role_holder(
    question: str, answer: Unit, hits: Sequence[Hit], search: Callable[[str], Sequence[Hit]] | None
) -> tuple[Unit, Hit] | None:
    """The line naming who holds a role `answer` gives, when `question` asks for a person; else None.

    The passages at hand are looked through first, then, with `search`, the documents.
    """
    if not _ASKS_PERSON.search(question):
        return None
    for role in roles_without_holder(answer.display):
        if found := holder_line(role, hits) or (search and holder_line(role, search(role))):
            return found
    return None


def promote_role(question: str, scored: list, near: float = 0.9, reach: int = 4) -> list:
    """Put first a nearly-as-good line giving the very role the question names, if the best gives another.

    "Where did Maersk's current chief financial officer work as CFO before?" is answered by
    "Patrick Jany - Chief Financial Officer since …", not by the CEO's line just above it, which
    shares "chief" and "officer" and is a little closer in meaning.
    """
    asked = " ".join(re.findall(r"[a-z&]+", question.lower()))

    def names_asked_role(unit: Unit) -> bool:
        roles = {" ".join(re.findall(r"[a-z&]+", m.group(0).lower())) for m in _ROLE.finditer(unit.text)}
        return any(len(role.split()) >= 2 and re.search(rf"\b{re.escape(role)}\b", asked) for role in roles)

    if not scored or names_asked_role(scored[0].unit):
        return scored
    return promote_first(scored, names_asked_role, near, reach, as_much=False)
