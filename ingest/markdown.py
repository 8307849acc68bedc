"""Markdown text as its reader sees it: HTML comments are not shown, so they are not indexed.

Documentation generators keep metadata in comments ("<!-- YAML added: v0.5.0 -->" heads every
section of Node.js's API docs); left in, it is searched, quoted and taken for prose. A comment
inside a code fence is part of the example and stays.
"""

from __future__ import annotations

import re

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE_LINE = re.compile(r"^[ \t]*(?:```|~~~).*$", re.M)


def drop_comments(text: str) -> str:
    """`text` without its HTML comments outside code fences.

    >>> drop_comments("# Title\\n<!-- YAML\\nadded: v1 -->\\nBody <!-- hidden --> text\\n")
    '# Title\\n\\nBody  text\\n'
    """
    if "<!--" not in text:
        return text
    fenced = _fenced_spans(text)
    return _COMMENT.sub(lambda m: m.group(0) if any(a <= m.start() < b for a, b in fenced) else "", text)


def _fenced_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the code fences; an unclosed fence runs to the end."""
    spans, opened = [], None
    for match in _FENCE_LINE.finditer(text):
        if opened is None:
            opened = match.start()
        else:
            spans.append((opened, match.end()))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans
