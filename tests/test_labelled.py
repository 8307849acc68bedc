"""Known-answer tests for a list's items labelled with names: the asked name's item answers."""

from __future__ import annotations

from fakes import ask_extractive

from assistant.types import Hit
from ingest.types import Chunk

STOPS = (
    "Replacement buses call at these stops:\n\n"
    "- **Kingsbridge Central:** Bay 4 of Kingsbridge bus station, by the main concourse\n"
    "- **Ashcombe:** the station forecourt\n"
    "- **Porthaven:** Harbour Road, stop H\n"
)


def _ask(question: str, **query):
    chunk = Chunk("c0", "works.md", "Engineering works", "Where to catch replacement buses", STOPS, 0, len(STOPS))
    return ask_extractive(question, [Hit(chunk, 1.0)], **query)


def test_the_item_labelled_with_the_asked_name_answers():
    # "bus" is the question's most telling word and the Kingsbridge item says it; the question
    # names Porthaven, whose item gives the stop.
    weights = {"get": 1.0, "replac": 1.0, "bus": 3.0, "porthaven": 2.6}
    answer = _ask("Where do I get the replacement bus from at Porthaven?", weights=weights)
    assert not answer.refused
    assert answer.text.split(" — ")[-1].startswith("Porthaven: Harbour Road, stop H"), answer.text


def test_an_item_labelled_with_no_asked_name_is_left_first():
    # Nothing labelled with a name the question says: the best-worded item stays first.
    weights = {"get": 1.0, "replac": 1.0, "bus": 3.0, "station": 2.6}
    answer = _ask("Where do I get the replacement bus from at the station?", weights=weights)
    assert answer.text.split(" — ")[-1].startswith("Kingsbridge Central: Bay 4"), answer.text
