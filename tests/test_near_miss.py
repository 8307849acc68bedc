"""Known-answer tests for telling an answering line from a near miss (`assistant.near_miss`)."""

from __future__ import annotations

from assistant.answer import Query
from assistant.intent import detect_intent
from assistant.near_miss import ANOTHER_KIND, ANOTHER_NUMBER, RefusalPolicy, answering_first, refusal_reason
from assistant.scoring import Scored
from ingest.lexical import tokenize
from ingest.types import Chunk
from ingest.units import split_units


def _scored(*lines: tuple[str, float, float], section: str = "Pricing") -> list[Scored]:
    """One chunk per line, its first unit scored as given: (text, score, meaning)."""
    out = []
    for row, (text, score, meaning) in enumerate(lines):
        chunk = Chunk(f"c{row}", "doc.md", "Acme report", section, text, row * 1000, row * 1000 + len(text))
        out.append(Scored(split_units(chunk, row)[0], score, coverage=0.6, meaning=meaning))
    return out


def _query(question: str, unknown: tuple[str, ...] = ()) -> Query:
    tokens = tokenize(question)
    known = frozenset(t for t in tokens if t not in unknown)
    # A word the documents never use weighs as much as their rarest word (`Retriever.term_weights`).
    return Query(question, question, (), {t: 2.0 if t in known else 6.0 for t in tokens}, 6.0, known)


def _reason(question: str, *lines: tuple[str, float, float], **kw) -> str | None:
    return refusal_reason(_query(question, **kw), detect_intent(question), _scored(*lines))


def test_a_line_giving_the_figure_asked_for_answers():
    assert _reason("How much does an H100 cost per hour?", ("H100 on demand: $2.39 per hour", 0.8, 0.7)) is None


def test_a_line_without_the_kind_of_figure_asked_for_is_a_near_miss():
    reason = _reason("How much does an H100 cost per hour?", ("On-demand instances are billed per hour", 0.8, 0.7))
    assert reason == "asked for a money, the passage has none"


def test_a_line_about_another_year_is_a_near_miss():
    assert _reason("What was revenue in 2021?", ("Revenue in 2024: $1.9B", 0.8, 0.7)) == "the passage is about another year"


def test_a_line_naming_only_other_years_is_a_near_miss_under_a_heading_spanning_the_year():
    question = "What adjusted EBITDA does it guide to for 2025?"
    reason = refusal_reason(_query(question), detect_intent(question), _scored(("Breakeven slips toward 2028; R2 launches in 2026 at $45,000", 0.8, 0.7), section="2025-2028 Outlook"))
    assert reason == "the line names only other years"
    # The year a figure is compared with is not the line's; a span holds the years inside it.
    for line in ("Adjusted EBITDA: ~$434M, vs $238.0M (~14%) in 2024", "Adjusted EBITDA: a loss of about $200M a year through 2024-2026"):
        assert refusal_reason(_query(question), detect_intent(question), _scored((line, 0.8, 0.7), section="Guidance (2025)")) is None
    question = "What probabilities are given for 2026-2028?"  # two years asked hold the years between
    assert refusal_reason(_query(question), detect_intent(question), _scored(("Bear case by Q4 2027: probability 20%", 0.8, 0.7), section="2026-2028 Outlook")) is None


def test_words_of_the_scene_before_the_question_are_no_unknown_words():
    line = ("Any claim above £10,000 requires approval by the Chief Financial Officer.", 0.5, 0.5)
    scene = "Yesterday I got a £12,000 bill. Who must approve the claim?"
    assert _reason(scene, line, unknown=("yesterday", "got", "12000", "bill")) is None
    # The question's own words still must be known.
    asked = "Who must approve the 12,000 bill I got yesterday?"
    assert _reason(asked, line, unknown=("yesterday", "got", "12000", "bill")) is not None


