"""Questions asking "Which …?" whose answer must name things: another than the question names, or the things themselves.

"If I enable --exit-on-first-error, which other option must I set?" wants an option the question
does not name; "Which Microsoft products used it?" is not answered by "… used by a couple of
Microsoft products". A name in the page's title is the page's subject, never the thing asked for.
Works on the wording alone.
"""

from __future__ import annotations

import re

from assistant.facts import MONTHS, new_names
from assistant.promotions import promote_first
from assistant.terms import with_term
from ingest.units import Unit

_MONTHS = frozenset(MONTHS)


def _names_told(unit: Unit, question: str) -> list[str]:
    """The names `unit` writes that neither `question` nor the page's title says; a month is no name."""
    about = unit.chunk.title.lower()
    names = new_names(f"{unit.label} {unit.text}", question)
    # "February-March 2007" is a date; "Valgrind" on a page titled "Using the Valgrind core", its subject.
    return [n for n in names if n.lower() not in about and not set(filter(None, re.split(r"[-–]", n.lower()))) <= _MONTHS]


# "Which Microsoft products …?" is not answered by "… used by a couple of Microsoft products":
# a line that counts the asked things vaguely, naming none of them.
# The things are a plural noun, not a word that merely ends in "s": "What was the gzip format
# designed for?" asks about no things.
_ASKED_THINGS = re.compile(
    r"^\W*(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?!(?:was|is|has|does|this|its|his|us|as|thus|plus)\b)([a-z]+s)\b(?<!ss)", re.I
)
_VAGUELY = r"\b(?:a couple of|a few|several|some|various|a number of|many|multiple|certain|other)\s+(?:[\w-]+\s+){0,2}"


def names_none_of_them(question: str, unit: Unit) -> bool:
    """True when `question` asks "Which <things> …?" and `unit` only counts such things vaguely, naming none.

    >>> from ingest.types import Chunk
    >>> from ingest.units import split_units
    >>> text = "It was used by a couple of Microsoft products."
    >>> names_none_of_them("Which Microsoft products used it?", split_units(Chunk("c", "d", "T", "S", text, 0, len(text)), 0)[0])
    True
    >>> text = "The zlib format on the other hand was designed for in-memory applications."
    >>> names_none_of_them("What was the gzip format designed for?", split_units(Chunk("c", "d", "T", "S", text, 0, len(text)), 0)[0])
    False
    """
    asked = _ASKED_THINGS.match(question)
    if not asked or not re.search(_VAGUELY + re.escape(asked.group(1)) + r"\b", unit.text, re.I):
        return False
    return not _names_told(unit, question)


_ASKS_OTHER = re.compile(r"\b(?:which|what) other\b", re.I)


def promote_other(question: str, scored: list, near: float = 0.8, reach: int = 6) -> list:
    """For "Which other option …?", put first a nearly-as-good unit naming something new, if the best does not.

    "If I enable --exit-on-first-error, which other option do I also have to set?" is not answered
    by that option's own entry but by the line naming --error-exitcode. A name in the page's title
    ("Valgrind" in "Using and understanding the Valgrind core") is what the page is about, not
    another thing; a heading's name is not left out, as a reference page heads each entry with it.
    """
    if not scored or not _ASKS_OTHER.search(question):
        return scored

    def names_other(unit: Unit) -> bool:
        return bool(_names_told(unit, question))

    return scored if names_other(scored[0].unit) else promote_first(scored, names_other, near, reach, as_much=False)


# "Which environment variable …?", "Which flag …?", "Which function …?": a kind of name with a
# written form of its own, CARGO_LOG, --trace-children, heappush().
_KIND_FORMS = (
    (re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+)?(?:environment\s+)?variable\b", re.I), re.compile(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")),
    (re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+)?(?:flag|option|switch)\b", re.I), re.compile(r"(?<![\w-])--?[a-zA-Z][\w-]*")),
    (re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+)?(?:function|method)\b", re.I), re.compile(r"\b[\w.]+\(\)")),
)


# "… located at which university?", "Which court ruled …?": a kind of thing whose names carry the
# kind's own word, "Monash University", "UK High Court". Only the word in lower case in the question.
_WHICH_KIND = re.compile(r"\b(?i:which|what)\s+(?:[a-z-]+\s+)?([a-z]{4,})\W*$|\b(?i:which)\s+([a-z]{4,})\s+([a-z]+)")
# Words after "which" that name no kind of thing with names of its own, or a time ("Fiscal Year 2024").
_NO_KIND = frozenset({"other", "kind", "type", "sort", "version", "release", "year", "month", "quarter",
                      "date", "time", "season", "week", "period", "part", "step", "case", "ones"})


def _titled_kind(question: str) -> re.Pattern | None:
    """A pattern for names of the kind a "Which X …?" asks for that carry the word X: "Monash University"."""
    match = _WHICH_KIND.search(question)
    if not match:
        return None
    kind = match.group(1) or match.group(2)
    if kind in _NO_KIND or match.group(3) in _NO_KIND:
        return None
    titled = re.escape(kind.capitalize())
    return re.compile(rf"\b(?:[A-Z][\w&'.-]*\s+){{1,4}}{titled}\b|\b{titled} of (?:the )?[A-Z][\w&'.-]*")


def promote_kind_named(question: str, scored: list, near: float = 0.8, reach: int = 4) -> list:
    """For "Which environment variable / flag / function / university …?", a nearly-as-good unit writing one, if the best writes none.

    "Which environment variable makes Cargo print why it rebuilds?" is answered by "… by setting
    the CARGO_LOG environment variable", not by the closer-worded "This will cause Cargo to print
    out a lot of information …" after it. A name the question itself writes does not count. The
    line may score a fifth less than the best: "At Monash University; up to 100M doses …" under
    the Clayton plant's heading scores 0.80 of a line about the plant's funding.
    """
    form = next((form for asks, form in _KIND_FORMS if asks.search(question)), None) or _titled_kind(question)
    if not scored or form is None:
        return scored

    def writes_one(unit: Unit) -> bool:
        return any(name not in question for name in form.findall(f"{unit.label} {unit.text}"))

    # A best line under its term line ("--enable-mini-gmp" over "Use the smaller …") is answered
    # with that term as its label (`with_term`), so it writes one already.
    best = with_term(scored[0].unit, question)
    return scored if writes_one(best) else promote_first(scored, writes_one, near, reach, as_much=False)
