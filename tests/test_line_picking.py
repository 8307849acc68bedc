"""Known-answer tests for picking the answering line: word forms, fact kinds, follow-up weights."""

from __future__ import annotations

import pytest

from fakes import ask_extractive

from assistant.facts import holds
from assistant.intent import detect_intent
from assistant.pipeline import PipelineConfig
from assistant.retrieval import CARRIED_WEIGHT, Retriever, query_tokens
from assistant.types import Hit
from assistant.wordforms import match_key, with_forms
from ingest.lexical import tokenize
from ingest.types import Chunk


def _key(word: str) -> str:
    return match_key(tokenize(word)[0])


@pytest.mark.parametrize(
    ("form", "other"),
    [("began", "begin"), ("led", "lead"), ("sold", "selling"), ("founder", "founded"), ("investor", "invested"),
     ("leaders", "leading"), ("grew", "grows"), ("highest", "high"), ("largest", "larger"), ("fastest", "faster"),
     ("wide", "width"), ("deep", "depth"), ("long", "length")],
)
def test_forms_of_one_word_meet(form, other):
    assert _key(form) == _key(other)


@pytest.mark.parametrize(("word", "other"), [("user", "us"), ("order", "ord"), ("power", "pow"), ("found", "find"), ("latest", "late"), ("honest", "hon")])
def test_short_roots_and_ambiguous_past_forms_stay_apart(word, other):
    assert _key(word) != _key(other)


def test_a_number_is_never_cut():
    assert match_key("2025") == "2025"


def _ask(question: str, text: str, section: str = "History", title: str = "Acme report", **query):
    """The extractive answer to `question` from one hand-made passage."""
    chunk = Chunk("c0", "doc.md", title, section, text, 0, len(text))
    return ask_extractive(question, [Hit(chunk, 1.0)], **query)


def test_an_irregular_verb_finds_its_line():
    text = "- **Rebranded:** October 2021, trading under a new name\n- **March 28:** Began public trading\n"
    answer = _ask("On what date did Acme shares begin trading?", text)
    assert answer.text.startswith("March 28: Began public trading")


def test_a_date_in_the_label_counts_as_a_date():
    assert holds(detect_intent("When did it open?"), "April 2023: the first site opened") == 1.0
    # A month says more than a bare year.
    assert holds(detect_intent("When did it open?"), "opened in 2023") < 1.0


def test_a_year_before_1900_is_a_date_where_a_year_stands():
    when = detect_intent("When did the railroad open?")
    assert holds(when, "1855: The Panama Railroad opens between Colón and Panama City.") > 0
    assert holds(when, "When it opened in 1855 it was the first transcontinental railway.") > 0
    # A number of that size is no year after a unit, or with no word to set it in time.
    assert holds(when, "The plant delivers in 1500 MW of power.") == 0.0
    assert holds(when, "It listens on ports 1812 and 1813.") == 0.0
    text = "- 1855: The Panama Railroad opens between Colón and Panama City.\n- 1881: French work begins.\n"
    hits = [Hit(Chunk("c0", "canal.md", "Canal", "Timeline", text, 0, len(text)), 1.0)]
    answer = ask_extractive("When did the railroad between Colon and Panama City open?", hits)
    assert not answer.refused and "1855" in answer.text


def test_a_release_heading_dates_the_lines_under_it():
    text = "- 5 GHz Wi-Fi support for the Cassia S2 Pro.\n- Recipe sharing in the app.\n"
    hits = [Hit(Chunk("c0", "release-notes.md", "Firmware release notes", "2.3.0 — 9 November 2023 > Added", text, 0, len(text)), 1.0)]
    answer = ask_extractive("When did the S2 Pro get 5 GHz Wi-Fi support?", hits)
    assert not answer.refused and "9 November 2023" in answer.text
    # A numbered section's heading is no release: its date is no date of the lines under it.
    hits = [Hit(Chunk("c0", "manual.md", "Manual", "2.3 Setup (revised November 2023)", text, 0, len(text)), 1.0)]
    assert ask_extractive("When did the S2 Pro get 5 GHz Wi-Fi support?", hits).refused


def test_a_count_is_neither_a_sum_of_money_nor_the_day_of_a_date():
    asked = detect_intent("How many shares did Acme sell in its IPO?")
    assert holds(asked, "IPO Price: $40 per share") == 0.0
    assert holds(asked, "Stock Ticker: ACME (IPO: March 28, 2025)") == 0.0
    assert holds(asked, "Shares sold: 37.5 million at $40") > 0.0  # a count, or a sum without its sign
    assert holds(asked, "Shares sold: 37,500,000 at $40") == 1.0
    text = "- **IPO Price:** $40 per share\n- **Stock Ticker:** ACME (IPO: March 28, 2025)\n"
    assert _ask("How many shares did Acme sell in its IPO?", text).refused


def test_a_two_part_question_answers_its_first_part_first():
    text = (
        "- **Initial contract:** $11.9B (5-year term)\n"
        "- **Governance:** Sam Altman (Globex CEO) joined the Acme board\n"
    )
    answer = _ask("Which customer has its CEO on the board, and how big is its contract?", text)
    assert answer.text.startswith("Governance: Sam Altman (Globex CEO) joined the Acme board")
    assert "$11.9B" in answer.text


