"""Known-answer tests for the pieces of retrieval and answering that need no model."""

from __future__ import annotations

import pytest

from assistant.citations import make_citation, numbers_in, quote_span, supports
from assistant.conversation import build_standalone_query, leans_on_history
from assistant.facts import holds
from assistant.intent import detect_intent
from assistant.searched import with_period_codes
from assistant.retrieval import rrf_fuse, split_question
from assistant.types import Turn
from ingest.lexical import tokenize
from ingest.units import plain, split_units
from ingest.types import Chunk


def test_rrf_on_hand_made_rankings():
    fused = rrf_fuse([[7, 3, 5], [3, 9]])
    assert [item for item, _ in fused] == [3, 7, 9, 5]
    assert fused[0][1] == pytest.approx(1 / 62 + 1 / 61)
    assert fused[1][1] == pytest.approx(1 / 61)
    assert fused[2][1] == pytest.approx(1 / 62)
    assert fused[3][1] == pytest.approx(1 / 63)


def test_rrf_with_one_empty_ranking_keeps_the_other_order():
    assert [i for i, _ in rrf_fuse([[], [4, 2, 8]])] == [4, 2, 8]


def test_tokenize_stems_and_folds_numbers_and_stopwords():
    assert tokenize("How many GPUs? 1,760% of the H100s") == ["mani", "gpu", "1760", "h100"]
    assert tokenize("Who's operating it? They're operational.") == ["oper", "oper"]
    assert tokenize("investors invested") == tokenize("investor invests")


def test_tokenize_keeps_accented_words_whole_and_folds_their_accents():
    # Names typed without their accents find the documents' spelling, and the other way round.
    assert tokenize("Zürich, Colón, Møller, Łódź") == ["zurich", "colon", "moller", "lodz"]
    assert tokenize("office in Zurich") == tokenize("office in Zürich")
    assert tokenize("Москва") == ["москва"]  # other scripts are words too, not nothing


def test_a_footnote_mark_is_no_part_of_its_word():
    # A table's "Weight² | Range¹" columns are found by "weight" and "range"; a power keeps its digit.
    assert tokenize("| Weight² | Range¹ |") == tokenize("| Weight | Range |")
    assert tokenize("x10⁶") == ["x10⁶"]


def test_standalone_query_carries_accented_names_whole():
    turns = [Turn("user", "Tell me about the treaty Martín Torrijos signed in Zürich.")]
    assert build_standalone_query("When was it signed?", turns) == "When was it signed? (Martín, Torrijos, Zürich, treaty)"


@pytest.mark.parametrize(
    ("question", "history", "expected"),
    [
        ("How much equity did they invest?", [("user", "Tell me about OpenAI's contract with CoreWeave")],
         "How much equity did they invest? (OpenAI, CoreWeave, contract)"),
        # its own year replaces the earlier one, which would pull 2023's passages
        ("And in 2024?", [("user", "What was the revenue in 2023?")], "And in 2024? (revenue)"),
        # a new subject with no pointer back stays as typed
        ("Where are the European data centers?", [("user", "Who is the CEO of CoreWeave?")],
         "Where are the European data centers?"),
        ("Who is the CEO?", [], "Who is the CEO?"),
        # "these days" set the time of the earlier question, not its subject
        ("Where did he work before?", [("user", "Who runs CoreWeave these days?")],
         "Where did he work before? (CoreWeave, runs)"),
    ],
)
def test_standalone_query(question, history, expected):
    turns = [Turn(role, text) for role, text in history]
    assert build_standalone_query(question, turns) == expected


def test_leans_on_history():
    assert leans_on_history("What about Lambda?")
    assert leans_on_history("Who founded it?")
    assert leans_on_history("How long did the run take?")  # names nothing of its own
    assert not leans_on_history("Who founded CoreWeave in New Jersey?")
    assert not leans_on_history("Where are the European data centers?")


