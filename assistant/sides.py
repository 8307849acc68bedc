"""The two sides of a comparison, and the line that gives each side's figure.

"What revenue does the report give for its bull case versus its bear case?" is answered by one
figure for each side, not by the two best lines, which may both be about the bull case. A side
is known by its telling word, the question's rarest word on that side and not on the other
("bull" / "bear", "Q2" / "Q3", "H200" / "H100"). The line for a side says that word and not the
other's, and holds a figure; failing a line that says the word, a line under a heading that says
it and holds the figure ("Bull Case ($20-25B revenue by 2027)") is labelled with that heading.
Works on the wording alone; it knows nothing about any particular corpus.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from assistant.facts import amounts, holds
from assistant.intent import CHOICE, FIGURES, Intent
from assistant.slots import SUBJECT_IDF, named_phrases
from assistant.wordforms import keys, match_key, with_ranges
from ingest.lexical import tokenize
from ingest.tables import table_header
from ingest.units import Unit, plain

SIDE_WORDS = 3  # content words taken on each side of "versus": "its bull case" → bull, case
# "A versus B", "A vs. B", "A compared with B", "A against B"; a bare "A or B?" is not a comparison.
_VERSUS = re.compile(r"\b(?:versus|vs\.?|compared? (?:with|to)|stack(?:s)? up against|against)\b", re.I)
# "How did the backlog change from Q2 to Q3 2025?": a change between two states.
_FROM_TO = re.compile(r"\b(?:change|changed|grow|grew|rise|rose|fall|fell|increase|increased|decrease|decreased|drop|dropped|go|went)\b.*?\bfrom\b(.+?)\bto\b(.+)", re.I)
# "… for the bull case and the bear case?": two things of one kind named side by side, each with
# its own figure. The shared last word ("case") is the kind.
_PAIR = re.compile(r"\b((?:the|its|their)\s+[\w.-]+\s+(\w+))\s+and\s+((?:the|its|their)\s+[\w.-]+\s+\2)\b", re.I)
# "Do new starters in the Netherlands get more leave than new starters in the UK?": a side named
# on each side of "than". Only names count there: "Is it cheaper than renting from Amazon?" names one.
_THAN = re.compile(r"\bthan\b", re.I)
# "Which is cheaper: the Off-Peak Day Return or the Saver Return?", "Which dragged on longer, the
# September incident or the June one?": a choice between two things named after the asking words,
# each answered with its own figure. `CHOICE` in `assistant.intent` makes it a comparison.
# A place or a group named on both sides may be said in a good share of the passages ("[UK]" on
# every rule for UK staff) and still tell a side apart; the documents' subject is in nearly all.
NAMED_SIDE_IDF = 0.7
_ABOUT_TEXT = frozenset(tokenize("report document text page mention say says according describe give"))
# What follows "vs", "than" or "over" is the yardstick, not the line's subject: "(2.86x improvement vs H200)".
_REFERENCE = re.compile(
    r"\b(?:vs\.?|versus|than|over|compared (?:to|with)|(?:up|down|doubled|tripled|rose|grew|fell) from)\b[^;)]*", re.I
)
_LEAD = re.compile(r"[^:]*")  # a line's subject: what comes before its first colon


def comparison_sides(question: str, weights: Mapping[str, float]) -> tuple[str, str] | None:
    """The telling word (a match key) of each side of a comparison, or None when there are not two."""
    change = _FROM_TO.search(question)
    pair = _PAIR.search(question)
    floor, reach = SUBJECT_IDF, SIDE_WORDS  # how rare a side's word must be; how far from "versus" it may stand
    choice = CHOICE.search(question)
    if change:
        before, after = change.group(1), change.group(2)
    elif choice and not _VERSUS.search(question):
        # Each side is the option itself: no word of the asking part belongs to either.
        (before, after), reach = choice.group("a", "b"), None
    elif pair and not _VERSUS.search(question):
        before, after = question[: pair.end(1)], question[pair.start(3) :]
    elif _VERSUS.search(question):
        before, after = _VERSUS.split(question, maxsplit=1)
    elif len(parts := _THAN.split(question, maxsplit=1)) == 2 and _named(parts[0]) and _named(parts[1]):
        # The side's name may stand well before "than", with the measure between: "the Netherlands
        # get more basic annual leave than …".
        (before, after), floor, reach = parts, NAMED_SIDE_IDF, None
    else:
        return None
    left = [match_key(t) for t in tokenize(before) if t not in _ABOUT_TEXT]
    left = left if reach is None else left[-reach:]
    right = [match_key(t) for t in tokenize(after) if t not in _ABOUT_TEXT][:SIDE_WORDS]
    weight = {match_key(t): w for t, w in weights.items()}
    a = _telling(left, right, weight, _named(before), near=len(left) - 1, floor=floor)
    b = _telling(right, left, weight, _named(after), near=0, floor=floor)
    return (a, b) if a and b and a != b else None


# Words that frame a comparison or point at the text, not the measure compared ("2024 revenue").
_COMPARING = frozenset(keys(tokenize("compare compared comparison versus against stack up")))
_ABOUT_KEYS = frozenset(keys(_ABOUT_TEXT))


def subject_comparison(question: str, weights: Mapping[str, float], scored: list, intent: Intent, reach: int = 12) -> list[Unit]:
    """For "How does Rival's 2024 revenue compare with Acme's?" where Acme is the documents' subject:
    the rival's line and the subject's line giving the measure asked (2024, revenue); [] unless both.

    The subject is in nearly every passage, so it tells no side apart (`_telling`): its line is
    one giving the measure that does not name the rival, as "2024: Revenue $55.5B; EBITDA …" under
    the company's financial history. The rival's line gives the measure and names the rival, in
    itself or in a heading over it ("2024 Revenue: €21.0B" under "Maersk vs. Hapag-Lloyd").
    """
    parts = _VERSUS.split(question, maxsplit=1)
    if len(parts) != 2:
        return []
    weight = {match_key(t): w for t, w in weights.items()}
    named = [_named(part) for part in parts]
    telling = [{k for k in side if weight.get(k, 0.0) >= SUBJECT_IDF} for side in named]
    words = [keys(tokenize(part)) - _COMPARING - _ABOUT_KEYS for part in parts]
    # One side names a rival, the other only words in nearly every passage: "Hapag-Lloyd's … compare
    # with Maersk's?"
    if telling[0] and not telling[1] and words[1] and all(weight.get(k, 0.0) < SUBJECT_IDF for k in words[1]):
        rival, at = telling[0], 0
    elif telling[1] and not telling[0] and words[0] and all(weight.get(k, 0.0) < SUBJECT_IDF for k in words[0]):
        rival, at = telling[1], 1
    else:
        return []
    subject = words[1 - at]
    measure = keys(tokenize(question)) - set().union(*named) - subject - _COMPARING - _ABOUT_KEYS
    if not measure:
        return []
    wants = _figure_wanted(intent)
    theirs = ours = None
    for candidate in scored[:reach]:
        unit = candidate.unit
        around = _said_around(unit)
        if not measure <= around or holds(wants, f"{unit.label} {unit.text}") < 1.0:
            continue
        if rival <= around:
            theirs = theirs or unit
        elif not rival & around:
            ours = ours or unit
    if theirs is None or ours is None:
        return []
    return [theirs, ours] if at == 0 else [ours, theirs]


def _figure_wanted(intent: Intent) -> Intent:
    """The intent a side's line must meet: the figure asked for, or any number when none is named."""
    return intent if intent.wants in FIGURES else replace(intent, wants="number")


