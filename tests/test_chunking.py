"""Chunk boundaries and heading paths on a small worked example, and on the real corpus."""

from __future__ import annotations

import re

from conftest import CORPUS

from ingest.chunking import chunk_document, clean_heading
from ingest.units import split_units
from ingest.textrepair import repair_text
from ingest.types import Document

FIXTURE = """# Acme Report

## 1. Overview

### Profile
- **Founded:** 2001
- **HQ:** Springfield

## 2. Products

### 2.1 Widgets

**Widget Pro (10kg)**
- **Weight:** 10kg
- **Price:** $99

**Widget Mini**
- **Weight:** 1kg
"""


def _doc(text: str, source: str = "acme.md") -> Document:
    return Document(source=source, title="Acme Report", text=text, kind="markdown")


def test_sections_follow_headings_and_bold_subheadings():
    chunks = chunk_document(_doc(FIXTURE), chunk_size=400, overlap=0)
    assert [c.section for c in chunks] == [
        "1. Overview > Profile",
        "2. Products > 2.1 Widgets > Widget Pro (10kg)",
        "2. Products > 2.1 Widgets > Widget Mini",
    ]


def test_lone_headings_merge_into_the_next_section():
    chunks = chunk_document(_doc(FIXTURE), chunk_size=400, overlap=0)
    # '# Acme Report' and '## 1. Overview' have no body of their own: they open the first chunk.
    assert chunks[0].text.startswith("# Acme Report\n\n## 1. Overview\n\n### Profile")
    assert chunks[1].text.startswith("## 2. Products")
    assert not any(c.text.strip().startswith("#") and "\n" not in c.text.strip() for c in chunks)


def test_offsets_are_exact_and_ids_stable():
    doc = _doc(FIXTURE)
    first = chunk_document(doc, chunk_size=120, overlap=30)
    again = chunk_document(doc, chunk_size=120, overlap=30)
    assert [c.id for c in first] == [c.id for c in again]
    assert len({c.id for c in first}) == len(first)
    for chunk in first:
        assert doc.text[chunk.start : chunk.end] == chunk.text
        assert len(chunk.text) <= 120


def test_long_section_is_split_with_overlap():
    body = " ".join(f"Sentence number {i} talks about widgets." for i in range(60))
    doc = _doc(f"# T\n\n## Long\n\n{body}\n")
    chunks = chunk_document(doc, chunk_size=300, overlap=60)
    assert len(chunks) > 5
    assert all(c.section == "Long" for c in chunks)
    # neighbours share text: each chunk starts before the previous one ended
    assert all(b.start < a.end for a, b in zip(chunks, chunks[1:]))


def test_document_without_headings_uses_its_title():
    chunks = chunk_document(_doc("Just a plain note.\nNothing more."), chunk_size=400, overlap=0)
    assert [c.section for c in chunks] == ["Acme Report"]


def test_code_fences_hide_hash_lines():
    doc = _doc("# T\n\n## Setup\n\n```\n# not a heading\nrun()\n```\n")
    assert [c.section for c in chunk_document(doc)] == ["Setup"]


def test_clean_heading_drops_pictographs_and_emphasis():
    assert clean_heading("🏢 **1. Company Overview**") == "1. Company Overview"
    assert clean_heading("🛠️ 3. Product Lineup") == "3. Product Lineup"
    assert clean_heading("[Docs](http://x) & more:") == "Docs & more"


def test_every_corpus_chunk_has_a_heading_path_and_exact_offsets():
    text = repair_text((CORPUS / "coreweave.md").read_text(encoding="utf-8"))
    doc = Document(source="corpus/coreweave.md", title="CoreWeave", text=text, kind="markdown")
    chunks = chunk_document(doc)
    assert len(chunks) > 50
    for chunk in chunks:
        assert chunk.section.strip()
        assert text[chunk.start : chunk.end] == chunk.text
    assert any(c.section == "3. Product Lineup > 3.1 GPU Computing Infrastructure > NVIDIA Hopper Generation "
               "(Current Flagship) > H200 HGX (141GB HBM3e)" for c in chunks)


def test_a_term_line_goes_with_the_paragraph_under_it():
    text = (
        "Intro paragraph about copying. " * 20
        + "\n\nshutil.copytree(src, dst, symlinks=False)\n\n"
        + "Recursively copy an entire directory tree rooted at src. " * 8
    )
    doc = Document("a.md", "A", text, "markdown")
    chunks = chunk_document(doc, chunk_size=700, overlap=0)
    assert [doc.text[c.start : c.end] for c in chunks] == [c.text for c in chunks]
    assert chunks[1].text.startswith("shutil.copytree(src, dst, symlinks=False)\n\nRecursively copy")
    assert chunks[0].text.endswith("about copying.")


def test_wrapped_prose_is_cut_where_sentences_end():
    # Plain text wrapped at 70 columns: a chunk must not start halfway through a sentence.
    sentences = [f"Clause {i} says that the licensee may copy the work provided notice {i} is kept." for i in range(40)]
    words, lines, line = " ".join(sentences).split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > 70:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    doc = Document(source="terms.txt", title="Terms", text="\n".join(lines) + "\n", kind="text")
    chunks = chunk_document(doc, chunk_size=400, overlap=60)
    assert len(chunks) > 5
    for chunk in chunks:
        assert doc.text[chunk.start : chunk.end] == chunk.text
        assert re.match(r"Clause\s\d", chunk.text), chunk.text[:40]
        assert chunk.text.endswith("kept.")


