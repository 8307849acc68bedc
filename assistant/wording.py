"""The answer's text from the units picked: a sentence per unit with its [n] marker, or a refusal.

Each sentence is checked against its passage (`citations.supports`) and dropped when the passage
does not support it. A unit shows its label or heading when the question's subject is there and
not in the line; a list is headed once; code shows as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import takewhile

from assistant.answer import Query
from assistant.citations import make_citation, supports
from assistant.compose import introduces
from assistant.tables import headed_row
from assistant.types import Answer, Citation, Hit
from ingest.lexical import tokenize
from ingest.tables import table_header
from ingest.units import Unit, plain

SUBJECT_CHARS = 80  # a longer heading is a page title with its site's name, too long to lead a sentence


def build_answer(query: Query, hits: Sequence[Hit], units: list[Unit]) -> Answer:
    """Sentences with [n] markers; units that their passage does not support are left out."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    lines = []
    items = {u.kind for u in units[1:]}
    intro = units[0] if len(units) > 1 and introduces(units[0]) and items in ({"bullet"}, {"code"}) else None
    as_list = len(units) > 2 and (all(u.kind == "bullet" for u in units) or all(u.kind == "heading" for u in units))
    head = plain(units[0].label or units[0].chunk.section.split(" > ")[-1]) if units else ""
    if as_list and units[0].kind == "heading":
        head = plain(_shared_heading(units))  # sibling sections' headings: their parent heads the list
    for unit in units:
        sentence = _sentence(unit, query)
        if as_list or (intro and unit is not intro):
            sentence = sentence.removeprefix(f"{head} — ")  # the list's head already says it once
        if not supports(sentence, unit.chunk):
            continue
        n = numbers.setdefault(unit.chunk.id, len(numbers) + 1)
        if not any(c.n == n and c.start == unit.start for c in citations):
            citations.append(make_citation(n, unit.chunk, unit.start, unit.end))
        if unit is intro:
            lines.append(f"{sentence.rstrip('.:')}: [{n}]")
        else:
            lines.append(f"- {sentence} [{n}]" if as_list or intro else f"{sentence} [{n}]")
    if not lines:
        return refusal(query, hits)
    if intro:
        text = "\n".join(lines)  # the introducing sentence, then its items
    elif as_list:
        text = f"{head}:\n" + "\n".join(lines)
    else:
        text = " ".join(lines)
    return Answer(text, tuple(citations), False, tuple(hits), query.standalone, backend="extractive")


def refusal(query: Query, hits: Sequence[Hit]) -> Answer:
    """"The documents don't say", with the nearest passages named so the user can look."""
    near = "; ".join(f"{h.chunk.section or h.chunk.title} ({h.chunk.source})" for h in hits[:2])
    text = f"The documents don't say. I found nothing that answers “{query.question}”."
    if near:
        text += f" Closest passages: {near}."
    return Answer(text, (), True, tuple(hits), query.standalone, backend="extractive")


def _sentence(unit: Unit, query: Query) -> str:
    """The unit as prose; prefixed with its heading when the heading carries the question's subject."""
    text = unit.display
    if unit.kind == "code":
        return f"`` {text} ``" if "`" in text else f"`{text}`"  # as written: markup would mangle it
    headed = headed_row(unit, query.standalone, query.question) if unit.kind == "row" else ""
    if headed:  # "Minimum number of Seats — Enterprise: 100"; the header as a label would say it twice
        text = headed
    if unit.label and unit.label.lower() not in text.lower() and not (headed and unit.label == table_header(unit)):
        text = f"{unit.label}: {text}"
    subject = unit.chunk.section.split(" > ")[-1] if unit.chunk.section else ""
    asked = set(tokenize(query.standalone))
    if subject and len(subject) <= SUBJECT_CHARS and ((asked & set(tokenize(subject))) - set(tokenize(text)) or _SUBJECT_IS_HEADING.match(text)):
        text = f"{plain(subject)} — {text}"
    if unit.kind == "sentence" and text.endswith(":"):
        text = text[:-1]  # a sentence introducing what follows ends here, without its colon
    # No full stop after an address: "… at http://example.org/LICENSE" would take it for part of the URL.
    ends = text.endswith((".", "!", "?", ")")) or re.search(r"(?:://|/)\S*$", text)
    return text if ends or unit.kind != "sentence" else text + "."


# A reference entry's sentences leave out their subject, the heading: "Returns an estimate of …"
# under "os.availableParallelism()", "Creates a new interface" under "readline.createInterface()".
_SUBJECT_IS_HEADING = re.compile(
    r"[A-Z][a-z]+s (?:a|an|the|this|that|these|those|its|their|whether|true|false|all|any|each|every|one|some|no|information)\b"
)


def _shared_heading(units: list[Unit]) -> str:
    """The deepest heading over all `units`: their section's, or for sibling sections their parent's."""
    paths = [u.chunk.section.split(" > ") for u in units]
    shared = [names[0] for names in takewhile(lambda names: len(set(names)) == 1, zip(*paths))]
    return shared[-1] if shared else ""
