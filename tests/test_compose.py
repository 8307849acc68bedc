"""Known-answer tests for composing answers from more than the single best unit."""

from __future__ import annotations

import pytest

from fakes import ask_extractive

from assistant.compose import acronyms, follow_on, written_out
from assistant.counted import counted_block
from assistant.lists import asked_count, counted_list, enumerated_items, inline_list
from assistant.intent import detect_intent
from assistant.scoring import Scored
from assistant.terms import is_term, spelled_out, with_definition, with_heading_name, with_term
from assistant.types import Hit
from ingest.types import Chunk
from ingest.units import split_units

GLOSSARY = "GIL\n\nSee global interpreter lock.\n\nglobal interpreter lock\n\nThe mechanism used by CPython."


def _chunk(text: str, row: int = 0, section: str = "Glossary") -> Chunk:
    return Chunk(f"c{row}", "doc.md", "Acme report", section, text, row * 1000, row * 1000 + len(text))


def _scored(*pairs: tuple[str, float], section: str = "S") -> list[Scored]:
    """One chunk per line of text, each unit scored as given."""
    out = []
    for row, (text, score) in enumerate(pairs):
        unit = split_units(_chunk(text, row, section), row)[0]
        out.append(Scored(unit, score, 0.5))
    return out


def _ask(question: str, hits: list[Hit]):
    return ask_extractive(question, hits)


def test_a_bare_term_line_is_answered_with_the_paragraph_under_it():
    term = split_units(_chunk(GLOSSARY), 0)[0]
    assert is_term(term, "What does GIL stand for?")
    unit = with_definition(term, "What does GIL stand for?")
    assert (unit.label, unit.display) == ("GIL", "See global interpreter lock.")
    assert GLOSSARY[unit.start : unit.end] == "See global interpreter lock."  # the citation's exact span


def test_a_line_saying_more_than_the_question_is_no_term():
    unit = split_units(_chunk("Cut training time in half\n\nAnother line."), 0)[0]
    assert not is_term(unit, "How much training time was cut?")
    assert with_definition(unit, "How much training time was cut?") is unit


def test_the_definition_is_one_paragraph_however_many_sentences():
    text = "os.cpu_count()\n\nReturn the number of CPUs. Returns None if undetermined.\n\nos.ctermid()"
    unit = with_definition(split_units(_chunk(text), 0)[0], "What does os.cpu_count() return?")
    assert unit.display == "Return the number of CPUs. Returns None if undetermined."


def test_the_answerer_quotes_the_definition_under_the_term():
    answer = _ask("What does GIL stand for?", [Hit(_chunk(GLOSSARY), 1.0)])
    assert not answer.refused
    assert answer.text.startswith("GIL: See global interpreter lock.")


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("**Credit Line (October 2024):** $650M from Goldman Sachs, JPMorgan, Morgan Stanley", 3),
        ("Native integration: Slurm (HPC), KubeFlow (ML pipelines), KServe (inference), Ray", 4),
        ("Sweden, Norway and Spain", 3),
        ("October: investment at $23B valuation, $650M credit line from major banks", 1),
        ("Example: $2.39/hour (~$1,200/month if run 24/7)", 1),  # a thousands comma is no list
        ("Three zonal controllers (west, east, south) plus core compute replace 17 ECUs", 3),  # a list in brackets
        ("It takes one argument (voltage)", 1),
        # One list keeps to one separator, and in brackets only names of a word or two count: a
        # person's description lists nothing (six pieces in all).
        ("Ann Lee - COO (B.Sc. in chemistry, McGill University; MBA, Harvard Business School 2009; roles at Google and Toshiba)", 1),
        ("Kenneth Chien - Scientific co-founder (cardiovascular biologist, then at Harvard, later Karolinska Institutet)", 1),
        ("Tiered storage (hot NVMe, warm SSD, cold HDD/object) for cost optimization", 3),
    ],
)
def test_enumerated_items(text, items):
    assert enumerated_items(text) == items