def test_standalone_query_carries_what_the_last_reply_named_first():
    # "it" is what the reply named (Nebius), not the question's own subject ("them", the cheapest).
    turns = [Turn("user", "Which of them is the cheapest?"), Turn("assistant", "Nebius is typically the cheapest GPU cloud [1].")]
    assert build_standalone_query("What region is it focused on?", turns) == "What region is it focused on? (Nebius, GPU, cheapest)"
    # A reply opening with a common word carries only its names.
    turns = [Turn("user", "Did Cisco invest?"), Turn("assistant", "Yes, $650M in October 2024 [1].")]
    assert build_standalone_query("What came of that?", turns) == "What came of that? (October, Cisco, invest)"


def test_standalone_query_carries_a_name_in_code_that_opens_the_reply():
    turns = [Turn("user", "Which tool merges several profiles?"), Turn("assistant", "cg_merge reads profile files and merges them.")]
    assert build_standalone_query("Where does it write the result?", turns).startswith("Where does it write the result? (cg_merge")
    turns = [Turn("user", "How do I list the CPUs?"), Turn("assistant", "os.cpus() returns one object per core.")]
    assert "(os.cpus()" in build_standalone_query("What does it return on Windows?", turns)


def test_that_release_carries_the_release_number_the_reply_named():
    turns = [Turn("user", "Which release promoted DHAT?"), Turn("assistant", "In Valgrind 3.15.0; run it with --tool=dhat.")]
    assert build_standalone_query("Which options were removed in that release?", turns).startswith(
        "Which options were removed in that release? (3.15.0"
    )
    assert "3.15.0" not in build_standalone_query("What does it do?", turns)


def test_standalone_query_falls_back_to_the_assistant_reply():
    turns = [Turn("user", "and?"), Turn("assistant", "Michael Intrator is the CEO [1].")]
    assert build_standalone_query("What else did he do?", turns) == "What else did he do? (Michael, Intrator, CEO)"


def test_a_follow_up_keeps_its_own_period_and_finds_that_year_in_the_reply():
    turns = [Turn("user", "What's the backlog right now?"), Turn("assistant", "$55.6B as of Q3 2025 [1].")]
    # Its own quarter replaces the reply's Q3; "that year" is the reply's 2025; "right now" is no topic.
    assert build_standalone_query("And in the first quarter of that year?", turns) == (
        "And in the first quarter of that year? (backlog, 2025)"
    )
    assert build_standalone_query("And in Q1?", [Turn("user", "What was revenue in 2024?"), Turn("assistant", "$1.9B [1].")]) == (
        "And in Q1? (2024, revenue)"
    )
    assert build_standalone_query("And in 2023?", turns) == "And in 2023? (Q3, backlog)"


def test_spelled_out_quarters_get_the_code_documents_use():
    assert with_period_codes("revenue in the 2nd quarter and the first half of 2024") == (
        "revenue in the 2nd quarter (Q2) and the first half (H1) of 2024"
    )
    assert with_period_codes("the third half") == "the third half"  # no such code
    assert with_period_codes("a quarter of the fleet") == "a quarter of the fleet"


def test_a_year_or_quarter_is_not_an_amount():
    money, number = detect_intent("How much was revenue?"), detect_intent("How many sites are there?")
    assert holds(money, "October 2021: rebranded") == 0.0 and holds(money, "*Q3-Q4 2024:*") == 0.0
    assert holds(money, "Revenue: $1.9B in 2024") == 1.0 and holds(number, "33 sites in 2025") == 1.0
    assert holds(number, "Opened in 2025") == 0.0 and holds(detect_intent("When did it open?"), "Opened in 2025") > 0.0
    assert detect_intent("What is the dollar value of the contract?").wants == "money"


def test_a_number_in_words_is_a_number():
    count = detect_intent("How many times does it run by default?")
    assert holds(count, "the number of times through the loop, defaulting to one million") == 1.0
    assert holds(count, "It runs twice.") == 1.0 and holds(count, "Seven regions") == 1.0
    # "one" alone is mostly "one of …", and "someone", "often" and "tent" hold no number
    assert holds(count, "One of the loops runs first.") == 0.0 and holds(count, "someone often pitched a tent") == 0.0
    # … but "at most only one" counts
    crates = detect_intent("How many library crates can a package contain?")
    assert holds(crates, "as many binary crates as you like, but at most only one library crate") == 1.0


