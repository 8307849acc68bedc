"""A line counting the things asked for, beside the list of them: "We sell three plans." over the plans' table.

"What plans do we sell?" is closest to the sentence that counts them, but the plans are the rows
of the table under it; "Which roles does a SEV1 need?" to "Every SEV1 must have all four roles
filled …", under the four bullets naming them. When the line counts the very things asked for, and
the bullets or table rows just before or after it are that many, the answer is the line and them.
"""

from __future__ import annotations

import re

from assistant.lists import NUMBER_WORD, number
from assistant.wordforms import keys
from ingest.lexical import tokenize
from ingest.tables import header_line
from ingest.units import Unit, split_units

# "three plans", "all four roles", "12 regions": a count, at most one word, then a plural.
_COUNTED = re.compile(rf"\b({NUMBER_WORD})\s+(?:[a-z-]+\s+)?([a-z][a-z-]*s)\b", re.I)


def counted_block(best: Unit, question: str, most: int) -> list[Unit]:
    """The items beside `best` when it counts the things `question` asks for, as many as it says; else []."""
    asked = keys(tokenize(question))
    counts = [
        count
        for match in _COUNTED.finditer(best.text)
        if 2 <= (count := number(match.group(1))) <= most and keys(tokenize(match.group(2))) & asked
    ]
    if not counts:
        return []
    units = split_units(best.chunk, best.rank)  # once, only when the line counts what is asked
    at = next((i for i, u in enumerate(units) if u.start == best.start), None)
    if at is None:
        return []
    # The rest of its paragraph may come first: "We sell three plans. Internally, … by tier number."
    after = at + 1
    while after < len(units) and units[after].kind == "sentence" and units[after].block == best.block:
        after += 1
    blocks = (_run(units[after:]), _run(units[:at][::-1])[::-1])
    return next((block for count in counts for block in blocks if len(block) == count), [])


def _run(units: list[Unit]) -> list[Unit]:
    """The leading run of `units` that is one list: bullets of one block, or a table's rows under its header."""
    if units and units[0].kind == "row" and not header_line(units[0]):
        units = units[1:]  # the header row names the columns; it is no item
    if not units or units[0].kind not in ("bullet", "row"):
        return []
    first = units[0]
    run = []
    for unit in units:
        if unit.kind != first.kind or (unit.kind == "bullet" and unit.block != first.block):
            break
        run.append(unit)
    return run
