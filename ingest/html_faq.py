"""A DocBook FAQ's questions read as headings over their answers.

DocBook sets an FAQ (a "qandaset") as a table: each question a row (`class="question"`) beside
its answer's row. Read as text, the question row was the line closest in meaning to every user
question about it, and it answers none of them: "When building Valgrind, 'make' fails with
this:" was given as the answer to which package to install. As a heading (h6, below the FAQ's
section titles) it heads its answer's chunk, as an FAQ written with headings does. Output the
question quotes in a `<pre>` ("… fails with this:" + the error) follows the heading as a block.
"""

from __future__ import annotations

from lxml import etree

_QUESTION_XPATH = (
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' qandaset ')]"
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' question ')]"
)


def faq_questions_as_headings(root) -> None:
    """In an lxml tree: each qandaset question becomes an h6 of its prose, its `<pre>` blocks after it."""
    for question in root.xpath(_QUESTION_XPATH):
        blocks = list(question.iter("pre"))
        for block in blocks:
            # A space stands where the block was, and the text after it stays: "dies like this: or like this:".
            gap = etree.Element("span")
            gap.text, gap.tail, block.tail = " ", block.tail, None
            block.getparent().replace(block, gap)
        # Each cell's text a space apart: "<td>2.2.</td><td>Building fails …</td>".
        parts = [question.text or ""] + [_text(child) + (child.tail or "") for child in question]
        text = " ".join(" ".join(parts).split())
        for child in list(question):
            question.remove(child)
        question.tag, question.text = "h6", text
        question.attrib.clear()
        for block in reversed(blocks):
            question.addnext(block)


def faq_questions_as_headings_soup(soup) -> None:
    """The same in a BeautifulSoup tree (pages libxml2 cannot parse)."""
    for question in soup.select(".qandaset .question"):
        blocks = [block.replace_with(" ") for block in question.find_all("pre")]  # a space where each was, as above
        parts = [child.get_text() if hasattr(child, "get_text") else str(child) for child in question.children]
        text = " ".join(" ".join(parts).split())
        question.clear()
        question.name, question.attrs = "h6", {}
        question.string = text
        for block in reversed(blocks):
            question.insert_after(block)


def _text(element) -> str:
    # A comment or processing instruction shows nothing (and lxml's itertext refuses one).
    return "".join(element.itertext()) if isinstance(element.tag, str) else ""
