"""What a line names, for the questions that ask for a name or a meaning.

An API or glossary entry puts the term on one line and what it means on the next ("GIL" / "See
global interpreter lock.", "shutil.copytree(src, dst, …)" / "Recursively copy …"), so the
best-scoring line may only repeat the question, or describe a thing without naming it. A report
names a customer in the heading over its lines ("Mistral AI - …" over "Cut training time in
half"), and writes an acronym out where it first uses it ("CoreWeave Kubernetes Service (CKS)").
This module finds the term, the heading or the spelled-out words; it does not score or render.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.facts import new_names
from assistant.spelling import spelled_pattern
from assistant.wordforms import keys
from ingest.lexical import tokenize
from ingest.units import Unit, plain, split_units

TERM_CHARS = 80  # a line this short that repeats only the question's words is a heading for the next
SIGNATURE_CHARS = 200  # "shutil.copytree(src, dst, symlinks=False, …)": a term, however many parameters
DEFINITION_CHARS = 320  # as much of the following paragraph as a plain answer may hold
_END = re.compile(r"[.!?:;]\s*$")
_WHICH = re.compile(r"^\W*which\b", re.I)
_SIGNATURE = re.compile(r"^[\w.]+\(.*\)$")
_SAYS_VALUE = re.compile(r"^[^(]*:\s")  # "Key: value", not a signature's "f(a: int)"


# "What is collections.Counter?", "What does time.time() return?": a short question about one thing.
_DEFINE = re.compile(r"^\W*what (?:is|are|does|do) (?:an? |the )?(\S+(?: \S+){0,2}?)(?: do| mean| return| stand for)?\W*$", re.I)


def is_term(unit: Unit, question: str) -> bool:
    """True when `unit` is a bare heading line for what the question asks about.

    Either it says nothing the question does not already say ("GIL" for "What does GIL stand
    for?"), or the question asks what one thing is and the line is that thing's entry heading
    ("class collections.Counter([iterable-or-mapping])" for "What is collections.Counter?").
    """
    text = unit.display
    if len(text) > TERM_CHARS or _END.search(text) or unit.kind == "code":
        return False  # a line of example code ("@lru_cache") heads no definition
    own = set(tokenize(text))
    if own and own <= set(tokenize(question)):
        return True
    defined = _DEFINE.match(question)
    subject = set(tokenize(defined.group(1))) if defined else set()
    return bool(subject) and subject <= own and unit.kind == "sentence" and not _SAYS_VALUE.match(text)


def defined_term(scored: list, question: str, near: float = 0.9, reach: int = 4) -> Unit | None:
    """Among the nearly-as-good leading units, the entry heading of the one thing the question asks about."""
    if not scored or not _DEFINE.match(question):
        return None
    for candidate in scored[:reach]:
        if candidate.score < near * scored[0].score:
            break
        if is_term(candidate.unit, question):
            return candidate.unit
    return None


def with_definition(unit: Unit, question: str) -> Unit:
    """A bare term line replaced by the paragraph after it, labelled with the term.

    'str.casefold()' on its own line, then 'Return a casefolded copy … caseless matching.' →
    a unit for that paragraph whose label is 'str.casefold()'. Any other unit comes back as is.
    """
    if not is_term(unit, question):
        return unit
    units = split_units(unit.chunk, unit.rank)
    following = [u for u in units if u.start > unit.start]
    if not following:
        return unit
    paragraph = [following[0]]
    for nxt in following[1:]:
        gap = unit.chunk.between(paragraph[-1].end, nxt.start)
        if "\n" in gap or nxt.end - paragraph[0].start > DEFINITION_CHARS:
            break  # the definition is the one paragraph under the term, not what follows it
        paragraph.append(nxt)
    first, last = paragraph[0], paragraph[-1]
    text = unit.chunk.between(first.start, last.end)
    return replace(first, end=last.end, text=text, label=unit.display, kind="sentence")


# "Which function …?", "Which exception is raised …?", "What is the operator officially called?"
_ASKS_NAME = re.compile(r"^\W*(?:which|how (?:do|can|should) (?:i|you|we)|how to)\b|\b(?:called|named)\W*$", re.I)


def with_term(unit: Unit, question: str) -> Unit:
    """A paragraph labelled with the term line right above it, when the question asks for a name.

    An API or glossary entry puts the name on its own line and what it does in the paragraph
    below: "Which function pushes a value onto the heap?" is answered by "Push the value item
    onto the heap …", and the name the question wants is the line above it,
    "heapq.heappush(heap, item)". Any other unit comes back as is.
    """
    if unit.label or unit.kind != "sentence" or not _ASKS_NAME.search(question):
        return unit
    before = [u for u in split_units(unit.chunk, unit.rank) if u.end <= unit.start]
    if not before:
        return unit
    term = before[-1]
    gap = unit.chunk.between(term.end, unit.start)
    if gap.strip() or gap.count("\n") < 2 or term.kind != "sentence":
        return unit  # the term is a paragraph of its own, right above this one
    longest = SIGNATURE_CHARS if _SIGNATURE.match(term.display) else TERM_CHARS
    if len(term.display) > longest or _END.search(term.display) or _SAYS_VALUE.match(term.display):
        return unit  # "Source code: Lib/pdb.py" gives a value; it does not name the paragraph's subject
    return replace(unit, label=term.display)


# "What does CKS stand for?", "What is HPC short for?", "What does GIL mean in CPython?"
# The short form may be mixed case: "What does Rc stand for?"
_STANDS_FOR = re.compile(r"\b(?i:what (?:does|do|is) (?:the )?)([A-Z][A-Za-z0-9]{1,7}?)s? (?i:stand for|short for|mean)\b")


def spelled_out(scored: list, question: str, reach: int = 12) -> Unit | None:
    """The leading unit that writes the asked acronym out: "model FLOPS utilization (MFU)", "Rc, … short for reference counting".

    A heading may be where it is written out ("CoreWeave Kubernetes Service (CKS)"): then the
    first unit under it, labelled with the heading.
    """
    asked = _STANDS_FOR.search(question)
    if not asked:
        return None
    acronym = asked.group(1)
    words = spelled_pattern(acronym, letters=r"[\w-]*")  # "CoreWeave", "On-Demand" spell a letter each
    short = re.escape(acronym)
    # "model FLOPS utilization (MFU)", or "Rc<T>, which is an abbreviation for reference counting".
    spelled = re.compile(
        rf"\b{words}\s*\(\s*{short}\s*\)|\b{short}\b[^.;]{{0,40}}?\b(?:abbreviation (?:for|of)|short for|stands? for)\s+(?:the\s+)?{words}",
        re.I,
    )
    for candidate in scored[:reach]:
        unit = candidate.unit
        if spelled.search(unit.text):
            return unit
        heading = next((h for h in reversed(unit.chunk.section.split(" > ")) if spelled.search(h)), None)
        if heading:
            return replace(unit, label=plain(heading))
    return None


def with_heading_name(unit: Unit, question: str) -> Unit:
    """A line that names nothing new, labelled with the heading over it that does, for a "Which …?".

    "Which customer halved its training time?" is answered by "Cut training time in half using
    CoreWeave infrastructure" under "#### Mistral AI - European AI Innovation": the name asked for
    is the heading's. A bold label inside the passage ("**Use Case:**") is passed over: it names a
    kind of line, not a thing.
    """
    if unit.label or not _WHICH.match(question) or new_names(unit.text, question):
        return unit
    path = unit.chunk.section.split(" > ")
    # The heading's parent must name the kind asked for ("Which customer …" under "Customer Case
    # Studies"), not only the documents' subject: a Title Case heading always looks like a name.
    asked = keys(tokenize(question)) - keys(tokenize(unit.chunk.title))
    for depth in range(len(path) - 1, 0, -1):
        segment = path[depth]
        if f"**{segment}" in unit.chunk.text:
            continue
        if new_names(segment, question) and asked & keys(tokenize(path[depth - 1])):
            return replace(unit, label=plain(segment))
        return unit
    return unit
