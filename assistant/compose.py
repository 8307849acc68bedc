"""Which units make up an answer, beyond the single best one: the parts that scoring alone misses.

Scoring ranks units one by one; some answers are not one unit. A list question's lines are
`assistant.lists`. The second part of a two-part question often points back at
the first ("and which expansion does it help validate?"). And a question's acronym is said by a
line that writes it out ("UK" ← "United Kingdom"). This module decides those cases; it does not
score or render. What a line names (terms, headings, acronyms) is `assistant.terms`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.facts import holds
from assistant.intent import FIGURES, Intent
from assistant.spelling import writes_out
from ingest.lexical import tokenize
from ingest.markdown import FENCE
from ingest.units import Unit

_POINTS_BACK = re.compile(r"\b(?:it|its|they|them|their|that|this|these|those)\b", re.I)


def follow_on(part: str, scored: list, picked: list[Unit], wants: Intent | None = None, near: float = 0.7, reach: int = 6) -> Unit | None:
    """The unit answering a later part of a two-part question, best first.

    "Which customer halved its training time, and which expansion does it help validate?": the
    second part's "it" is the first part's answer, so a nearly-as-good unit from the same topic
    (the same section, or one beside it under the same parent) beats a closer-worded line about
    something else. When the part names that answer ("… committing to it (Ohio, Dayton)?"), a
    nearly-as-good unit from another passage that names it comes first: the answer's own line
    says where, not how much. Without such a word the best unit stands.

    A part asking for a figure that the picked lines lack, best answered by those same lines ("…,
    and how much did it pay for it?" after "Email Security (from Area 1 Security, April 2022)"),
    is answered from the lines that hold one.
    """
    if scored and scored[0].unit in picked and wants is not None and wants.wants in FIGURES and not any(
        holds(wants, f"{u.label} {u.text}") >= 1.0 for u in picked
    ):
        # The picked line answers this part best by its words but gives no figure: the best line
        # that does. (When another line answers the part best, it stands: "half price" is a cost.)
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


# "That was my biggest mistake", "These were the first stores": a pronoun standing for what the
# sentence before said, as the subject of its verb (not "That bike is …"). "That is why the default
# is 3" states its own point; the sentence before gives only the reason.
_STANDS_FOR_BEFORE = re.compile(
    r"(?:That|This|These|Those)(?:['’]s|\s+(?:was|is|were|are|has|had|have|will|would|became|becomes|meant|means|"
    r"made|makes|turned out|proved|remains|remained)\b)(?!\s+(?:why|how|because|when|where|what)\b)"
)


def leaned_on(unit: Unit, scored: list) -> Unit | None:
    """The sentence right before `unit` in its paragraph when `unit` points back at it ("That was my biggest mistake")."""
    if unit.kind != "sentence" or not _STANDS_FOR_BEFORE.match(unit.text):
        return None
    before = [s.unit for s in scored if s.unit.chunk.id == unit.chunk.id and s.unit.end <= unit.start]
    previous = max(before, key=lambda u: u.end, default=None)
    if previous is None or previous.kind != "sentence":
        return None
    gap = unit.chunk.between(previous.end, unit.start)
    return previous if not gap.strip() and gap.count("\n") <= 1 else None


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


# A clause opening with its run-in title, "7.2 Switching from 200 mg to 400 mg (new prescription).",
# a few words that state nothing (no verb such as "is", "must", "may"): its point is in the
# sentences after it.
_RUN_IN = re.compile(r"^\s*\d+(?:\.\d+)+\.?\s+(?P<title>[^.]{2,90})\.\s*$")
_STATING = frozenset("is are was were be been must may shall should will can could would has have had do does did not".split())
RUN_IN_CHARS = 320  # the clause as far as an answer's budget goes


def run_on_title(unit: Unit, scored: list, quoted: Sequence[Unit] = ()) -> Unit:
    """`unit` run on into the rest of its paragraph when it is a clause's run-in title, else `unit`;
    not into a line the answer already `quoted`."""
    title = _RUN_IN.match(unit.display) if unit.kind == "sentence" else None
    words = title.group("title").split() if title else []
    if not words or len(words) > 10 or _STATING & {w.lower() for w in words}:
        return unit
    end = unit.end
    for following in _after(unit, scored):
        gap = unit.chunk.between(end, following.start)
        if following.kind != "sentence" or gap.strip() or re.search(r"\n\s*\n", gap) or following in quoted:
            break
        if end > unit.end and following.end - unit.start > RUN_IN_CHARS:
            break
        end = following.end
    return unit if end == unit.end else replace(unit, end=end, text=unit.chunk.between(unit.start, end))


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