def test_a_list_question_takes_a_near_line_naming_the_items():
    scored = _scored(("- October: $650M credit line from major banks", 0.63), ("- Credit line: from Goldman Sachs, JPMorgan, Morgan Stanley", 0.55))
    assert inline_list(scored).display.endswith("Morgan Stanley")
    # not when it is much weaker than the best line
    assert inline_list(_scored(("- banks", 0.9), ("- A, B, C", 0.5))) is None
    # Of two near lines, the one listing more items: "and" also joins clauses, not only items.
    fields = _scored(
        ("On Windows, the uid and gid fields are -1, and shell is null.", 0.66),
        ("The returned object includes the username, uid, gid, shell, and homedir.", 0.61),
    )
    assert inline_list(fields).display.startswith("The returned object includes")


def test_a_line_announcing_how_many_items_it_lists_counts_them_though_they_run_long():
    announced = (
        "There are three possibilities: instructions executed (i), which is good for most cases; real (wallclock) time "
        "(ms, i.e. milliseconds), which is sometimes useful; and bytes allocated/deallocated on the heap and/or stack (B), "
        "which is useful for very short-run programs, and for testing purposes.",
        0.55,
    )
    other = ("Ann Lee - COO (previously at Google and Toshiba)", 0.6)
    assert inline_list(_scored(other, announced)).display.startswith("There are three possibilities")


def test_a_line_announcing_its_list_is_taken_from_further_down():
    lines = [(f"Memcheck tracks origin number {i}.", 0.66 - i * 0.01) for i in range(5)]
    announced = ("An origin can be one of the following four places: a heap block, a stack allocation, a client request.", 0.6)
    plain = ("It takes one argument (voltage) and three others (state, action, and type).", 0.6)
    assert "four places" in inline_list(_scored(*lines, announced)).display
    assert inline_list(_scored(*lines, plain)) is None  # an unannounced list that far down is likely about something else


def test_a_list_question_asking_for_a_number_of_items_gets_a_list_that_long():
    assert asked_count("Which three sites did it cut off?") == 3
    assert asked_count("What are the 2 reasons?") == 2
    assert asked_count("Which sites did it cut off?") is None
    text = (
        "Three terminations shaped its public identity:\n"
        "- **The Daily Stormer (August 16, 2017):** Terminated after the founder made the call\n"
        "- **8chan (August 5, 2019):** Terminated after the site was linked to the El Paso, Christchurch and Poway shootings\n"
        "- **Kiwi Farms (September 3, 2022):** Terminated after an escalation of targeted threats\n"
    )
    answer = _ask("Which three sites did it cut off in its best-known terminations?", [Hit(_chunk(text, section="Content Policy"), 1.0)])
    # Not the best line alone, which names three cities of its own in a row.
    assert all(site in answer.text for site in ("Daily Stormer", "8chan", "Kiwi Farms"))
    # A near line with that many items in a row is no such list: "~1 every 2-3 years" is not two countries.
    lines = _scored(
        ("- Asia-Pacific: Japan and China as the main international growth engines; Korea and Taiwan as steady", 0.67),
        ("- New Countries: new country entries will be rare, ~1 every 2-3 years", 0.53),
    )
    assert counted_list(lines, 2, lambda unit, scored: [unit]) == []
    # A line saying how many it lists, and naming that many after its colon, is the list, however long its items.
    factors = _scored(
        ("Revenue rose from $152.70B in fiscal 2019 to $254.45B in fiscal 2024.", 0.65),
        ("Growth came from three sources in roughly equal measure: new warehouses, higher sales in existing warehouses, and inflation.", 0.47),
    )
    assert counted_list(factors, 3, lambda unit, scored: [unit])[0].display.startswith("Growth came from three sources")
    assert counted_list(factors, 2, lambda unit, scored: [unit]) == []  # three named, two asked


