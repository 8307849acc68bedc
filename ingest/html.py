"""Render an HTML page's visible text as markdown-style text, headings as `#` lines.

Scripts, styles, the head, navigation (by tag, role or class, and "Next / Previous / Up" link
lines), in-page tables of contents, footers and permalink anchors (an in-page link that shows one
symbol, such as Sphinx's "¶" after every heading) are dropped; a page that marks its
main content (`<main>`, `role="main"`) is read from there alone, so a site's chrome (mdBook's
"Keyboard shortcuts" help and theme menu, Sphinx's copyright footer) is not taken for text;
headings become `#`…`######` lines of their own so a heading-aware chunker can split on them;
blocks are separated by blank lines, list items start with "- ", table cells are joined with
" | ", `pre` keeps its whitespace inside a ``` fence. It reads a page's declared charset but
leaves decoding to the loader, and it does not repair mojibake or keep links, images or emphasis.

Pages are parsed with lxml (libxml2's HTML parser, in C): on the Python docs that takes 4 ms a
page against 44 ms for BeautifulSoup's tree built by the pure-Python `html.parser`, which was
most of ingest's time outside the encoder (docs/SCALE.md); both give the same text on all 1,034
of those pages. libxml2 gives up on elements nested past 2,048 deep, so such a page goes through
`html.parser` instead, which has no limit: no page loses text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from bs4.dammit import EncodingDetector
from lxml import etree

from ingest.html_faq import faq_questions_as_headings, faq_questions_as_headings_soup
from ingest.html_tables import CELLS, END, START, TEXT, markdown_rows, until_table_end

_DROPPED = ("title", "script", "style", "noscript", "template", "svg", "head", "nav", "footer")
# Navigation and tables of contents marked by class rather than by tag: DocBook's "<< Prev | Up |
# Next >>" bars (`class="nav"`, `"navheader"`, `"navfooter"`) and a page's own contents list
# (`class="toc"`, also Doxygen's and MediaWiki's). Their lines name other sections and pages, so
# they would be found for questions they do not answer.
_CHROME_CLASSES = ("nav", "navheader", "navfooter", "toc")
_CHROME_XPATH = " | ".join(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {c} ')]" for c in _CHROME_CLASSES)
# A line of links to the next, previous and parent page ("Next: Conventions, Previous:
# Introduction, Up: Top", as Texinfo heads every node with): the element holding such a link.
_PAGER_RELS = ("next", "prev", "previous", "up")
_PAGER_XPATH = ".//*[a[" + " or ".join(f"contains(concat(' ', normalize-space(@rel), ' '), ' {r} ')" for r in _PAGER_RELS) + "]]"
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = frozenset(
    "address article aside blockquote body dd details dialog div dl dt fieldset figcaption figure form "
    "header hr html li main ol p pre section summary table tbody tfoot thead tr ul".split()
)
_LISTS = frozenset({"ul", "ol"})



def render_html(markup: str) -> tuple[str | None, str]:
    """Return (title, text): the `<title>` (else the first h1, else None) and the rendered text.

    >>> render_html("<title>T</title><h2>Intro</h2><p>Hello <b>world</b>.</p>")
    ('T', '## Intro\\n\\nHello world.')
    """
    parsed = _parse_lxml(markup)
    if parsed is None:
        parsed = _parse_soup(markup)
    title, events = parsed
    return title, _Renderer().render(events)


def declared_encoding(data: bytes) -> str | None:
    """The charset a page declares in a `<meta>` tag or XML declaration, if any."""
    return EncodingDetector.find_declared_encoding(data, is_html=True, search_entire_document=False)


def _parse_lxml(markup: str) -> tuple[str | None, Iterator] | None:
    """(title, events) from libxml2's parse; None when libxml2 gave up part way through."""
    if not markup.strip():
        return None, iter(())
    parser = etree.HTMLParser(encoding="utf-8", huge_tree=True, no_network=True)  # one per call: not thread-safe
    # Bytes, not str: lxml refuses a str that carries an XML encoding declaration. libxml2 stops
    # reading text at a NUL, so NULs (never visible) go first.
    root = etree.fromstring(markup.replace("\x00", "").encode("utf-8", "replace"), parser)
    if any(error.level_name == "FATAL" for error in parser.error_log):
        return None
    if root is None:
        return None, iter(())
    # An inline <svg> may carry a <title> of its own; that is not the page's.
    page_title = next((t for t in root.iter("title") if not any(a.tag == "svg" for a in t.iterancestors())), None)
    title = _collapse("".join(page_title.itertext())) if page_title is not None else ""
    anchors = (a for a in root.iterfind(".//a[@href]") if _is_permalink(a.get("href"), "".join(a.itertext())))
    chrome = root.xpath(_CHROME_XPATH) + root.xpath(_PAGER_XPATH)
    for element in [*root.iter(_DROPPED), *root.iterfind(".//*[@role='navigation']"), *chrome, *anchors]:
        _drop(element)
    faq_questions_as_headings(root)
    if not title and (h1 := root.find(".//h1")) is not None:
        title = _collapse("".join(h1.itertext()))
    marked = [*root.iter("main"), *root.iterfind(".//*[@role='main']")]
    main = _main_content(marked, lambda e: "".join(e.itertext()), lambda e, a: a in e.iterancestors(), root)
    return title or None, _lxml_events(main)