def test_underlined_titles_are_headings():
    text = "Widget notes\n============\n\nIntro text.\n\nInstalling\n----------\nRun the installer.\n\n- a list item\n---\n"
    doc = Document(source="README.txt", title="README", text=text, kind="text")
    chunks = chunk_document(doc, chunk_size=400, overlap=0)
    assert [c.section for c in chunks] == ["README", "Installing"]  # the lone "=" title names the document
    assert [u.display for c in chunks for u in split_units(c, 0)] == ["Intro text.", "Run the installer.", "a list item"]


def test_chunking_and_units_agree_on_what_is_an_underlined_title():
    from ingest.units import title_underline

    assert title_underline("Installing", "----------\n") == "-"
    assert title_underline("Widget notes\n", "============") == "="
    for line in ("- an item", "a) a lettered item", "> a quote", "| a | row |", "1. a step"):
        assert title_underline(line, "---") == "", line
    text = "Intro text.\n\na) first item\n---\nMore text.\n"
    doc = Document(source="README.txt", title="README", text=text, kind="text")
    chunks = chunk_document(doc, chunk_size=400, overlap=0)
    assert [c.section for c in chunks] == ["README"]
    assert "first item" in [u.display for c in chunks for u in split_units(c, 0)]


def test_release_notes_underlined_with_tildes_are_sections_not_code():
    # Release notes in plain text: each release a title over "~~~~"; a long rule under a
    # paragraph's last line is no title, and "~~~" under "Example:" still opens a code block.
    text = (
        "NEWS\n\nRelease 3.19.0 (11 Apr 2022)\n~~~~~~~~~~~~~~~~~~~~~~~~~~~~\nSupports FreeBSD.\n"
        "* Wine reads Windows PDB\ndebuginfo.\n--------------------------\nDetails follow.\n"
        "(3.19.0.RC1: 02 Apr 2022)\nRelease 3.18.0 (15 Oct 2021)\n~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "Adds --track-fds=all.\nExample:\n~~~\nvalgrind ls\n~~~\nDone.\n"
    )
    doc = Document(source="NEWS.txt", title="NEWS", text=text, kind="text")
    chunks = chunk_document(doc, chunk_size=2000, overlap=0)
    assert [c.section for c in chunks] == ["NEWS", "Release 3.19.0 (11 Apr 2022)", "Release 3.18.0 (15 Oct 2021)"]
    units = {u.display: u.kind for c in chunks for u in split_units(c, 0)}
    assert units["Supports FreeBSD."] == "sentence" and units["Adds --track-fds=all."] == "sentence"
    assert units["valgrind ls"] == "code" and units["Done."] == "sentence"


def test_tildes_under_a_line_about_as_long_underline_it():
    from ingest.markdown import fence_lines, is_fence

    assert not is_fence("~~~~~~~~~~~~~~~~~~~~~~~~~~~~", "Release 3.19.0 (11 Apr 2022)")
    assert is_fence("~~~", "Example:") and is_fence("~~~", "") and is_fence("```", "A title of any length")
    assert fence_lines("Title here\n~~~~~~~~~~\ntext\n~~~\ncode\n~~~\n") == [27, 36]


def test_a_chunk_starting_inside_a_code_block_says_so():
    code = "\n\n".join(f"step_{i} = run({i})" for i in range(40))  # one long block, blank lines inside
    text = f"# Usage\n\nRun it like this:\n\n```python\n{code}\n```\n\nThat is the whole script.\n"
    chunks = chunk_document(_doc(text), chunk_size=200, overlap=0)
    assert len(chunks) > 3 and not chunks[0].in_code
    for chunk in chunks:
        opened = text[: chunk.start].count("```") % 2 == 1
        assert chunk.in_code == opened, chunk.text[:30]
    assert any(c.in_code for c in chunks)
    last = split_units(chunks[-1], 0)
    assert last[-1].kind == "sentence" and all(u.kind == "code" for u in last[:-1])


def test_wrapped_clauses_and_lettered_items_are_read_whole():
    # A clause's text hangs at a column after its number; an item's may end in ";" as prose does.
    text = (
        "2.1   This Agreement commences on the Effective Date and continues until the\n"
        "      expiry of the last Subscription Term.\n\n"
        "3.3   The Customer shall not:\n\n"
        "      (a)  access or use the Platform in order to build a competing product or\n"
        "           service;\n\n"
        "      (b)  the Order Form, but only in respect of the matters it expressly\n"
        "           states are intended to vary this Agreement;\n\n"
        "A C example of a line ending in a semicolon:\n\n"
        "    free(buffer);\n"
        "    count = 0;\n"
    )
    doc = Document(source="terms.txt", title="Terms", text=text, kind="text")
    shown = [u.display for c in chunk_document(doc, chunk_size=2000, overlap=0) for u in split_units(c, 0)]
    assert "2.1 This Agreement commences on the Effective Date and continues until the expiry of the last Subscription Term." in shown
    assert "access or use the Platform in order to build a competing product or service;" in shown
    assert "the Order Form, but only in respect of the matters it expressly states are intended to vary this Agreement;" in shown
    assert "free(buffer);" in shown and "count = 0;" in shown  # code lines stay apart