def test_a_list_answer_names_its_head_once():
    text = "**Credit Line:**\n- **Lenders:** Goldman Sachs, JPMorgan, Morgan Stanley\n- **Size:** $650M"
    answer = _ask("Which banks provided the credit line?", [Hit(_chunk(text, section="Funding > Credit Line"), 1.0)])
    assert "Goldman Sachs, JPMorgan, Morgan Stanley" in answer.text and "$650M" not in answer.text


def test_a_second_part_pointing_back_prefers_the_first_answers_topic():
    first = split_units(_chunk("- Cut training time in half", 0, "Customers > Mistral > Use Case"), 0)[0]
    scored = _scored(("- Kentucky: Regional expansion", 0.43), ("- Validates the EU expansion", 0.33), section="Customers > Mistral > Importance")
    scored[0] = Scored(split_units(_chunk("- Kentucky: Regional expansion", 5, "Sites > US"), 5)[0], 0.43, 0.5)
    assert follow_on("which expansion does it help validate?", scored, [first]).display == "Validates the EU expansion"
    # without a word pointing back, the best unit stands
    assert follow_on("which expansion is planned?", scored, [first]).display == "Kentucky: Regional expansion"
    # the line already in the answer answers this part best too: nothing is added
    assert follow_on("which expansion is planned?", scored, [scored[0].unit]) is None
    # nor when no line says any of the part's words ("…, and on which exchange?")
    unsaid = [Scored(s.unit, s.score, 0.0) for s in scored]
    assert follow_on("on which exchange?", unsaid, [first]) is None


def test_a_second_part_asking_for_a_figure_the_first_line_lacks_takes_a_line_with_one():
    first = split_units(_chunk("- Email Security (from Area 1 Security, April 2022): phishing defense", 0, "Products"), 0)[0]
    scored = [Scored(first, 0.6, 0.6), *_scored(("- February 2022: Announced acquisition of Area 1 Security for ~$162M", 0.5), section="Timeline")]
    part = "how much did it pay for it?"
    assert follow_on(part, scored, [first], detect_intent(part)).display.endswith("~$162M")
    assert follow_on(part, scored, [first]) is None  # without the part's intent: the first line answers it best


def test_an_acronym_counts_as_said_where_it_is_written_out():
    pairs = acronyms("Where are Acme's UK data centers?")
    assert pairs == [("UK", "uk")]
    assert written_out(pairs, "United Kingdom: 2 facilities (Crawley, London Docklands)") == {"uk"}
    assert written_out(pairs, "Focus: US (28 data centers), Nordic") == set()


API_ENTRY = "heapq.heappush(heap, item)\n\nPush the value item onto the heap, maintaining the heap invariant.\n\nheapq.heappop(heap)\n\nPop and return the smallest item from the heap."


def test_a_which_question_names_the_term_above_the_answering_paragraph():
    push = split_units(_chunk(API_ENTRY), 0)[1]
    unit = with_term(push, "Which function pushes a value onto the heap?")
    assert unit.label == "heapq.heappush(heap, item)"
    assert API_ENTRY[unit.start : unit.end] == push.text  # the quote stays the paragraph itself


def test_the_term_is_left_out_when_no_name_is_asked_or_the_line_gives_a_value():
    push = split_units(_chunk(API_ENTRY), 0)[1]
    assert with_term(push, "How is a value pushed onto the heap?") is push
    sourced = split_units(_chunk("Source code: Lib/pdb.py\n\nThe module pdb defines a debugger."), 0)[1]
    assert with_term(sourced, "Which module is the debugger?") is sourced


def test_the_answerer_quotes_the_name_with_its_description():
    answer = _ask("Which function pushes a value onto the heap?", [Hit(_chunk(API_ENTRY), 1.0)])
    assert answer.text.startswith("heapq.heappush(heap, item): Push the value item onto the heap")


COUNTER = (
    "Several operations are provided for combining Counter objects.\n\n"
    "class collections.Counter([iterable-or-mapping])\n\n"
    "A Counter is a dict subclass for counting hashable objects.\n\n"
    "Counter objects support additional methods."
)


def test_what_is_x_is_answered_by_the_paragraph_under_x_s_entry():
    answer = _ask("What is collections.Counter?", [Hit(_chunk(COUNTER), 1.0)])
    assert "A Counter is a dict subclass for counting hashable objects." in answer.text
    assert answer.text.startswith("class collections.Counter([iterable-or-mapping]): ")


def test_an_entry_heading_for_another_thing_is_no_term():
    heading = split_units(_chunk(COUNTER), 0)[1]
    assert is_term(heading, "What is collections.Counter?")
    assert not is_term(heading, "What is collections.OrderedDict?")
    assert not is_term(heading, "How do I count hashable objects?")


def test_an_acronym_is_answered_where_it_is_written_out():
    scored = _scored(
        ("Native integration: Slurm (HPC), KubeFlow (ML pipelines)", 0.9),
        ("Efficiency: 50% model FLOPS utilization (MFU) on large runs", 0.5),
    )
    assert spelled_out(scored, "What does MFU mean?").text.startswith("Efficiency: 50% model FLOPS")
    assert spelled_out(scored, "What does HPC stand for?") is None  # "Slurm (HPC)" does not spell it
    assert spelled_out(scored, "What does the report say about MFU?") is None


def test_a_mixed_case_short_form_is_answered_where_a_sentence_spells_it_out():
    from assistant.searched import with_abbreviation_word

    scored = _scored(
        ("Imagine Rc<T> as a TV in a family room.", 0.9),
        ("You enable multiple ownership with the type Rc<T>, which is an abbreviation for reference counting.", 0.5),
    )
    assert "reference counting" in spelled_out(scored, "What does Rc stand for?").text
    assert spelled_out(scored, "What does TV stand for?") is None
    # Documents say "abbreviation for" where people ask what it stands for: the search says it too.
    assert with_abbreviation_word("What does Rc stand for?") == "What does Rc stand for? (abbreviation)"


def test_an_acronym_written_out_in_a_heading_labels_the_line_under_it():
    scored = _scored(("- Purpose-built for AI workloads", 0.9), section="Platform > Acme Kubernetes Service (AKS) > Design")
    unit = spelled_out(scored, "What does AKS stand for?")
    assert unit.label == "Acme Kubernetes Service (AKS)"


def test_a_how_to_question_names_the_function_whose_signature_heads_the_paragraph():
    entry = "shutil.copytree(src, dst, symlinks=False, ignore=None, copy_function=copy2, dirs_exist_ok=False)\n\nRecursively copy an entire directory tree rooted at src."
    paragraph = split_units(_chunk(entry), 0)[1]
    unit = with_term(paragraph, "How do I recursively copy a directory tree with shutil?")
    assert unit.label.startswith("shutil.copytree(src, dst")


def test_a_which_question_takes_the_name_from_the_heading_when_the_line_has_none():
    text = "**Use Case:**\n- Cut training time in half using Acme infrastructure\n"
    chunk = Chunk("c0", "doc.md", "Acme report", "Customers > Customer Case Studies > Mistral AI - European AI > Use Case", text, 0, len(text))
    line = split_units(chunk, 0)[0]
    named = with_heading_name(line, "Which customer halved its training time on Acme?")
    assert named.label == "Mistral AI - European AI"
    # A heading whose parent does not name the kind asked for is not taken for the answer.
    other = Chunk("c1", "doc.md", "Acme report", "Outlook > Competitive Position Analysis", "- Acme targets enterprises\n", 0, 26)
    assert with_heading_name(split_units(other, 0)[0], "Which industry verticals is Acme targeting?").label == ""


CONDITIONS = """Redistribution. You may distribute copies of the Work provided that You meet the
following conditions:

   (a) You must give any other recipients of the Work a copy of this License; and

   (b) You must cause any modified files to carry prominent notices stating that You
       changed the files; and

   (c) You must retain all copyright notices from the Source form of the Work.

You may add Your own copyright statement to Your modifications."""