def test_a_verb_saying_where_something_is_is_no_unknown_word():
    question = "The Georgia plant site lies near which town?"
    line = ("Georgia plant location: Stanton Springs North near Social Circle, ~45 miles east of Atlanta", 0.5, 0.5)
    assert _reason(question, line, unknown=("lie", "town")) is None
    assert _reason(question, line, unknown=("lie", "town", "plant")) is not None  # what it is about must be known
    # When a thing is due is its date: documents write its deadline, not "due".
    line = ("| Coursework 1: hash tables | 20% | Friday 21 February 2025, 14:00 |", 0.6, 0.5)
    assert _reason("When is the hash table coursework due in?", line, unknown=("due",)) is None


def test_a_sum_paid_is_answered_only_by_a_sum_of_money():
    question = "How much is it paying to acquire Replicate?"
    assert _reason(question, ("Announced agreement to acquire Replicate, a platform hosting 50,000+ open models", 0.8, 0.7)) is not None
    assert _reason(question, ("Agreed to acquire Replicate for ~$550M in cash", 0.8, 0.7)) is None
    # "How much revenue …" may be answered by a share of it
    assert _reason("How much of the revenue came from Microsoft?", ("Microsoft: 62% of 2024 revenue", 0.8, 0.7)) is None


def test_whose_asks_for_a_person_whatever_else_the_question_names():
    assert detect_intent("Whose property was the hangar where the first Price Club opened?").wants == "person"
    assert detect_intent("Who was it and how large was the facility?").wants == "number"


def test_a_dated_line_is_labelled_with_what_happened_not_with_a_kind_of_date():
    question = "When does it plan to bring out an in-car voice assistant?"
    assert _reason(question, ("AI Assistant: In-vehicle voice assistant built on language models, planned for 2026", 0.8, 0.5)) is None


def test_a_line_with_none_of_the_questions_words_and_only_loosely_alike_is_a_near_miss():
    question = "How much cheaper is it than renting elsewhere?"
    scored = _scored(("April 2023: NVIDIA invested $100M at $2B valuation", 0.4, 0.54))
    scored = [Scored(s.unit, s.score, coverage=0.0, meaning=s.meaning) for s in scored]
    assert refusal_reason(_query(question), detect_intent(question), scored) == "the passage holds none of the question's words"
    close = [Scored(s.unit, s.score, coverage=0.0, meaning=0.7) for s in scored]
    assert refusal_reason(_query(question), detect_intent(question), close) is None


def test_a_line_about_another_numbered_step_is_a_near_miss():
    question = "What compression ratio does it reach at level 19?"
    assert _reason(question, ("Faster, at the cost of compression ratio (compared to level 1)", 0.8, 0.7)) is not None
    assert _reason(question, ("At level 19 the compression ratio is 3.1", 0.8, 0.7)) is None
    # The heading over the line counts: a "Phase 3" section does not answer for phase 1.
    phase = _scored(("Middle East: UAE, Saudi Arabia", 0.8, 0.7), section="Expansion > Phase 3 (2027+)")
    query = _query("Which regions are in Phase 1 of the expansion?")
    assert refusal_reason(query, detect_intent(query.question), phase) == ANOTHER_NUMBER


def test_a_line_about_another_numbered_part_of_a_course_is_a_near_miss():
    question = "How many words can the coursework 1 report be?"
    assert _reason(question, ("The Coursework 2 report has a limit of 3,000 words.", 0.8, 0.7)) == ANOTHER_NUMBER
    assert _reason(question, ("Coursework 1: a report of up to 1,500 words", 0.8, 0.7)) is None
    assert _reason("What is covered in week 7?", ("Week 6: hash tables and 2 labs", 0.8, 0.7)) == ANOTHER_NUMBER


def test_a_line_about_another_numbered_model_is_a_near_miss():
    question = "What is the cargo volume of the EDV 900 van?"
    assert _reason(question, ("EDV 700: ~650 cu ft cargo volume", 0.8, 0.7)) == ANOTHER_NUMBER
    assert _reason("How many cycles per byte does SHA-256 take?", ("SHA-1 takes 7.6 cycles per byte", 0.8, 0.7)) == ANOTHER_NUMBER
    # A date's day and a currency's sum are no models: "Sept 3" and "CAD 260" name nothing numbered.
    assert _reason("What did the R2 cost on Sept 5?", ("The R2 cost CAD 260 on Sept 3", 0.8, 0.7)) is None


