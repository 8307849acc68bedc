"""Verification of a model's draft: known drafts over hand-made passages, exact spans expected."""

from __future__ import annotations

import pytest

from assistant.llm.verify import is_refusal, split_sentences, verify
from llm_fixtures import DOCUMENT, HITS, LEADERSHIP, REVENUE


def test_supported_sentence_kept_with_the_exact_quote_unsupported_dropped():
    draft = "Revenue in 2024 was $1.92 billion [2]. The company employs 40,000 engineers in Paris [1]."
    checked = verify(draft, HITS)
    assert checked.text == "Revenue in 2024 was $1.92 billion. [1]"  # renumbered: first cited passage is [1]
    assert (checked.kept, checked.unsupported, checked.uncited) == (1, 1, 0)
    (citation,) = checked.citations
    assert citation.n == 1 and citation.chunk is REVENUE
    assert citation.quote == "Revenue in 2024 was $1.92 billion, up 737% from 2023."
    assert DOCUMENT[citation.start : citation.end] == citation.quote
    assert checked.notes() == ("dropped sentences of the model's answer: 1 not supported by the passage cited",)


def test_uncited_and_out_of_range_sentences_are_dropped():
    draft = "CoreWeave is an AI cloud. Its CEO is Michael Intrator [7]. Its CEO is Michael Intrator [1]."
    checked = verify(draft, HITS)
    assert checked.text == "Its CEO is Michael Intrator. [1]"
    assert (checked.kept, checked.uncited) == (1, 2)


def test_a_marker_whose_passage_does_not_back_the_sentence_is_removed():
    checked = verify("Headquarters are in Livingston, New Jersey [1, 2].", HITS)
    assert checked.text == "Headquarters are in Livingston, New Jersey. [1]"
    assert [c.chunk for c in checked.citations] == [LEADERSHIP]
    assert checked.citations[0].quote == "**Headquarters:** Livingston, New Jersey, USA"


def test_renumbering_follows_order_of_appearance_and_lists_stay_lists():
    draft = "Key facts:\n- Revenue in 2024 was $1.92 billion [2]\n- The CEO is Michael Intrator [1]\n"
    checked = verify(draft, HITS)
    assert checked.text == "- Revenue in 2024 was $1.92 billion [1]\n- The CEO is Michael Intrator [2]"
    assert [(c.n, c.chunk.id) for c in checked.citations] == [(1, "c-rev"), (2, "c-lead")]


@pytest.mark.parametrize(
    "draft",
    [
        "The documents don't say.",
        "The documents do not say.",
        "**The documents don’t say.**",
        "the documents don't say [1].",
    ],
)
def test_refusal_is_recognised_and_kept_out_of_the_text(draft):
    checked = verify(draft, HITS)
    assert checked.refused and checked.text == "" and checked.kept == 0
    assert is_refusal(draft)


def test_sentences_split_at_full_stops_not_at_decimals_or_abbreviations():
    text = "CoreWeave, Inc. earned $1.92 billion [2]. It grew 737%. [2] The U.S. is home [1]"
    assert split_sentences(text) == [
        "CoreWeave, Inc. earned $1.92 billion [2].",
        "It grew 737%. [2]",
        "The U.S. is home [1]",
    ]
