"""Known-answer tests for the names a question asks about and the answers that must name them."""

from __future__ import annotations

import pytest

from fakes import ask_extractive

from assistant.slots import named_phrases, unnamed
from assistant.types import Hit
from ingest.lexical import tokenize
from ingest.types import Chunk


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("How much did Acme raise in its Series A round?", ["Acme", "Series A"]),
        ("What was Acme's revenue in Q4 2024?", ["Acme", "Q4"]),  # a possessive ends a name
        ("Who is Sam Altman, and what is OpenAI?", ["Sam Altman", "OpenAI"]),
        ("What did the GPU-backed loan cost in August 2023?", ["GPU"]),  # months are dates, not names
        ("A question. Which firm led it?", []),  # sentence-initial question words are not names
        ("How much was that in dollars? (Microsoft, biggest, customer)", []),  # carried follow-up context
        ("What is str.casefold() useful for?", []),
        # A capitalized first word names only with another naming word after it.
        ("Since that call is synchronous, where does it run?", []),
        ("Revenue in Q4 2024 from Meta?", ["Q4", "Meta"]),
        ("Michael Intrator was CEO when?", ["Michael Intrator", "CEO"]),
        ("AWS pricing? And Microsoft?", ["AWS", "Microsoft"]),
        ("When did Acme raise its $642M Series C?", ["Acme", "642M", "Series C"]),  # a sum is no part of a name
        ("When did the line between Colón and Panama City open?", ["Colón", "Panama City"]),  # accents are letters
        ("Is the Élysée office in Zürich?", ["Élysée", "Zürich"]),
    ],
)
def test_named_phrases(question, names):
    assert named_phrases(question) == names


def _weights(question: str, idf: float = 3.0) -> tuple[dict[str, float], frozenset[str]]:
    tokens = tokenize(question)
    return {t: idf for t in tokens}, frozenset(tokens)


def test_unnamed_finds_names_the_passage_lacks():
    question = "How much did Acme raise in its Series A round?"
    weights, known = _weights(question)
    assert unnamed(question, "Acme raised $5M in its Series B round.", weights, known) == ["Series A"]
    assert unnamed(question, "Acme raised $5M in its **Series A** round.", weights, known) == []


def test_unnamed_accepts_a_spelled_out_acronym_and_skips_the_subject():
    question = "Where is the US site of Acme?"
    weights, known = _weights(question)
    assert unnamed(question, "Sites in the United States: Ohio", weights, known) == ["Acme"]
    # a name in most passages (low IDF) is the documents' subject, not a detail to repeat
    assert unnamed(question, "Sites in the United States: Ohio", {**weights, "acm": 0.2}, known) == []
    # a name the documents never use is the unknown-word check's business
    assert unnamed(question, "Sites in the United States: Ohio", weights, known - {"acm"}) == []


def _hit(section: str, text: str, row: int) -> Hit:
    chunk = Chunk(f"c{row}", "doc.md", "Acme report", section, text, row * 1000, row * 1000 + len(text))
    return Hit(chunk, 1.0 - row / 10)


def _ask(question: str, hits: list[Hit]):
    return ask_extractive(question, hits)  # every word weighs 3 and is known, as `_weights` gives


def test_a_passage_about_another_named_thing_is_refused():
    hits = [_hit("Funding > Series B", "- **Series B round:** raised $200M from investors", 0)]
    assert _ask("How much was raised in the Series A round?", hits).refused
    assert not _ask("How much was raised in the Series B round?", hits).refused


def test_the_scene_of_a_figure_question_need_not_be_named():
    # "Leeds" sets the asker's scene; a rule for all staff answers how long, whatever the office.
    hits = [_hit("Leave > Sickness", "- If you are off sick for more than seven days, you need a fit note", 0)]
    answer = _ask("I'm in the Leeds office and I've got the flu. How many days can I be off without a note?", hits)
    assert not answer.refused and "seven days" in answer.text
    # Asked in the question itself, the office must be named.
    assert _ask("How many days can I be off sick in the Leeds office without a note?", hits).refused
    # Before another kind of question the scene is the situation asked about.
    assert _ask("I'm in the Leeds office and I've got the flu. Who do I tell?", hits).refused


