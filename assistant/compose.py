"""Which units make up an answer, beyond the single best one: the parts that scoring alone misses.

Scoring ranks units one by one; some answers are not one unit. A list question is often
answered by one line that names the items ("$650M from Goldman Sachs, JPMorgan, Morgan Stanley")
rather than by a block of bullets. The second part of a two-part question often points back at
the first ("and which expansion does it help validate?"). And a question's acronym is said by a
line that writes it out ("UK" ← "United Kingdom"). This module decides those cases; it does not
score or render. What a line names (terms, headings, acronyms) is `assistant.terms`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.intent import FIGURES, Intent, holds
from assistant.spelling import writes_out
from ingest.lexical import tokenize
from ingest.markdown import FENCE
from ingest.units import Unit, plain

BRACKET_ITEM_WORDS = 2
ITEM_WORDS = 4  # an enumerated item is a short phrase: "Morgan Stanley", "KServe (inference)"


def enumerated_items(text: str) -> int:
    """How many short items one line lists in a row: 'from A, B, C and D' → 4, 'X at Y, Z' → 2,
    'Three zonal controllers (west, east, south) plus core compute' → 3."""
    text = plain(text)
    # The first piece is whatever leads up to the list ("$650M from Goldman Sachs"), and holds its
    # first item; a list in brackets stands on its own. One list keeps to one separator: "(B.Sc. in
    # chemistry, McGill University; MBA, Harvard Business School)" is two items, not four.
    # In brackets only names of a word or two count after the first piece ("(west, east, south)",
    # "(…; previously CFO of Symantec, AMD and Brightstar)"): a person's description
    # "(cardiovascular biologist, then at Harvard, later Karolinska)" lists nothing.
    counts = []
    for separator in (r",\s+", r";\s+"):
        counts.append(1 + _short_run(re.split(separator, re.sub(r"\([^()]*\)", "", text))[1:]))
        counts += [1 + _short_run(re.split(separator, inner)[1:], BRACKET_ITEM_WORDS) for inner in re.findall(r"\(([^()]*)\)", text)]
    return max(counts)


def _short_run(pieces: list[str], most_words: int = ITEM_WORDS) -> int:
    """The most short items in a row among `pieces`; "B and C" holds two."""
    best = run = 0
    for piece in pieces:
        items = [i for i in re.split(r"\b(?:and|or)\s+", piece) if i.strip()]
        run = run + len(items) if items and all(len(i.split()) <= most_words for i in items) else 0
        best = max(best, run)
    return best


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_NUMBER_WORD = rf"(?:{'|'.join(_COUNTS)}|[2-9]|1[0-9])"  # how many items a list may say it has
# A line saying that it lists: "… one of the following four places: a heap block, …", "There are
# three possibilities: …". Such a line answers a list question from further down the ranking.
_ANNOUNCES = re.compile(
    r"\bthe following\b|\bthere (?:are|is a choice of) (?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w-]+\s+){0,2}[\w-]+s\s*:",
    re.I,
)


def inline_list(scored: list, near: float = 0.8, reach: int = 4, announced_reach: int = 8) -> Unit | None:
    """The nearly-as-good leading unit that lists the most items (three or more) in one line.

    A list question ("Which banks provided the credit line?") is answered by the line naming the
    banks, even when a line that merely mentions "major banks" scores a little higher; taking that
    line's sibling bullets instead would list the wrong things. A line that announces its list
    ("one of the following four places: …") is looked for further down (`announced_reach`).
    """
    if not scored:
        return None
    # The line listing the most items: "The returned object includes the username, uid, gid, shell,
    # and homedir" over "On Windows, the uid and gid fields are -1, and shell is null".
    best, most = None, 2
    for i, candidate in enumerate(scored[:announced_reach]):
        if candidate.score < near * scored[0].score:
            break
        if i >= reach and not _ANNOUNCES.search(candidate.unit.text):
            continue
        if (items := max(enumerated_items(candidate.unit.text), _announced_count(candidate.unit.text))) > most:
            best, most = candidate.unit, items
    return best


_ASKED_COUNT = re.compile(rf"\b(?:which|what|the|name|list)\s+({_NUMBER_WORD})\b", re.I)


def asked_count(question: str) -> int | None:
    """How many items a list question asks for: "Which three sites …?" → 3; None when it says no number."""
    match = _ASKED_COUNT.search(question)
    if not match:
        return None
    word = match.group(1).lower()
    return _COUNTS.get(word) or int(word)


def counted_list(scored: list, count: int, block_of, near: float = 0.7, reach: int = 6) -> list[Unit]:
    """The list with as many items as the question asks for, or []: a nearly-as-good line
    introducing that many items, or the best line's block of bullets when it holds that many.

    "Which three sites did it cut off?" is answered by the three bullets under "three terminations
    shaped its identity:", not by the best of them, which names three cities of its own in a row.
    A line listing items in a row is left to `inline_list`: its count is too loose to go by.
    """
    best = scored[0].unit
    for candidate in scored[:reach]:
        if candidate.score < near * scored[0].score:
            break
        if len(items := introduced_items(candidate.unit, scored, count + 1)) == count:
            return [candidate.unit, *items]
    if best.kind == "bullet" and len(block := block_of(best, scored)) == count:
        return block
    return []


_ANNOUNCED_COUNT = re.compile(rf"\bthere (?:are|is a choice of) ({_NUMBER_WORD})\b|\b({_NUMBER_WORD})\s+(?:[\w-]+\s+){{0,2}}[\w-]+s\s*:", re.I)


def _announced_count(text: str) -> int:
    """How many items a line says it lists: "There are three possibilities: …" → 3, else 0.

    Its items may run long ("real (wallclock) time (ms), which is sometimes useful; and …"), so the
    line's own word is taken for their number."""
    match = _ANNOUNCED_COUNT.search(text)
    if not match:
        return 0
    word = (match.group(1) or match.group(2)).lower()
    return _COUNTS.get(word) or int(word)


