"""Markdown and HTML on one line of text: the shapes of bullets and headings, and `plain`, which drops them.

Answer units (`ingest.units`) and table rows (`ingest.tables`) are shown as plain prose; this is
what both read a line's markup with.
"""

from __future__ import annotations

import re

# "- ", "1. ", and the lettered items of plain-text lists: "a) ", "(b) ", "(iv) ".
BULLET = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)]|\(?[a-z][.)]|\((?:[ivx]{1,4}|\d{1,3})\))\s+")
HEADING = re.compile(r"^\s*#{1,6}\s")

# The HTML elements a Markdown page may carry; a name in angle brackets ("<MIME>") is no tag.
_HTML_TAG = re.compile(
    r"</?(a|abbr|b|br|code|dd|details|div|dl|dt|em|hr|i|img|kbd|li|ol|p|pre|small|span|strong|sub|summary|sup|"
    r"table|tbody|td|tfoot|th|thead|tr|u|ul)(?:\s[^<>]*)?/?>",
    re.I,
)
_INLINE_TAGS = frozenset("a abbr b code em i kbd small span strong sub sup u".split())


def _untag(tag: re.Match) -> str:
    """Nothing for an inline tag, a space for a block or cell ("<td>A</td><td>B</td>" → " A  B ")."""
    return "" if tag.group(1).lower() in _INLINE_TAGS else " "


def plain(text: str) -> str:
    """Markdown-free text: '- **Founded:** 2017' → 'Founded: 2017'."""
    text = BULLET.sub("", HEADING.sub("", text))
    # Markdown may carry HTML ("<td><code>PRIORITY_LOW</code></td>"): its reader sees no tags. Code
    # in backticks keeps them ("`<div>`"), and so do names in angle brackets ("<MIME>/globs2").
    text = "".join(part if part.startswith("`") else _HTML_TAG.sub(_untag, part) for part in re.split(r"(`[^`\n]*`)", text))
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)  # a reference link, "[ES module][]"
    # Paired emphasis only: "2**63 - 1" and "__missing__" are code, not bold.
    text = re.sub(r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<!\w)__(?=\S)([^_]*\s[^_]*?)(?<=\S)__(?!\w)", r"\1", text).replace("`", "")
    text = re.sub(r"(?<![\w*])[*_](\S[^*_]*?)[*_](?![\w*])", r"\1", text)
    if text.startswith("|"):
        text = " — ".join(cell.strip() for cell in text.strip().strip("|").split("|") if cell.strip())
    return re.sub(r"\s+", " ", text).strip()
