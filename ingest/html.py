"""Render an HTML page's visible text as markdown-style text, headings as `#` lines.

Scripts, styles, the head, navigation and footers are dropped; headings become `#`…`######`
lines of their own so a heading-aware chunker can split on them; blocks are separated by blank
lines, list items start with "- ", table cells are joined with " | ", `pre` keeps its whitespace
inside a ``` fence. It reads a page's declared charset but leaves decoding to the loader, and it
does not repair mojibake or keep links, images or emphasis.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from bs4.dammit import EncodingDetector
from bs4.element import NavigableString, PreformattedString, Tag

_DROPPED = ["title", "script", "style", "noscript", "template", "svg", "head", "nav", "footer"]
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = frozenset(
    "address article aside blockquote body dd details dialog div dl dt fieldset figcaption figure form "
    "header hr html li main ol p pre section summary table tbody tfoot thead tr ul".split()
)
_LISTS = frozenset({"ul", "ol"})
_CELLS = frozenset({"td", "th"})


def render_html(markup: str) -> tuple[str | None, str]:
    """Return (title, text): the `<title>` (else the first h1, else None) and the rendered text.

    >>> render_html("<title>T</title><h2>Intro</h2><p>Hello <b>world</b>.</p>")
    ('T', '## Intro\\n\\nHello world.')
    """
    soup = BeautifulSoup(markup, "html.parser")
    # An inline <svg> may carry a <title> of its own; that is not the page's.
    page_title = next((t for t in soup.find_all("title") if t.find_parent("svg") is None), None)
    title = _collapse(page_title.get_text()) if page_title else ""
    for tag in soup.find_all(_DROPPED) + soup.find_all(attrs={"role": "navigation"}):
        if not tag.decomposed:  # already gone with an enclosing dropped tag
            tag.decompose()
    if not title and (h1 := soup.find("h1")) is not None:
        title = _collapse(h1.get_text())
    return title or None, _Renderer().render(soup)


def declared_encoding(data: bytes) -> str | None:
    """The charset a page declares in a `<meta>` tag or XML declaration, if any."""
    return EncodingDetector.find_declared_encoding(data, is_html=True, search_entire_document=False)


def _collapse(text: str) -> str:
    return " ".join(text.split())


class _Renderer:
    """Walks the tree with an explicit stack: deeply nested pages must not hit the recursion limit."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.inline: list[str] = []
        self.list_depth = 0
        self.in_pre = 0
        self.bullet = ""  # "- " waiting for the first block of a list item

    def render(self, root: Tag) -> str:
        stack: list[tuple[object, bool]] = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            if isinstance(node, Tag):
                if leaving:
                    self._leave(node)
                else:
                    self._enter(node)
                    stack.append((node, True))
                    stack.extend((child, False) for child in reversed(node.contents))
            elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
                # PreformattedString covers comments, doctypes and CDATA: not visible text.
                self.inline.append(str(node) if self.in_pre else _collapse_keeping_edges(str(node)))
        self._flush()
        return "\n\n".join(self.blocks)

    def _enter(self, tag: Tag) -> None:
        name = tag.name
        if name == "br":
            self.inline.append("\n")
        elif name in _CELLS and "".join(self.inline).strip():
            self.inline.append(" | ")
        if name in _HEADINGS or name in _BLOCKS:
            self._flush()
        if name in _LISTS:
            self.list_depth += 1
        elif name == "li":
            self.bullet = "  " * max(self.list_depth - 1, 0) + "- "
        elif name == "pre":
            self.in_pre += 1

    def _leave(self, tag: Tag) -> None:
        name = tag.name
        if name in _HEADINGS:
            self._flush(heading=_HEADINGS[name])
        elif name == "pre":
            self._flush(pre=True)
            self.in_pre -= 1
        elif name in _BLOCKS:
            self._flush()
        if name in _LISTS:
            self.list_depth -= 1

    def _flush(self, heading: int = 0, pre: bool = False) -> None:
        raw = "".join(self.inline)
        self.inline.clear()
        if pre:
            body = raw.strip("\n")
            block = f"```\n{body}\n```" if body.strip() else ""
        else:
            block = "\n".join(line for line in map(_collapse, raw.split("\n")) if line)
        if not block:
            return
        if heading:
            block = "#" * heading + " " + block.replace("\n", " ")
        elif block.startswith("#"):
            block = "\\" + block  # "# of users" in a paragraph must not read as a heading
        if self.bullet and not heading:  # "- ## x" would hide the heading from the chunker
            block, self.bullet = self.bullet + block, ""
        self.blocks.append(block)


def _collapse_keeping_edges(text: str) -> str:
    """Collapse whitespace but keep one space at each edge, so "a <b>b</b>" stays "a b"."""
    if not text.strip():
        return " " if text else ""
    return (" " if text[0].isspace() else "") + _collapse(text) + (" " if text[-1].isspace() else "")
