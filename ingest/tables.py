"""Tables in text: Markdown's pipe tables, grid tables between "+---+" borders, and plain-text
tables in columns under a "------  ----" rule. A row says its values; its header row names them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.markup import plain

if TYPE_CHECKING:
    from ingest.units import Unit

# A grid table's border ("+-----+----+", reST and plain-text tables) is a rule too.
GRID_RULE = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
# A plain-text table's rule under its header, one run of dashes per column: "------  ----".
COLUMN_RULE = re.compile(r"^\s*-{3,}(?:\s{2,}-{3,})+\s*$")
COLUMNS = re.compile(r"\S {3,}\S")  # aligned columns of a plain-text table: each line is a row

_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def table_header(unit: Unit) -> str:
    """The header row over a Markdown table row, as plain text ("Dimension — Original — Neo"); '' for any other unit.

    A row says its values ("Chamber width | 33.5 m | 55 m"); what they are values of, the header says.
    """
    return plain(header_line(unit))


def cells(line: str) -> list[str]:
    """A table line's cells as plain text, empty ones kept: "|  | Essentials |" → ['', 'Essentials'].

    A plain-text table's columns are set apart by runs of spaces: "Solution Architect    £1,750".
    """
    if not line.lstrip().startswith("|"):
        return [plain(cell) for cell in re.split(r"\s{2,}", line.strip())]
    return [plain(cell) for cell in line.strip().strip("|").split("|")]


def header_line(unit: Unit) -> str:
    """The raw header row over a table row unit; '' for any other unit or a table without one."""
    if unit.kind != "row":
        return ""
    above = unit.chunk.text[: unit.start - unit.chunk.start].split("\n")[:-1]
    if not unit.text.startswith("|"):
        return aligned_header(above) or ""
    table = []
    for line in reversed(above):
        if not (line.lstrip().startswith("|") or GRID_RULE.match(line)):
            break
        table.insert(0, line)
    if table and GRID_RULE.match(table[0]):  # a grid table: "+---+" over its header row, then "+---+" or "+===+"
        table = table[1:]
    if len(table) >= 2 and (_TABLE_RULE.match(table[1]) or GRID_RULE.match(table[1])) and not _TABLE_RULE.match(table[0]):
        return table[0]
    return ""


def aligned_header(above: list[str]) -> str | None:
    """The header of a plain-text table whose rows end `above`: the line over its "-----  ----" rule.

    None when the lines just above are not such a table's rows, in columns under such a rule.
    """
    for i in range(len(above) - 1, -1, -1):
        line = above[i]
        if COLUMN_RULE.match(line):
            return above[i - 1] if i > 0 and COLUMNS.search(above[i - 1].strip()) else None
        if not COLUMNS.search(line.strip()):
            return None
    return None
