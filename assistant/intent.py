"""What kind of fact a question asks for: a figure, a date, a name, a place, a list, a way.

Whether a passage holds that kind of fact is `assistant.facts`.

Works on the wording alone (English question words and a few patterns); it knows nothing about
any particular corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.facts import YEAR
from ingest.lexical import tokenize

# The kinds of fact that are figures: a passage holding none of the kind asked for is no answer.
FIGURES = ("money", "number", "percent", "date")

# A question asking for several things: "List …", "What are the …", "Which two options …?".
_LIST = re.compile(
    r"\b(list\b|name (the|all)|enumerate\b|(?:which|what) (?:two|three|four|five|six|seven|eight|nine|ten|several)\b|what are (the|all|its|their|\w+['’]s?)\b|which (are|were|\w+[^s\W]s)\b|which [a-z]+ \w+[^s\W]s (?:do|does|did|are|were|is|was|have|has|had|can|could|will|would)\b|"
    r"what (\w+ )?(products|services|options|features|segments|risks|customers|investors|partners|"
    r"locations|countries|gpus|models|facilities|sites|milestones|advantages|strengths|types|kinds)\b"
    r"|what (?:[a-z]+ )?[a-z]+[^s\W]s (?:can|could|do|does|did|are|were|will|would|should|must|may)\b)",  # "What time units can …?"
    re.I,
)
# "Who are the founders?" asks for several people; "For staff who are off sick, …" relates.
_WHO_ARE = re.compile(r"(?:^|[,;:])\W*(?:(?:and|so|but|then|also)\s+)?who (?:are|were)\b", re.I)
# Where a question word asks rather than relates: opening the question or one of its parts, or
# after a verb of knowing or telling ("Do you know when it opened?").
_ASKING = (
    r"(?:^\W*|[,;]\s*(?:and\s+|or\s+)?|\b(?:and|or|since|until|by)\s+"
    r"|\b(?:know|knows|tell (?:me|us)|say|says|said|remember|find out|ask|asked|wonder|explain)\s+)"
)
# Elsewhere "when" says in which case ("Which exception is raised when a key is missing?",
# "options when renting"), and "who"/"whose" is a relative pronoun ("a timer whose callback has
# run" asks about the timer).
_ASKS_WHEN = re.compile(rf"{_ASKING}when\b|\b(?:what|which) (?:year|date|month)\b")
_ASKS_WHO = re.compile(rf"{_ASKING}(?:who|whom|whose)\b")
# "Whose death counts …?" is answered by kinds of people as well as by names: "a spouse or
# partner, a child …", "the law of England and Wales".
ASKS_WHOSE = re.compile(rf"(?i:{_ASKING}whose\b)")
# A question opening with a condition ("When Node.js warns about a leak, which properties …?")
# asks what its main clause asks: the condition is no "when" question.
_CONDITION_FIRST = re.compile(
    r"^\W*(?:when|whenever|if|once|after|before|while)\b[^,?]*,\s*(?=(?:what|which|who|whom|whose|when|where|how|why|is|are|was|"
    r"were|do|does|did|can|could|will|would|should|has|have)\b)"
)
# Statements before the question ("By default it hides the output. Which flag shows it?") are
# its context: the question asks what its last sentence asks.
_STATEMENTS_FIRST = re.compile(r"^.*[\w)\]\"'’][.!]\s+(?=[A-Z][^.!?]*\?\s*$)", re.S)
# "How do I …?", and "Which manage.py command do I run …?": a way is asked for.
_HOW_TO = re.compile(
    r"\W*(?:(?:and|so|then|but|also|ok|okay),? )?(?:how (?:can|could|do|does|should|would|might|to)\b"
    r"|(?:which|what) (?:[\w.-]+ )?command (?:do|does|should|can|must|would) (?:i|you|we) (?:run|use|type|enter)\b)"
)
# "Which is cheaper, A or B?", "Who has to give more notice: us or them?": a choice between two
# things named after the asking words, which compares them.
CHOICE = re.compile(r"\b(?:which|who)\b[^?]*?[,:]\s*(?P<a>[^,:;?]+?)\s+or\s+(?P<b>[^,:;?]+?)\s*\?\s*$", re.I)
COMPARE = re.compile(r"\b(compare|comparison|versus|vs\.?|difference between|differ|compared (to|with)|than)\b", re.I)


_MONEY_ASKED = re.compile(
    r"\b(how much|how expensive|cost|price[sd]?|valuation|valued|revenue|income|profit|loss|salary|fee|dollar value|dollar amount"
    # The measures a company's results give as sums: "What was its adjusted EBITDA for Q3?"
    r"|(?:e?bitda|net sales|cash flow)(?!\s+margins?\b)|earnings(?!\s+(?:call|calls|release|releases|report|reports|date|dates|season|conference|webcast))"
    # "What does it charge per terabyte?"; not "in charge", nor "What does the charge controller do?"
    r"|what (?:do|does|did|will|would) (?:\w+ ){1,4}charge(?=\W*$|\s+(?:per|for|to|on|you|me|us|them|each|an?)\b))\b"
)
# "How much memory / power / time …" asks for a quantity of that thing, not for money; "how much
# did it raise", "how much money", "how much cheaper" do ask about money, and so does "how much
# revenue" (the noun itself is a money word).
_QUANTITY_ASKED = re.compile(
    r"\bhow much (?=(?!(?:did|does|do|is|was|were|are|will|would|has|have|had|can|could|should|it|they|we|i|you|"
    r"money|cash|funding|capital|debt|equity|more|less|cheaper|extra|of)\b)[a-z])"
)


# "How much does it weigh?" asks for a mass, not a price.
_WEIGHT_ASKED = re.compile(r"\bhow much\b(?:\s+\w+){1,5}?\s+weigh(?:s|ed)?\b")


# The words of a limit: "the maximum …", "the largest value …".
LIMIT_WORDS = "maximum|minimum|largest|smallest|highest|lowest|longest|shortest"
# "What is the internal block size …?", "What is the maximum length …?", "… in octets?": a measure,
# which only a figure gives. Not "What is the length of …?": of a contract, it is a time.
_MEASURE_ASKED = re.compile(
    r"^\W*what(?:['’]s|\s+is|\s+are)\s+the\s+(?:[\w-]+\s+){0,2}(?:size|width|height|depth|count|number)\b"
    rf"|^\W*what(?:['’]s|\s+is|\s+are)\s+the\s+(?:{LIMIT_WORDS})\b"
    # "What's the nightly hotel limit …?", "What will the mileage rate be …?": a figure of its kind.
    r"|^\W*what(?:['’]s|\s+is|\s+are|\s+was|\s+were|\s+will)\s+the\s+(?:[\w-]+\s+){0,3}?(?:rates?|limits?|caps?|ceiling|threshold)\b"
    # "What default connection timeout does pip use …?", "What is the cargo volume …?", "What exit
    # status does it return …?": measures and codes, given as figures.
    r"|^\W*what(?:['’]s|\s+is|\s+are|\s+was|\s+were|\s+will)?\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:timeouts?|capacity|volume|temperature|exit (?:status|code)|return code|compression level)\b"
    r"|\bin (?:bytes|bits|octets|kilobytes|megabytes|gigabytes|kib|mib|gib|kb|mb|gb|seconds|milliseconds|microseconds|"
    r"nanoseconds|minutes|hours|days|characters|pixels)\W*$"
)


# Words that name the kind of answer wanted ("how much money", "what amount") or the document
# ("does the report mention"), not the subject: a document that never says "money" or "report"
# can still answer, so they do not count as unknown words.
KIND_WORDS = frozenset(
    tokenize(
        "much many money dollar amount figure number sum total date time year name person people place location "
        "due deadline "  # when a thing is due is its date ("When is the coursework due in?" ← "Deadline: 21 February")
        "size length width height depth count "  # a measure asked for ("What is the length of …?")
        "located situated lie lies "  # where a place is ("lies near which town?")
        "report document text mention say according describe versus compare compared comparison "
        "mean meaning stand short abbreviation acronym"  # about the question, not its subject
        " main key major primary principal top notable important biggest largest"  # which of them, not what
        # Function words the stopword list lacks: a document may never say "across" or "several".
        " across along among amongst around onto toward towards upon via within throughout several various whether"
    )
)


@dataclass(frozen=True)
class Intent:
    wants: str  # "number" | "money" | "percent" | "date" | "person" | "name" | "place" | "other"
    is_list: bool
    is_comparison: bool
    years: frozenset[str]  # years named in the question: a passage must agree with them
    counts: bool = False  # "how many …": a count, which a sum of money is not
    how_to: bool = False  # "How do I …?": a way, which a command or a line of code may be


def asked_sentence(question: str) -> str:
    """The sentence that asks, without the statements before it that set its context.

    >>> asked_sentence("By default it hides the output. Which flag shows it?")
    'Which flag shows it?'
    """
    return _STATEMENTS_FIRST.sub("", question)


def detect_intent(question: str) -> Intent:
    """The fact type the question wants, from its question words.

    >>> detect_intent("How much did OpenAI invest?").wants
    'money'
    """
    q = _CONDITION_FIRST.sub("", asked_sentence(question).lower())
    asks_when = bool(_ASKS_WHEN.search(q))
    weighs = bool(_WEIGHT_ASKED.search(q))  # "How much does it weigh?" asks for a mass, not a price
    # "How can my program find out how many tasks to run?" asks for a way, not for a number.
    how_to = bool(_HOW_TO.match(q))
    if how_to:
        wants = "other"
    # "What share of revenue …?" asks for a percentage, though it names money.
    # "How likely is the base case?" asks for a probability, which reports give as a percentage.
    elif re.search(r"\b(what percent|what percentage|what share|what portion|what fraction|how much of (?!an? \b)"
                   r"|how (?:likely|probable)|what (?:are|were) the odds|what(?:'s| is| was) the (?:chance|probability|likelihood))", q):
        wants = "percent"
    elif re.match(r"\W*(?:who|whom|whose)\b", q) and not asks_when and not re.search(r"\bhow\b", q):
        # "Whose property was the hangar where the first Price Club opened?" asks for no sum; "Who
        # was it and how large was the facility?" and "Who founded it, and when?" ask for more.
        wants = "person"
    elif _MONEY_ASKED.search(_QUANTITY_ASKED.sub("", q)) and not asks_when and not weighs:
        wants = "money"
    elif weighs or re.search(r"\b(how many|how large|how big|how fast|how heavy|how far|how tall|how wide|how deep|how high|what number|what size|how long|(?:numeric|numerical|integer|decimal|hexadecimal) value)\b", q) or _QUANTITY_ASKED.search(q) \
            or _MEASURE_ASKED.search(q):
        wants = "number"
    elif asks_when:
        wants = "date"
    elif _ASKS_WHO.search(q):
        wants = "person"
    elif re.match(r"\W*(?:(?:from|since|in|for|by|with|on|to|of|at|under) )?which\b(?! (?:city|country|location|region|state|place)\b)", q):
        # "Which exception …?", "From which version …?": a thing to be named, even when "where" follows
        wants = "name"
    elif re.search(r"\b(where|which city|which country|what city|what country|what location)\b", q):
        wants = "place"
    else:
        wants = "other"
    is_list = bool(_LIST.search(question) or _WHO_ARE.search(question))
    counts = wants == "number" and "how many" in q
    return Intent(wants, is_list, bool(COMPARE.search(question) or CHOICE.search(q)), frozenset(YEAR.findall(question)), counts, how_to)


# "How much is it paying …?", "How much money have they earned?": a sum paid, spent or made, which
# only a sum of money answers ("How much revenue came from it?" may be answered by a share).
_PAYMENT_ASKED = re.compile(
    r"\bhow much\b.*\b(?:pay|pays|paying|paid|spend|spends|spending|spent|cost|costs|charge|charges|charged|"
    r"earn|earns|earned|raise|raises|raised|money|worth|invest|invests|invested)\b",
    re.I,
)


def asks_payment(question: str) -> bool:
    """Whether `question` asks how much money was paid, spent, earned or raised."""
    return bool(_PAYMENT_ASKED.search(question))
