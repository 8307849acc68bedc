"""Known-answer tests for comparisons: each side gets its own line."""

from __future__ import annotations

from fakes import ask_extractive, plain_query

from assistant.intent import detect_intent
from assistant.promotions import ranked_units
from assistant.sides import comparison_sides, side_units
from assistant.types import Hit
from ingest.lexical import tokenize
from ingest.types import Chunk


def _weights(question: str) -> dict[str, float]:
    return {t: 3.0 for t in tokenize(question)}


def test_the_sides_are_told_apart_by_their_own_words():
    q = "What revenue does the report give for its bull case versus its bear case?"
    assert comparison_sides(q, _weights(q)) == ("bull", "bear")
    q = "How did the backlog change from Q2 to Q3 2025?"
    assert comparison_sides(q, _weights(q)) == ("q2", "q3")
    q = "How does the H200's memory bandwidth compare with the H100's?"
    assert comparison_sides(q, _weights(q)) == ("h200", "h100")  # names before other words
    assert comparison_sides("What is the backlog?", _weights("What is the backlog?")) is None
    # Two things of one kind side by side, each with its own figure.
    q = "What probabilities does the report assign to the bull case and the bear case?"
    assert comparison_sides(q, _weights(q)) == ("bull", "bear")
    q = "What revenue and what margin does the report give?"  # two questions joined, not two sides
    assert comparison_sides(q, _weights(q)) is None


def test_more_than_compares_the_things_named_either_side_of_than():
    q = "Do new starters in the Netherlands get more basic annual leave than new starters in the UK?"
    # "UK" is said in a good share of the passages ("[UK]" on every rule for UK staff), yet tells a side.
    weights = {**_weights(q), "uk": 1.2}
    assert comparison_sides(q, weights) == ("netherland", "uk")
    text = (
        "| Country | Basic leave | Maximum |\n|---|---|---|\n| Canada | 20 days | 25 days |\n"
        "| Netherlands | 26 days | 28 days |\n| United Kingdom | 25 days | 30 days |\n\nUK employees start on 25 days.\n"
    )
    answer = _ask(q, [Chunk("c0", "d.md", "Handbook", "Annual leave", text, 0, len(text))])
    assert "26 days" in answer.text and "25 days" in answer.text and "Canada" not in answer.text
    # Only names tell the sides of "than": "cheaper than renting from Amazon" names one side.
    q = "How much cheaper is it than renting GPUs from Amazon?"
    assert comparison_sides(q, _weights(q)) is None


def test_a_side_inside_a_span_of_grades_is_found_in_that_span():
    from assistant.wordforms import with_ranges

    assert with_ranges("Grades G1–G4") == "Grades G1–G4 G2 G3" and with_ranges("H100 to H200") == "H100 to H200"
    text = (
        "| Situation | Notice period |\n|---|---|\n| During probation | 1 week |\n"
        "| Grades G1–G4 | 1 month |\n| Grades G5–G6 | 2 months |\n| Grades G7–G8 | 3 months |\n"
    )
    answer = _ask("How much longer is the notice period for a G6 than for a G3?", [Chunk("c0", "h.md", "Handbook", "Notice periods", text, 0, len(text))])
    assert "G5–G6 — 2 months" in answer.text and "G1–G4 — 1 month" in answer.text and "G7" not in answer.text


def test_the_documents_subject_is_no_side():
    q = "How does Acme's revenue stack up against Globex's?"
    weights = {**_weights(q), "acm": 0.1}  # in nearly every passage
    assert comparison_sides(q, weights) is None


def _ask(question: str, chunks: list[Chunk]):
    return ask_extractive(question, [Hit(c, 1.0) for c in chunks])


def _ask_one(question: str, text: str, section: str):
    """The answer from one passage, `text`, under `section`."""
    return _ask(question, [Chunk("c0", "d.md", "Acme", section, text, 0, len(text))])


def test_a_change_from_one_state_to_another_quotes_both():
    text = (
        "- **Backlog** 127% YoY growth (doubled Q2 to Q3 2025)\n"
        "- **Q1 2025:** $25.9B\n- **Q2 2025:** $30.1B\n- **Q3 2025:** $55.6B (doubled from Q2)\n"
    )
    answer = _ask_one("How did the backlog change from Q2 to Q3 2025?", text, "Backlog")
    assert "$30.1B" in answer.text and "$55.6B" in answer.text


def test_a_side_whose_figure_is_in_its_heading_is_labelled_with_it():
    bull = "- Federal market contributes $1B+ annually\n- Probability: 40%\n"
    bear = "- Hyperscalers cut prices\n- Probability: 15%\n"
    chunks = [
        Chunk("c0", "d.md", "Acme", "Outlook > Bull Case ($20-25B revenue by 2027)", bull, 0, len(bull)),
        Chunk("c1", "d.md", "Acme", "Outlook > Bear Case ($10-12B revenue by 2027)", bear, 100, 100 + len(bear)),
    ]
    answer = _ask("What 2027 revenue does the report give for its bull case versus its bear case?", chunks)
    assert "$20-25B" in answer.text and "$10-12B" in answer.text