def _is_permalink(href: str, text: str) -> bool:
    """An anchor to a place on its own page that shows at most one symbol: "¶", "#", "§", "🔗"."""
    text = text.strip()
    return href.startswith("#") and len(text) <= 1 and not text.isalnum()


def _drop(element) -> None:
    """Remove an element and what it holds, keeping the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:  # the root, or inside something already dropped
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _lxml_events(root) -> Iterator[tuple[int, str]]:
    """Walk with an explicit stack: deeply nested pages must not hit the recursion limit."""
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            yield END, node.tag
        elif isinstance(node.tag, str):  # not a comment or processing instruction: not visible
            yield START, node.tag
            if node.text:
                yield TEXT, node.text
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node))
            continue
        if node.tail:  # the text after an element belongs to its parent
            yield TEXT, node.tail


def _parse_soup(markup: str) -> tuple[str | None, Iterator]:
    """(title, events) from BeautifulSoup's tree built by the pure-Python `html.parser`."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    page_title = next((t for t in soup.find_all("title") if t.find_parent("svg") is None), None)
    title = _collapse(page_title.get_text()) if page_title else ""
    anchors = [a for a in soup.find_all("a", href=True) if _is_permalink(a["href"], a.get_text())]
    chrome = soup.find_all(class_=list(_CHROME_CLASSES))
    chrome += [a.parent for a in soup.find_all("a", rel=True) if set(a["rel"]) & set(_PAGER_RELS)]
    for tag in soup.find_all(list(_DROPPED)) + soup.find_all(attrs={"role": "navigation"}) + chrome + anchors:
        if not tag.decomposed:  # already gone with an enclosing dropped tag
            tag.decompose()
    faq_questions_as_headings_soup(soup)
    if not title and (h1 := soup.find("h1")) is not None:
        title = _collapse(h1.get_text())
    marked = soup.find_all("main") + soup.find_all(attrs={"role": "main"})
    main = _main_content(marked, lambda e: e.get_text(), lambda e, a: any(p is a for p in e.parents), soup)
    return title or None, _soup_events(main)


def _main_content(marked: list, text: Callable, inside: Callable, root):
    """The one element marked as the page's main content, else the whole page.

    Marked elements nested in another marked one do not count. Several, or one holding under
    half the page's text (a page whose `<main>` wraps only a teaser), mean the mark cannot be
    trusted to hold the page, so nothing is cut.
    """
    marked = list({id(e): e for e in marked}.values())  # `<main role="main">` is found twice
    outer = [e for e in marked if not any(a is not e and inside(e, a) for a in marked)]
    if len(outer) != 1:
        return root
    kept = len(_collapse(text(outer[0])))
    return outer[0] if kept >= 0.5 * len(_collapse(text(root))) else root


def _soup_events(root) -> Iterator[tuple[int, str]]:
    from bs4.element import NavigableString, PreformattedString, Tag

    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, Tag):
            if leaving:
                yield END, node.name
            else:
                yield START, node.name
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            # PreformattedString covers comments, doctypes and CDATA: not visible text.
            yield TEXT, str(node)


def _collapse(text: str) -> str:
    return " ".join(text.split())


class _Renderer:
    """Turns the event stream into blocks of text."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.inline: list[str] = []
        self.list_depth = 0
        self.in_pre = 0
        self.bullet = ""  # "- " waiting for the first block of a list item

    def render(self, events: Iterator[tuple[int, str]]) -> str:
        events = iter(events)
        for kind, value in events:
            if kind == START and value == "table" and not self.in_pre:
                table = [(kind, value), *until_table_end(events)]
                rows = markdown_rows(table)
                if rows is None:  # a layout table: its cells read as blocks
                    for event in table:
                        self._event(*event)
                else:
                    self._flush()
                    self.blocks.append(rows)
            else:
                self._event(kind, value)
        self._flush()
        return "\n\n".join(self.blocks)

    def _event(self, kind: int, value: str) -> None:
        if kind == TEXT:
            self.inline.append(value if self.in_pre else _collapse_keeping_edges(value))
        elif kind == START:
            self._enter(value)
        else:
            self._leave(value)

    def _enter(self, name: str) -> None:
        if name == "br":
            self.inline.append("\n")
        elif name in CELLS and "".join(self.inline).strip():
            self.inline.append(" | ")
        if name in _HEADINGS or name in _BLOCKS:
            self._flush()
        if name in _LISTS:
            self.list_depth += 1
        elif name == "li":
            self.bullet = "  " * max(self.list_depth - 1, 0) + "- "
        elif name == "pre":
            self.in_pre += 1

    def _leave(self, name: str) -> None:
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