def test_a_which_question_wants_a_name():
    intent = detect_intent("Which exception is raised when a dictionary key is missing?")
    assert intent.wants == "name"
    assert holds(intent, "Raises a KeyError if key is not in the map.") == 1.0
    assert holds(intent, "Return the item of d with key key.") < 1.0
    assert detect_intent("Which country hosts the site?").wants == "place"
    # A report gives the odds of a scenario as a percentage ("Probability: ~50%").
    assert detect_intent("And how likely does the report think that outcome is?").wants == "percent"
    assert detect_intent("What is the chance the bear case happens?").wants == "percent"


def test_which_two_asks_for_a_list():
    assert detect_intent("Which two command-line options does the guide suggest?").is_list
    assert detect_intent("What three risks does it name?").is_list
    assert not detect_intent("Which option does the guide suggest?").is_list


def test_words_carried_from_earlier_turns_weigh_less_than_the_question_s_own():
    class Lexical:
        def idf(self):
            return {"memori": 2.0, "gb200": 3.0, "grace": 3.0}

    class Snapshot:  # a vocabulary alone: enough for the query-side weights
        lexical = Lexical()

    retriever = Retriever(Snapshot(), embedder=None, config=PipelineConfig())
    weights, _, _ = retriever.term_weights("How much memory does each one have? (GB200, Grace)", "How much memory does each one have?")
    assert weights["memori"] == 2.0
    assert weights["gb200"] == weights["grace"] == 3.0 * CARRIED_WEIGHT < 2.0


def test_how_much_and_how_many_are_neither_searched_nor_weighed():
    class Lexical:
        def idf(self):
            return {"mani": 4.0, "center": 1.5, "memori": 2.0}  # "much" is a word these documents never use

    class Snapshot:
        lexical = Lexical()

    retriever = Retriever(Snapshot(), embedder=None, config=PipelineConfig())
    weights, _, _ = retriever.term_weights("How many centers are there?")
    assert weights == {"center": 1.5}
    weights, _, _ = retriever.term_weights("How much memory does it have?")
    assert weights == {"memori": 2.0}  # not the weight of a word the documents never use
    assert query_tokens("Which of the many regions is largest?") == ["region", "largest"]


def test_a_date_in_the_heading_answers_when_for_the_lines_under_it():
    text = "- Multi-location data center collaboration\n- Leverages Globex's existing footprint\n"
    answer = _ask("When did Acme team up with Globex?", text, "Partners > Globex Alliance (April 2025) > Partnership")
    assert not answer.refused
    assert answer.text.startswith("Globex Alliance (April 2025): Leverages Globex's existing footprint")
    assert answer.citations[0].quote == "- Leverages Globex's existing footprint"  # the quote stays the line itself


def test_a_year_a_paragraph_names_once_dates_every_sentence_in_it():
    text = (
        "On October 22, 2006, voters endorsed the expansion by 76.8 per cent. The official budget for the expansion was "
        "$5.25 billion, financed from tolls and loans.\n\nThe old locks had cost $375 million in 1914.\n"
    )
    answer = _ask("How much was budgeted for the expansion approved in 2006?", text)
    assert not answer.refused and "$5.25 billion" in answer.text
    # A sentence in another paragraph is not dated by it.
    assert _ask("How much was budgeted for the locks in 2006?", "The old locks had a budget of $375 million.\n\nIn 2006 voters approved.\n").refused


def test_search_widens_verbs_and_doers_to_the_forms_the_documents_use():
    vocabulary = {"found", "founder", "fast", "faster", "begin", "invest", "investor"}

    def widened(query: str) -> list[str]:
        return with_forms(query, tokenize(query), vocabulary)

    assert "founder" in widened("Who founded it and how fast?") and "faster" not in widened("Who founded it and how fast?")
    assert "begin" in widened("When was it begun?")
    assert "invest" in widened("Who is the investor?")


LEADERS = (
    "- **Ann Lee** - CEO & Co-Founder\n"
    "- **Bo Chen** - Chief Strategy Officer & Co-Founder\n"
    "- **Cy Diaz** - Chief Technology Officer & Co-Founder\n"
    "- **Di Egan** - General Counsel\n"
)


def _ask_leaders(question: str):
    return _ask(question, LEADERS, "Company > Leadership Team")


def test_who_founded_lists_every_co_founder_and_who_is_the_cto_names_one():
    founders = _ask_leaders("Who founded Acme?").text
    assert all(name in founders for name in ("Ann Lee", "Bo Chen", "Cy Diaz")) and "Di Egan" not in founders
    cto = _ask_leaders("Who is Acme's chief technology officer?").text
    assert cto.startswith("Cy Diaz - Chief Technology Officer") and "Bo Chen" not in cto