def test_a_comparison_of_figures_takes_no_line_without_one():
    text = (
        "Any change that alters behaviour will be deprecated for a minimum of 6 months before the change occurs. "
        "Certain changes may be fast tracked and have a deprecation period of 3 months. "
        "Longer deprecation periods for changes not normally covered by this policy are also possible.\n"
    )
    answer = _ask_one("How long is the normal deprecation period compared with a fast-tracked one?", text, "Deprecation Policy")
    assert "6 months" in answer.text and "3 months" in answer.text
    assert "Longer deprecation periods" not in answer.text  # says "normally", gives no figure


def test_a_side_under_its_heading_beats_a_weaker_line_that_only_mentions_it():
    r1t = "- **Towing Capacity:** Up to 11,000 lb\n"
    r1s = "- **Towing Capacity:** Up to 7,700 lb\n"
    note = "- **Pricing Note:** Each R1S configuration carries a $6,000 premium over the equivalent R1T.\n"
    chunks = [
        Chunk("c0", "d.md", "Acme", "Lineup > R1T Electric Pickup (Gen 2, 2025)", r1t, 0, len(r1t)),
        Chunk("c1", "d.md", "Acme", "Lineup > R1S Electric SUV (Gen 2, 2025)", r1s, 100, 100 + len(r1s)),
        Chunk("c2", "d.md", "Acme", "Lineup > Pricing", note, 200, 200 + len(note)),
    ]
    question = "What is the towing capacity of the R1T compared with the R1S?"
    scored = ranked_units(plain_query(question), detect_intent(question), [Hit(c, 1.0) for c in chunks], None, question)
    assert "premium" in scored[2].unit.text  # ranked below both towing lines
    sides = side_units(scored, ("r1t", "r1s"), detect_intent(question))
    assert [u.display for u in sides] == ["Towing Capacity: Up to 11,000 lb", "Towing Capacity: Up to 7,700 lb"]


def test_a_table_row_under_a_header_naming_the_sides_answers_a_comparison_alone():
    from ingest.tables import table_header
    from ingest.units import split_units

    text = (
        "The table below gives the limits of the old locks and of the new locks.\n\n"
        "| Dimension | Old locks | New locks |\n|---|---|---|\n"
        "| Chamber length | 320 m | 427 m |\n| Chamber width | 33.5 m | 55 m |\n"
    )
    chunk = Chunk("c0", "d.md", "Canal", "Locks", text, 0, len(text))
    rows = [u for u in split_units(chunk, 0) if u.kind == "row"]
    assert [table_header(u) for u in rows] == ["", "Dimension — Old locks — New locks", "Dimension — Old locks — New locks"]
    answer = _ask("How wide are the chambers of the old locks compared with the new locks?", [chunk])
    # "wide" meets "width", and the header says whose each figure is.
    assert answer.text == "Chamber width — Old locks: 33.5 m — New locks: 55 m [1]"


def test_a_rival_compared_with_the_documents_subject_gets_a_line_for_each():
    history = "- **2023:** Revenue $51.1B; EBITDA $9.6B\n- **2024:** Revenue $55.5B; EBITDA $12.1B\n"
    rival = "- **2024 Revenue:** €21.0B (≈ $22.7B)\n- **Strategy:** targets a market share above 10%\n"
    chunks = [
        Chunk("c0", "d.md", "Acme", "Acme vs. Globex", rival, 0, len(rival)),
        Chunk("c1", "d.md", "Acme", "Financial History", history, 100, 100 + len(history)),
    ]
    question = "How does Globex's 2024 revenue compare with Acme's?"
    # Acme is the documents' subject: in nearly every passage, so it is no side of its own.
    weights = {**_weights(question), "acm": 0.1}
    assert comparison_sides(question, weights) is None
    answer = ask_extractive(question, [Hit(c, 1.0) for c in chunks], weights=weights)
    assert "€21.0B" in answer.text and "$55.5B" in answer.text and "$51.1B" not in answer.text


GRID = """Table 1: Service tiers

+--------------------------+-------------+--------------+------------+
|                          | Essentials  | Professional | Enterprise |
+--------------------------+-------------+--------------+------------+
| Price per Seat per month | £18         | £42          | £68        |
| Minimum number of Seats  | 5           | 25           | 100        |
+--------------------------+-------------+--------------+------------+
"""


SEATS = "The number of Seats we need may not go below the minimum during a term."


