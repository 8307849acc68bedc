"""Known-answer tests for naming who holds a role the answering line gives (`assistant.roles`)."""

from __future__ import annotations

from dataclasses import replace

from fakes import plain_query

from assistant.extractive import ExtractiveAnswerer
from assistant.roles import holder_line, roles_without_holder
from assistant.types import Hit
from ingest.types import Chunk

APPROVALS = (
    "Every claim is approved by your line manager. Any claim above £2,500 must also be approved by your "
    "department director, and any claim above £10,000 additionally requires approval by the Chief Financial Officer.\n"
)
LEADERS = (
    "| Role | Name | Office |\n|---|---|---|\n| Chief Executive Officer | Martin Okafor | Leeds |\n"
    "| Chief Financial Officer | Priya Ramanathan | Leeds |\n| HR Director | Joost van den Berg | Rotterdam |\n"
)
CHANGES = "| Version | Change | Owner |\n|---|---|---|\n| 2.0 | Home Office Allowance introduced | Chief Financial Officer |\n"


def _chunk(cid: str, section: str, text: str) -> Chunk:
    return Chunk(cid, "handbook.md", "Handbook", section, text, 0, len(text))


def test_a_role_named_without_a_person_is_found():
    assert roles_without_holder("… must be approved by your director and by the HR Director.") == ["HR Director"]
    assert roles_without_holder("Approval by the Chief Financial Officer, Priya Ramanathan.") == []  # named already
    assert roles_without_holder("Approval by your line manager.") == []  # no title


def test_the_holder_is_a_line_giving_the_role_and_a_name_as_parts_of_their_own():
    hits = [Hit(_chunk("c1", "Changes", CHANGES), 1.0), Hit(_chunk("c2", "Leadership", LEADERS), 0.5)]
    unit, hit = holder_line("Chief Financial Officer", hits)
    assert "Priya Ramanathan" in unit.text and hit.chunk.id == "c2"  # "Home Office Allowance" is no person
    assert "Joost van den Berg" in holder_line("HR Director", hits)[0].text
    assert holder_line("Data Protection Officer", hits) is None


def test_who_by_name_is_answered_with_the_role_and_its_holder_from_a_second_search():
    approvals, leaders = Hit(_chunk("c1", "Expenses > Who approves what", APPROVALS), 1.0), Hit(_chunk("c2", "Leadership", LEADERS), 0.5)
    question = "Apart from my manager and director, who by name has to approve a £12,000 claim?"
    searched = []

    def search(text: str) -> list[Hit]:
        searched.append(text)
        return [leaders]

    answer = ExtractiveAnswerer().compose(replace(plain_query(question), search=search), [approvals])
    assert "Chief Financial Officer" in answer.text and "Priya Ramanathan" in answer.text
    assert searched == ["Chief Financial Officer"] and {c.chunk.id for c in answer.citations} == {"c1", "c2"}
    # Not asked for a person, the answer stays with the rule.
    rule = ExtractiveAnswerer().compose(replace(plain_query("What approval does a £12,000 claim need?"), search=search), [approvals])
    assert "Priya" not in rule.text


def test_a_line_giving_the_very_role_asked_about_comes_first():
    from assistant.roles import promote_role
    from assistant.scoring import Scored
    from ingest.units import split_units

    lines = []
    for row, (text, score) in enumerate((
        ("- **Vincent Clerc** - Chief Executive Officer since 2023 (previously Chief Commercial Officer)", 0.622),
        ("- **Patrick Jany** - Chief Financial Officer since 2023 (formerly CFO of Clariant)", 0.619),
    )):
        chunk = _chunk(f"c{row}", "Leadership", text)
        lines.append(Scored(split_units(chunk, row)[0], score, coverage=0.5))
    question = "Where did the current chief financial officer work before joining?"
    assert "Patrick Jany" in promote_role(question, lines)[0].unit.text
    assert promote_role("Who leads the company?", lines) == lines  # no role named
    assert promote_role("What did the chief executive officer do before?", lines) == lines  # the best gives it