def test_first_prefers_the_earliest_date_and_a_month_beats_a_bare_year():
    text = (
        "- **Equity Stake:** Globex owns 6% of Acme ($100M investment in 2023)\n"
        "- **May 2023:** Series B, $200M from Globex\n"
        "- **April 2023:** Globex invested $100M\n"
    )
    for question, expected in (("When did Globex first invest in Acme?", "April 2023"), ("When did Globex most recently invest in Acme?", "May 2023")):
        assert _ask(question, text, "Investors > Globex").text.startswith(expected)


def test_last_year_is_a_period_not_an_order():
    from assistant.intent import detect_intent
    from assistant.promotions import promote_by_order

    lines = _first_units(
        "Handbook", "Leave",
        ("A: Up to five days roll over into January, but you need to use them by the end of March.", 0.56),
        ("[NL] King's Day (26 April in 2025) and Liberation Day (5 May)", 0.46),
    )
    question = "I rolled some holiday over from last year. By when do I have to use it?"
    assert promote_by_order(lines, detect_intent(question), question) == lines
    latest = "When was the latest public holiday?"
    assert promote_by_order(lines, detect_intent(latest), latest)[0] is lines[1]


def test_a_span_of_years_is_no_earliest_date():
    text = (
        "- **2022-2024:** Acme got its first Globex chips under a deal through 2032\n"
        "- **Delivery:** Acme got its first Globex chips in November 2024\n"
    )
    answer = _ask("When did Acme get its first Globex chips?", text, "Chips")
    assert "November 2024" in answer.text and "2022-2024" not in answer.text, answer.text


def test_what_was_x_prefers_the_amount_to_its_growth_rate():
    text = "- Backlog 127% YoY growth (doubled Q2 to Q3 2025)\n- $55.6B backlog (Q3 2025) validates demand\n"
    for question, expected in (("What was Acme's backlog at the end of Q3 2025?", "$55.6B"), ("How fast did the backlog grow by Q3 2025?", "Backlog 127%")):
        assert _ask(question, text, "Backlog").text.startswith(expected)


def test_words_that_pick_among_things_or_frame_a_comparison_are_not_unknown_words():
    text = "- **Customer risk:** one customer is 62% of revenue\n- **Debt risk:** $11B of debt\n"
    unknown = {"main", "versu"}  # words these documents never use weigh as the rarest word
    for question in ("What is Acme's main debt risk?", "How big is the debt risk versus the customer risk?"):
        tokens = tokenize(question)
        weights = {t: 6.0 if t in unknown else 1.0 for t in tokens}
        known = frozenset(t for t in tokens if t not in unknown)
        assert not _ask(question, text, "Risks", weights=weights, known=known, unknown_weight=6.0).refused, question


def test_function_words_a_document_never_uses_are_not_unknown_words():
    text = "- Race conditions, where threads access data in an inconsistent order\n- Deadlocks, where two threads wait\n"
    question = "Which problems can come up when you split work across several threads?"
    tokens = tokenize(question)
    unknown = {"across", "sever"}  # "several", stemmed
    weights = {t: 4.0 if t in unknown else 2.0 for t in tokens}  # 44% of the question's weight
    known = frozenset(t for t in tokens if t not in unknown)
    answer = _ask(question, text, "Threads > Problems", weights=weights, known=known, unknown_weight=4.0)
    assert "Deadlocks" in answer.text


def test_a_release_answers_when_and_a_page_about_one_release_dates_its_lines():
    assert holds(detect_intent("When was it added?"), "New in version 3.8.") > 0
    text = "It is affectionately known as the walrus operator.\n"
    for title, dated in (("What's New In Python 3.8", True), ("Annual Report 2024", False)):
        answer = _ask("When was the walrus operator added?", text, "New Features > Assignment expressions", title)
        assert (not answer.refused and "3.8" in answer.text) if dated else answer.refused



@pytest.mark.parametrize(
    ("question", "aside", "answer"),
    [
        ("Which types implement the Copy trait?", "So, what types implement the Copy trait?",
         "Any group of simple scalar values can implement Copy."),
        ("How do I create a new, empty vector?", "Listing 8-1: Creating a new, empty vector.",
         "To create a new, empty vector, we call the Vec::new function."),
        ("What does unwrap do?", "Here is an example of unwrap in action.",
         "If the Result is the Ok variant, unwrap will return the value inside the Ok."),
    ],
    ids=["a question in the text", "a caption", "a pointer at an example"],
)
def test_a_sentence_that_asks_captions_or_points_is_not_the_answer(question, aside, answer):
    got = _ask(question, f"{aside} {answer}", section="Vectors", title="The Book")
    assert got.text.startswith(answer), got.text


def test_what_is_x_prefers_the_line_stating_x_is():
    text = (
        "Now when we run cargo build, Cargo will use the defaults for the dev profile plus our customization to opt-level. "
        "Release mode trades longer compile time for faster code. "
        "That is why the default opt-level for the release profile is 3."
    )
    answer = _ask("What is the default opt-level for Cargo's release profile?", text, "Release Profiles", "The Book")
    assert answer.text.startswith("That is why the default opt-level for the release profile is 3."), answer.text