def test_a_line_about_another_model_gives_way_to_one_naming_the_asked_model_with_a_figure():
    question = "What is the cargo volume of the EDV 900 van?"
    query, intent = _query(question), detect_intent(question)
    # The model's own number is no figure: a line naming the EDV 900 without a volume does not answer.
    named = _scored(("EDV 700: ~650 cu ft cargo volume", 0.80, 0.7), ("EDV 900: larger variant planned", 0.75, 0.7))
    assert answering_first(query, intent, named) == (named, ANOTHER_NUMBER)
    given = _scored(("EDV 700: ~650 cu ft cargo volume", 0.80, 0.7), ("EDV 900: ~900 cu ft cargo volume", 0.75, 0.7))
    promoted, reason = answering_first(query, intent, given)
    assert reason is None and promoted[0] is given[1]


def test_words_the_documents_never_use_need_a_line_close_in_meaning():
    line = ("Company name: Acme Corp", 0.5, 0.3)
    assert _reason("Who is the company's dividend officer?", line, unknown=("dividend",)) is not None
    close = ("Company name: Acme Corp", 0.5, 0.9)
    assert _reason("What is the company's trading name?", close, unknown=("trade",)) is None


def test_the_policy_sets_how_close_is_close_enough():
    question, line = "What is the company's trading name?", ("Company name: Acme Corp", 0.5, 0.3)
    query, intent = _query(question, unknown=("trade",)), detect_intent(question)
    strict = refusal_reason(query, intent, _scored(line))
    lenient = refusal_reason(query, intent, _scored(line), RefusalPolicy(max_unknown=1.1, min_meaning=0.2))
    assert strict is not None and lenient is None


def test_a_mislabelled_figure_gives_way_to_the_next_line_that_says_the_asked_thing():
    question = "How much does an H100 cost per hour?"
    lines = _scored(("Revenue per GPU-hour: $2.39 on-demand (H100)", 0.80, 0.7), ("Example: H100 80GB at ~$2.39/hour", 0.75, 0.7))
    query, intent = _query(question), detect_intent(question)
    assert refusal_reason(query, intent, lines) == ANOTHER_KIND
    promoted, reason = answering_first(query, intent, lines)
    assert reason is None
    assert promoted[0] is lines[1]


def test_with_no_line_saying_the_asked_thing_the_near_miss_stands():
    question = "How much does an H100 cost per hour?"
    lines = _scored(("Revenue per GPU-hour: $2.39 on-demand (H100)", 0.80, 0.7), ("Margin: 55% (2024)", 0.75, 0.7))
    promoted, reason = answering_first(_query(question), detect_intent(question), lines)
    assert reason == ANOTHER_KIND and promoted[0] is lines[0]


def test_a_default_is_no_answer_to_a_limit():
    line = ("--depth=<number> [default: 30]", 0.8, 0.7)
    assert _reason("What is the largest value --depth accepts?", line) == "asked for a limit, the passage gives a default"
    assert _reason("What is the maximum --depth by default?", line) is None  # asked for the default itself
    assert _reason("What is the largest value --depth accepts?", ("--depth is at most 200 [default: 30]", 0.8, 0.7)) is None


def test_a_value_asked_for_by_default_needs_a_line_that_gives_one():
    question = "What byte value does --malloc-fill use by default?"
    assert _reason(question, ("Fills blocks allocated by malloc with the specified byte.", 0.8, 0.7)) is not None
    assert _reason(question, ("By default --malloc-fill uses 0x00.", 0.8, 0.7)) is None


def test_a_release_asked_for_needs_a_line_naming_one():
    question = "In which Nettle release was SM3 support added?"
    line = ('The corresponding standard is GM/T 0004-2012 "SM3 Cryptographic Hash Algorithm".', 0.8, 0.7)
    assert _reason(question, line) == "asked for a release, the passage names none"
    assert _reason(question, ("SM3 support was added in Nettle 3.8.", 0.8, 0.7)) is None


