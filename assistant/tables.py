"""A table row shown with its columns' names: "Minimum number of Seats — Enterprise: 100".

A row alone gives values without saying whose they are ("Minimum number of Seats — 5 — 25 —
100"); its header row names the columns. When the question names one of several figures' columns
("… on the Enterprise plan?"), the row is shown with that column alone; otherwise with every
column named.
"""

from __future__ import annotations

import re

from ingest.lexical import tokenize
from ingest.tables import cells, header_line
from ingest.units import Unit

MAX_CHARS = 300  # a row longer than this with its columns named is shown as written
_FIGURE = re.compile(r"\d")


# A currency the question names by its word picks the column whose figures carry its sign:
# "… in euros?" → "EU (incl. VAT): €919", beside "UK (incl. VAT): £799".
_CURRENCIES = {sign: frozenset(tokenize(words)) for sign, words in
               {"€": "euro euros eur", "£": "pound pounds sterling gbp", "$": "dollar dollars usd", "¥": "yen jpy"}.items()}


def headed_row(unit: Unit, searched: str, question: str = "") -> str:
    """`unit`'s row with each value after its column's name; '' when it has no header that lines up.

    The columns the question names are picked by its own words first, then by those `searched`
    carries over from earlier turns: "ok and the Pro, in euros?" after a question about UK prices.
    """
    header = cells(header_line(unit)) if unit.kind == "row" else []
    row = cells(unit.text)
    if len(row) < 3 or len(header) != len(row) or not any(header[1:]):
        return ""  # one value after its row's name needs no column named
    words = [set(tokenize(name)) for name in header]
    shared = set.intersection(*[w for w in words[1:] if w] or [set()])  # "locks" in "Old locks", "New locks"

    def named_by(text: str) -> list[int]:
        asked = set(tokenize(text))
        signs = [sign for sign, names in _CURRENCIES.items() if names & asked]
        return [i for i in range(1, len(row)) if (words[i] - shared) & asked or any(sign in row[i] for sign in signs)]

    named = named_by(question) or named_by(searched)
    # Only figures side by side are alternatives, one of which the question picks ("Enterprise" of
    # three tiers' seat minimums); an action item's owner, due date and status all belong to it.
    alternatives = all(_FIGURE.search(cell) for cell in row[1:] if cell)
    columns = named if named and alternatives else range(1, len(row))
    pairs = [f"{header[i]}: {row[i]}" if header[i] else row[i] for i in columns if row[i]]
    shown = " — ".join(p for p in [row[0], *pairs] if p)
    return shown if len(shown) <= MAX_CHARS else ""


def names_column(unit: Unit, phrase: str) -> bool:
    """Whether `unit` is a table row under a column named `phrase` ("Enterprise")."""
    words = set(tokenize(phrase))
    return bool(words) and any(words <= set(tokenize(cell)) for cell in cells(header_line(unit))[1:])


def table_rows(row: Unit, units: list[Unit]) -> list[Unit]:
    """The rows of `row`'s table in reading order, its header row left out: the run of rows around
    `row` in its passage with no other unit between them (`units`: the passage's units, any order)."""
    same = sorted({(u.start, u.kind): u for u in units if u.chunk.id == row.chunk.id}.values(), key=lambda u: u.start)
    at = next((i for i, u in enumerate(same) if u.start == row.start), None)
    if at is None:
        return [row]
    first, last = at, at
    while first > 0 and same[first - 1].kind == "row":
        first -= 1
    while last + 1 < len(same) and same[last + 1].kind == "row":
        last += 1
    header = header_line(row).strip()
    return [u for u in same[first : last + 1] if u.text.strip() != header]