def test_a_line_introducing_a_list_is_answered_with_its_items():
    hits = [Hit(_chunk(CONDITIONS, section="Terms"), 1.0)]
    answer = _ask("What must I do when I distribute copies of the Work?", hits)
    lines = answer.text.splitlines()
    assert lines[0].endswith("following conditions: [1]")
    assert [line.split(" You must")[0] for line in lines[1:]] == ["-", "-", "-"]
    assert "prominent notices stating that You changed the files" in lines[2]
    assert "own copyright statement" not in answer.text


def test_a_sentence_leaning_on_the_best_one_comes_with_it():
    text = (
        "If your program is a subroutine library, you may consider it more useful to permit linking "
        "proprietary applications with the library. If this is what you want to do, use the Lesser "
        "License instead. Thank you for reading.\n\nThis paragraph is about something else."
    )
    answer = _ask("Should I permit linking proprietary applications with my subroutine library?", [Hit(_chunk(text), 1.0)])
    assert "use the Lesser License instead." in answer.text
    assert "Thank you" not in answer.text and "something else" not in answer.text


def test_a_sentence_leaning_back_to_introduce_a_list_does_not_come_alone():
    # "This means:" says nothing without the bullets under it.
    text = (
        "To support a growable piece of text, we need to allocate memory on the heap to hold the contents. "
        "This means:\n\n- The memory must be requested at runtime.\n\n- It must be returned when done."
    )
    answer = _ask("Why do we need to allocate memory on the heap for growable text?", [Hit(_chunk(text), 1.0)])
    assert "allocate memory on the heap" in answer.text
    assert "This means" not in answer.text


def test_a_line_of_code_out_of_its_block_supports_nothing():
    text = (
        "Use path.dirname() to read the directory name.\n\n"
        "```\n// get the directory name of a path\n```\n"
    )
    answer = _ask("How do I get the directory name of a path?", [Hit(_chunk(text), 1.0)])
    assert answer.text.startswith("Use path.dirname()") and "//" not in answer.text, answer.text


def test_a_how_to_question_keeps_the_statement_of_code_beside_its_prose():
    text = "The node:os module provides operating system utility methods.\n\n```js\nimport os from 'node:os'; // the os module\n```\n"
    answer = _ask("How do I import the os module?", [Hit(_chunk(text, section="Importing"), 1.0)])
    assert 0 <= answer.text.find("The node:os module") < answer.text.find("`import os from 'node:os'; // the os module`"), answer.text
    assert "import os" not in _ask("What does the os module provide?", [Hit(_chunk(text, section="Importing"), 1.0)]).text


def test_supporting_lines_never_take_a_plain_answer_past_400_characters():
    from assistant.extractive import MAX_ANSWER_CHARS

    # Each line is shown under its heading, which carries the question's words: 413 characters with both.
    section = "Revenue per GPU-hour (on-demand H100, list price as filed for 2025)"
    best = (
        "The price is $2.39 on demand, lower for reserved and spot capacity, and lower again for "
        "multi-year commitments signed before 2025 by the largest customers of the cloud."
    )
    support = "- The price also covers storage and networking per GPU-hour, billed by the hour to every customer."
    question = "What is the revenue per GPU-hour?"
    long = _ask(question, [Hit(_chunk(best, section=section), 1.0), Hit(_chunk(support, row=1, section=section), 0.9)])
    assert "The price is $2.39" in long.text and "covers storage" not in long.text and len(long.text) <= MAX_ANSWER_CHARS
    short = _ask(question, [Hit(_chunk("The price is $2.39.", section=section), 1.0), Hit(_chunk(support, row=1, section=section), 0.9)])
    assert "covers storage" in short.text, short.text  # a supporting line that fits stays