def test_a_line_counting_the_asked_things_vaguely_names_none_of_them():
    question = "Which Microsoft products used the 2007 implementation?"
    vague = ("It was written in February-March 2007 and used by a couple of Microsoft products.", 0.8, 0.7)
    assert _reason(question, vague) == "the passage names none of the things asked for"
    assert _reason(question, ("In 2007 it was used by several Microsoft products: Exchange and SQL Server.", 0.8, 0.7)) is None


def test_a_figure_in_another_kind_of_unit_does_not_answer():
    question = "What is the largest value size, in bytes, that the backend can store?"
    assert _reason(question, ("The backend does not allow keys longer than 250 characters.", 0.8, 0.7)) == "asked for a figure in another unit"
    assert _reason(question, ("The backend stores values of up to 1 MB.", 0.8, 0.7)) is None  # megabytes are a size too


def test_a_rate_is_answered_only_by_a_figure_per_that_period():
    question = "How many megabytes per second does the compressor manage on a modern machine?"
    memory = ("To run on a 4 megabyte machine, it can decompress in about 2300 kbytes.", 0.8, 0.7)
    assert _reason(question, memory) == "asked for a figure in another unit"
    assert _reason(question, ("It compresses about 10 megabytes per second on a modern machine.", 0.8, 0.7)) is None
    priced = ("Revenue per GPU-hour: $2.39 on-demand (H100)", 0.8, 0.7)
    assert _reason("What does an H100 cost on demand per hour?", priced) is None


def test_a_near_line_naming_the_release_answers_which_version():
    question = "From which version can you use --track-origins=yes to find where values came from?"
    assert detect_intent(question).wants == "name"  # "From which …", though "where" follows
    closer = ("Or the old fashioned way: use VALGRIND_CHECK_VALUE_IS_DEFINED to find where values came from.", 0.68, 0.75)
    dated = ("As of 3.4.0, try using the --track-origins=yes option.", 0.67, 0.69)
    scored = _scored(closer, dated)
    assert refusal_reason(_query(question), detect_intent(question), scored) == "asked for a release, the passage names none"
    first, reason = answering_first(_query(question), detect_intent(question), scored)
    assert reason is None and first[0].unit.text.startswith("As of 3.4.0")
    # a line naming no release is not put first
    first, reason = answering_first(_query(question), detect_intent(question), _scored(closer, ("Try --track-origins=yes.", 0.67, 0.69)))
    assert reason == "asked for a release, the passage names none"


def test_a_numeric_value_is_a_figure():
    question = "What integer value does BZ_DATA_ERROR have in bzlib.h?"
    assert detect_intent(question).wants == "number"
    assert _reason(question, ("In bzlib.h, the various return values are defined.", 0.8, 0.7)) == "asked for a number, the passage has none"
    assert _reason(question, ("#define BZ_DATA_ERROR (-4)", 0.8, 0.7)) is None


def test_a_line_under_another_release_s_heading_is_about_that_release():
    question = "What is the git commit hash of the Valgrind 3.17.0 release?"
    scored = _scored(("(3.14.0: 9 October 2018, git 353a3587bb0e)", 0.8, 0.7), section="Valgrind NEWS > Release 3.14.0 (9 October 2018)")
    assert refusal_reason(_query(question), detect_intent(question), scored) == "the line is about another release"
    scored = _scored(("(3.17.0: 19 March 2021, git 1ab2c3d)", 0.8, 0.7), section="Valgrind NEWS > Release 3.17.0 (19 Mar 2021)")
    assert refusal_reason(_query(question), detect_intent(question), scored) is None


def test_releases_written_with_a_v_or_after_as_of_are_releases():
    from assistant.releases import names_own_release, versions

    assert versions("Add PyPy v7.3.22 by @jsirois") == {"7.3.22"}
    assert versions("Which PyPy version was added in pyenv v2.6.29?") == {"2.6.29"}
    assert versions("As of 3.4.0, try using the option.") == {"3.4.0"}
    assert versions("It took 2.5 seconds, since 1.2 ms were lost; see dev.v1.2") == set()
    assert names_own_release("Which PyPy version was added?", "Add PyPy v7.3.22 by @jsirois")
    assert not names_own_release("In which Nettle release was SM3 added?", "defines its use in TLS 1.3")


