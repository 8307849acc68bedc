"""The searched text: a question reworded the way documents write what it asks.

People say "the first quarter of 2025", "if none is given", "what does Rc stand for", "how many
people work there" and "these days"; documents write "Q1 2025", "the default", "an abbreviation
for", "Employees" and nothing at all. Each
function here takes the text to search and returns it with the documents' words beside the
people's (or without the words that only set the tone). Nothing here knows any particular corpus.
"""

from __future__ import annotations

import re

ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_ORDINAL_PART = re.compile(rf"\b({'|'.join(ORDINALS)})\s+(quarter|half)\b", re.I)


def with_period_codes(text: str) -> str:
    """`text` with the code that documents write for each spelled-out quarter or half beside it.

    >>> with_period_codes("And in the first quarter of that year?")
    'And in the first quarter (Q1) of that year?'
    """

    def code(match: re.Match) -> str:
        n = ORDINALS[match.group(1).lower()]
        letter = "Q" if match.group(2).lower() == "quarter" else "H"
        return match.group(0) if letter == "H" and n > 2 else f"{match.group(0)} ({letter}{n})"

    return _ORDINAL_PART.sub(code, text)


# "… if none is specified", "… when no timer is given", "without an encoding declaration": asking
# for the value used when nothing is said, which documents call the default.
_UNSAID = re.compile(
    r"\b(?:(?:if|when) (?:none|nothing|no [\w-]+(?: [\w-]+)?) (?:is|are|was|were|gets|get) (?:given|specified|set|provided|"
    r"passed|supplied|declared|chosen)|(?:if|when) (?:it is |they are |one is )?(?:not|never) (?:given|specified|set|provided|"
    r"passed|supplied|chosen)|(?:if|when) (?:it is |they are )?(?:omitted|left out|unset)|without (?:a|an|any) [\w-]+(?: [\w-]+)? "
    r"(?:declaration|argument|option|parameter|setting|value|flag)|out of the box)\b",
    re.I,
)


def with_default_word(text: str) -> str:
    """`text` with "(default)" beside a phrase asking what holds when nothing is specified.

    >>> with_default_word("What weight does a glob get if none is specified?")
    'What weight does a glob get if none is specified (default)?'
    """
    if re.search(r"\bdefault", text, re.I):
        return text
    return _UNSAID.sub(lambda m: f"{m.group(0)} (default)", text, count=1)


# Phrases that set the time or the tone of a question, not its topic: "Who runs it these days?",
# "What do they offer right now?", "Do they use AMD as well?", "Roughly how many …?". Their words would be searched for:
# "right" and "moment" occur in no document and get the question refused, "days" finds "… from its
# crypto mining days", and a rare "well" outweighs the question's subject. ("as well as" joins two
# things asked about and stays.)
_FILLERS = re.compile(
    r",?\s*\b(?:these days|nowadays|right now|at the moment|at present|as of (?:now|today)|so far|by the way|"
    r"in general|generally speaking|roughly speaking|in a nutshell|more or less|as well(?! as)|(?<=what )kind of|(?<=what )sort of|"
    r"^(?:roughly|approximately|about|around|ballpark)(?=,? how (?:many|much)\b))\b"
    # A reply's opening word, acknowledging the last answer: "OK, and for a SEV3?", "Thanks. And …".
    r"|^(?:ok(?:ay)?|alright|hmm+|thanks|thank you|great|cool|got it|i see|right|well)(?:[,.!]|\s+(?=and\b|so\b|what\b|how\b))",
    re.I,
)


def without_fillers(text: str) -> str:
    """`text` without phrases that only set the time or the tone.

    >>> without_fillers("What GPUs do they offer right now?")
    'What GPUs do they offer?'
    """
    stripped = re.sub(r"\s+([?.!,])", r"\1", _FILLERS.sub("", text)).strip(" ,")
    if not re.search(r"\w", stripped):
        return text
    return stripped[0].upper() + stripped[1:] if text[:1].isupper() else stripped


_ASKS_SHORT_FORM = re.compile(r"\b(?:stands? for|short for)\b", re.I)


def with_abbreviation_word(text: str) -> str:
    """`text` with "(abbreviation)" after a question about what a short form stands for.

    Documents write "Rc<T>, which is an abbreviation for reference counting" where people ask:

    >>> with_abbreviation_word("What does Rc stand for?")
    'What does Rc stand for? (abbreviation)'
    """
    return f"{text} (abbreviation)" if _ASKS_SHORT_FORM.search(text) and "abbreviation" not in text.lower() else text


# "How many people work there?", "… on its payroll", "… on staff", "What is their headcount?": the
# number of people an organisation employs, which documents write as "Employees: 4,600".
_HEADCOUNT = re.compile(
    r"\bhow many (?:people|persons|staff|workers)\b.*\b(?:work|works|working|worked|employ\w*|payroll|staff|staffed|hire[ds]?)\b"
    r"|\bheadcount\b|\bworkforce\b|\bstaff (?:size|count)\b",
    re.I,
)
HEADCOUNT_WORDS = ("employees", "staff", "headcount", "workforce")


def asks_headcount(text: str) -> bool:
    """Whether `text` asks how many people an organisation employs.

    >>> asks_headcount("Roughly how many people work there?"), asks_headcount("How many people use it?")
    (True, False)
    """
    return bool(_HEADCOUNT.search(text))


def with_employees_word(text: str) -> str:
    """`text` with "(employees)" after a question about headcount that does not say the word.

    >>> with_employees_word("How many people does it have on its payroll?")
    'How many people does it have on its payroll? (employees)'
    """
    return f"{text} (employees)" if asks_headcount(text) and not re.search(r"\bemployees?\b", text, re.I) else text
