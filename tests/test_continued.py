"""Known-answer tests for a list cut by a chunk boundary and continued from the next chunk."""

from __future__ import annotations

from fakes import ask_extractive

from assistant.continued import continued
from assistant.pipeline import PipelineConfig
from assistant.retrieval import Retriever
from assistant.types import Hit
from ingest.types import Chunk
from ingest.units import split_units

SECTION = "Signals > Listening to signals"
FIRST = (
    "connect() takes these arguments:\n\n"
    "- receiver – The callback function which will be connected to this signal.\n"
    "- sender – Specifies a particular sender to receive signals from.\n"
)
SECOND = "- weak – Handlers are stored as weak references by default.\n- dispatch_uid – A unique identifier for a signal receiver.\n\nLet's see how this works.\n"
DOCUMENT = FIRST + SECOND


def _chunks(second: str = SECOND, section: str = SECTION) -> tuple[Chunk, Chunk]:
    first = Chunk("a", "signals.md", "Signals", SECTION, FIRST, 0, len(FIRST))
    return first, Chunk("b", "signals.md", "Signals", section, second, len(FIRST), len(FIRST) + len(second))


def test_a_list_cut_by_the_chunk_boundary_goes_on_into_the_next_chunk():
    first, second = _chunks()
    answer = ask_extractive("What arguments does connect() take?", [Hit(first, 1.0, following=second)])
    assert [c.quote.split(" – ")[0] for c in answer.citations] == [
        "connect() takes these arguments:", "- receiver", "- sender", "- weak", "- dispatch_uid"
    ]
    assert answer.text.splitlines()[-1].endswith("[2]")  # quoted from the next chunk, cited as such
    assert all(DOCUMENT[c.start : c.end] == c.quote for c in answer.citations)
    assert "Let's see" not in answer.text  # the prose after the list is no item


def test_no_continuation_when_the_next_chunk_opens_with_prose():
    first, second = _chunks("Some prose first.\n- weak – Handlers are stored as weak references.\n")
    units = split_units(first, 0)
    assert continued(units, second, 10) == units


def test_no_continuation_when_the_list_ends_inside_its_own_chunk():
    text = FIRST + "\nThat is all.\n"
    first = Chunk("a", "signals.md", "Signals", SECTION, text, 0, len(text))
    _, second = _chunks()
    units = split_units(first, 0)[:3]
    assert len(units) == 3 and continued(units, second, 10) == units


def test_the_following_chunk_is_only_the_next_one_in_the_same_section():
    first, second = _chunks()
    _, elsewhere = _chunks(section="Signals > Sending signals")

    class Lexical:
        def idf(self):
            return {}

    class Snapshot:
        lexical = Lexical()
        chunks = [first, second]

    retriever = Retriever(Snapshot(), embedder=None, config=PipelineConfig())
    assert retriever._following(first) == second
    assert retriever._following(second) is None  # the document's last chunk
    Snapshot.chunks = [first, elsewhere]
    retriever = Retriever(Snapshot(), embedder=None, config=PipelineConfig())
    assert retriever._following(first) is None  # a new section starts there: the list ended


NEWS = (
    "- The profiler has been extended with two new modes of operation. The new --mode=copy flag\n"
    "records calls to memcpy. The new --mode=ad-hoc flag records client requests. See the manual for more.\n"
)


def _news_chunks() -> tuple[Chunk, Chunk]:
    """The paragraph cut after its second sentence; the next chunk repeats that sentence's end."""
    cut = NEWS.index(" The new --mode=ad-hoc")
    again = NEWS.index("records calls to memcpy")
    return (
        Chunk("n1", "news.txt", "News", "Release 3.17.0", NEWS[:cut], 0, cut),
        Chunk("n2", "news.txt", "News", "Release 3.17.0", NEWS[again:], again, len(NEWS)),
    )


def test_a_paragraph_cut_by_the_chunk_boundary_gives_a_list_question_its_next_sentence():
    first, second = _news_chunks()
    answer = ask_extractive("Which two new modes of operation were added to the profiler?", [Hit(first, 1.0, following=second)])
    assert "--mode=copy" in answer.text and "--mode=ad-hoc" in answer.text
    assert "See the manual" not in answer.text and "memcpy. records" not in answer.text  # nothing said twice
    assert all(NEWS[c.start : c.end] == c.quote for c in answer.citations)


def test_a_question_asking_for_no_list_gets_no_continuation():
    first, second = _news_chunks()
    units = split_units(first, 0)
    assert continued(units, second, 10) == units  # no question words given: not a list question


def test_a_line_introducing_a_list_at_its_chunk_s_end_takes_the_bullets_opening_the_next():
    intro = "connect() takes these arguments:\n"
    first = Chunk("a", "signals.md", "Signals", SECTION, intro, 0, len(intro))
    second = Chunk("b", "signals.md", "Signals", SECTION, FIRST[len(intro) + 1 :], len(intro) + 1, len(FIRST))
    units = continued(split_units(first, 0), second, 10)
    assert [u.text.split(" – ")[0] for u in units] == ["connect() takes these arguments:", "- receiver", "- sender"]