def test_a_version_asked_for_as_a_value_needs_a_version_number():
    question = "What is the minimum Python version pip needs to run with the --python option?"
    assert _reason(question, ("It takes one of two values: the path to a Python executable.", 0.8, 0.7)) == "asked for a release, the passage names none"
    assert _reason("What is the minimum Python version the trust store needs?", ("Use Python 3.10 or newer.", 0.8, 0.7)) is None
    assert _reason("What default setuptools version did it move to?", ("Update default setuptools version (4.0.1 -> 5.0)", 0.8, 0.7)) is None


def test_an_example_is_no_answer_to_a_default_but_a_near_line_stating_it_is():
    question = "What HTTP timeout does the client use by default?"
    example = ("As an example, to set the HTTP timeout (--default-timeout) to 60 seconds, write:", 0.8, 0.7)
    assert _reason(question, example) == "asked for a default, the line is an example"
    assert _reason("What HTTP timeout can I set?", example) is None  # an example answers what may be set
    stated = ("The HTTP timeout defaults to 15 seconds.", 0.75, 0.7)
    first, reason = answering_first(_query(question), detect_intent(question), _scored(example, stated))
    assert reason is None and first[0].unit.text.startswith("The HTTP timeout defaults")


def test_a_release_in_the_sentence_leaning_back_on_the_best_line_answers():
    question = "Since which pip version has only-if-needed been the default upgrade strategy?"
    text = "The default strategy is only-if-needed. This was changed in pip 10.0 due to the breaking nature of eager."
    chunk = Chunk("c0", "guide.md", "User Guide", "Upgrades", text, 0, len(text))
    units = split_units(chunk, 0)
    scored = [Scored(u, score, coverage=0.6, meaning=0.7) for u, score in zip(units, (0.8, 0.5))]
    assert refusal_reason(_query(question), detect_intent(question), scored) is None
    alone = _scored(("The default strategy is only-if-needed.", 0.8, 0.7))
    assert refusal_reason(_query(question), detect_intent(question), alone) == "asked for a release, the passage names none"


def test_version_control_asks_for_no_release():
    line = ("Running the test suite requires version control tools (subversion, bazaar, git and mercurial).", 0.8, 0.7)
    assert _reason("Which version control tools must be installed to run the test suite?", line) is None


def test_a_line_about_the_opposite_state_is_a_near_miss():
    question = "In what year will Acme become cash-flow positive?"
    assert _reason(question, ("2024: EBITDA-positive but cash-flow negative", 0.8, 0.7)) == "the line is about the opposite"
    assert _reason(question, ("2027: Cash-flow positive as capex declines", 0.8, 0.7)) is None
    # a question about both states is about neither one alone
    both = "Which standard applies to internal code, and which one to public APIs?"
    assert _reason(both, ("Use C11 for external code and C89 for public APIs", 0.8, 0.7)) != "the line is about the opposite"


def test_a_doer_whose_root_the_line_says_is_no_unknown_word():
    # "roofers" is written nowhere, but the line says "Roofing": the question is about its subject.
    line = ("Corrigan Roofing Ltd finished the Block B re-roofing on 22 August 2025.", 0.5, 0.5)
    assert _reason("When did the roofers finish the work on Block B?", line, unknown=("roofer",)) is None
    # Not the other way round: "faster" in the line does not say the question's "fast".
    faster = ("Training ran 4.4x faster than on the next-best cloud.", 0.5, 0.5)
    assert _reason("How fast can I get a fresh machine running?", faster, unknown=("fast", "fresh", "machin")) is not None
    # A doer whose root the line does not say stays unknown.
    other = ("The Block B works were signed off by the surveyor on 22 August 2025.", 0.5, 0.5)
    assert _reason("When did the roofers finish the work on Block B?", other, unknown=("roofer",)) is not None


def test_whose_is_an_asking_word_neither_searched_nor_weighed():
    from assistant.retrieval import query_tokens

    assert "whose" not in query_tokens("If we end up in a legal fight, whose law would apply?")
    assert "law" in query_tokens("If we end up in a legal fight, whose law would apply?")