def test_a_short_subject_must_be_stated_whole():
    from assistant.promotions import promote_statement
    from assistant.scoring import Scored
    from ingest.units import split_units

    # "Whether a naive object … is" says two of "naive datetime object"'s three words: no statement of
    # it. Only a subject of five words or more may lack one.
    text = "A naive datetime object does not know its time zone. Whether a naive object represents UTC is up to the program."
    units = split_units(Chunk("c0", "doc.md", "Dates", "Naive Objects", text, 0, len(text)), 0)
    scored = [Scored(units[0], 1.0, 1.0), Scored(units[1], 0.95, 1.0)]
    assert promote_statement(scored, "What is a naive datetime object?") == scored
    assert promote_statement(scored, "What is a naive object?")[0].unit == units[1]
    # Four words must all be said: "… a method whose implementation is" lacks "default".
    text = "You cannot call the default implementation from an override. Define a trait with a method whose implementation is required."
    units = split_units(Chunk("c1", "doc.md", "Traits", "Defaults", text, 0, len(text)), 0)
    scored = [Scored(units[0], 1.0, 1.0), Scored(units[1], 0.95, 1.0)]
    assert promote_statement(scored, "What is the default implementation of a trait method?") == scored


def test_a_follow_up_is_answered_by_a_line_saying_its_own_words():
    from assistant.types import Turn

    text = (
        "To create a new, empty vector, we call the Vec::new function. "
        "Vectors store values next to each other in memory. "
        "To create a vector and then add elements to it, we can use the push method."
    )
    question = "And how do I add elements to it?"
    standalone = f"{question} (Vec, create, new, empty, vector, call)"
    carried = {t: 1.0 for t in tokenize(standalone)} | {t: 2.0 for t in tokenize(question)}
    chunk = Chunk("c0", "doc.md", "The Book", "Vectors", text, 0, len(text))
    history = (Turn("user", "How do I create a new, empty vector?"), Turn("assistant", "Call Vec::new."))
    from assistant.answer import Query
    from assistant.extractive import ExtractiveAnswerer

    query = Query(question, standalone, history, carried, 2.0, frozenset(carried))
    answer = ExtractiveAnswerer().compose(query, [Hit(chunk, 1.0)])
    assert answer.text.startswith("To create a vector and then add elements to it"), answer.text


def test_what_is_a_one_word_thing_prefers_the_line_defining_it():
    text = (
        "A trait can have multiple methods in its body. "
        "A trait defines the functionality a particular type has and can share with other types."
    )
    answer = _ask("What is a trait?", text, "Traits", "The Book")
    assert answer.text.startswith("A trait defines the functionality"), answer.text


def test_a_default_asked_for_needs_a_line_giving_a_value():
    from assistant.values import asks_for_value, gives_value

    assert asks_for_value("What is the default stack size of a thread?")
    assert asks_for_value("What's the maximum length of a line?")
    assert not asks_for_value("What hashing function does HashMap use by default?")
    question = "What is the default value of the debug setting?"
    assert not gives_value("You can override a default setting by adding a different value.", question)
    assert gives_value("The debug setting defaults to `false` in release.", question)
    assert gives_value("The default opt-level is 3.", "What is the default opt-level?")
    assert gives_value("By default HashMap uses SipHash.", "What is the default hasher?")
    assert gives_value("It defaults to None.", "What is the default key?")
    assert gives_value("It defaults to DEFAULT_BUFFER_SIZE.", "What is the default buffer size?")
    assert not gives_value("When the main thread of a Rust program ends, threads stop.", "What is the default stack size?")
    # A number that points at another part of the documents is no value.
    spawn = "To create a new thread, we call the thread::spawn function (see closures in Chapter 13)."
    assert not gives_value(spawn, "What is the default stack size of a thread created with thread::spawn?")
    assert gives_value("The default stack size is 2 MiB (see Section 4.2).", "What is the default stack size?")
    # "-1 to use the default" says how to ask for the default, not what it is.
    timeout = "What is the default query timeout of a Resolver?"
    assert not gives_value("timeout {integer} Query timeout in milliseconds, or `-1` to use the default timeout.", timeout)
    assert gives_value("timeout {integer} Default: 5000; -1 to use the default timeout.", timeout)
    text = "- The listener is called with the 'line' of input received.\n"
    assert _ask("What is the maximum length of a 'line' the listener gets?", text).refused
    text = "- The listener is called with each line of input, at most 4096 characters long.\n"
    assert "4096" in _ask("What is the maximum length of a line the listener gets?", text).text


def test_a_follow_up_prefers_the_line_saying_more_of_its_own_words():
    from assistant.answer import Query
    from assistant.extractive import ExtractiveAnswerer
    from assistant.types import Turn

    text = (
        "- Alternatively send comments, bug reports and patches to the list.\n"
        "- If a program really crashes, recompile it with debugging on and send a stack trace.\n"
    )
    question = "What should I send if the program actually crashes?"
    standalone = f"{question} (bug, report, patches)"
    # The carried words lift the first line a little above the second, as the reply's words did.
    weights = {"send": 3.0, "program": 2.0, "actual": 3.0, "crash": 2.0, "bug": 2.0, "report": 2.0, "patch": 1.5}
    chunk = Chunk("c0", "bugs.md", "Bugs", "Bugs", text, 0, len(text))
    history = (Turn("user", "How do I report a bug?"), Turn("assistant", "Send bug reports to the list."))
    query = Query(question, standalone, history, weights, 2.0, frozenset(weights))
    answer = ExtractiveAnswerer().compose(query, [Hit(chunk, 1.0)])
    assert "If a program really crashes" in answer.text.split("[1]")[0], answer.text


