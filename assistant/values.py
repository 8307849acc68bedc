"""What a line must give to answer some questions: a setting's value, a figure of the kind and
in the unit asked (the numbered step or model asked about is `assistant.numbered`).

"What is the default stack size?" is not answered by a line saying only that there is a
default, "What is the largest value --depth accepts?" not by its default, "How many employees …?"
not by a passage that never says what it counts, "the closing share price" not by "IPO Price:
$40", and "… in bytes?" not by "250 characters". Works on the wording alone; nothing here knows
any particular corpus.
"""

from __future__ import annotations

import re

from assistant.facts import CODE_NAME
from assistant.intent import LIMIT_WORDS
from assistant.searched import HEADCOUNT_WORDS, asks_headcount
from assistant.slots import POSSESSIVE, passage_text
from assistant.wordforms import keys, match_key
from ingest.lexical import tokenize
from ingest.types import Chunk
from ingest.units import plain

# "What is the default / maximum / largest … ?": a setting's value is asked for, and a line saying only that
# there is one ("… or -1 to use the default timeout" aside) does not answer.
_ASKS_VALUE = re.compile(
    r"^\W*what(?:(?:['’]s|\s+is|\s+was|\s+are)\s+the\s+(?:default|maximum|minimum|largest|smallest|highest|lowest)\b"
    r"|\s+(?:[\w-]+\s+)?value\b.*\bdefault\b)",  # "What byte value does it use by default?"
    re.I,
)
# "What is the largest value … accepts?" asks for a limit, and "--depth=<number> [default: 30]"
# gives the default instead. A line that says what the limit is uses a word for one.
_ASKS_LIMIT = re.compile(rf"\b(?:{LIMIT_WORDS}|max|min|upper|lower limit)\b", re.I)
_SAYS_LIMIT = re.compile(
    rf"\b(?:{LIMIT_WORDS}|max|min|limit(?:s|ed)?|up to|at most|"
    r"at least|no more than|cap(?:ped)?|exceed\w*|larger than|greater than|less than|range|between)\b",
    re.I,
)
_FIGURE = re.compile(r"-?\d+(?:[.,]\d+)*")
_CONSTANT = re.compile(r"\b(?:True|False|None|true|false|null|nil|undefined|NaN|Infinity)\b")
# A constant's name ("DEFAULT_BUFFER_SIZE") or code as `assistant.intent` names it, not a proper noun in prose.
_CODE_NAME = re.compile(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|" + CODE_NAME)
# A pointer to another part of the documents: "Chapter 13", "Section 4.2", "Listing 8-2", "Figure 3".
_REFERENCE = re.compile(r"\b(?:chapter|section|listing|figure|fig\.|table|appendix|page|step|part)\s+\d+(?:[.-]\d+)*", re.I)
_SENTINEL = re.compile(
    r"(?<![\w.-])[`'\"]?(?:-?\d+|none|null|nil|undefined)[`'\"]?\s+"
    r"(?:to use|to get|to keep|for|means|selects|uses)\s+(?:the\s+)?(?:system(?:'s)?\s+|platform\s+|built-in\s+)?default\b",
    re.I,
)
_QUOTED = re.compile(r"['\"`‘“]([^'\"`’”\n]{1,40})['\"`’”]")


def asks_for_value(question: str) -> bool:
    """True for "What is the default/maximum/minimum …?"."""
    return bool(_ASKS_VALUE.match(question))


def gives_value(text: str, question: str) -> bool:
    """True when `text` holds a figure, a literal or a code name that `question` does not already say.

    A value is written as a figure ("3", "64 KiB"), quoted ("'r'"), as a constant (True, None) or
    as code (SipHash, f64, sys.maxsize); a capitalized word in prose ("… a Rust program") is not.
    """
    asked = question.lower()
    # "(see Chapter 13)" points elsewhere, and "-1 to use the default" is how to ask for the
    # default, not its value: neither number answers.
    text = _SENTINEL.sub(" ", _REFERENCE.sub(" ", text))
    return (
        any(f not in asked for f in _FIGURE.findall(text))
        or any(q.lower() not in asked for q in _QUOTED.findall(text) + _CONSTANT.findall(text))
        or any(w.lower() not in asked for w in _CODE_NAME.findall(text))
    )


def gives_default_for_limit(text: str, question: str) -> bool:
    """True when `question` asks for a limit (not a default) and `text` gives only a default.

    >>> gives_default_for_limit("--depth=<number> [default: 30]", "What is the largest value --depth accepts?")
    True
    """
    return bool(
        _ASKS_LIMIT.search(question)
        and not re.search(r"\bdefault", question, re.I)
        and re.search(r"\bdefault", text, re.I)
        and not _SAYS_LIMIT.search(text)
    )


# "What timeout does pip use by default?" is not answered by "As an example, if you want to … set the
# HTTP timeout (--default-timeout) to 60 seconds": a value an example sets is not the default.
_EXAMPLE = re.compile(r"^\W*(?:as an example|for example|for instance|e\.g\.|example:)", re.I)
_DEFAULT_WORD = re.compile(r"(?<![\w-])default(?:s|ed)?(?![\w-])", re.I)  # not the "default" of "--default-timeout"


def gives_example_for_default(text: str, question: str) -> bool:
    """True when `question` asks for a default and `text` is an example that states none.

    >>> gives_example_for_default("As an example, set the timeout (--default-timeout) to 60 seconds.", "What timeout is used by default?")
    True
    """
    return bool(_DEFAULT_WORD.search(question) and _EXAMPLE.match(plain(text)) and not states_default(text))


def states_default(text: str) -> bool:
    """True when `text` says "default" as a word, not only inside a name ("PIP_DEFAULT_TIMEOUT")."""
    return bool(_DEFAULT_WORD.search(plain(text)))


# "… in bytes?" asks for a figure in a unit of that kind; "250 characters" gives another kind.
_UNIT_KINDS = {
    "size": "bytes byte bits bit octets octet kilobytes megabytes gigabytes kib mib gib kb mb gb tb b",
    "time": "seconds second milliseconds millisecond microseconds nanoseconds minutes minute hours hour days day ms s",
    "length": "characters character chars char",
    "pixels": "pixels pixel px",
}
_UNIT_KIND = {unit: kind for kind, units in _UNIT_KINDS.items() for unit in units.split()}
_ASKED_UNIT = re.compile(r"\bin (" + "|".join(u for u in _UNIT_KIND if len(u) > 2) + r")\b", re.I)
_FIGURE_UNIT = re.compile(r"\d[\d,.]*\s?(" + "|".join(sorted(_UNIT_KIND, key=len, reverse=True)) + r")\b", re.I)


# A rate asked for by its period ("How many megabytes per second …?") and the ways a line gives
# one: "per second", "a second", "per GPU-hour", "/s", "/sec", "hourly".
_PERIODS = {
    "second": ("second", "sec", "s"), "minute": ("minute", "min"), "hour": ("hour", "hr", "h"),
    "day": ("day", "d"), "week": ("week", "wk"), "month": ("month", "mo"), "year": ("year", "yr"),
}
_ASKED_RATE = re.compile(r"\bper (" + "|".join(_PERIODS) + r")\b", re.I)
_RATE_GIVEN = {
    period: re.compile(
        rf"\b(?:per|an?|each|every)[\s-](?:[\w]+-)?{period}\b|/\s?(?:{'|'.join(forms)})s?\b|\b{period}ly\b|\b{period}[\s-]rates?\b"
        + (r"|\bannual(?:ly)?\b|\bper annum\b" if period == "year" else r"|\bdaily\b" if period == "day" else ""),
        re.I,
    )
    for period, forms in _PERIODS.items()
}


def gives_asked_unit(question: str, text: str) -> bool:
    """False when `question` asks for a figure in a unit ("in bytes") and `text` gives figures only in another kind.

    So for a rate: "How many megabytes per second …?" is not answered by "a 4 megabyte machine".

    >>> gives_asked_unit("What is the largest value size, in bytes?", "keys longer than 250 characters")
    False
    >>> gives_asked_unit("How many tokens per second did it reach?", "800 tokens/second on Llama 3.1 405B")
    True
    """
    rate = _ASKED_RATE.search(question)
    if rate and re.search(r"\d", text) and not _RATE_GIVEN[rate.group(1).lower()].search(text):
        return False
    asked = _ASKED_UNIT.search(question)
    if not asked:
        return True
    given = {_UNIT_KIND[u.lower()] for u in _FIGURE_UNIT.findall(text)}
    return not given or _UNIT_KIND[asked.group(1).lower()] in given


# --- a figure of the kind asked: what a count counts, what a labelled figure is ---------------

_HOW_MANY = re.compile(r"\bhow many ((?:[\w-]+\s+){0,1}[\w-]+)", re.I)


def says_what_is_counted(question: str, chunk: Chunk) -> bool:
    """False when a "how many" question's counted words are nowhere in the passage.

    "How many employees does it have?" (stems {"employe"}) is not answered by a passage whose only
    number is a version; any other question passes. A question about headcount ("How many people
    work there?") is answered by a passage that says "Employees" or "staff".
    """
    match = _HOW_MANY.search(question)
    counted = set(tokenize(match.group(1))) if match else set()
    if counted and asks_headcount(question):
        counted |= set(tokenize(" ".join(HEADCOUNT_WORDS)))
    return not counted or bool(counted & set(tokenize(passage_text(chunk))))


_LABEL_HEAD = re.compile(r"^\W*([A-Za-z][\w &/-]{0,40}?)\s*:")


def label_words(unit_text: str) -> list[str]:
    """The tokens of the line's label: 'Revenue per GPU-hour: $2.39' → ['revenu', 'per', 'gpu', 'hour']."""
    label = _LABEL_HEAD.match(plain(unit_text))
    return tokenize(label.group(1)) if label else []


def label_noun(unit_text: str) -> str | None:
    """The last word (as a token) of the line's label: 'Revenue per GPU-hour: $2.39' → 'hour'."""
    words = label_words(unit_text)
    return words[-1] if words else None


def labels_another_kind(question: str, unit_text: str, chunk: Chunk) -> bool:
    """True when the line's label is another kind of the thing asked for.

    "IPO Price: $40 per share" does not answer "What was the closing share price on its first day?":
    the label qualifies the asked noun ("price") with a word the question does not say ("IPO"),
    and the question's own qualifier ("closing") is nowhere in the passage.
    """
    words = label_words(unit_text)
    asked = tokenize(question)
    if len(words) < 2 or words[-1] not in asked:
        return False
    # The words written right before the asked noun, up to a word like "the" or "that".
    raw = re.findall(r"[\w'’-]+", POSSESSIVE.sub(" ", question))
    at = next((i for i, w in enumerate(raw) if tokenize(w) == [words[-1]]), None)
    if at is None:
        return False
    qualifiers: list[str] = []
    for word in reversed(raw[max(0, at - 2) : at]):
        token = tokenize(word)
        if not token:
            break
        qualifiers += token
    # By match key: "top two customers" asks what "Top 2 Customers" labels.
    asked_keys = keys(asked)
    own = [w for w in words[:-1] if match_key(w) not in asked_keys]
    said = keys(tokenize(passage_text(chunk)))
    return bool(own) and bool(qualifiers) and not keys(qualifiers) <= said