def test_a_question_about_the_default_prefers_the_line_saying_default():
    from assistant.searched import with_default_word
    from assistant.promotions import promote_default

    question = with_default_word("What weight does a glob pattern get if none is specified?")
    assert question.endswith("if none is specified (default)?")
    assert with_default_word("What is the default weight?") == "What is the default weight?"
    scored = _scored(
        ("The globs2 file lists weight, MIME type and pattern.", 0.62),
        ("The lines are ordered by glob weight.", 0.60),
        ("The default weight value is 50, and the maximum is 100.", 0.56),
        ("Unrelated default line far below.", 0.20),
    )
    assert promote_default(scored, question)[0].unit.display.startswith("The default weight value is 50")
    assert promote_default(scored, "What weight does a glob pattern get?") == scored


def test_a_figure_question_gets_the_total_not_a_part_it_did_not_ask_for():
    deal = "**Deal Structure:**\n- Initial contract: $11.9B (5-year term)\n- Expansion: $6.5B additional\n- Total commitment: $22.4B"
    hits = [Hit(_chunk(deal, section="OpenAI Partnership"), 1.0)]
    assert "Total commitment: $22.4B" in _ask("How big is the OpenAI contract?", hits).text
    assert "Initial contract: $11.9B" in _ask("How big was the initial OpenAI contract?", hits).text


def test_a_sentence_stopping_at_a_dangling_word_runs_on_into_the_line_after_it():
    text = (
        "You may obtain a copy of the License at\n\n       http://www.example.org/licenses/LICENSE-2.0\n\n"
        "Unless required by applicable law, the software is provided as is."
    )
    chunk = _chunk(text, section="Notice")
    answer = _ask("Where can I obtain a copy of the License?", [Hit(chunk, 1.0)])
    assert "License at http://www.example.org/licenses/LICENSE-2.0 [1]" in answer.text  # no full stop after the URL
    quote = answer.citations[0]
    assert text[quote.start - chunk.start : quote.end - chunk.start].endswith("LICENSE-2.0")
    assert "Unless required" not in answer.text
    # A sentence that ends in a full stop stands alone.
    whole = _chunk("You may obtain a copy of the License.\n\nhttp://www.example.org/other", section="Notice")
    assert "example.org" not in _ask("Where can I obtain a copy of the License?", [Hit(whole, 1.0)]).text


def test_a_who_question_answered_with_only_the_names_it_says_is_refused():
    title = _chunk("Acme License\nVersion 2.0, January 2004\n\nSee the License for the terms.", section="Acme 2.0")
    assert _ask("Who drafted the Acme License 2.0?", [Hit(title, 1.0)]).refused
    named = _chunk("The Acme License was drafted by Jane Doe at Widget Labs.", section="Acme 2.0")
    assert "Jane Doe" in _ask("Who drafted the Acme License 2.0?", [Hit(named, 1.0)]).text
    # A place may be a path or an address, which capitals do not tell.
    path = _chunk("When the editor starts, it reads its settings from ~/.acmerc/ in your home directory.", section="Startup")
    assert not _ask("Where does the editor read its settings from?", [Hit(path, 1.0)]).refused


README = "Acme is a tool.\n\nTo run the test suite:\n\n```sh\nmake test\n```\n\nTo install it from a clone:\n\n```sh\npip install -e .\nacme --help\n```\n"


def test_a_sentence_introducing_code_is_answered_with_the_code():
    chunk = _chunk(README, section="Install")
    answer = _ask("How do I run the test suite?", [Hit(chunk, 1.0)])
    assert answer.text.splitlines() == ["To run the test suite: [1]", "- `make test` [1]"]
    assert [README[c.start : c.end] for c in answer.citations] == ["To run the test suite:", "make test"]
    # An introduction without its code says nothing, so it does not ride along with another answer.
    assert "install it from a clone" not in _ask("What is Acme?", [Hit(chunk, 1.0)]).text


def test_example_code_answers_only_when_no_prose_does():
    text = "```js\nconst { name } = path.parse('/home/user/dir/file.txt');\n// name: 'file' }\n```\n\nThe path.dirname() method returns the directory name of a path.\n"
    answer = _ask("How do I get the directory name of a file path?", [Hit(_chunk(text, section="path"), 1.0)])
    assert answer.text == "The path.dirname() method returns the directory name of a path. [1]"


