"""Numbered section lines in PDF and plain text become headings; numbered lists do not."""

from __future__ import annotations

from ingest.chunking import chunk_document
from ingest.numbered_headings import numbered_headings
from ingest.types import Document

SPEC = """Widget Spec
1. Introduction
1.1. Version
This is version 2 of the widget specification.
1.2. What is a widget?
A widget is a small part. To fit one:
1. Open the case.
2. Insert the widget.
3. Close the case.
2. Installing widgets
Widgets go in the tray.
# comment lines in an example are not headings
   3. Grant of Copyright License. Subject to the terms of this spec, you may
      copy it.
"""


def test_numbered_sections_are_headings_and_lists_are_not():
    heads = numbered_headings(SPEC)
    names = [name for _, _, _, name in heads]
    assert names == [
        "1. Introduction",
        "1.1. Version",
        "1.2. What is a widget?",
        "2. Installing widgets",
        "3. Grant of Copyright License",  # a title run into its paragraph
    ]
    assert [level for _, _, level, _ in heads] == [2, 3, 3, 2, 2]
    for start, end, _, name in heads:
        assert SPEC[start:end].strip().rstrip(".") == name


def test_a_contents_page_and_a_restarting_list_are_no_headings():
    text = "Contents\n1. Introduction ........ 3\n2. Usage ........ 5\n\nSteps:\n1. Unpack it\n\nThen:\n1. Run it\n"
    assert numbered_headings(text) == []


def test_pdf_and_text_chunks_get_heading_paths():
    # A "#" line is a heading in a text file that uses them; a PDF's is a comment in an example.
    plain = "".join(line for line in SPEC.splitlines(keepends=True) if not line.startswith("#"))
    for kind, text in (("pdf", SPEC), ("text", plain)):
        doc = Document(source=f"spec.{kind}", title="Widget Spec", text=text, kind=kind)
        chunks = chunk_document(doc, chunk_size=400, overlap=0)
        sections = [c.section for c in chunks]
        assert "1. Introduction > 1.2. What is a widget?" in sections
        assert "3. Grant of Copyright License" in sections
        assert not any("comment lines" in s for s in sections)
        for chunk in chunks:
            assert doc.text[chunk.start : chunk.end] == chunk.text


def test_markdown_keeps_its_own_headings():
    doc = Document(source="spec.md", title="Widget Spec", text=SPEC, kind="markdown")
    sections = {c.section for c in chunk_document(doc, chunk_size=400, overlap=0)}
    assert not any(s.startswith(("1.", "2.", "3.")) for s in sections)


FAQ = """                Frequently Asked Questions

 1. Is it Y2K-compliant?

    Yes. It doesn't handle dates.

 2. compress() returns Z_BUF_ERROR.

    Make sure the output buffer is big enough.

 3. The license says that altered versions must be "plainly marked". So
    what exactly do I need to do?

    Mark them.

 4. Will it work on a big-endian or little-endian architecture, and can I
    exchange compressed data between them?

    Yes and yes.

 5. Why does gzip give an error on a file I make with compress or deflate?

    The formats differ.
"""


def test_an_faq_s_numbered_questions_are_headings():
    names = [name for _, _, _, name in numbered_headings(FAQ)]
    assert names == [
        "1. Is it Y2K-compliant?",
        "2. compress() returns Z_BUF_ERROR",  # opens with a name in code
        # 3. runs on after a sentence: no heading, but it holds its place and 4. counts on from it
        "4. Will it work on a big-endian or little-endian architecture, and can I exchange compressed data between them?",
        "5. Why does gzip give an error on a file I make with compress or deflate?",  # a question of 14 words
    ]
    wrapped = numbered_headings(FAQ)[2]
    assert FAQ[wrapped[1] - len("between them?") : wrapped[1]] == "between them?"  # the heading ends on its second line


def test_a_numbered_heading_line_is_no_answer_unit():
    from ingest.units import split_units

    doc = Document(source="faq.txt", title="FAQ", text=FAQ, kind="text")
    units = [u.text.strip() for chunk in chunk_document(doc, chunk_size=200, overlap=0) for u in split_units(chunk, 0)]
    assert "Yes." in units and "Make sure the output buffer is big enough." in units
    assert not any(u.startswith(("1. Is it", "2. compress()", "5. Why does")) for u in units)  # the headings themselves
    assert any(u.startswith("3. The license says") for u in units)  # no heading: a line of the text


CONTRACT = """IT IS AGREED as follows:

1. DEFINITIONS AND INTERPRETATION

1.1   In this Agreement the following definitions apply:

1.2   Clause, schedule and paragraph headings do not affect the interpretation
      of this Agreement.

2. FEES AND PAYMENT

2.1   The Customer shall pay each invoice within 30 days of the date of the
      invoice.
"""


def test_a_contracts_clauses_are_its_text_and_its_capitalised_lines_its_headings():
    # The colon above "1." introduces the clauses, not a list; a clause whose sentence wraps on
    # at its text's column is no heading, however short its first line.
    names = [name for _, _, _, name in numbered_headings(CONTRACT)]
    assert names == ["1. DEFINITIONS AND INTERPRETATION", "2. FEES AND PAYMENT"]
    doc = Document(source="msa.txt", title="msa", text=CONTRACT, kind="text")
    chunks = chunk_document(doc, chunk_size=200, overlap=0)
    sections = {c.section for c in chunks if "30 days" in c.text or "headings do not" in c.text}
    assert sections == {"1. DEFINITIONS AND INTERPRETATION", "2. FEES AND PAYMENT"}