def test_a_digit_inside_a_name_is_not_an_amount():
    faster = detect_intent("How much faster does it run?")
    assert holds(faster, "It is found with the x86 CPUID instruction.") == 0.0
    assert holds(faster, "The H100 and GB200 systems.") == 0.0
    assert holds(faster, "The H100 runs 2x faster.") == 1.0 and holds(faster, "about 30% faster") == 1.0
    assert holds(faster, "The internal block size of SHA3_256.") == 0.0


def test_a_measure_asks_for_a_figure():
    assert detect_intent("What is the internal block size of SHA3-256?").wants == "number"
    assert detect_intent("What is the default delay, in milliseconds?").wants == "number"
    assert detect_intent("What is the length of the contract?").wants != "number"  # a length of time, or of words
    assert detect_intent("What is the maximum length of a cache key?").wants == "number"
    # A rate, a limit or a cap is a figure: a line saying when it will be set gives none.
    assert detect_intent("What's the nightly hotel limit in Leeds?").wants == "number"
    assert detect_intent("What will the mileage rate for cars be in 2026?").wants == "number"
    assert detect_intent("What is the rate of growth?").wants == "number"
    assert detect_intent("Which rate applies to bicycles?").wants != "number"
    # So are timeouts, capacities, exit statuses and compression levels; a logger's level is a name.
    assert detect_intent("What default connection timeout does pip use behind a proxy?").wants == "number"
    assert detect_intent("What exit status does it return when it fails?").wants == "number"
    assert detect_intent("What compression level does deflate use if I don't give one?").wants == "number"
    assert detect_intent("What level is the root logger created with?").wants != "number"


def test_a_sum_of_money_is_no_answer_to_how_many():
    count = detect_intent("How many GPUs does it have?")
    assert count.counts and holds(count, "250,000 GPUs deployed") == 1.0
    assert holds(count, "Capacity Agreement: $6.3B through 2032") == 0.0
    assert holds(count, "2 million GPUs across 30 sites") == 1.0
    assert holds(count, "2 million GPUs") == 0.5  # a count, or a sum written without its sign
    assert holds(detect_intent("How large is the contract?"), "$6.3B through 2032") == 1.0
    # a release, a section number or a manual page's section is no amount
    slower = detect_intent("How many times slower does a program run with --track-origins=yes?")
    assert holds(slower, "As of 3.4.0, try using the --track-origins=yes option.") == 0.0
    assert holds(slower, "7.6.3.2 PBKDF2-HMAC-SHA256: derive a key") == 0.0
    assert holds(slower, "It runs 2 to 4 times slower.") == 1.0
    retry = detect_intent("How long should a frontend keep retrying?")
    assert holds(retry, "These locks must be file record locks (i.e. fcntl(2) advisory locking).") == 0.0
    assert holds(retry, "Retry for 120 seconds, then give up.") == 1.0


def test_intent_detection():
    assert detect_intent("How much did Cisco invest?").wants == "money"
    # "how much" of a thing asks for a quantity; "how much revenue" and "how much cheaper" ask for money
    assert detect_intent("How much memory does each one have?").wants == "number"
    assert detect_intent("How much revenue did it make?").wants == "money"
    assert detect_intent("How much cheaper is it?").wants == "money"
    assert detect_intent("What share of total revenue will it reach?").wants == "percent"  # names money, asks a share
    assert detect_intent("How much of a discount do reserved contracts get?").wants == "money"
    # "what does it charge" asks a price; "in charge" and "the charge controller" do not
    assert detect_intent("What does Acme charge per terabyte per month?").wants == "money"
    assert detect_intent("Who is in charge of sales?").wants == "person"
    assert detect_intent("What does the charge controller do?").wants == "other"
    # a plural after one more word asks for a list; a verb ending in -s does not
    assert detect_intent("Which other neoclouds does it compete with?").is_list
    assert detect_intent("What are Acme's competitive moats?").is_list
    assert not detect_intent("Which function pushes a value onto the heap?").is_list
    assert detect_intent("What time units can Massif use?").is_list and detect_intent("What options does it take?").is_list
    assert not detect_intent("What does it return?").is_list and not detect_intent("What address does it use?").is_list
    assert not detect_intent("Which randomness generator does the manual recommend?").is_list  # "-ness" is no plural
    # "who are" asks for people where it opens the question; after a noun it only relates
    assert detect_intent("Who are the co-founders?").is_list and detect_intent("And who were its founders?").is_list
    assert not detect_intent("For staff who are off sick for a year, how does the pay compare with the legal minimum?").is_list
    # "Which command do I run …?" asks for a way, as "How do I …?" does: a command line answers it
    assert detect_intent("Which manage.py command do I run to create the table?").how_to
    assert not detect_intent("Which command creates the table?").how_to
    assert detect_intent("When did the IPO happen?").wants == "date"
    assert detect_intent("Who founded it, and when did it open?").wants == "date"
    # mid-sentence "when" says in which case, it does not ask for a date
    assert detect_intent("Which exception is raised when a key is missing?").wants == "name"
    assert detect_intent("What was it valued at when Cisco invested?").wants == "money"
    assert detect_intent("Do you know when the company was founded?").wants == "date"
    assert detect_intent("How many data centers are there?").wants == "number"
    assert detect_intent("Who are the co-founders?").is_list
    assert detect_intent("How does H100 compare with H200?").is_comparison
    assert detect_intent("What was revenue in 2024?").years == {"2024"}


