"""Known-answer tests for what a figure came to in the end: the final sum over a budget."""

from __future__ import annotations

from fakes import ask_extractive

from assistant.types import Hit
from ingest.types import Chunk

ROOF = (
    "- The Block B roof was budgeted at £40,000.\n"
    "- The contractor was chosen in June at a price of £41,250.\n"
    "- The final cost of the roof was £42,430, the contract sum plus a variation.\n"
)


def _ask(question: str):
    chunk = Chunk("c0", "minutes.md", "Committee minutes", "Block B roof", ROOF, 0, len(ROOF))
    # The budget line says the most of the question's words ("Block B roof"), the final one nearly as much.
    weights = {"block": 1.2, "roof": 1.0, "cost": 1.0, "end": 1.0, "budget": 1.0}
    return ask_extractive(question, [Hit(chunk, 1.0)], weights=weights)


def test_the_final_figure_answers_what_it_came_to_in_the_end():
    answer = _ask("What did the Block B roof cost in the end?")
    first = answer.text.split("[1]")[0]
    assert "£42,430" in first and "£40,000" not in first, answer.text


def test_without_asking_for_the_end_the_best_line_stands():
    answer = _ask("What was the Block B roof budgeted at?")
    first = answer.text.split("[1]")[0]
    assert "£40,000" in first and "£42,430" not in first, answer.text