def test_a_mail_address_or_a_host_answers_where_unless_the_question_gives_it():
    from assistant.slots import names_something_new
    from ingest.units import split_units

    def units(text):
        return split_units(Chunk("c0", "doc.md", "Doc", "S", text, 0, len(text)), 0)

    where = "Where should I report it privately?"
    assert names_something_new(where, units("Disclose it privately to <security@example.org>."))
    assert names_something_new("Where are the docs?", units("Get the docs at acme.readthedocs.org."))
    assert not names_something_new("Where is the example.org database?", units("It is the example.org database."))
    # A program's output goes to a stream, which no capital letter marks.
    assert names_something_new("Where does it write its log?", units("The log goes to file descriptor 2 (stderr)."))
    assert names_something_new("Where do the results go?", units("They are written to standard out."))
    assert not names_something_new("Where does stderr go?", units("Its stderr is kept."))
    # Where a program keeps its data: a store, which no capital letter marks either.
    assert names_something_new("Where are sessions stored?", units("By default, sessions are kept in your database."))
    assert not names_something_new("Where are sessions stored?", units("This has a small cost in memory."))


def test_which_exception_prefers_a_nearly_as_good_line_naming_one():
    text = (
        "- The dictionary d[key] operation raises whatever the __missing__(key) call raised when a key is missing, or no exception.\n"
        "- If the key is missing from the dictionary, a KeyError exception is raised.\n"
    )
    answer = _ask("Which exception is raised when a dictionary key is missing?", text, "Mappings")
    assert "KeyError" in answer.text.split("[1]")[0], answer.text
    text = (
        "- If there are no further items, raise the StopIteration exception when the iterator has no more items.\n"
        "- A RuntimeError is raised when the iterator has no more items to give.\n"
    )
    answer = _ask("Which exception is raised when an iterator has no more items?", text, "Iterators")
    assert answer.text.startswith("If there are no further items"), answer.text  # a class named otherwise


def test_a_line_about_another_release_is_a_near_miss():
    from assistant.releases import versions, versions_agree

    assert versions("When does GnuPG 2.2 reach end of life?") == {"2.2"}
    assert versions("the 2.0 series of GnuPG") == {"2.0"} and versions("costs $2.39 per hour") == set()
    assert not versions_agree("When does GnuPG 2.2 reach end of life?", "The 2.0 series of GnuPG reached end-of-life.")
    assert versions_agree("When does GnuPG 2.2 reach end of life?", "GnuPG 2.2 is supported until 2024.")
    assert versions_agree("When does GnuPG 2.2 reach end of life?", "Each release is supported for two years.")
    text = "- Note that the 2.0 series of GnuPG reached end-of-life on 2017-12-31.\n"
    assert _ask("When does GnuPG 2.2 reach end of life?", text, "Releases").refused


def test_a_line_under_another_release_s_heading_gives_way_to_one_under_the_asked_release():
    later = Chunk("c0", "CHANGELOG.md", "Changelog", "Release v2.6.15", "- Add CPython 3.13.10 by @ann", 0, 29)
    asked = Chunk("c1", "CHANGELOG.md", "Changelog", "Release v2.6.10", "- Add CPython 3.12.12, 3.11.14 by @bob", 100, 138)
    answer = ask_extractive("Which CPython versions were added in pyenv v2.6.10?", [Hit(later, 1.0), Hit(asked, 0.9)])
    assert answer.text.startswith("Release v2.6.10") and "3.12.12" in answer.text, answer.text
    # a line only mentioning an older release is not about another one: no heading names a release
    text = "- Currently the default protocol is 4, first introduced in Python 3.4."
    mentions = Chunk("c2", "pickle.html", "pickle", "Data stream format", text, 0, len(text))
    other = Chunk("c3", "pickle.html", "pickle", "Usage", "- The default protocol can be chosen with an argument.", 100, 155)
    from fakes import plain_query

    from assistant.scoring import score_units

    question = "What is the default protocol in Python 3.11?"
    scored = score_units(plain_query(question), detect_intent(question), [Hit(other, 1.0), Hit(mentions, 0.9)])
    assert scored[0].unit.chunk is mentions


def test_a_release_asked_for_may_be_the_title_of_release_notes_kept_one_file_per_release():
    older = Chunk("c0", "v2.37.txt", "Util-linux 2.37 Release Notes", "Release highlights", "lsblk(8) supports --json.", 0, 25)
    newer = Chunk("c1", "v2.38.txt", "Util-linux 2.38 Release Notes", "Release highlights",
                  "dmesg(1) supports a new option --json to print kernel log in JSON format.", 0, 73)
    answer = ask_extractive("Which util-linux version added a --json option to dmesg?", [Hit(newer, 1.0), Hit(older, 0.9)])
    assert answer.text.startswith("Util-linux 2.38 Release Notes") and not answer.refused, answer.text
    # a title naming no release does not answer which release
    plain = Chunk("c2", "notes.txt", "Release notes", "Highlights", newer.text, 0, 73)
    assert ask_extractive("Which util-linux version added a --json option to dmesg?", [Hit(plain, 1.0)]).refused