_POINTS_BACK = re.compile(r"\b(?:it|its|they|them|their|that|this|these|those)\b", re.I)


def follow_on(part: str, scored: list, picked: list[Unit], wants: Intent | None = None, near: float = 0.7, reach: int = 6) -> Unit | None:
    """The unit answering a later part of a two-part question, best first.

    "Which customer halved its training time, and which expansion does it help validate?": the
    second part's "it" is the first part's answer, so a nearly-as-good unit from the same topic
    (the same section, or one beside it under the same parent) beats a closer-worded line about
    something else. When the part names that answer ("… committing to it (Ohio, Dayton)?"), a
    nearly-as-good unit from another passage that names it comes first: the answer's own line
    says where, not how much. Without such a word the best unit stands.

    A part asking for a figure the picked lines lack ("…, and how much did it pay for it?" after
    "Email Security (from Area 1 Security, April 2022)") is answered from the lines that hold one.
    """
    if wants is not None and wants.wants in FIGURES and not any(holds(wants, f"{u.label} {u.text}") >= 1.0 for u in picked):
        scored = [s for s in scored if holds(wants, f"{s.unit.label} {s.unit.text}") >= 1.0]
    if scored and (scored[0].unit in picked or scored[0].coverage <= 0):
        # The line already picked answers this part best too, or no line says any of its words
        # ("…, and on which exchange?" where no line says "exchange"): nothing to add.
        return None
    scored = [s for s in scored if s.unit not in picked]
    if not scored:
        return None
    named = re.search(r"\(([^()]+)\)\W*$", part)  # the first part's answer, named by `with_first_answer`
    if named and picked:
        names = [n.strip().lower() for n in named.group(1).split(",")]
        for candidate in scored[:reach]:
            if candidate.score < near * scored[0].score:
                break
            where = f"{candidate.unit.chunk.section} {candidate.unit.text}".lower()
            if candidate.unit.chunk.id != picked[-1].chunk.id and any(re.search(rf"\b{re.escape(n)}\b", where) for n in names):
                return candidate.unit
    if _POINTS_BACK.search(part) and picked:
        earlier = picked[-1]
        topic = _parent(earlier.chunk.section)
        for candidate in scored[:reach]:
            if candidate.score < near * scored[0].score:
                break
            if candidate.unit.chunk.id == earlier.chunk.id or (topic and _parent(candidate.unit.chunk.section) == topic):
                return candidate.unit
    return scored[0].unit


