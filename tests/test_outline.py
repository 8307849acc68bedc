"""Known-answer tests for lists written as numbered sibling sections."""

from __future__ import annotations

from fakes import ask_extractive

from assistant.outline import Outline, heading_unit, listed_sections
from assistant.types import Hit
from ingest.types import Chunk

PARENT = "Products > Deployment Options and Pricing > Deployment Models"
DOCUMENT = (
    "**1. On-Demand Instances**\n- Instant access, no commitments\n- Example: $2.39/hour\n\n"
    "**2. Reserved Contracts**\n- Discounts: 10-30% off\n\n"
    "**3. Spot Instances**\n- Up to 80% savings\n- Interruptible\n"
)


def _chunks() -> list[Chunk]:
    out, start = [], 0
    for i, block in enumerate(DOCUMENT.split("\n\n")):
        block = block if block.endswith("\n") else block + "\n"
        title = block.splitlines()[0].strip("*")
        start = DOCUMENT.index(block.splitlines()[0])
        out.append(Chunk(f"c{i}", "doc.md", "Acme", f"{PARENT} > {title}", block, start, start + len(block)))
    return out


def test_each_numbered_section_knows_its_siblings_in_reading_order():
    chunks = _chunks()
    outline = Outline([*chunks, Chunk("x", "doc.md", "Acme", "Products > Other", "- x\n", 500, 504)])
    assert [c.id for c in outline.siblings(chunks[1])] == ["c0", "c1", "c2"]
    assert outline.siblings(Chunk("x", "doc.md", "Acme", "Products > Other", "- x\n", 500, 504)) == ()


def test_a_heading_line_is_an_exact_span():
    chunk = _chunks()[1]
    unit = heading_unit(chunk, "2. Reserved Contracts")
    assert DOCUMENT[unit.start : unit.end] == "**2. Reserved Contracts**"


def test_a_question_asking_for_what_the_parent_names_is_answered_by_the_headings():
    chunks = _chunks()
    assert len(listed_sections("What pricing options can I choose from?", chunks)) == 3
    assert listed_sections("What discounts do reserved contracts get?", chunks) == []  # not what the parent names
    hits = [Hit(c, 1.0, siblings=tuple(chunks)) for c in chunks[:1]]
    answer = ask_extractive("What pricing options can I choose from when renting?", hits)
    assert answer.text.splitlines() == [
        "Deployment Models:",
        "- 1. On-Demand Instances [1]",
        "- 2. Reserved Contracts [2]",
        "- 3. Spot Instances [3]",
    ]
    assert [c.quote for c in answer.citations] == ["**1. On-Demand Instances**", "**2. Reserved Contracts**", "**3. Spot Instances**"]


def test_a_chunk_under_a_numbered_heading_belongs_to_that_heading_s_group():
    def chunk(i: int, section: str) -> Chunk:
        return Chunk(f"m{i}", "doc.md", "Acme", section, f"#### {section.split(' > ')[2]}\n- text\n", i * 100, i * 100 + 40)

    moats = [chunk(1, "Value > Moats > 1. Partnership > Why It Matters"), chunk(2, "Value > Moats > 2. Architecture"),
             chunk(3, "Value > Moats > 3. Scale > Proof")]
    outline = Outline([*moats, chunk(4, "Value > Moats > 1. Partnership > Depth")])
    assert [c.id for c in outline.siblings(moats[2])] == ["m1", "m2", "m3"]
    units = listed_sections("What are Acme's competitive moats?", outline.siblings(moats[0]))
    assert [u.display for u in units] == ["Partnership", "Architecture", "Scale"]