def test_whose_is_answered_by_a_kind_of_person_who_by_a_name():
    hits = [_hit("Leave > Bereavement", "- Five days of leave on the death of a close family member: a partner, child or parent", 0)]
    answer = _ask("Whose death counts for the five days of bereavement leave?", hits)
    assert not answer.refused and "a partner, child or parent" in answer.text
    assert _ask("Who approves the five days of bereavement leave?", hits).refused


def test_a_near_unit_naming_the_asked_thing_is_preferred():
    hits = [
        _hit("Customers > Globex > Use Case", "- Trained robots on the platform", 0),
        _hit("Customers > Initech > Use Case", "- Uses it for code generation model training", 1),
    ]
    answer = _ask("What does Initech use the platform for?", hits)
    assert not answer.refused and "code generation" in answer.text


def test_a_count_of_something_else_is_refused():
    # "How many employees" answered by a passage whose only number is a version is a near miss.
    hits = [_hit("About", "The Acme Foundation holds the copyright on Acme versions 2.1 and newer.", 0)]
    assert _ask("How many employees does the Acme Foundation have?", hits).refused
    hits = [_hit("About", "The Acme Foundation has 12 employees and holds the copyright on Acme 2.1.", 0)]
    answer = _ask("How many employees does the Acme Foundation have?", hits)
    assert not answer.refused and "12 employees" in answer.text


def test_a_name_the_documents_never_use_must_be_said_as_the_question_spells_it():
    question = "What is the PUE (power usage effectiveness) of Acme's data centers?"
    weights, _ = _weights(question)
    known = frozenset(t for t in weights if t != "pue")  # the documents never write "PUE"
    near_miss = "Acme's data centers draw 420 MW of power; usage grew 20%."
    assert unnamed(question, near_miss, weights, known) == ["PUE"]
    answer = "Power usage effectiveness across Acme's data centers is 1.2."
    assert unnamed(question, answer, weights, known) == []


def test_a_label_naming_another_kind_of_the_figure_is_a_near_miss():
    from assistant.values import labels_another_kind

    text = "- **IPO Price:** $40 per share\n- **Peak:** $187 per share"
    chunk = Chunk("c1", "doc.md", "Acme report", "Stock", text, 0, len(text))
    line = "- **IPO Price:** $40 per share"
    assert labels_another_kind("What was the closing share price on its first day?", line, chunk)
    assert not labels_another_kind("What was the IPO price?", line, chunk)
    assert not labels_another_kind("What was the share price at the IPO?", line, chunk)
    assert not labels_another_kind("How much did it pay for that price?", line, chunk)  # no qualifier
    top = "- **Top 2 Customers:** 77% of 2024 revenue"
    top_chunk = Chunk("c2", "doc.md", "Acme report", "Customers", top, 0, len(top))
    assert not labels_another_kind("What share of revenue came from its top two customers?", top, top_chunk)
    answer = _ask("What was Acme's closing share price on its first day?", [Hit(chunk, 1.0)])
    assert answer.refused


def test_a_nearly_as_good_line_giving_the_thing_asked_for_answers_instead_of_the_mislabelled_one():
    # The best line's label is another kind of the cost asked for ("Revenue per GPU-hour"); the
    # line below gives the price per hour itself, so the question is answered from it. A line
    # giving only some other figure (no "per share" price, a market cap) does not stand in.
    text = (
        "- **Revenue per GPU-hour:** $2.39 on-demand (H100), lower for reserved\n"
        "- **Example:** H100 80GB at ~$2.39/hour on-demand"
    )
    chunk = Chunk("c1", "doc.md", "Acme report", "Pricing", text, 0, len(text))
    answer = _ask("How much does an H100 cost per hour on demand at Acme?", [Hit(chunk, 1.0)])
    assert not answer.refused and "Example" in answer.text, answer.text
    text = "- **IPO Price:** $40 per share\n- **Current Market Cap:** $26 billion, stock trading ~$77-105"
    chunk = Chunk("c2", "doc.md", "Acme report", "Stock", text, 0, len(text))
    assert _ask("What was Acme's closing share price on its first day of trading?", [Hit(chunk, 1.0)]).refused


