"""Which of the leading scored units goes first, rule by rule, when the best score alone picks wrong.

Scoring ranks units one by one (`assistant.scoring`); these rules look at the few nearly-as-good
units together: the one holding the kind of fact asked for, the one saying "default" for a
question about the default, the total beside a part, the earliest or latest date, an amount over
a rate, the line about the case asked for. Each puts one unit first or leaves the ranking alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer import Query
from assistant.facts import MONTHS, amounts, holds
from assistant.final import asks_final, gives_final, says_final
from assistant.intent import FIGURES, KIND_WORDS, Intent
from assistant.procedures import leads_procedure
from assistant.scoring import Scored, said_by, score_units
from assistant.types import Hit
from assistant.wordforms import keys
from ingest.lexical import tokenize
from ingest.tables import header_line
from ingest.units import plain


def ranked_units(query: Query, intent: Intent, hits: Sequence[Hit], embedder, question: str) -> list[Scored]:
    """`score_units`, then the nearly-as-good unit holding what `question` asks for put first, rule by rule."""
    scored = promote_kind(score_units(query, intent, hits, embedder), intent)
    scored = promote_amount(promote_by_order(scored, intent, question), intent, question)
    scored = promote_case(promote_whole(promote_default(scored, question), intent, question), question)
    if scored and intent.wants in ("money", "number") and asks_final(question) and not says_final(scored[0].unit):
        # "… cost in the end, all in?" ← "The final cost was …", not the closer-worded budget.
        scored = promote_first(scored, lambda unit: gives_final(unit, intent), 0.8, 8, as_much=False)
    if intent.how_to:  # "How do I claim online?" ← "The quickest way is online or in the app:" and its steps
        scored = promote_first(scored, lambda unit: leads_procedure(unit, scored), 0.9, 4)
    scored = promote_own_words(promote_statement(promote_error_name(scored, question), question), query)
    return promote_row_under_header(scored)  # last: a row says its header's words as well


def promote_row_under_header(scored: list[Scored], near: float = 0.8, reach: int = 4) -> list[Scored]:
    """When the best line is a table's header row, a nearly-as-good row under it saying as much of the question.

    A header names the columns and gives no row's figures: "And an off-peak day return?" after
    the Anytime Single to Lowther Bay is answered by the Lowther Bay row under "To | … | Off-Peak
    Day Return", not by that header. A header alone still answers when no row says as much
    ("Which tiers are there?").
    """
    if not scored or scored[0].unit.kind != "row":
        return scored
    header = scored[0].unit

    def under_it(unit) -> bool:
        return unit.kind == "row" and unit.chunk.id == header.chunk.id and header_line(unit) == header.text

    if not any(under_it(s.unit) for s in scored):
        return scored  # not a header: no row of its chunk stands under it
    return promote_first(scored, under_it, near, reach)


def promote_own_words(scored: list[Scored], query: Query, near: float = 0.8, reach: int = 4) -> list[Scored]:
    """For a follow-up, a nearly-as-good unit saying the question's own words over one saying only carried ones.

    "And how do I add elements to it?" after a turn about creating a vector carries "create new
    empty vector"; a line saying only those answers the earlier question again. The unit put first
    must say two of the question's own words (or its only one), not just one common word ("call").
    """
    own = keys(set(tokenize(query.question)) & query.known - KIND_WORDS)  # "in dollars" names the kind, not the topic
    if not scored or not own or query.standalone == query.question:
        return scored

    def says(unit) -> int:
        return len(own & keys(tokenize(said_by(unit))))

    enough = min(2, len(own))
    # In a follow-up, the best line saying one of its words beside the carried ones still yields:
    # "What should I send if the program actually crashes?" after a turn about reporting bugs
    # wants the line saying "program", "crashes" and "send", not "send … bug reports". A question
    # searched with words of its own ("(default)") keeps a best line saying one of its words.
    if says(scored[0].unit) >= (enough if query.history else 1):
        return scored
    return promote_first(scored, lambda unit: says(unit) >= enough, near, reach, as_much=False)


def promote_kind(scored: list[Scored], intent: Intent, near: float = 0.85, reach: int = 4) -> list[Scored]:
    """Put first the best of the leading units that holds the kind of fact asked for.

    "When will it be available?" wants the unit with the date, even when the unit that merely
    introduces the service scores a little higher. Only units nearly as good, and as much about
    the question's words, are considered: a number about something else is no answer.
    """
    if not scored or intent.wants not in FIGURES or holds(intent, said_by(scored[0].unit)):
        return scored
    return promote_first(scored, lambda unit: holds(intent, said_by(unit)) > 0, near, reach)


def promote_first(scored: list[Scored], fits, near: float, reach: int, as_much: bool = True) -> list[Scored]:
    """Put first the best leading unit that `fits` (and, with `as_much`, covers as much of the question as the best).

    Only the first `reach` units scoring at least `near` of the best are considered; the ranking
    comes back unchanged when none fits.
    """
    for i, candidate in enumerate(scored[1:reach], start=1):
        if candidate.score < near * scored[0].score:
            break
        if fits(candidate.unit) and (not as_much or candidate.coverage >= scored[0].coverage):
            return _to_front(scored, i)
    return scored


# "Which exception is raised …?" is answered by the line naming one (KeyError), not by a line
# about the mechanism ("… raised by the __missing__(key) call").
_ASKS_ERROR = re.compile(r"\b(?:which|what) (?:exception|error|warning)s?\b", re.I)
_ERROR_NAME = re.compile(r"\b[A-Z]\w*(?:Error|Exception|Warning)\b")
_CLASS_NAME = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b")
_RAISES = re.compile(r"\b(?:rais|throw)", re.I)


def promote_error_name(scored: list[Scored], question: str, near: float = 0.85, reach: int = 6) -> list[Scored]:
    """For "Which exception …?", a nearly-as-good line naming an error class the question does not."""
    if not scored or not _ASKS_ERROR.search(question):
        return scored

    def names_error(unit) -> bool:
        return any(name not in question for name in _ERROR_NAME.findall(said_by(unit)))

    best = said_by(scored[0].unit)
    # A best line raising a class named otherwise ("StopIteration is raised …") already answers.
    if names_error(scored[0].unit) or (_RAISES.search(best) and any(n not in question for n in _CLASS_NAME.findall(best))):
        return scored
    return promote_first(scored, names_error, near, reach, as_much=False)


def promote_default(scored: list[Scored], question: str, near: float = 0.85, reach: int = 6) -> list[Scored]:
    """For a question about the default ("… if none is specified (default)?"), a nearly-as-good line saying "default"."""
    if not scored or "default" not in tokenize(question) or "default" in tokenize(said_by(scored[0].unit)):
        return scored
    return promote_first(scored, lambda unit: "default" in tokenize(said_by(unit)), near, reach, as_much=False)


# A line labelled with one part of a sum ("Initial contract: $11.9B") is no answer to the whole
# ("How big is its contract?") when a line beside it gives the total ("Total commitment: $22.4B").
_PART = re.compile(r"\b(?:initial|first|additional|expansion|extra|incremental|upfront|phase \d)\b", re.I)
_WHOLE = re.compile(r"^\W*(?:total|overall|combined|aggregate|entire)\b", re.I)


def promote_whole(scored: list[Scored], intent: Intent, question: str, reach: int = 6) -> list[Scored]:
    """For a figure question, the total beside a best line that gives only a part the question did not ask for."""
    if not scored or intent.wants not in ("money", "number") or _PART.search(question):
        return scored
    best = scored[0].unit
    if not _PART.search(plain(best.text).split(":", 1)[0]):
        return scored
    for i, candidate in enumerate(scored[1:reach], start=1):
        unit = candidate.unit
        if unit.chunk.id == best.chunk.id and unit.block == best.block and _WHOLE.search(plain(unit.text)) and holds(intent, unit.text):
            return _to_front(scored, i)
    return scored


# "… return when both paths resolve to the same path?": the case asked about, after the main clause.
_CASE = re.compile(r"(?<=\w)\s+(?:when|whenever|if|unless|once)\s+(?=\w)", re.I)


def promote_case(scored: list[Scored], question: str, near: float = 0.85, reach: int = 4) -> list[Scored]:
    """For a question about one case ("What does it return when both resolve to the same path?"), the
    nearly-as-good line of the best line's passage that says more of that case than the best line,
    which may state the general rule."""
    parts = _CASE.split(question, 1)
    if not scored or len(parts) < 2:
        return scored
    case = keys(tokenize(parts[1]))

    def said(candidate: Scored) -> int:
        return len(case & keys(tokenize(said_by(candidate.unit))))

    best, at = said(scored[0]), 0
    for i, candidate in enumerate(scored[1:reach], start=1):
        if candidate.score < near * scored[0].score:
            break
        # The special case sits beside its general rule, in the same passage.
        if candidate.unit.chunk.id == scored[0].unit.chunk.id and said(candidate) > best:
            best, at = said(candidate), i
    return _to_front(scored, at) if at else scored


# "What is the default opt-level for the release profile?" is answered by the line that says
# "… the default opt-level for the release profile is 3", not by one that only shares its words.
_WHAT_IS = re.compile(r"^\W*what(?:['’]s|\s+is|\s+are|\s+was|\s+were)\s+(.+)$", re.I | re.S)
_COPULA = re.compile(r"\b(?:is|are|was|were)\b\s*\S", re.I)


def promote_statement(scored: list[Scored], question: str, near: float = 0.8, reach: int = 6) -> list[Scored]:
    """For "What is X?", the nearly-as-good line stating "X is …" when the best line does not."""
    asked = _WHAT_IS.match(question.strip())
    states = _states(asked.group(1)) if asked and scored else None
    if states is None or states(scored[0].unit):
        return scored
    return promote_first(scored, states, near, reach, as_much=False)


def _states(subject_text: str):
    """A test of whether a unit states the subject; None when the subject has no telling word.

    A line states X when the words before one of its "is"/"are" say all of X's words, or all but
    one of five or more (the question may name what the passage takes as read: "Cargo's"). A
    one-word X must open the line with a defining verb: "A trait defines …", "Traits are …".
    """
    words = tokenize(subject_text)
    subject = keys(words)
    if not subject:
        return None
    if len(subject) == 1:
        opens = re.compile(rf"^(?:an?|the)?\s*{re.escape(words[0])}\w*\s+(?:is|are|defines?|describes?|means?|refers? to|represents?)\b", re.I)
        return lambda unit: bool(opens.match(unit.display))
    spare = 1 if len(subject) >= 5 else 0
    return lambda unit: any(len(subject - keys(tokenize(unit.display[: m.start()]))) <= spare for m in _COPULA.finditer(unit.display))


def _to_front(scored: list[Scored], i: int) -> list[Scored]:
    return [scored[i], *scored[:i], *scored[i + 1 :]]


# "last" orders unless it names a period back from now: "from last year", "last night".
_ORDER = re.compile(
    r"\b(?:(first|initially|originally|earliest)|(latest|most recent(?:ly)?|last(?!\s+(?:year|month|week|night|quarter|time|summer|winter|spring|autumn|fall)\b)|recently))\b",
    re.I,
)
_MONTH_NUMBER = {m: i for i, m in enumerate(MONTHS, start=1)}
_DATED = re.compile(r"\b(?:(" + "|".join(_MONTH_NUMBER) + r")\s+(?:\d{1,2},\s+)?)?((?:19|20)\d{2})\b", re.I)
# "2022-2024", "through 2032": a span, not the date something happened.
_SPAN = re.compile(r"\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)?\d{2}\b|\b(?:through|until|till|by)\s+(?:19|20)\d{2}\b", re.I)


def promote_by_order(scored: list[Scored], intent: Intent, question: str, near: float = 0.8, reach: int = 4) -> list[Scored]:
    """For "When did it first …?", the nearly-as-good unit with the earliest date; "latest" the latest.

    Within one year a named month beats a bare year either way: "April 2023" is a better "first"
    than "in 2023", and "May 2023" a better "latest".
    """
    order = _ORDER.search(question)
    if intent.wants != "date" or not order or not scored:
        return scored
    earliest = bool(order.group(1))
    bare = 13 if earliest else 0  # a bare year loses to any month of the same year
    pool = []
    for i, candidate in enumerate(scored[:reach]):
        if candidate.score < near * scored[0].score:
            break
        said = _SPAN.sub(" ", said_by(candidate.unit))
        dates = [(int(y), _MONTH_NUMBER.get((m or "").lower(), bare)) for m, y in _DATED.findall(said)]
        if dates:
            pool.append(((min(dates) if earliest else max(dates)), i))
    if not pool:
        return scored
    _, i = min(pool) if earliest else max(pool)
    return _to_front(scored, i)


_ASKS_CHANGE = re.compile(r"\b(?:grow|grew|growth|change|changed|increase|decrease|rise|rose|fall|fell|drop|percent|percentage|rate|share|margin|ratio)", re.I)
_PERCENT = re.compile(r"\d+(?:[.,]\d+)*\s?%")


def promote_amount(scored: list[Scored], intent: Intent, question: str, near: float = 0.85, reach: int = 4) -> list[Scored]:
    """For "What was the backlog in Q3?", a nearly-as-good line giving an amount over one giving only a rate.

    "Backlog 127% YoY growth" is about the backlog's growth; "$55.6B backlog (Q3 2025)" is the
    backlog. A question about growth, change, a share or a rate keeps its percentage.
    """
    if not scored or intent.wants not in ("other", "number", "money") or _ASKS_CHANGE.search(question):
        return scored
    best = said_by(scored[0].unit)
    if not _PERCENT.search(best) or amounts(_strip_percents(best)) > 0:
        return scored  # the best line gives no rate, or gives an amount beside it
    return promote_first(scored, lambda unit: amounts(_strip_percents(said_by(unit))) > 0, near, reach)


def _strip_percents(text: str) -> str:
    return _PERCENT.sub(" ", text)