def _said_around(unit: Unit) -> set[str]:
    """The match keys a line says with its label, its table's header and its headings."""
    return keys(tokenize(f"{unit.label} {unit.text} {table_header(unit)} {unit.chunk.section}"))


def _named(text: str) -> set[str]:
    return {match_key(t) for phrase in named_phrases(text) for t in tokenize(phrase)}


def _telling(side: list[str], other: list[str], weight: Mapping[str, float], named: set[str], near: int, floor: float = SUBJECT_IDF) -> str:
    """The side's word that tells it apart: a name first ("H200", "Q2"), else its rarest word.

    The documents' subject ("CoreWeave's revenue against Crusoe's") tells nothing: a passage
    about it need not say it, so such a side is not split out.
    """
    own = [t for t in side if t not in other]
    # A name first, then the rarer word, then the word nearer the comparison ("bull case versus").
    nearness = {t: -abs(i - near) for i, t in enumerate(side)}
    best = max(own, key=lambda t: (t in named, weight.get(t, 0.0), nearness[t]), default="")
    return best if best and weight.get(best, floor) >= floor else ""


def side_units(scored: list, sides: tuple[str, str], intent: Intent, reach: int = 24) -> list[Unit]:
    """One line for each side, in the order the question names them; [] unless both are found.

    Also [] when the best line already gives both sides ("4.8TB/s (vs H100's 3TB/s)").
    """
    wants = _figure_wanted(intent)
    best = scored[0].unit if scored else None
    if best and set(sides) <= _said_around(best) and amounts(best.text) >= 2:
        return []
    picked = []
    for key, other in (sides, sides[::-1]):
        unit = _side_unit(scored[:reach], key, other, wants)
        if unit is None or unit in picked:
            return []
        picked.append(unit)
    return picked