def test_a_word_the_documents_use_everywhere_is_no_part_of_a_name_to_find():
    question = "When did Acme get its first Blackwell GPUs?"
    weights, known = _weights(question)
    weights["gpu"] = 0.9  # in nearly every passage of a report on a GPU cloud
    assert unnamed(question, "Acme received GB200 Blackwell systems in November 2024.", weights, known) == []
    assert unnamed(question, "Acme received GB200 Hopper GPUs in November 2024.", weights, known) == ["Blackwell GPUs"]


def test_the_line_about_the_asked_state_answers_not_the_one_about_its_opposite():
    text = "- **2024:** EBITDA-positive but cash-flow negative\n- **2027:** Cash-flow positive as capex declines"
    hits = [_hit("Outlook > Profitability", text, 0)]
    answer = _ask("In what year will Acme become cash-flow positive?", hits)
    assert not answer.refused and answer.text.startswith("2027")


def test_names_glossing_an_acronym_the_passage_says_need_not_be_said():
    question = "How many members of the CDC's vaccine advisory committee (ACIP) were replaced in June?"
    weights = {t: 4.0 for t in tokenize(question)}
    known = frozenset(weights)
    assert unnamed(question, "All 17 ACIP members were replaced in June 2025.", weights, known) == []
    assert unnamed(question, "All 17 board members were replaced in June 2025.", weights, known) != []


PARTIES = (
    "(1)  ORRIN ANALYTICS LTD, a company incorporated in England and Wales, whose registered office\n"
    '     is at 27 Wharf Street, Leeds (the "Supplier"); and\n\n'
    '(2)  THE CUSTOMER identified in the Order Form (the "Customer").\n'
)


def test_a_party_is_named_by_the_name_the_contract_defines_for_it():
    from assistant.aliases import defined_names

    aliases = defined_names([PARTIES, 'Yellow alerts ("Code Orange") go to the lead.'])
    assert aliases == {"supplier": frozenset(tokenize("Orrin Analytics Ltd"))}  # a bare quote defines nothing
    clause = "5.3 The Customer shall pay each invoice from the Supplier within 30 days of its date."
    hits = [Hit(Chunk("c1", "msa.txt", "msa", "5. FEES AND PAYMENT", clause, 900, 900 + len(clause)), 1.0)]
    question = "How long do we have to pay an Orrin invoice?"
    assert ask_extractive(question, hits).refused  # without the definition, the clause names no Orrin
    answer = ask_extractive(question, hits, aliases=aliases)
    assert not answer.refused and "30 days" in answer.text


def test_a_quarter_written_out_names_its_code():
    # The searched question says "the third quarter (Q3)"; a passage saying either names it.
    question = "What was Acme's EBITDA in the third quarter (Q3) of 2026?"
    weights, known = _weights(question)
    assert unnamed(question, "Acme Reports Third Quarter 2026 Results\nEBITDA of $27.9 million", weights, known) == []
    assert unnamed(question, "Acme Reports Second Quarter 2026 Results\nEBITDA of $23.4 million", weights, known) == ["Q3"]


def test_a_document_s_title_dates_what_it_says():
    text = "- Adjusted EBITDA of $27.9 million, up 19%.\n- Net sales of $212.4 million.\n"
    question = "What was Acme's adjusted EBITDA for 2026?"
    titled = Chunk("c0", "release.md", "Acme Reports Full-Year 2026 Results", "Highlights", text, 0, len(text))
    answer = ask_extractive(question, [Hit(titled, 1.0)])
    assert not answer.refused and "$27.9 million" in answer.text
    other = Chunk("c0", "release.md", "Acme Reports Full-Year 2025 Results", "Highlights", text, 0, len(text))
    assert ask_extractive(question, [Hit(other, 1.0)]).refused
