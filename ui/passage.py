"""Show a document passage as readable, escaped HTML with the quoted spans inside <mark>.

Chunks are markdown source. Printing `**` and `####` verbatim makes a cited passage look broken,
and handing it to a markdown renderer would lose track of where the quote sits. So the passage
is walked character by character: heading lines become bold, list dashes become bullets,
`**emphasis**` becomes <strong>, and each character keeps its offset, so a quote is marked
exactly where it is even when it starts or ends inside a bold run. Nothing else of markdown
(links, tables, code) is interpreted; it is shown as written. Every character is escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

_HEADING = re.compile(r"#{1,6}[ \t]+")
_BULLET = re.compile(r"([ \t]*)[-*+][ \t]+")
_ORDER = ("mark", "strong")  # outer to inner; tags are closed and reopened whenever the set changes


def escape(text: str) -> str:
    """HTML-escape `text` and keep its line breaks, for use inside a one-line HTML block."""
    return html.escape(text, quote=True).replace("\r\n", "\n").replace("\n", "<br>")


def passage_html(text: str, spans: Iterable[tuple[int, int]] = ()) -> str:
    """`text` (offsets 0..len) as HTML, with every (start, end) span marked.

    >>> passage_html("## Team\\n- **Ann** leads", [(12, 15)])
    '<strong>Team</strong><br>• <mark><strong>Ann</strong></mark> leads'
    """
    marked = _marked_offsets(spans, len(text))
    pieces: list[tuple[str, frozenset[str]]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        pieces += _line_pieces(line, offset, marked)
        offset += len(line)
    return _to_html(pieces)


def _line_pieces(line: str, offset: int, marked: set[int]) -> list[tuple[str, frozenset[str]]]:
    """(visible text, styles) for each character of one line, markup characters dropped."""
    out: list[tuple[str, frozenset[str]]] = []
    pos, heading = 0, False
    if m := _HEADING.match(line):
        pos, heading = m.end(), True
    elif m := _BULLET.match(line):
        out.append((m.group(1) + "• ", frozenset({"mark"} if offset + m.end(1) in marked else ())))
        pos = m.end()
    strong = heading
    while pos < len(line):
        if line.startswith("**", pos):
            strong = not strong if not heading else strong
            pos += 2
            continue
        styles = set()
        if line[pos] not in "\r\n":  # a style never spans a line break: each line reads on its own
            styles = ({"strong"} if strong else set()) | ({"mark"} if offset + pos in marked else set())
        out.append((line[pos], frozenset(styles)))
        pos += 1
    return out


def _to_html(pieces: list[tuple[str, frozenset[str]]]) -> str:
    out: list[str] = []
    open_tags: list[str] = []
    for text, styles in pieces:
        wanted = [tag for tag in _ORDER if tag in styles]
        if wanted != open_tags:
            keep = 0  # tags both lists open in the same order stay open: no needless </mark><mark>
            while keep < min(len(wanted), len(open_tags)) and wanted[keep] == open_tags[keep]:
                keep += 1
            out += [f"</{tag}>" for tag in reversed(open_tags[keep:])] + [f"<{tag}>" for tag in wanted[keep:]]
            open_tags = wanted
        out.append(escape(text))
    out += [f"</{tag}>" for tag in reversed(open_tags)]
    return "".join(out)


def _marked_offsets(spans: Iterable[tuple[int, int]], limit: int) -> set[int]:
    return {i for start, end in spans for i in range(max(0, start), min(limit, end))}
