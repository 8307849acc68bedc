"""Known-answer tests for rewording the searched text: fillers out, unknown acronyms spelled out."""

from __future__ import annotations

import pytest

from assistant.acronyms import AcronymSpeller
from assistant.searched import asks_headcount, with_employees_word, without_fillers
from ingest.lexical import tokenize
from ingest.types import Chunk


@pytest.mark.parametrize(
    "question, searched",
    [
        ("What GPUs do they offer right now?", "What GPUs do they offer?"),
        ("Nowadays, who runs it?", "Who runs it?"),  # still reads as a sentence
        ("What kind of storage is offered?", "What storage is offered?"),
        ("How many customers so far?", "How many customers?"),
        ("Roughly how many people work there?", "How many people work there?"),  # a hedge asks for no word
        ("Ballpark, how much cheaper is it?", "How much cheaper is it?"),
        ("How about how many?", "How about how many?"),  # only a hedge that opens the question
        ("Is this kind of thing common?", "Is this kind of thing common?"),  # "kind" is the topic here
        ("right now", "right now"),  # nothing would be left to search for
        ("Do they use AMD as well?", "Do they use AMD?"),
        ("Does it read HTML as well as Markdown?", "Does it read HTML as well as Markdown?"),  # joins two topics
        ("Is it well tested?", "Is it well tested?"),
        ("ok and for a sev3?", "and for a sev3?"),  # a reply's opening acknowledgement
        ("OK, and how long do we have?", "And how long do we have?"),
        ("Thanks. And what about Lambda?", "And what about Lambda?"),
        ("Right of first refusal: who holds it?", "Right of first refusal: who holds it?"),  # a word of the topic
        ("Well-known customers?", "Well-known customers?"),
    ],
)
def test_fillers_are_dropped_from_the_searched_text(question, searched):
    assert without_fillers(question) == searched


@pytest.mark.parametrize(
    "question, headcount",
    [
        ("How many people work there?", True),
        ("Roughly how many people does it have on its payroll?", True),
        ("How many people did they have on staff back in 2023?", True),
        ("What is their headcount?", True),
        ("How many people use the public resolver?", False),  # people, but not employed
        ("How many workers were hurt?", False),
    ],
)
def test_a_question_about_headcount_is_told_apart(question, headcount):
    assert asks_headcount(question) is headcount


def test_a_headcount_question_is_searched_with_the_word_documents_write():
    assert with_employees_word("How many people work there?") == "How many people work there? (employees)"
    assert with_employees_word("How many employees work there?") == "How many employees work there?"
    assert with_employees_word("How many people use it?") == "How many people use it?"


def _speller(*texts: str) -> AcronymSpeller:
    chunks = [Chunk(f"c{i}", "doc.md", "Acme", "S", t, i * 1000, i * 1000 + len(t)) for i, t in enumerate(texts)]
    vocabulary = {t for text in texts for t in tokenize(text)}
    return AcronymSpeller(chunks, vocabulary)


def test_an_unknown_acronym_is_searched_with_the_phrase_the_documents_write_out():
    speller = _speller("## Leadership\n- Ann Lee - Chief Technology Officer\n- Bo Chan - Chief Executive")
    assert speller("Who is the CTO?") == "Who is the CTO? (Chief Technology Officer)"
    assert speller("Who is the CFO?") == "Who is the CFO?"  # never written out: stays unknown
    assert speller("WHO IS THE CTO?") == "WHO IS THE CTO?"  # all in capitals: no word is an acronym
    speller = _speller("Our Kubernetes service: Oracle Kubernetes Engine.")
    assert speller("Is it OK to run Kubernetes here?") == "Is it OK to run Kubernetes here?"


def test_the_commonest_phrase_wins_and_headings_and_small_letters_do_not_count():
    speller = _speller(
        "# Profitability and Unit Economics\nThe power usage effectiveness is 1.2.",
        "Cloud Transfer Options are few. Chief Technology Officer: Ann. Chief Technology Officer again.",
    )
    assert speller.phrase("PUE") == ""  # the heading spells it, and the line's words are lower case
    assert speller.phrase("CTO") == "Chief Technology Officer"


def test_a_sentence_s_capitalized_first_words_spell_no_acronym_but_a_label_does():
    speller = _speller("See Licenses and Acknowledgements for details.", "- **Service Level Agreement:** 99.9%")
    assert speller.phrase("SLA") == "Service Level Agreement"
    assert _speller("Read on. See Licenses and Acknowledgements.").phrase("SLA") == ""


def test_acronyms_the_documents_use_or_the_question_writes_out_are_left_alone():
    speller = _speller("The GPU (Graphics Processing Unit) runs hot.", "Power Usage Effectiveness is 1.2")
    assert speller("Which GPU runs hot?") == "Which GPU runs hot?"
    assert speller("What is the PUE (power usage effectiveness)?") == "What is the PUE (power usage effectiveness)?"
