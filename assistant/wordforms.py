"""A looser word key for matching a question's words to a passage's: forms of one word meet.

The search index stems with Snowball, which leaves irregular verbs ("began" ≠ "begin", "led" ≠
"lead") and agent nouns ("founder" ≠ "founded", "investor" ≠ "invested") apart. Choosing the answering line among a few passages can afford a looser match than search
can: a question asking when shares "began trading" is answered by "Began public trading", and
"when Cisco invested" by "Strategic investor (…)". Plain English morphology; nothing here knows
any particular corpus.
"""

from __future__ import annotations

import re
from collections.abc import Container
from functools import lru_cache

from ingest.lexical import tokenize

# Common irregular past forms → the verb. Left out where the past form is also a common word
# with another meaning: "found" (founded), "left", "saw", "lay", "felt", "ground".
_IRREGULAR = {
    "began": "begin", "begun": "begin", "became": "become", "bought": "buy", "brought": "bring",
    "built": "build", "came": "come", "chose": "choose", "chosen": "choose", "dealt": "deal",
    "did": "do", "done": "do", "drew": "draw", "drawn": "draw", "drove": "drive", "driven": "drive",
    "fell": "fall", "fallen": "fall", "flew": "fly", "flown": "fly", "gave": "give", "given": "give",
    "went": "go", "gone": "go", "grew": "grow", "grown": "grow", "held": "hold", "kept": "keep",
    "knew": "know", "known": "know", "led": "lead", "lent": "lend", "lost": "lose", "made": "make",
    "meant": "mean", "met": "meet", "paid": "pay", "ran": "run", "rose": "rise", "risen": "rise",
    "said": "say", "sought": "seek", "sold": "sell", "sent": "send", "shown": "show", "shrank": "shrink",
    "shrunk": "shrink", "spent": "spend", "spoke": "speak", "spoken": "speak", "stood": "stand",
    "struck": "strike", "taught": "teach", "took": "take", "taken": "take", "thought": "think",
    "told": "tell", "understood": "understand", "won": "win", "wrote": "write", "written": "write",
}
# Suffixes Snowball keeps that mark the doer: founder, investor, leader. Cut only when at least
# four letters remain, so "user", "order" and "power" stay whole. ("-ation" is left alone: its
# stem cannot tell "valuation" from "format".)
_AGENT_ENDINGS = ("er", "or")
_MIN_ROOT = 4
# The superlative meets the comparative and the plain word: "highest" ~ "higher" ~ "high",
# "largest" ~ "larger". Only for matching lines, not for widening search.
_DEGREE_ENDINGS = ("est",)


# A small number in words meets it in figures: "its top two customers" ~ "Top 2 Customers". Not
# "one": as often a pronoun ("the one that …") as a number.
_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


@lru_cache(maxsize=1)
def _number_stems() -> dict[str, str]:
    return {tokenize(word)[0]: str(n) for n, word in enumerate(_NUMBER_WORDS, start=2)}


def as_figure(stem: str) -> str | None:
    """The figure a number word's stem stands for ('two' → '2'); None for any other token."""
    return _number_stems().get(stem)


# A measure's noun meets the adjective a question asks it with: "How wide are the chambers?" ~
# "Chamber width | 33.5 m", "How deep …?" ~ "depth". Only for matching lines, not for widening search.
_MEASURES = {"width": "wide", "length": "long", "depth": "deep", "height": "high", "breadth": "broad",
             "weight": "heavy", "strength": "strong"}


@lru_cache(maxsize=1)
def _measure_stems() -> dict[str, str]:
    return {tokenize(noun)[0]: tokenize(adjective)[0] for noun, adjective in _MEASURES.items()}


@lru_cache(maxsize=1)
def _irregular_stems() -> dict[str, str]:
    out = {}
    for past, verb in _IRREGULAR.items():
        past_stems, verb_stems = tokenize(past), tokenize(verb)
        if past_stems and verb_stems:  # some forms ("did", "done") are stopwords: nothing to map
            out[past_stems[0]] = verb_stems[0]
    return out


@lru_cache(maxsize=65536)
def match_key(stem: str) -> str:
    """The key under which forms of one word meet; `stem` is a token from `tokenize`.

    >>> match_key(tokenize("founder")[0]) == match_key(tokenize("founded")[0])
    True
    """
    stem = _irregular_stems().get(stem) or _measure_stems().get(stem) or as_figure(stem) or stem
    for ending in (*_AGENT_ENDINGS, *_DEGREE_ENDINGS):
        if stem.endswith(ending) and len(stem) - len(ending) >= _MIN_ROOT and not stem[0].isdigit():
            return stem[: -len(ending)]
    return stem


def keys(tokens) -> set[str]:
    """The match keys of some tokens."""
    return {match_key(t) for t in tokens}


# A word written as a verb form (founded, running, began) or a doer (founder, investor).
_VERB_OR_DOER = re.compile(r"\b(?:[a-z]{3,}(?:ed|ing|ers?|ors?)|" + "|".join(sorted(_IRREGULAR)) + r")\b")


@lru_cache(maxsize=1)
def _past_forms() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for past, verb in _irregular_stems().items():
        out.setdefault(verb, []).append(past)
    return {verb: tuple(pasts) for verb, pasts in out.items()}


def forms_of(stem: str) -> set[str]:
    """Every stem that could share `stem`'s key: 'found' → {'found', 'founder', 'foundor'}; 'begin' → {'begin', 'began', 'begun'}.

    Search looks these up in its vocabulary to widen a query to the other forms of its words.
    """
    key = match_key(stem)
    out = {stem, key, *_past_forms().get(key, ())}
    if len(key) >= _MIN_ROOT and not key[0].isdigit():
        out.update(key + ending for ending in _AGENT_ENDINGS)
    return out


def with_forms(query: str, tokens: list[str], vocabulary: Container[str]) -> list[str]:
    """`tokens` and the other forms of the query's verbs and doers that `vocabulary` holds.

    "Who founded it?" also finds "Co-Founder", "the investor" finds "invested", and "two" finds "2". Only words
    written as a verb form or a doer are widened: "fast" is not taken for "faster".
    """
    out = list(tokens)
    out.extend(f for t in tokens if (f := as_figure(t)) and f in vocabulary and f not in out)
    for word in _VERB_OR_DOER.findall(query.lower()):
        for token in tokenize(word):
            out.extend(sorted(f for f in forms_of(token) if f != token and f in vocabulary and f not in out))
    return out


# "Grades G1–G4", "levels L2-L5", "Q1 to Q3": a span of numbered things of one letter code.
_CODE_RANGE = re.compile(r"\b([A-Za-z]{1,3})(\d{1,2})\s*(?:–|-|to)\s*(?:\1)?(\d{1,2})\b")
MAX_RANGE = 12  # members a span is read as naming


def with_ranges(text: str) -> str:
    """`text` followed by the members its code spans leave unwritten: "Grades G1–G4" also says G2 and G3."""
    members = []
    for match in _CODE_RANGE.finditer(text):
        prefix, low, high = match.group(1), int(match.group(2)), int(match.group(3))
        if low < high and high - low <= MAX_RANGE:
            members.extend(f"{prefix}{n}" for n in range(low + 1, high))
    return f"{text} {' '.join(members)}" if members else text