CHUNK_TEXT = """**H200 HGX (141GB HBM3e)**
- **Memory:** 141GB HBM3e (vs H100's 80GB) - 76% more capacity
- **Performance:**
  - 1.9x higher inference
  - 33,000 tokens/second
CoreWeave was founded in 2017. It pivoted in 2019 vs. crypto."""


def _chunk(text: str = CHUNK_TEXT, start: int = 100) -> Chunk:
    return Chunk("c1", "doc.md", "Doc", "Products > H200 HGX (141GB HBM3e)", text, start, start + len(text))


def _shown(text: str) -> list[str]:
    """The units of a chunk holding `text`, as the answer would show them."""
    return [u.display for u in split_units(_chunk(text), rank=0)]


def test_units_are_exact_spans_with_labels_and_blocks():
    chunk = _chunk()
    document = " " * chunk.start + chunk.text
    units = split_units(chunk, rank=0)
    # the bare '- **Performance:**' bullet is a label for the two below it, not a unit
    assert [u.kind for u in units] == ["bullet", "bullet", "bullet", "sentence", "sentence"]
    for unit in units:
        assert document[unit.start : unit.end] == unit.text
    assert units[0].label == "" and units[1].label == units[2].label == "Performance"
    assert units[1].block == units[2].block != units[0].block
    assert units[3].text == "CoreWeave was founded in 2017."
    assert plain(units[0].text) == "Memory: 141GB HBM3e (vs H100's 80GB) - 76% more capacity"


def test_a_whole_line_in_bold_or_italics_heads_the_lines_under_it():
    text = "*Q1 2025:*\n- **Backlog:** $25.9B\n__Notes__\nThe backlog grew."
    units = split_units(_chunk(text), rank=0)
    assert [u.text for u in units] == ["- **Backlog:** $25.9B", "The backlog grew."]


def test_citation_quote_is_the_document_span():
    chunk = _chunk()
    document = " " * chunk.start + chunk.text
    start, end = quote_span("Performance is 33,000 tokens/second", chunk)
    citation = make_citation(1, chunk, start, end)
    assert citation.quote == document[citation.start : citation.end] == "- 33,000 tokens/second"


def test_support_checks_numbers_and_key_words():
    chunk = _chunk()
    assert supports("The H200 HGX has 141GB HBM3e memory [1]", chunk)
    assert not supports("The H200 HGX has 192GB HBM3e memory [1]", chunk)  # a number not in the passage
    assert not supports("Revenue tripled thanks to sovereign clients in Brazil", chunk)
    assert numbers_in("$1,200/month and 2.5x") == {"1200", "2.5"}


