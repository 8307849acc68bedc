"""Known-answer tests for the names a question says that the documents never use (`assistant.foreign`)."""

from __future__ import annotations

from assistant.foreign import NameForms, never_named
from ingest.lexical import tokenize

VOCABULARY = frozenset(tokenize("Hotel limits: London, Toronto. Our Canadian and European staff. Nvidia. Chief Technology Officer."))


def test_a_place_the_documents_never_name_is_found():
    assert never_named("What's the nightly hotel limit if I travel to Montreal?", VOCABULARY) == ("Montreal",)


def test_names_the_documents_use_are_not():
    assert never_named("What's the nightly hotel limit in Toronto?", VOCABULARY) == ()


def test_another_form_of_a_name_counts_as_used():
    # A place for its demonym, a demonym for its place, and a name typed one letter off.
    assert never_named("How many staff are in Canada and Europe?", VOCABULARY) == ()
    assert never_named("How much did Nvidea invest?", VOCABULARY) == ()


def test_only_capitalized_names_count():
    # An acronym may be written out elsewhere; a lower-case word is a paraphrase, and a question's
    # first word is no name.
    assert never_named("What does the CTO earn?", VOCABULARY) == ()
    assert never_named("how much is the montreal limit?", VOCABULARY) == ()
    assert never_named("Roughly how many staff are there?", VOCABULARY) == ()


class _CountedVocabulary(frozenset):
    """A vocabulary that counts how often it is read through."""

    reads = 0

    def __iter__(self):
        type(self).reads += 1
        return super().__iter__()


def test_the_vocabulary_is_read_once_however_many_names_are_checked():
    # Another form of a name is looked up among the tokens sharing its first letters, grouped on
    # first use: a scan per name grew with the vocabulary (13 ms a name at 27,000 tokens).
    vocabulary = _CountedVocabulary(VOCABULARY)
    forms = NameForms(vocabulary)
    assert never_named("What's the hotel limit in Montreal?", forms) == ("Montreal",)
    assert never_named("How much did Nvidea pay Ouagadougou and Zanzibar?", forms) == ("Ouagadougou", "Zanzibar")
    assert never_named("How many staff are in Canada?", forms) == ()
    assert _CountedVocabulary.reads == 1
