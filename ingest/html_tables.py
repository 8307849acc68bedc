"""An HTML data table read as Markdown's rows: "| Canal | £1,649 |" under "| Model | UK price |".

A page's table holds its figures by row and column; read as one paragraph per row ("Canal |
£1,649") a row loses its header, so nothing says whose column a figure is in. Written as a
Markdown table instead, a table row is a row wherever the documents come from, its header row
over it. A table laying out a page (a cell holding headings, code, another table or a long text)
is no data table: it is read as before, block by block.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

# `ingest.html` reads a page as a stream of these: (START, tag), (TEXT, text), (END, tag).
START, TEXT, END = 0, 1, 2

MAX_CELL_CHARS = 400  # a cell longer than this is a page's layout, not a value
_LAYOUT = frozenset({"table", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "form", "iframe"})
CELLS = frozenset({"td", "th"})
# Inside a cell, a new paragraph, line or item is a new phrase of the same value.
_SEPARATED = frozenset({"p", "div", "br", "li", "dd", "dt"})


def markdown_rows(events: Iterable[tuple[int, str]]) -> str | None:
    """The Markdown rows of one `<table>`'s events (its START to its END), or None for a layout table.

    >>> markdown_rows([(0, "table"), (0, "tr"), (0, "th"), (1, "Model"), (2, "th"), (0, "th"), (1, "Price"),
    ...             (2, "th"), (2, "tr"), (0, "tr"), (0, "td"), (1, "Canal"), (2, "td"), (0, "td"),
    ...             (1, "£1,649"), (2, "td"), (2, "tr"), (2, "table")])
    '| Model | Price |\\n| --- | --- |\\n| Canal | £1,649 |'
    """
    rows: list[tuple[list[str], bool]] = []  # (cells, every cell a header cell)
    cells: list[str] = []
    headed = True
    cell: list[str] | None = None
    loose: list[str] = []
    depth = 0
    for kind, value in events:
        if kind == START and value == "table":
            depth += 1
            if depth > 1:
                return None  # a table inside a table lays out a page
        elif kind == START and value in _LAYOUT:
            return None
        elif value in CELLS and kind in (START, END) or value == "tr":
            # A cell ends at its END, or at the next cell or row when its tag was left open
            # ("<td>a<td>b"), which one parser nests and the other does not.
            if cell is not None:
                text = _cell_text(cell)
                if len(text) > MAX_CELL_CHARS:
                    return None
                cells.append(text)
                cell = None
            if value == "tr":
                if cells:
                    rows.append((cells, headed))
                cells, headed = [], True
            elif kind == START:
                cell, headed = [], headed and value == "th"
        elif kind == TEXT:
            (loose if cell is None else cell).append(value)  # outside the cells: a caption
        elif cell is not None and kind == START and value in _SEPARATED and "".join(cell).strip():
            cell.append(";" if value == "li" else " ")
    if cell is not None:  # a row or table left open
        cells.append(_cell_text(cell))
    if cells:
        rows.append((cells, headed))
    if not rows:
        return None
    lines = []
    for i, (row, header) in enumerate(rows):
        lines.append("| " + " | ".join(row) + " |")
        if i == 0 and header and len(rows) > 1:
            lines.append("| " + " | ".join("---" for _ in row) + " |")
    caption = " ".join(" ".join(loose).split())
    return f"{caption}\n\n" * bool(caption) + "\n".join(lines)


def _cell_text(cell: list[str]) -> str:
    """A cell's text on one line, its items joined by "; " and no "|" to split it."""
    return " ".join(" ".join(cell).split()).replace(" ;", ";").replace("|", "/")


def until_table_end(events: Iterator[tuple[int, str]]) -> list[tuple[int, str]]:
    """The events after a `<table>`'s START up to and including its own END."""
    taken, depth = [], 1
    for kind, value in events:
        taken.append((kind, value))
        if value == "table" and kind in (START, END):
            depth += 1 if kind == START else -1
            if depth == 0:
                break
    return taken
