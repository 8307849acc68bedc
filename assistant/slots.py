"""The named things a question asks about, and whether a passage names them.

"How much did it raise in its Series A?" asks about one round; a passage about the Series B is a
near miss however close its topic and however many of the question's other words it shares. So
are "Meta's contract" answered from OpenAI's, and "revenue in Q4 2024" from the 2024 total. A name
here is what the question capitalizes mid-sentence (Meta, Series A, UK) or writes with a digit
(Q4, H100). The extractive answerer uses it twice: to prefer, among nearly-as-good units, one
whose passage names what the question names, and to refuse when the answering passage does not.
Works on the wording alone; it knows nothing about any particular corpus.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from assistant.aliases import said_by_alias
from assistant.answer import Query
from assistant.facts import MONTHS
from assistant.intent import FIGURES, Intent, asked_sentence
from assistant.retrieval import split_question
from assistant.searched import with_period_codes
from assistant.spelling import writes_out, written_out_in
from assistant.tables import names_column
from assistant.wordforms import with_ranges
from ingest.lexical import tokenize
from ingest.types import Chunk
from ingest.units import Unit, plain

# Words split at hyphens ("GPU-backed": only "GPU" names); a naming word is capitalized,
# all-caps, or a letter-digit code.
_WORD = re.compile(r"[^\W_](?:[^\W_]|[&.])*[^\W_]|[^\W_]")  # letters of any script ("Colón", "Zürich")
_NAMED = re.compile(r"^(?:[A-Z]|[A-Za-z]*\d[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[a-zß-öø-ÿ]*[A-ZÀ-ÖØ-Þ][\w.-]*)$")
POSSESSIVE = re.compile(r"['’]s?\b")  # "CoreWeave's" → "CoreWeave"
_AMOUNT = re.compile(r"^\d+(?:\.\d+)?(?:[KMBkmb]|bn|BN)$")  # "642M", "1.5B": a sum, not part of a name
_CONTEXT = re.compile(r"\s*\([^()]*\)\s*$")  # a follow-up's carried context, "(OpenAI, contract)"
_FIRST_WORDS = frozenset("what which who whom whose when where why how is are was were do does did can could "
                         "will would should has have had and or but so the a an in on for of".split())
# Months are capitalized but are dates, which `intent` checks; they do not name a thing.
_MONTHS = frozenset(MONTHS)
# A name used in more than this share of passages is the documents' subject ("Python" in the
# Python docs), not a detail a passage must repeat. As an IDF: log(1 + (1 - s) / s) at s = 1/5.
SUBJECT_IDF = math.log(5.0)


def named_phrases(question: str) -> list[str]:
    """Runs of naming words in `question`, in order: 'Revenue in Q4 2024 from Meta?' → ['Q4', 'Meta'].

    A capitalized word opening a sentence names only with another naming word after it ("Michael
    Intrator"): alone it is any word put first ("Since", "Revenue", "Tell").
    """
    text = _CONTEXT.sub("", question)
    phrases: list[list[str]] = []
    run: list[str] = []

    def close(run: list[str], first: bool) -> None:
        if run and not (first and len(run) == 1 and run[0].istitle()):
            phrases.append(run)

    text = POSSESSIVE.sub(",", text)  # "CoreWeave's Series B" names two things, not one
    end, opened = 0, False
    for match in _WORD.finditer(text):
        word = match.group(0)
        if run and text[end : match.start()].strip():  # punctuation ends a name
            close(run, opened)
            run = []
        end = match.end()
        named = bool(_NAMED.match(word)) and not word.isdigit() and word.lower() not in _MONTHS
        sentence_start = not text[: match.start()].strip() or text[: match.start()].rstrip()[-1] in ".?!:;"
        if sentence_start and word.lower() in _FIRST_WORDS:
            named = False
        # A lone capital letter names only after a naming word ("Series A"), never as "A" or "I".
        if named and len(word) == 1 and not run:
            named = False
        if named and _AMOUNT.match(word):
            # "$642M Series C" names a round and a sum: each is found on its own, in either order.
            close(run, opened)
            phrases.append([word])
            run = []
        elif named:
            if not run:
                opened = sentence_start
            run.append(word)
        elif run:
            close(run, opened)
            run = []
    close(run, opened)
    return [" ".join(p) for p in phrases]


_GLOSSED = re.compile(r"((?:[\w'’.-]+\s+){1,5})\(([A-Z][A-Za-z0-9&]{1,9})\)")


def unnamed(
    question: str, passage: str, weights: Mapping[str, float], known: frozenset[str], aliases: Mapping[str, frozenset[str]] | None = None
) -> list[str]:
    """The question's names that `passage` never mentions, leaving out the documents' subject.

    Only names the documents use somewhere count: a name found nowhere is the unknown-word
    check's business. `weights` are the question's tokens' IDFs, `known` its tokens the corpus has.
    A name is also said by the name the documents define for it (`aliases`: "the Supplier").
    """
    passage = with_period_codes(passage)  # "the third quarter" names Q3, as the searched question does
    haystack = _fold(passage)
    words = set(tokenize(with_ranges(passage)))  # "Grades G1–G4" names G3
    # "the CDC's vaccine advisory committee (ACIP)": the words before an acronym the passage says
    # describe what it names, so their names need not be said as well.
    glossed = " ".join(m.group(1) for m in _GLOSSED.finditer(question) if re.search(rf"\b{re.escape(m.group(2))}\b", passage))
    missing = []
    for phrase in named_phrases(question):
        tokens = tokenize(phrase)
        if not tokens or (glossed and phrase in glossed):
            continue
        if not all(t in known for t in tokens):
            # A name the documents never use may still be written out by the question itself,
            # "the PUE (power usage effectiveness)": then the passage must say the words.
            # The question's own spelling may be lower case; a passage's must be capitalized.
            spelled = tokenize(written_out_in(phrase, question, re.I))
            if spelled and not all(t in words for t in spelled):
                missing.append(phrase)
            continue
        if max(weights.get(t, 0.0) for t in tokens) < SUBJECT_IDF:
            continue
        # "Series A": a one-letter part only matches as written; otherwise every word, any form.
        if any(len(w) == 1 for w in phrase.split()):
            found = re.search(rf"(?<!\w){re.escape(_fold(phrase))}(?!\w)", haystack) is not None
        else:
            # A word the documents use everywhere ("GPUs" in "Blackwell GPUs") is no part of the name to find.
            telling = [t for t in tokens if weights.get(t, 0.0) >= SUBJECT_IDF]
            found = all(t in words for t in telling) or writes_out(phrase, passage) or said_by_alias(tokens, words, aliases or {})
        if not found:
            missing.append(phrase)
    return missing


def missing_names(query: Query, scored: Sequence, scene: bool = True) -> list[str]:
    """The question's names that the best unit's passage lacks (`scored`: best first, each with `.unit`).

    A two-part question's best unit may answer either part, so there any passage at hand will do.
    Without `scene`, the names in the statements before the question do not count: "I'm in the
    Leeds office and I've got the flu. How long can I be off …?" is answered by a rule for all staff.
    """
    if len(split_question(query.standalone)) == 1:
        sources = [scored[0].unit.chunk]
    else:
        sources = list(dict.fromkeys(s.unit.chunk for s in scored))
    before = "" if scene else query.question.removesuffix(asked_sentence(query.question))
    asked = query.standalone.removeprefix(before) if before else query.standalone
    return unnamed(asked, passage_text(*sources), query.weights, query.known, query.aliases)


def promote_named(query: Query, intent: Intent, scored: list, near: float = 0.8, reach: int = 6) -> list:
    """Put first a nearly-as-good unit whose passage names what the question names, if the best's does not.

    "What does Poolside use it for?" wants Poolside's passage, not a closer-worded line about
    another customer; when no near unit names it, the refusal check says so. Not for figures: a
    passage naming Meta beside "OpenAI ($22.4B contract)" holds a figure, but not Meta's, unless
    it is a table row under a column of that name ("Minimum number of Seats" under "Enterprise").
    """
    if not scored or len(split_question(query.standalone)) > 1:
        return scored

    def lacks(candidate) -> list[str]:
        return unnamed(query.standalone, passage_text(candidate.unit.chunk), query.weights, query.known, query.aliases)

    lacking = lacks(scored[0])
    if not lacking:
        return scored
    for i, candidate in enumerate(scored[1:reach], start=1):
        if candidate.score < near * scored[0].score or lacks(candidate):
            continue
        if intent.wants not in FIGURES or all(names_column(candidate.unit, name) for name in lacking):
            return [candidate, *scored[:i], *scored[i + 1 :]]
    return scored


# A place in a file system, on the web, for mail, for a program's output or for its data:
# "~/.idlerc/", "/usr/lib/python3/", "https://…", "(stderr)", "to standard out", "in your database".
_PATH = re.compile(
    r"\b[a-z][a-z+.-]*://\S|(?:^|\s)~?/[\w.-]+/|\b\w+/[\w.-]+/"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # a mail address: "git-security@googlegroups.com"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|io|dev|edu|gov|info)\b"  # a host: "libcbor.readthedocs.org"
    r"|\b(?:std(?:out|err|in)|standard (?:out|output|error|input)|file descriptor \d+)\b"  # a stream
    # a store: "in your database", "on disk", "in the cache", "in a cookie"
    r"|\b(?:in|on|into)\s+(?:(?:the|a|an|your|its|their|each)\s+)?(?:[\w-]+\s+)?"
    r"(?:database|cache|disk|file|filesystem|cookie|directory|folder|table|registry)s?\b",  # not "memory": "a cost in memory"
    re.I,
)


def names_something_new(question: str, units: Sequence[Unit]) -> bool:
    """True when the answer's units name something `question` does not: a "who" or "where" answer must.

    "Apache License: Version 2.0, January 2004" names nothing new to "Who drafted the Apache
    License?"; "Michael Intrator - CEO" and "Headquarters: Livingston" do, and so does a path or
    an address. A capitalized first word counts only when no lower-case word follows it ("See
    the License …" is a sentence's first word), a word before a number labels it ("Version 2.0"),
    and months are dates. The first unit's heading counts when it may be a name (`_name_heading`).
    """
    asked = set(tokenize(question))
    texts = [f"{u.label} {u.text}" for u in units] + [_name_heading(units[0])] if units else []
    for text in map(plain, texts):
        if any(m.group(0).strip().lower() not in question.lower() for m in _PATH.finditer(text)):
            return True  # a path or an address the question does not already give
        words = list(_WORD.finditer(text))
        for i, match in enumerate(words):
            word = match.group(0)
            if not _NAMED.match(word) or word.isdigit() or word.lower() in _MONTHS or len(word) == 1:
                continue
            following = words[i + 1].group(0) if i + 1 < len(words) else ""
            if following[:1].isdigit():
                continue
            before = text[: match.start()].rstrip()
            if (not before or before[-1] in ".?!") and following[:1].islower():
                continue
            if not set(tokenize(word)) <= asked:
                return True
    return False


def _name_heading(unit: Unit) -> str:
    """The unit's own heading when it may be a name: a few words, none in lower case ("Peter Salanki").

    A title-case heading with a small word in it ("Accepting Warranty or Additional Liability")
    is a title, and its capitals say nothing.
    """
    heading = unit.chunk.section.split(" > ")[-1]
    words = heading.split()
    return heading if len(words) <= 4 and not any(w[:1].islower() for w in words) else ""


def passage_text(*chunks: Chunk) -> str:
    """What passages say, headings and document title included."""
    return "\n".join(f"{c.title}\n{c.section}\n{c.text}" for c in chunks)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[*_`]", "", text)).lower()