def row_with_both(scored: list, sides: tuple[str, str], near: float = 0.85, reach: int = 4) -> Unit | None:
    """A nearly-as-good table row holding two figures under a header naming a side, labelled with that header.

    "How wide are the chambers of the original locks compared with the Neopanamax locks?" is
    answered by "Chamber width | 33.5 m | 55 m" under "Dimension | Original (Panamax) locks |
    Neopanamax locks", which says which figure is whose.
    """
    for candidate in scored[:reach]:
        if candidate.score < near * scored[0].score:
            break
        unit = candidate.unit
        header = table_header(unit)
        # A side's telling word may be the measure's ("chambers of the original locks versus …"
        # tells "chamber" from "Neopanamax"): one side named by a column is enough.
        if header and set(sides) & keys(tokenize(header)) and amounts(unit.text) >= 2:
            return replace(unit, label=header)
    return None


def _side_unit(scored: list, key: str, other: str, wants: Intent) -> Unit | None:
    """The best line whose subject is the side ("Q2 2025: $30.1B"), else the better of the best line
    saying it and the best one under its heading.

    "Towing Capacity: Up to 7,700 lb" under "R1S Electric SUV" answers for the R1S better than a
    lower-ranked "Pricing Note: Each R1S configuration carries a $6,000 premium …".
    """
    anywhere = headed = None
    anywhere_at = headed_at = 0
    for at, candidate in enumerate(scored):
        unit = candidate.unit
        whole = f"{unit.label} {unit.text}"
        said = keys(tokenize(with_ranges(_REFERENCE.sub(" ", whole))))  # "Grades G1–G4" says G3
        if other not in said and holds(wants, whole) >= 1.0:
            if key in keys(tokenize(with_ranges(f"{unit.label} {_LEAD.match(unit.display).group(0)}"))):
                return unit
            if key in said and anywhere is None:
                anywhere, anywhere_at = unit, at
        if headed is None and other not in said:
            headed, headed_at = _under_heading(unit, key, other, wants), at
    if anywhere is None or headed is None:
        return anywhere or headed
    return headed if headed_at < anywhere_at else anywhere


def _under_heading(unit: Unit, key: str, other: str, wants: Intent) -> Unit | None:
    """`unit` labelled with the nearest heading over it that says the side and holds its figure."""
    for segment in reversed(unit.chunk.section.split(" > ")):
        words = keys(tokenize(segment))
        if key in words and other not in words and holds(wants, segment) >= 1.0:
            return replace(unit, label=plain(segment))
    return None