def test_a_line_sharing_only_the_release_with_the_question_is_a_near_miss():
    from assistant.releases import shares_only_release

    question = "What is the git commit hash of the Valgrind 3.17.0 release?"
    weights = {t: 3.0 for t in tokenize(question)}
    known = frozenset(weights)
    assert shares_only_release(question, "Release 3.17.0 bugzilla (https://bugs.kde.org) rather", weights, known)
    assert not shares_only_release(question, "Release 3.17.0 was tagged as git commit 1a2b3c", weights, known)
    assert not shares_only_release("When did that version come out?", "Release 3.10.0 (10 September 2014)", weights, known)


def test_that_version_is_the_release_the_conversation_named():
    from dataclasses import replace

    from assistant.extractive import ExtractiveAnswerer
    from assistant.types import Hit, Turn
    from fakes import plain_query

    history = (Turn("user", "Which release added ARM64 support?"), Turn("assistant", "Valgrind 3.10.0 added ARM64 support."))
    question = "When did that version come out? (3.10.0, ARM64, support, release)"
    later = Chunk("c0", "news.txt", "News", "Release 3.13.0 (15 June 2017)", "- Fixed ARM64 support for syscalls", 0, 34)
    named = Chunk("c1", "news.txt", "News", "Release 3.10.0 (10 September 2014)", "- Support for ARM64 is new", 100, 126)
    hits = [Hit(later, 1.0), Hit(named, 0.9)]
    answer = ExtractiveAnswerer().compose(replace(plain_query(question), history=history), hits)
    assert "3.10.0" in answer.text and "3.13.0" not in answer.text, answer.text
    # without the conversation, "that version" names none: the closer line stands
    assert "3.13.0" in ExtractiveAnswerer().compose(plain_query(question), hits).text


def _first_units(title: str, section: str, *lines: tuple[str, float]) -> list:
    """One chunk per line under `title` > `section`, its first unit scored as given: (text, score)."""
    from assistant.scoring import Scored
    from ingest.units import split_units

    out = []
    for row, (text, score) in enumerate(lines):
        chunk = Chunk(f"c{row}", "page.html", title, section, text, row * 1000, row * 1000 + len(text))
        out.append(Scored(split_units(chunk, row)[0], score, coverage=0.5))
    return out


def test_which_other_is_answered_by_a_near_line_naming_something_new():
    from assistant.which import promote_other

    def scored(*lines):
        return _first_units("Using the Valgrind core", "Options", *lines)

    lines = scored(
        ("--exit-on-first-error=<yes|no> [default: no]", 0.59),
        ("If this option is enabled, Valgrind exits on the first error.", 0.58),  # the page's own subject
        ("A nonzero exit value must be defined using --error-exitcode option.", 0.50),
    )
    question = "If I enable --exit-on-first-error, which other option do I also have to set?"
    assert promote_other(question, lines)[0].unit.text.startswith("A nonzero exit value")
    assert promote_other("Which option stops at the first error?", lines) == lines  # no "other" asked
    assert promote_other(question, [lines[0], scored(("Use --error-exitcode too.", 0.3))[0]])[0] is lines[0]  # too far behind


def test_which_environment_variable_flag_or_function_is_answered_by_a_near_line_writing_one():
    from assistant.which import promote_kind_named

    def scored(*lines):
        return _first_units("FAQ", "Why is Cargo rebuilding my code?", *lines)

    lines = scored(
        ("This will cause Cargo to print out a lot of information about diagnostics and rebuilding.", 0.67),
        ("You can debug a rebuild by setting the CARGO_LOG environment variable.", 0.63),
    )
    question = "Which environment variable makes Cargo print why it is rebuilding?"
    assert promote_kind_named(question, lines)[0].unit.text.startswith("You can debug")
    assert promote_kind_named("Why is Cargo rebuilding?", lines) == lines  # no kind of name asked
    assert promote_kind_named("Does CARGO_LOG make Cargo print why? Which variable is it?", lines) == lines  # named already
    flags = scored(("It runs slower at high optimisation levels.", 0.64), ("Do not use -funroll-loops.", 0.60))
    assert promote_kind_named("Which flag should I not use?", flags)[0].unit.text == "Do not use -funroll-loops."
    # A kind whose names carry its word: "which university?" is answered by a line naming "… University".
    plants = _first_units(
        "Moderna", "Manufacturing",
        ("Australia (December 2021 → 2024): Clayton plant with the Commonwealth and Victoria governments", 0.46),
        ("Clayton, Victoria, Australia (opened December 2024): At Monash University; up to 100M doses a year", 0.38),
    )
    question = "The Clayton, Australia manufacturing plant is located at which university?"
    assert "Monash University" in promote_kind_named(question, plants)[0].unit.text
    assert promote_kind_named("In which fiscal year did the Clayton plant open?", plants) == plants  # a time has no such names