def test_plain_drops_paired_emphasis_but_keeps_code():
    assert plain("- **Founded:** 2017 and *early*") == "Founded: 2017 and early"
    assert plain("usually 2**31 - 1 on 32-bit and 2**63 - 1 on 64-bit") == "usually 2**31 - 1 on 32-bit and 2**63 - 1 on 64-bit"
    assert plain("the `__missing__(key)` call") == "the __missing__(key) call"
    assert plain("#### 2. Reserved Contracts") == "Reserved Contracts"
    # HTML inside Markdown shows without its tags; code and names in angle brackets keep theirs.
    assert plain("<td><code>PRIORITY_LOW</code></td><td>The lowest priority.</td>") == "PRIORITY_LOW The lowest priority."
    assert plain("Wrap it in a `<div>` element, see <MIME>/globs2; a < b") == "Wrap it in a <div> element, see <MIME>/globs2; a < b"


WRAPPED = """  Notwithstanding any other provision of this License, you may
convey the work if you cure the violation prior to 30 days after
your receipt of the notice. Otherwise the license ends.

Name: Acme
Founded: 2001
- A bullet whose text runs past the width of the page and so goes on
  to a second line.
```
result = compute(first_argument, second_argument, third_argument, x
    more = 1)
```
"""


def test_a_wrapped_paragraph_or_bullet_is_one_unit():
    chunk = _chunk(WRAPPED)
    document = " " * chunk.start + chunk.text
    units = split_units(chunk, rank=0)
    for unit in units:
        assert document[unit.start : unit.end] == unit.text
    shown = [u.display for u in units]
    assert shown[:2] == [
        "Notwithstanding any other provision of this License, you may convey the work if you cure the "
        "violation prior to 30 days after your receipt of the notice.",
        "Otherwise the license ends.",
    ]
    # short "Key: value" lines stand alone; a bullet takes its wrapped second line
    assert shown[2:5] == [
        "Name: Acme",
        "Founded: 2001",
        "A bullet whose text runs past the width of the page and so goes on to a second line.",
    ]
    # code keeps its lines
    assert "more = 1)" in shown


def test_a_chunk_starting_mid_line_joins_its_first_line():
    # The chunk starts after "…of the notice. " on a wrapped line: its first line is short.
    text = "If You\n      institute patent litigation against any entity (including a\n      cross-claim), your licenses end."
    units = split_units(_chunk(text), rank=0)
    assert [u.display for u in units] == [
        "If You institute patent litigation against any entity (including a cross-claim), your licenses end."
    ]


def test_lettered_items_with_blank_lines_between_are_one_list():
    text = "Conditions:\n\n   (a) Give a copy; and\n\n   (b) Keep the notices, stating that you changed\n       the files; and\n\n   c) Retain the source."
    units = split_units(_chunk(text), rank=0)
    items = [u for u in units if u.kind == "bullet"]
    assert [u.display for u in items] == [
        "Give a copy; and",
        "Keep the notices, stating that you changed the files; and",
        "Retain the source.",
    ]
    assert len({u.block for u in items}) == 1


def test_a_wrapped_line_starting_with_a_number_continues_the_sentence():
    text = (
        "    b) The work must carry notices stating that it is released under this License\n"
        "    and any further conditions that were added under section\n"
        "    7. This requirement modifies section 4.\n"
        "1. Open the case and take out the old part, keeping the screws in a safe place\n"
        "2. Insert the new part."
    )
    shown = _shown(text)
    assert shown[0] == (
        "The work must carry notices stating that it is released under this License and any further "
        "conditions that were added under section 7. This requirement modifies section 4."
    )
    assert shown[1:] == ["Open the case and take out the old part, keeping the screws in a safe place", "Insert the new part."]


def test_may_the_verb_is_no_month():
    when = detect_intent("When will the next version be released?")
    assert holds(when, "The Foundation may publish new versions from time to time.") == 0.0
    assert holds(when, "Released in May 2024.") == 1.0
    assert holds(when, "released 3 may 2024") == 1.0


def test_a_wrapped_bullet_may_break_after_a_parenthesis():
    text = "- Remove the dummy certificate, then copy your local root CA certificate(s)\n  in PEM format to the local/ directory.\nresult = check(a, b)\nnext_line()"
    shown = _shown(text)
    assert shown[0] == "Remove the dummy certificate, then copy your local root CA certificate(s) in PEM format to the local/ directory."
    assert shown[1:] == ["result = check(a, b)", "next_line()"]