def _parent(section: str) -> str:
    return section.rsplit(" > ", 1)[0] if " > " in section else ""


def acronyms(question: str) -> list[tuple[str, str]]:
    """The question's all-capital words with their tokens: 'Where are the UK sites?' → [('UK', 'uk')]."""
    out = []
    for word in re.findall(r"\b[A-Z]{2,6}\b", question):
        tokens = tokenize(word)
        if tokens:
            out.append((word, tokens[0]))
    return out


def written_out(pairs: list[tuple[str, str]], text: str) -> set[str]:
    """Tokens of the acronyms that `text` writes out in full ('UK' ← 'United Kingdom'), so they count as said."""
    return {token for word, token in pairs if writes_out(word, text)}


# A sentence opening like this finishes the thought of the one before it.
_LEANS_BACK = re.compile(r"(?:If (?:so|this|that|not)|In (?:this|that|such a) case|Otherwise|This|That|These|Those|Such)\b")


def leans_back(unit: Unit, scored: list) -> Unit | None:
    """The sentence right after `unit` in its paragraph when it leans back on it ("If this is what you want, …")."""
    if unit.kind != "sentence":
        return None
    rest = unit.chunk.between(unit.end, unit.chunk.end)
    gap = rest[: len(rest) - len(rest.lstrip())]
    if gap.count("\n") > 1:
        return None  # a new paragraph
    after = _after(unit, scored)
    following = after[0] if after and after[0].start == unit.end + len(gap) else None
    if following is None or following.kind != "sentence" or not _LEANS_BACK.match(following.text):
        return None
    return None if introduces(following) else following  # "This means:" says nothing without its list


def _after(unit: Unit, scored: list) -> list[Unit]:
    """The units of `unit`'s passage that come after it, in reading order."""
    return sorted((s.unit for s in scored if s.unit.chunk.id == unit.chunk.id and s.unit.start >= unit.end), key=lambda u: u.start)


# A sentence whose last word is one of these stops mid-thought; what it points at is on the next
# line: "You may obtain a copy of the License at" over an indented URL.
_DANGLING = frozenset("at to from in into of by with for via on under as like the a an and or is are".split())
COMPLETION_CHARS = 200  # a URL, a path or a command, not another paragraph


def completed(unit: Unit, scored: list) -> Unit:
    """`unit` run on into the line after it when it stops at a dangling word ("… the License at"), else `unit`."""
    words = unit.display.split()
    if unit.kind != "sentence" or not words or words[-1].lower() not in _DANGLING:
        return unit
    after = _after(unit, scored)
    if not after:
        return unit
    following = after[0]
    if unit.chunk.between(unit.end, following.start).strip() or len(following.display) > COMPLETION_CHARS:
        return unit
    return replace(unit, end=following.end, text=unit.chunk.between(unit.start, following.end))


def introduces(unit: Unit) -> bool:
    """A sentence or bullet ending in a colon: what follows it is its point."""
    return unit.kind in ("sentence", "bullet") and unit.text.rstrip().endswith(":")


def introduced_items(unit: Unit, scored: list, max_items: int) -> list[Unit]:
    """The bullets or code right after `unit` when it introduces them, ending in a colon.

    "… provided that You meet the following conditions:" is answered with the conditions, and
    "To run the tests:" with the command in the code block under it.
    """
    if not introduces(unit):
        return []
    after = _after(unit, scored)
    if not after or after[0].kind not in ("bullet", "code"):
        return []
    gap = unit.chunk.between(unit.end, after[0].start)
    if (gap.strip() and after[0].kind == "bullet") or (after[0].kind == "code" and not FENCE.match(gap.strip())):
        return []  # something stands between: the colon introduced that, not these
    return [u for u in after if u.kind == after[0].kind and u.block == after[0].block][:max_items]