def test_parallel_bullets_opening_alike_each_answer():
    text = (
        "- mips: support for MIPS32/MIPS64 Revision 6 has been added.\n"
        "- mips: support for MIPS SIMD architecture (MSA) has been added.\n"
        "- mips: support for MIPS N32 ABI has been added.\n"
        "- s390x: support for the z14 architecture has been added.\n"
    )
    answer = _ask("What MIPS support was added?", text, "Release 3.14.0")
    assert all(part in answer.text for part in ("Revision 6", "(MSA)", "N32 ABI")) and "z14" not in answer.text
    from assistant.extractive import _one_prefix
    from ingest.units import split_units

    def units(text: str):
        return split_units(Chunk("c0", "doc.md", "Acme", "S", text, 0, len(text)), 0)

    assert _one_prefix(units(text)[:3])
    # Bullets opening with other names, or with no prefix, are no group of answers.
    assert not _one_prefix(units("- Nevada: Large-scale deployments\n- Pennsylvania: Lancaster facility\n"))
    assert not _one_prefix(units("- Brian Venturo - Chief Strategy Officer\n- Peter Salanki - CTO\n"))


def test_a_long_line_of_events_answers_with_the_clause_asked_about():
    text = (
        "- **2023:** Jo Park becomes CEO on January 1; the partnership with Globex is announced on January 25 "
        "and will end in 2025; the TradeNet platform is closed at the end of the first quarter; the Laura, "
        "the first methanol-enabled ship, is named in Copenhagen on September 14; a $2.0B buy-back begins in "
        "February; about 10,000 jobs are cut\n"
    )
    answer = _ask("On what date was the Laura named?", text, "History > Timeline")
    assert answer.text == (
        "2023: the Laura, the first methanol-enabled ship, is named in Copenhagen on September 14 [1]"
    )
    quote = answer.citations[0]
    assert quote.quote == text[quote.start : quote.end] and quote.quote.startswith("the Laura")
    # A question every clause answers as well as any other gets the whole line.
    assert _ask("What happened in 2023?", text, "History > Timeline").text.startswith("2023: Jo Park becomes CEO")
    # The clause about the thing asked holds no sum: the line's only sum is another clause's.
    assert _ask("How much did the methanol-enabled Laura cost?", text, "History > Timeline").refused


def test_a_timeout_asked_for_is_not_answered_by_a_line_without_one():
    text = "pip can be configured to connect through a proxy server in various ways, with --proxy or an environment variable.\n"
    assert _ask("What default connection timeout does pip use when going through a proxy server?", text, "Proxy").refused


def test_a_rate_asked_for_is_not_answered_by_when_it_will_be_set():
    text = "Mileage is paid for business journeys in your own car. The rates for 2026 will be published on the intranet in January 2026.\n"
    assert _ask("What will the mileage rate for my car be in 2026?", text, "Travel > Mileage").refused
    assert "45p" in _ask("What is the mileage rate for my car?", text + "The rate is 45p per mile.\n", "Travel > Mileage").text



def test_how_to_answered_by_one_step_gets_the_whole_procedure():
    steps = (
        "1. Check the list of restricted countries with your manager.\n"
        "2. Submit the Work Abroad request at least 15 working days before you travel.\n"
        "3. Wait for approval from your manager and the mobility team.\n"
    )
    answer = _ask("How do I get my trip approved?", "To request it:\n\n" + steps, "Working > Abroad")
    assert answer.text.startswith("To request it:")
    assert all(part in answer.text for part in ("restricted countries", "15 working days", "Wait for approval"))
    # A numbered list no line introduces is no procedure: its steps are not all read out.
    alone = _ask("How do I get my trip approved?", "It is possible.\n\n" + steps, "Working > Abroad")
    assert not all(part in alone.text for part in ("restricted countries", "15 working days", "Wait for approval"))


def _two_passages(title: str, first: tuple[str, str], second: tuple[str, str]) -> list[Hit]:
    """Two hits of one document, each a (section, text): the first ranked above the second."""
    (top, text), (below, more) = first, second
    return [Hit(Chunk("c0", "d.md", title, top, text, 0, len(text)), 1.0),
            Hit(Chunk("c1", "d.md", title, below, more, 200, 200 + len(more)), 0.9)]


def test_how_to_whose_best_line_is_a_remark_beside_a_procedure_gets_the_procedure():
    # The remark, in the first passage, says the question's words as much as the line introducing
    # the steps does, in the second.
    remark = "If you'd rather not claim online, send a paper claim form to our office.\n"
    steps = (
        "To claim online or in the app:\n\n"
        "1. Go to example.com/claim, or open the app and tap Claim.\n"
        "2. Enter the details of the journey you made.\n"
        "3. Upload a photo of your ticket.\n"
    )
    answer = ask_extractive("How do I claim online?", _two_passages("Refunds", ("Refunds > Paper forms", remark), ("Refunds > How to claim", steps)))
    assert all(part in answer.text for part in ("example.com/claim", "Enter the details", "Upload a photo"))


