"""Whether a passage holds the kind of fact a question asks for: a sum, a share, a count, a date, a name.

What kind a question asks for is `assistant.intent`. Works on the wording alone; it knows
nothing about any particular corpus.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.intent import Intent

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTHS = "|".join(MONTHS)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")  # a year written out: "2024"
# A month is capitalized or has a day or year after it: "you may convey" and "march on" name none.
_CAPITAL_MONTHS = "|".join(m.capitalize() for m in MONTHS)
_MONTH_NAME = rf"\b(?:{_CAPITAL_MONTHS})\b|(?i:\b(?:{_MONTHS})\s+\d)"
# A year before 1900 is told from a number by where it stands: a timeline's label ("1855: The
# railroad opens") or after "in", "since", "until" … and no unit ("in 1855", not "in 1500 MW").
_OLD_YEAR = (
    r"(?:^|\n)[\s*_-]*1[5-8]\d{2}\b\W{0,3}[:–—]"
    r"|(?i:\b(?:in|since|from|until|till|by|circa|of|early|late|mid)\s+)1[5-8]\d{2}\b(?!\s*(?:%|[-–]\d|(?:[kMGT]?W|[kMG]?Hz|rpm|[mck]?m|kg|g|[KMGT]i?B|ms|px|s|bytes?|bits?)\b))"
)
_DATE = re.compile(rf"{_MONTH_NAME}|(?i:\b(?:q[1-4]|h[12])\b)|\b(?:19|20)\d{{2}}\b|{_OLD_YEAR}")
_MONTH = re.compile(_MONTH_NAME)
# A day of the week or a time of day says when something recurs: "Tuesdays 14:00–16:00", "from 9am".
_WEEKLY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\b(?:noon|midday|midnight)\b")
# A number in figures or in words: "defaulting to one million", "two middle values", "twice",
# "at most only one" (a bare "one" is as often a pronoun: "the one that …").
# A digit inside a name ("x86", "H100", "SHA3_256") is no amount.
_NUMBER = re.compile(
    r"(?<!\w)\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|"
    r"million|billion|dozen|twice|thrice)\b|\bone (?:hundred|thousand|million|billion)\b"
    r"|\b(?:only|exactly|at most|at least|just|more than|fewer than|than) one\b",
    re.I,
)
# A day of a month is part of a date, not a count: "March 28, 2025", "2 October 2018".
_DAY = re.compile(
    rf"\b(?:{_CAPITAL_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?![.:]?\d|\s?%)"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_CAPITAL_MONTHS})\b"
)
_WHEN = re.compile(r"\b(?:(?:19|20)\d{2}|[qh][1-4](?:\s*[-–]\s*[qh][1-4])?)\b(?![.,]?\d|\s?%)", re.I)
_VERSION = r"\b(?:version|release|v)\s?\d+(?:\.\d+)+\b"  # version 2.1, v2.6.10
_NO_AMOUNT = re.compile(
    r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w.]*\d)"  # three parts or more: 3.4.0, 7.6.3.2
    rf"|{_VERSION}"
    r"|\b[a-z_][\w.-]*\(\d[a-z]?\)",  # a manual page: fcntl(2), dpkg(1)
    re.I,
)
_MONEY = re.compile(
    r"[$€£¥]\s?\d|\d\s?(k|m|b|bn|million|billion|trillion|dollars?|euros?|pounds?|usd|eur|gbp)\b|\b(?:usd|eur|gbp)\s?\d", re.I
)
_RELEASE = re.compile(rf"{_VERSION}|\b[A-Z][a-z]+ \d+\.\d+(?:\.\d+)?\b")
_PRICED = re.compile(r"[$€£¥]\s?\d+(?:[.,]\d+)*\s?(?:k|m|b|bn|million|billion|trillion)?\+?", re.I)  # with its sign
_MONEY_AMOUNT = re.compile(_PRICED.pattern + r"|\d+(?:[.,]\d+)*\s?(?:million|billion|trillion)\b", re.I)
_PERCENT = re.compile(r"\d\s?%|\bpercent\b", re.I)
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+)+\b")
# A name in running text: CamelCase or a code (KeyError, OpenAI, H100), an identifier (heapq.heappush,
# sys.maxsize), or a capitalized word after a lower-case one ("led by Coatue").
# A command-line flag is a name too ("--show-output", "-v").
_CAMEL, _WITH_DIGIT, _IDENTIFIER, _FLAG = (
    r"\b[A-Za-z]*[a-z][A-Z]\w*", r"\b[A-Za-z]+\d\w*", r"\b[a-z_]\w*[._]\w+", r"(?<![\w-])--?[a-z][\w-]*"
)
_NAMING = re.compile("|".join([_CAMEL, _WITH_DIGIT, _IDENTIFIER, r"(?<=[a-z,] )[A-Z][\w&-]+", _FLAG]))
# The same without "a capitalized word after a lower-case one": code, not a proper noun in prose.
CODE_NAME = "|".join([_CAMEL, _WITH_DIGIT, _IDENTIFIER, _FLAG])
_PLACE_HINT = re.compile(r"\b[A-Z][a-z]+(?:,\s*[A-Z][A-Za-z .]+)?\b")


def holds(intent: Intent, text: str) -> float:
    """How well `text` holds the kind of fact asked for: 1 fits, 0 does not, 0.5 unsure."""
    wants = intent.wants
    # A year or a quarter is a date, not an amount: "October 2021" does not answer "how much".
    # Nor is a release, a section number or a manual page's section an amount: "As of 3.4.0",
    # "7.6.3.2 PBKDF2-HMAC-SHA256", "fcntl(2)" answer no "how many" or "how long".
    figures = _amounts_only(text) if wants in ("money", "percent", "number") else text
    if wants == "money":
        return 1.0 if _MONEY.search(figures) else (0.5 if _NUMBER.search(figures) else 0.0)
    if wants == "percent":
        return 1.0 if _PERCENT.search(figures) else (0.3 if _NUMBER.search(figures) else 0.0)
    if wants == "number":
        if intent.counts and not _NUMBER.search(_MONEY_AMOUNT.sub(" ", figures)):
            # "$6.3B" is no answer to "how many GPUs"; "2 million" may be a count of users or a sum.
            return 0.5 if _NUMBER.search(_PRICED.sub(" ", figures)) else 0.0
        return 1.0 if _NUMBER.search(figures) else 0.0
    if wants == "date":
        # A month says more than a bare year or quarter: "April 2023" answers "when" better than "in 2023".
        # A software release says when as well as a year does: "New in version 3.8", "Python 3.11".
        return 1.0 if _MONTH.search(text) else (0.7 if _DATE.search(text) or _RELEASE.search(text) or _WEEKLY.search(text) else 0.0)
    if wants == "person":
        return 1.0 if _NAME.search(text) else 0.2
    if wants == "name":
        return 1.0 if _NAMING.search(text) else 0.3
    if wants == "place":
        return 1.0 if _PLACE_HINT.search(text) else 0.3
    return 0.5


def gives_money(text: str) -> bool:
    """Whether `text` names a sum of money: "$162M", "1.2 billion", "40 euros"; not "50,000+ models"."""
    return bool(_MONEY.search(_amounts_only(text)))


def _amounts_only(text: str) -> str:
    """`text` without the numbers that are no amounts: dates, years, quarters, releases, manual pages."""
    return _NO_AMOUNT.sub(" ", _WHEN.sub(" ", _DAY.sub(" ", text)))


def amounts(text: str) -> int:
    """How many numbers `text` holds that are not years or quarters: "4.8TB/s (vs 3TB/s) in 2024" → 2."""
    return len(re.findall(r"\d+(?:[.,]\d+)*", _WHEN.sub(" ", text)))


def new_names(text: str, question: str) -> list[str]:
    """The names `text` writes (as a "Which …?" answer would) that the question does not already say."""
    asked = set(re.findall(r"\w+", question.lower()))
    return [m.group(0) for m in _NAMING.finditer(text) if not set(re.findall(r"\w+", m.group(0).lower())) <= asked]


def names_release(text: str) -> bool:
    """True when `text` names a software release: "What's New In Python 3.8", "version 2.1"."""
    return bool(_RELEASE.search(text))