def test_a_line_of_code_heads_no_definition():
    text = "It can decorate a function directly:\n\n```\n@lru_cache\ndef count_vowels(sentence):\n    return 1\n```\n"
    code = [u for u in split_units(_chunk(text), 0) if u.kind == "code"]
    assert code[0].display == "@lru_cache" and not is_term(code[0], "What does lru_cache do?")
    assert with_definition(code[0], "What does lru_cache do?") == code[0]


def test_a_reference_entry_sentence_is_given_its_heading_as_subject():
    entry = _chunk("Returns an estimate of the default amount of parallelism a program should use.", section="os > os.availableParallelism()")
    answer = _ask("How can a program find out how much parallelism it should use?", [Hit(entry, 1.0)])
    assert answer.text.startswith("os.availableParallelism() — Returns an estimate")
    prose = _chunk("Bananas are yellow when ripe.", section="Fruit")
    assert _ask("What colour are ripe bananas?", [Hit(prose, 1.0)]).text.startswith("Bananas are yellow")
    # A page title carrying its site's name is too long to lead the sentence.
    title = "functools — Higher-order functions and operations on callable objects — Python 3.11.2 documentation"
    page = _chunk("Returns a new partial object which when called will behave like func.", section=title)
    assert _ask("What does functools.partial return?", [Hit(page, 1.0)]).text.startswith("Returns a new partial object")


def test_a_question_about_one_case_prefers_the_line_saying_that_case():
    from assistant.promotions import promote_case

    entry = "The relative() method returns the relative path based on the working directory.\nIf both resolve to the same path, a zero-length string is returned.\n"
    chunk = _chunk(entry, section="relative(from, to)")
    rule, case = split_units(chunk, 0)
    scored = [Scored(rule, 0.70, 0.6), Scored(case, 0.62, 0.8)]
    question = "What does relative() return when both arguments resolve to the same path?"
    assert promote_case(scored, question)[0].unit is case
    assert promote_case(scored, "What does relative() return?") == scored  # no case asked about
    # A line from another passage is not taken for the case of this one's rule.
    other = split_units(_chunk("Paths that resolve to the same path are equal.", row=1), 1)[0]
    assert promote_case([scored[0], Scored(other, 0.65, 0.8)], question)[0].unit is rule


def test_a_how_to_question_may_be_answered_by_a_command():
    text = "## Quick start\n\n```sh\nmake chat    # open the chat UI\nmake test    # run the whole test suite\n```\n\nTests run against the golden set nightly.\n"
    chunk = _chunk(text, section="Quick start")
    assert _ask("How do I run the test suite?", [Hit(chunk, 1.0)]).text.startswith("`make test    # run the whole test suite`")
    # Asked what, not how, the prose line answers.
    assert _ask("What do tests run against nightly?", [Hit(chunk, 1.0)]).text.startswith("Tests run against")


def test_a_line_counting_the_things_asked_for_takes_the_list_beside_it():
    # The rows after the rest of its paragraph ...
    text = (
        "We sell three plans. Internally they are also referred to by tier number.\n\n"
        "| Tier | Plan | Uptime |\n|---|---|---|\n| Tier 1 | Enterprise | 99.95% |\n"
        "| Tier 2 | Business | 99.9% |\n| Tier 3 | Starter | 99.5% |\n"
    )
    answer = _ask("What plans do we actually sell?", [Hit(_chunk(text, section="SLA tiers"), 1.0)])
    assert all(plan in answer.text for plan in ("Enterprise", "Business", "Starter"))
    # ... or the bullets before it; a count of other things, or of another number, takes nothing.
    text = (
        "- **Incident Commander** — owns the incident.\n- **Scribe** — keeps the timeline.\n\n"
        "Every SEV1 must have both roles filled by two different people.\n"
    )
    answer = _ask("Which roles does a SEV1 need?", [Hit(_chunk(text.replace("both roles", "two roles"), section="Incident roles"), 1.0)])
    assert answer.text.startswith("Every SEV1") and "Incident Commander" in answer.text and "Scribe" in answer.text
    line = split_units(_chunk(text.replace("both roles", "two roles")), 0)[-1]
    assert counted_block(line, "Which teams does a SEV1 page?", 10) == []
    assert counted_block(split_units(_chunk(text.replace("both roles", "three roles")), 0)[-1], "Which roles?", 10) == []