def test_a_list_question_is_answered_by_the_list_under_a_heading_naming_its_things():
    about = "Leeds is our headquarters, with colleagues in engineering, product, sales and finance.\n"
    offices = (
        "- **Leeds (headquarters):** 21 Wellington Street, Leeds.\n"
        "- **Rotterdam:** Maashaven Zuidzijde 12, Rotterdam.\n"
        "- **Toronto:** 180 Adelaide Street West, Toronto.\n"
    )
    hits = _two_passages("Handbook", ("Welcome > Who we are", about), ("Welcome > Our offices", offices))
    answer = ask_extractive("Which cities do we have offices in?", hits)
    assert all(city in answer.text for city in ("Leeds", "Rotterdam", "Toronto")) and "engineering" not in answer.text
    # Bullets that are sentences about the heading's subject are no list of it.
    plain_bullets = "- Trees can be saved in a file.\n- Each tree holds one event.\n"
    trees = [Hit(Chunk("c2", "m.html", "Manual", "Execution Trees", plain_bullets, 0, len(plain_bullets)), 1.0)]
    from assistant.lists import headed_list
    from assistant.promotions import ranked_units
    from assistant.extractive import _block_of
    from fakes import plain_query
    question = "In which formats can execution trees be saved?"
    scored = ranked_units(plain_query(question), detect_intent(question), trees, None, question)
    assert headed_list(question, scored, _block_of) == []
    # A line naming the items under the asked kind's own label comes first.
    countries = "- **Countries:** Sweden, Norway, Spain\n"
    centers = "- **United Kingdom:** 2 facilities\n- **Sweden:** planned\n"
    hits = [Hit(Chunk("c3", "r.md", "Report", "Europe > Plans", countries, 0, len(countries)), 1.0),
            Hit(Chunk("c4", "r.md", "Report", "Europe > Data Centers", centers, 100, 100 + len(centers)), 0.9)]
    assert ask_extractive("Which countries will get new data centers?", hits).text.startswith("Countries: Sweden, Norway, Spain")


def test_a_list_question_takes_a_line_labelled_with_the_asked_kind():
    from assistant.lists import labelled_list

    lines = _first_units(
        "Report", "Fleet",
        ("2024: twenty LNG dual-fuel ships ordered in December; Gemini announced in January; a new CEO named", 0.66),
        ("This can lead to problems, such as: Race conditions, Deadlocks", 0.55),
        ("- **Yards:** New Times Shipbuilding, Yangzijiang, Hanwha Ocean and HD Hyundai", 0.51),
    )
    assert "Hanwha Ocean" in labelled_list("Which shipyards are building the LNG ships ordered in December?", lines).text
    # A sentence before its colon is no label, and a label's line must name things after it.
    assert labelled_list("Which problems can come up?", lines) is None
    rare = _first_units("Report", "Growth", ("- **New Countries:** Management has said new country entries will be rare, ~1 every 2-3 years", 0.5))
    assert labelled_list("Which two countries drive growth?", rare) is None
    # A sentence ending "… at the following stations:" labels the list after it.
    scheme = _first_units(
        "Conditions", "Penalty fares",
        ("The Penalty Fare is £100.00 plus the full single fare to the next station at which the train stops.", 0.68),
        ("A Penalty Fares scheme operates on all our trains and at the following stations: Kingsbridge, Ashcombe and Millbrook.", 0.59),
    )
    assert "Ashcombe" in labelled_list("At which stations can I be given a penalty fare?", scheme).text


def test_a_company_s_results_are_sums_and_a_weight_or_a_distance_a_number():
    assert detect_intent("What was Acme's adjusted EBITDA for Q3?").wants == "money"
    assert detect_intent("What were net sales in the first nine months?").wants == "money"
    assert detect_intent("What was the adjusted EBITDA margin?").wants != "money"  # a share of sales
    assert detect_intent("Which analysts asked questions on the earnings call?").wants == "name"  # the call, not earnings
    assert detect_intent("How much does the cargo bike weigh?").wants == "number"  # a mass, not a price
    assert detect_intent("How much does the cargo bike cost?").wants == "money"
    assert detect_intent("How far will it go on one charge?").wants == "number"


def test_a_weekday_or_a_time_of_day_says_when():
    when = detect_intent("When can I catch her in her office?")
    assert holds(when, "Office hours: Tuesdays 14:00–16:00 and Thursdays 10:00–11:00") > 0
    assert holds(when, "The shop opens at 9am") > 0
    assert holds(when, "Office: Ravensworth Building, room R2.14") == 0.0
    text = "| Module leader | Dr Helen Marsh | room R2.14 | Tuesdays 14:00–16:00 |\n"
    hits = [Hit(Chunk("c0", "handbook.md", "Handbook", "Staff", text, 0, len(text)), 1.0)]
    answer = ask_extractive("When are Helen Marsh's office hours?", hits)
    assert not answer.refused and "Tuesdays 14:00–16:00" in answer.text
