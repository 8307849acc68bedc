"""Headings of text without markup: the numbered section lines of a PDF or a plain-text file.

A PDF's text layer and a plain-text file mark no headings, but their sections are often numbered:
"1.2. What is this spec?" on a line of its own, or "2. Grant of Copyright License. Subject to …"
run into its paragraph. Read as headings, they give each chunk a heading path, for the citation
to show and for search to match. A numbered list item is told apart by the numbering (sections
count on from the section before: 1, 1.1, 1.2, 2; a list starts again at 1), by its neighbours
(list items and contents pages come in runs of numbered lines) and by its shape (a heading is
short, and does not end in a colon or run on into a sentence).
"""

from __future__ import annotations

import re

from ingest.markup import BULLET

# "1. Introduction", "1.2. What is this spec?", "2.1 Glob patterns", "8. Termination.", and a heading
# opening with a name in code: "4. compress() returns Z_BUF_ERROR.", "3. zlib_version mismatch".
_NUMBERED = re.compile(r"^[ \t]*(\d{1,2}(?:\.\d{1,2}){0,3})\.?[ \t]+((?:[A-Z]|[a-z_][\w.]*(?:\(\)|_\w))[^\n]*?)[ \t]*$")
# "2. Grant of Copyright License. Subject to the terms …": a title sentence opening the paragraph.
_RUN_IN = re.compile(r"([A-Z][\w'’-]*(?:[ \t]+[\w'’-]+){0,7})\.[ \t]+[A-Z]")
_ANY_NUMBERED = re.compile(r"^[ \t]*(\d{1,3}(?:\.\d{1,3})*)[.)]?[ \t]+\S")
_RUNS_ON = re.compile(r"[.;!?]\s+\S|[,;:]$")  # a sentence goes on after a stop, or the line stops mid-clause
_CONTENTS = re.compile(r"(?:\.\s?){3,}|\s\d+$")  # a table of contents' leaders and page numbers
_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to with".split())
MAX_WORDS = 10


def numbered_headings(text: str) -> list[tuple[int, int, int, str]]:
    """(line start, heading end, level, name) of each numbered heading; "1." is level 2, "1.1" level 3."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        lines.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    found: list[tuple[int, int, int, str]] = []
    last: tuple[int, ...] | None = None
    # A numbered line that counts on but reads as no heading (a question wrapped over two lines,
    # "24. The license says … "plainly marked". So") still holds its place: "25." counts on from it.
    skipped: tuple[int, ...] | None = None
    for i, (start, line) in enumerate(lines):
        match = _NUMBERED.match(line)
        if not match:
            continue
        number = tuple(int(n) for n in match.group(1).split("."))
        if not (_counts_on(last, number) or (skipped is not None and _counts_on(skipped, number))):
            continue
        heading = _title(match.group(2))
        if heading == len(match.group(2)) and _hangs(lines, i, match.start(2)):
            heading = None  # the whole line looked like a title, but its sentence goes on below it
        end = start + match.start(2) + heading if heading is not None else _wrapped_question(lines, i, match.group(2))
        alone = _stands_alone(lines, i)
        if end is None or not alone:
            # Only a line too long or running on holds its place; a list item (numbered on from its
            # neighbours) does not, or the list would be read as sections counting on.
            skipped = number if last is not None and end is None and alone else None
            continue
        skipped = None
        found.append((start, end, 1 + len(number), " ".join(text[start:end].split()).rstrip(".")))
        last = number
    return found


def _hangs(lines: list[tuple[int, str]], i: int, column: int) -> bool:
    """The next line carries on the sentence at the text's column: "2.1   This Agreement commences …" over "      expiry or …"."""
    if i + 1 >= len(lines):
        return False
    after, line = lines[i + 1][1], lines[i][1]
    # "(a) Third Party Claims." under it is an item, not a wrapped line.
    if not after.strip() or BULLET.match(after) or len(after) - len(after.lstrip()) != column:
        return False
    # It carries on a sentence ("… until the" over "expiry …"), unless the line is a title in title
    # case and the next starts a sentence of its own: "3.4. Intellectual Property Matters".
    return after.strip()[0].islower() or not _title_case(line[column:].strip().rstrip("."))


def _wrapped_question(lines: list[tuple[int, str]], i: int, rest: str) -> int | None:
    """Where a question heading wrapped onto the next line ends, the line after it blank; else None.

    "30. Is there some simpler, easier to read version of inflate I can look at to / understand
    the deflate format?"
    """
    if i + 1 >= len(lines) or not lines[i + 1][1].strip() or (i + 2 < len(lines) and lines[i + 2][1].strip()):
        return None
    start, second = lines[i + 1]
    joined = f"{rest} {second.strip()}"
    return start + len(second) if joined.endswith("?") and _title(joined) is not None else None


def _title(rest: str) -> int | None:
    """How much of `rest` (the line after the number) is the heading; None when it reads as no heading.

    A question is a heading at up to twice the length: an FAQ's entries are numbered questions
    ("18. Why does gzip give an error on a file I make with compress/deflate?").
    """
    name = rest.rstrip(".").strip()
    words = MAX_WORDS * (2 if name.endswith("?") else 1)
    if len(name.split()) <= words and not _RUNS_ON.search(name) and not _CONTENTS.search(name):
        return len(rest)
    run_in = _RUN_IN.match(rest)
    if run_in and _title_case(run_in.group(1)):
        return run_in.end(1) + 1
    return None


def _title_case(words: str) -> bool:
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words.split())


def _counts_on(last: tuple[int, ...] | None, number: tuple[int, ...]) -> bool:
    """Whether `number` can follow the section numbered `last`: its first subsection or a next section."""
    if last is None:
        return number[-1] in (0, 1) and all(n in (0, 1) for n in number)
    if len(number) == len(last) + 1 and number[:-1] == last and number[-1] == 1:
        return True
    depth = len(number)
    return depth <= len(last) and number[:-1] == last[: depth - 1] and number[-1] == last[depth - 1] + 1


def _stands_alone(lines: list[tuple[int, str]], i: int) -> bool:
    """Not an item of a list (introduced by a colon, or numbered on from a neighbouring line) or a contents page."""
    number = _number(lines[i][1])
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j][1].strip():
            j += step
        if not 0 <= j < len(lines):
            continue
        # "IT IS AGREED as follows:" over "1. DEFINITIONS": a heading in capitals is no list item.
        if step == -1 and lines[j][1].rstrip().endswith(":") and not _in_capitals(lines[i][1]):
            return False
        other = _number(lines[j][1])
        if other and len(other) == len(number) and other[:-1] == number[:-1] and other[-1] - number[-1] == step:
            return False
    return True


def _in_capitals(line: str) -> bool:
    """Every word of the line's text in capitals: "1. DEFINITIONS AND INTERPRETATION"."""
    words = re.findall(r"[^\W\d_]+", line)
    return len(words) >= 1 and all(w.isupper() for w in words) and sum(len(w) for w in words) >= 4


def _number(line: str) -> tuple[int, ...]:
    match = _ANY_NUMBERED.match(line)
    return tuple(int(n) for n in match.group(1).split(".")) if match else ()