SWITCHING = (
    "7.1 Both strengths are bioequivalent. No conversion is needed.\n\n"
    "7.2 Switching from 200 mg to 400 mg (new prescription). Give the first 400 mg\n"
    "    dose when the next 200 mg dose would have been due, and not less than 6\n"
    "    hours after the last 200 mg dose. Any 200 mg tablets taken in the same 24\n"
    "    hours count towards the 1,600 mg maximum.\n\n"
    "7.3 Do not supply both strengths for the same period.\n"
)


def test_a_clause_s_run_in_title_is_answered_with_the_clause():
    # The title says the question's words; its point is in the sentences after it, up to the clause's end.
    chunk = Chunk("c0", "guide.txt", "Dosing guide", "7. Switching strengths", SWITCHING, 0, len(SWITCHING))
    answer = _ask("How do I switch a patient from the 200 mg tablets to a new 400 mg prescription?", [Hit(chunk, 1.0)])
    assert "not less than 6 hours after the last 200 mg dose" in answer.text, answer.text
    assert "1,600 mg maximum" in answer.text and "Do not supply both" not in answer.text, answer.text


def test_a_clause_stating_something_is_no_run_in_title():
    # "7.1 Both strengths are bioequivalent." says something ("are"): it is answered as it stands,
    # without the sentence after it.
    chunk = Chunk("c0", "guide.txt", "Dosing guide", "7. Switching strengths", SWITCHING, 0, len(SWITCHING))
    answer = _ask("Are both strengths bioequivalent?", [Hit(chunk, 1.0)])
    assert answer.text.startswith("7.1 Both strengths are bioequivalent. [1]"), answer.text


def test_a_best_line_pointing_back_comes_with_the_sentence_it_points_at():
    text = (
        "We tried a lot of things early on. We launched a frozen pizza in 2016 and we pulled it in 2018. "
        "That was my biggest mistake, and I'll tell you why: we weren't better than anyone at pizza.\n"
    )
    hits = [Hit(Chunk("c0", "interview.txt", "Interview", "", text, 0, len(text)), 1.0)]
    answer = ask_extractive("What does she consider her biggest mistake?", hits)
    assert "frozen pizza" in answer.text and answer.text.index("frozen pizza") < answer.text.index("biggest mistake")
    # "That bike is …" points at no sentence: a determiner, not a pronoun standing for one.
    text = "We sell two bikes. That bike is our biggest seller.\n"
    hits = [Hit(Chunk("c0", "shop.txt", "Shop", "", text, 0, len(text)), 1.0)]
    assert "two bikes" not in ask_extractive("Which is the biggest seller?", hits).text


def test_a_list_question_answered_by_a_table_row_gets_the_table_s_rows():
    text = (
        "| Name | Role | Board member |\n| --- | --- | --- |\n"
        "| Colin Mercer | Head of Investor Relations | No |\n"
        "| Margo Lindqvist | Executive Director | Yes |\n"
        "| Helen Akiyama | Independent Director | Yes |\n"
        "| Victor Reyes | Lead Independent Director | Yes |\n\n"
        "Colin Mercer opened the panel.\n"
    )
    hits = [Hit(Chunk("c0", "panel.html", "Investor Day", "Panellists", text, 0, len(text)), 1.0)]
    answer = ask_extractive("Which directors sat on the panel?", hits)
    assert all(name in answer.text for name in ("Margo Lindqvist", "Helen Akiyama", "Victor Reyes")), answer.text
    # The header, the prose after the table and a row about another kind of panellist stay out.
    assert "Name | Role" not in answer.text and "opened the panel" not in answer.text and "Colin Mercer" not in answer.text
