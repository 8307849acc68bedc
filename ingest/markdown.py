"""Markdown text as its reader sees it: what a renderer never shows is not indexed.

Documentation generators keep metadata in HTML comments ("<!-- YAML added: v0.5.0 -->" heads
every section of Node.js's API docs), and reference links put their targets on lines of their
own ("[reading files]: #example-read-file-stream-line-by-line"). Left in, these are searched,
quoted and taken for prose. Inside a code fence they are part of the example and stay.
"""

from __future__ import annotations

import bisect
import re

# A comment on lines of its own after a blank line goes with the blank lines after it, so that no
# gap is left where it stood; elsewhere only the comment goes.
_COMMENT = re.compile(r"(?:(?<=\n\n)|\A)[ \t]*<!--.*?-->[ \t]*\n(?:[ \t]*\n)*|<!--.*?-->", re.S)
# A link reference definition: up to three spaces, "[label]:", a target (maybe on the next line), maybe a title.
_DEFINITION = r"^ {0,3}\[[^\]\n]+\]:(?:[ \t]*\n)?[ \t]*\S+[ \t]*(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\))?[ \t]*$"
_LINK_DEFINITION = re.compile(_DEFINITION + r"\n?", re.M)
_ONE_DEFINITION = re.compile(_DEFINITION)
# A line opening or closing a code block ("```js", "~~~"): `match` tests one line, `finditer` finds
# every such line of a text.
FENCE = re.compile(r"^[^\S\n]*(?:```|~~~)", re.M)
_TILDES = re.compile(r"^[^\S\n]*~{4,}[^\S\n]*$")  # a fence is most often exactly "~~~"


def is_fence(line: str, above: str = "") -> bool:
    """True when `line` opens or closes a code block; `above` is the line before it.

    A run of tildes under a line of text about as long underlines it as a title, as
    reStructuredText and plain-text release notes do ("Release 3.19.0 (11 Apr 2022)" over
    "~~~~~~~~~~~~~~~~~~~~~~~~~~~~"); "~~~" under "Example:" or "text" still opens a block.
    """
    if not FENCE.match(line):
        return False
    title = above.strip()
    return not (_TILDES.match(line) and title and not FENCE.match(above) and len(line.strip()) >= 0.6 * len(title))


def as_shown(text: str) -> str:
    """`text` without its HTML comments and link reference definitions outside code fences.

    >>> as_shown("# Title\\n<!-- YAML\\nadded: v1 -->\\nSee [the docs][d]. <!-- hidden -->\\n\\n[d]: https://x.org\\n")
    '# Title\\n\\nSee [the docs][d]. \\n\\n'
    """
    if "<!--" not in text and "]:" not in text:
        return text
    fenced = _fenced_spans(text)

    def outside(match: re.Match) -> str:
        i = bisect.bisect_right(fenced, (match.start(), len(text))) - 1  # the last fence opening at or before it
        return match.group(0) if i >= 0 and match.start() < fenced[i][1] else ""

    text = _COMMENT.sub(outside, text)
    fenced = _fenced_spans(text)  # offsets moved
    return _LINK_DEFINITION.sub(outside, text)


def is_link_definition(line: str) -> bool:
    """True for a line that only gives a reference link's target: "[docs]: https://…"."""
    return bool(_ONE_DEFINITION.match(line))


def fence_lines(text: str) -> list[int]:
    """Where each line opening or closing a code block starts in `text`, in order."""
    found, pos, above = [], 0, ""
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if is_fence(body, above):
            found.append(pos)
        pos, above = pos + len(line), body
    return found


def _fenced_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the code blocks, fence lines included; an unclosed block runs to the end."""
    starts = fence_lines(text)
    spans = []
    for opened, closing in zip(starts[::2], starts[1::2]):
        end = text.find("\n", closing)
        spans.append((opened, len(text) if end < 0 else end))
    if len(starts) % 2:
        spans.append((starts[-1], len(text)))
    return spans