def test_a_wrapped_line_naming_an_option_with_its_value_is_prose():
    text = (
        "- The default value for --conflict-cache-size=N has been doubled to\n"
        "2000000. Users that were not using the default value should\n"
        "preferably also double the value they give.\n"
        "config = load(path, strict=True)\n"
        "print(config)"
    )
    shown = _shown(text)
    assert shown[0].startswith("The default value for --conflict-cache-size=N has been doubled to 2000000. Users")
    assert shown[-2:] == ["config = load(path, strict=True)", "print(config)"]


def test_wrapped_markdown_may_break_after_code_or_a_link():
    text = (
        "Node.js can be told to read a particular file as an ES module by naming it with an `.mjs`\n"
        "extension, as the [packages][] page says in its section on [determining the module system][]\n"
        "for a file.\n"
        "logging.info('Sample message about the current state of the service and its workers')\n"
        "return the value"
    )
    shown = _shown(text)
    assert shown[0].endswith("as the packages page says in its section on determining the module system for a file.")
    assert shown[1:] == ["logging.info('Sample message about the current state of the service and its workers')", "return the value"]


def test_wrapped_markdown_naming_code_in_backticks_is_prose():
    text = (
        "The `path.relative()` method returns the relative path from `from` to `to` based\n"
        "on the current working directory. If `from` and `to` each resolve to the same\n"
        "path (after calling `path.resolve()` on each), a zero-length string is returned.\n\n"
        "* `delay` {number} The number of milliseconds to wait before calling the\n"
        "  `callback`. **Default:** `1`.\n"
    )
    shown = _shown(text)
    assert shown == [
        "The path.relative() method returns the relative path from from to to based on the current working directory.",
        "If from and to each resolve to the same path (after calling path.resolve() on each), a zero-length string is returned.",
        "delay {number} The number of milliseconds to wait before calling the callback. Default: 1.",
    ]
    # A short line runs on when the next starts lower case inside a link: the link did not fit.
    link = "* `captureRejections` {boolean} It enables\n  [automatic capturing of promise rejection][capture].\n"
    assert _shown(link) == [
        "captureRejections {boolean} It enables automatic capturing of promise rejection."
    ]
    # A line ending in "the", "of", "to" … runs on, however short: the sentence cannot end there.
    short = "    conveying of source, or (2) access to copy the\n    Corresponding Source from a server.\n"
    assert _shown(short) == [
        "conveying of source, or (2) access to copy the Corresponding Source from a server."
    ]
    # A line of code still stands alone: "if (x) {" opens a block, "total = 1" assigns.
    code = "Some words that run on to about the width of a wrapped line of text, if (x) {\n  total = 1\n"
    assert len(split_units(_chunk(code), rank=0)) == 2


def test_fenced_code_lines_are_code_units_and_the_fences_are_none():
    text = "For example:\n\n```js\npath.dirname('/foo/bar');\n// Returns: '/foo'\n```\n\nThat is all."
    units = split_units(_chunk(text), rank=0)
    assert [(u.kind, u.display) for u in units] == [
        ("sentence", "For example:"),
        ("code", "path.dirname('/foo/bar');"),
        ("code", "// Returns: '/foo'"),
        ("sentence", "That is all."),
    ]
    assert units[1].block == units[2].block != units[0].block
    # A chunk that starts inside a code block knows it: its lines up to the closing fence are code.
    inside = Chunk("c1", "doc.md", "Doc", "S", "x = compute(1)\nprint(x)\n```\n\nThen it prints.", 0, 44, in_code=True)
    assert [u.kind for u in split_units(inside, rank=0)] == ["code", "code", "sentence"]


def test_a_condition_or_a_relative_pronoun_is_not_what_is_asked():
    # A condition before the question proper: the main clause says what is wanted.
    leak = detect_intent("When Node.js warns about a memory leak, which additional properties does the warning carry?")
    assert leak.wants == "name" and leak.is_list
    assert detect_intent("If the cloud giants fight back, what revenue would it make by 2030?").wants == "money"
    assert detect_intent("When did it IPO, and what was the price?").wants == "date"
    # "whose" and "who" mid-sentence relate; opening the question or after "know" they ask.
    assert detect_intent("What happens if I refresh a timer whose callback has already run?").wants == "other"
    assert detect_intent("Whose storage does it run?").wants == "person"
    assert detect_intent("Do you know who the CEO is?").wants == "person"