def test_a_table_row_is_shown_with_the_column_the_question_names():
    # A grid table's header sits between "+---+" borders; the figure asked for is the named column's.
    chunks = [
        Chunk("c0", "fees.txt", "Fees", "Seats", SEATS, 0, len(SEATS)),
        Chunk("c1", "schedule.txt", "Schedule", "Service tiers", GRID, 100, 100 + len(GRID)),
    ]
    answer = _ask("How many seats do we need at minimum to go on the Enterprise plan?", chunks)
    assert answer.text == "Minimum number of Seats — Enterprise: 100 [1]"
    # Naming no column, a narrow row names them all.
    answer = _ask("What is the price per seat per month?", chunks[1:])
    assert answer.text == "Price per Seat per month — Essentials: £18 — Professional: £42 — Enterprise: £68 [1]"


PRICES = "| Model | UK (incl. VAT) | EU (incl. VAT) | US |\n|---|---|---|---|\n| Cassia S2 Pro | £799 | €919 | $899 |\n"


def test_a_row_shows_the_column_the_question_itself_names_or_its_currency():
    from assistant.tables import headed_row
    from ingest.units import split_units

    chunk = Chunk("c0", "manual.md", "Manual", "Prices", PRICES, 0, len(PRICES))
    row = next(u for u in split_units(chunk, 0) if u.kind == "row" and "S2 Pro" in u.text)
    # A follow-up's own words pick the column before the words carried from the turn before.
    searched = "ok and the Pro, in euros? (UK, price, Cassia)"
    assert headed_row(row, searched, "ok and the Pro, in euros?") == "Cassia S2 Pro — EU (incl. VAT): €919"
    assert headed_row(row, searched, "ok and the Pro in the US?") == "Cassia S2 Pro — US: $899"
    # Naming none, the carried words still pick one.
    assert headed_row(row, "ok and the Pro? (UK, price, Cassia)", "ok and the Pro?") == "Cassia S2 Pro — UK (incl. VAT): £799"


RATES = """7.1   Professional Services are charged at the following day rates:

    Role                    Day rate
    ----------------------  ------------------------
    Consultant              £1,150
    Solution Architect      £1,750
    Trainer                 £1,300 per session day
"""


def test_a_plain_text_tables_rows_are_rows_under_the_line_over_its_dashes():
    from ingest.tables import table_header
    from ingest.units import split_units

    chunk = Chunk("c0", "schedule.txt", "Schedule", "7. RATES", RATES, 0, len(RATES))
    rows = [u for u in split_units(chunk, 0) if u.kind == "row"]
    assert [u.display for u in rows] == ["Consultant — £1,150", "Solution Architect — £1,750", "Trainer — £1,300 per session day"]
    assert {table_header(u) for u in rows} == {"Role Day rate"}
    # The column's name gives the row's unit: a day rate answers "per day".
    answer = _ask("What would a Solution Architect cost us per day?", [chunk])
    assert not answer.refused and "£1,750" in answer.text


def test_a_choice_between_two_named_things_compares_them():
    # "Which …, A or B?": each option is a side, and each gets its figure.
    q = "Which one heats up faster from cold, the S1 or the S2 Pro?"
    assert comparison_sides(q, _weights(q)) == ("s1", "s2") and detect_intent(q).is_comparison
    q = "Is the S1 red or blue?"  # no choice asked with "which" or "who"
    assert comparison_sides(q, _weights(q)) is None and not detect_intent(q).is_comparison
    text = (
        "| Ticket | Valid | Off-peak price |\n|---|---|---|\n| Anytime Return | any train | £41.00 |\n"
        "| Flexi Return | off-peak trains, any day within a month | £27.40 |\n"
        "| Saver Return | off-peak trains, not on Fridays | £22.90 |\n"
    )
    answer = _ask_one("For a weekend away, which is cheaper: the Flexi Return or the Saver Return?", text, "Ticket types")
    assert "£27.40" in answer.text and "£22.90" in answer.text
    assert "£41.00" not in answer.text  # neither side


FARES = (
    "| To | Line | Anytime Single | Off-Peak Day Return |\n|---|---|---|---|\n"
    "| Ashcombe | Valley | £6.40 | £7.10 |\n| Lowther Bay | Coast | £29.60 | £23.40 |\n"
)


def test_a_row_under_the_best_line_s_header_answers_before_the_header():
    # "And an off-peak day return?" after the single to Lowther Bay: the header says the asked
    # column's words, the row says its place and, under that column, the fare.
    from assistant.promotions import promote_row_under_header
    from assistant.scoring import Scored
    from ingest.units import split_units

    header, ashcombe, lowther = split_units(Chunk("c0", "fares.md", "Fares", "Fares", FARES, 0, len(FARES)), 0)
    scored = [Scored(header, 0.61, 0.78), Scored(lowther, 0.52, 1.0), Scored(ashcombe, 0.50, 0.6)]
    assert promote_row_under_header(scored)[0].unit is lowther
    # A row saying less of the question leaves the header first: it alone may be the answer.
    assert promote_row_under_header([scored[0], scored[2]])[0].unit is header