def test_statements_before_the_question_are_its_context():
    from assistant.facts import holds
    from assistant.intent import asked_sentence

    flag = detect_intent("By default cargo test hides the output. Which flag makes it show that output too?")
    assert flag.wants == "name" and holds(flag, "Run it with the --show-output flag.") == 1.0
    assert detect_intent("I have a file path as a string. How do I get its folder?").how_to
    assert detect_intent("And how do I add elements to it afterwards?").how_to
    # A dot inside a name ("path.dirname()", "Node.js") ends no sentence.
    assert asked_sentence("What does path.dirname() return in Node.js?") == "What does path.dirname() return in Node.js?"


def test_a_word_starting_with_list_asks_for_no_list():
    assert not detect_intent("What happens if no listener is registered for 'error'?").is_list
    assert detect_intent("List the co-founders.").is_list and detect_intent("Can you enumerate them?").is_list


def test_a_how_to_question_asks_for_a_way_not_a_figure():
    way = detect_intent("How can my program find out how many tasks it should run at once?")
    assert way.wants == "other" and not way.counts
    assert detect_intent("How do I cut the cost of training?").wants == "other"
    assert detect_intent("How many tasks should it run at once?").counts


def test_ie_and_eg_written_without_their_inner_stop_end_no_sentence():
    shown = _shown('The "grind" is said with a short \'i\' -- ie. "grinned" rather than "grined". It is not short for anything.')
    assert shown == ['The "grind" is said with a short \'i\' -- ie. "grinned" rather than "grined".', "It is not short for anything."]
    assert len(_shown("Use a compiler class (eg. MSVCCompiler) here. Then link.")) == 2


def test_a_title_before_a_name_ends_no_sentence():
    shown = _shown("We have four directors here, Margo Lindqvist, Dr. Helen Akiyama and Victor Reyes. Mr. Haines joins them.")
    assert shown == ["We have four directors here, Margo Lindqvist, Dr. Helen Akiyama and Victor Reyes.", "Mr. Haines joins them."]


def test_a_second_part_may_open_with_a_preposition():
    assert split_question("Which firm buys the spare capacity, and for which of its services would it use it?") == [
        "Which firm buys the spare capacity",
        "for which of its services would it use it?",
    ]
    assert split_question("Who founded it and when?") == ["Who founded it and when?"]


def test_a_number_word_meets_its_figure():
    from assistant.wordforms import match_key, with_forms

    assert match_key(tokenize("two")[0]) == match_key("2")
    assert match_key(tokenize("one")[0]) == "one"  # as often a pronoun as a number
    assert "2" in with_forms("its top two customers", tokenize("its top two customers"), {"2", "top"})


def test_prose_naming_a_call_wraps_as_prose_and_a_bare_call_is_still_code():
    text = (
        "The lazy match evaluation is also subject to a runtime parameter. If\n"
        "the current match is long enough, deflate() reduces the search for a longer\n"
        "match, thus speeding up the whole process.\n"
        "\n"
        "When you are done with the stream, release its memory by calling this\n"
        "deflateEnd()\n"
    )
    shown = _shown(text)
    assert shown[1] == "If the current match is long enough, deflate() reduces the search for a longer match, thus speeding up the whole process."
    assert shown[-1] == "deflateEnd()"  # a line of its own, not run into the sentence above


def test_an_item_ending_in_a_colon_takes_its_value_from_the_next_line_at_its_text_column():
    text = (
        "- The gray list of tolerated bytecodes:\n"
        "  7 (BEL), 8 (BS), 11 (VT), 12 (FF), 26 (SUB), 27 (ESC).\n"
        "- To build it:\n"
        "      make all\n"
    )
    shown = _shown(text)
    assert shown[0] == "The gray list of tolerated bytecodes: 7 (BEL), 8 (BS), 11 (VT), 12 (FF), 26 (SUB), 27 (ESC)."
    assert shown[1:] == ["To build it:", "make all"]  # indented past the item's text: a block of its own
