"""Cut a chunk into answer units: bullets, table rows and sentences, each an exact document span.

A paragraph or bullet wrapped over several lines (plain text, PDF text) is read as one line first,
so its sentences come out whole.

A unit remembers the label of the bullet it hangs under ("Performance:" above "1.4 exaFLOPS per
rack") and the list block it belongs to, so a list question can take the whole block. This
module only splits and cleans; it does not score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.markdown import is_fence, is_link_definition
from ingest.markup import BULLET, HEADING, plain
from ingest.tables import COLUMN_RULE, COLUMNS, GRID_RULE, aligned_header, cells
from ingest.types import Chunk

# A whole line in bold or italics ("**Use Case:**", "*Q1 2025:*") heads the lines under it; it is no answer.
_BOLD_LINE = re.compile(r"^\s*(\*\*|\*|__|_)[^*_]+\1:?\s*$")
_RULE = re.compile(
    r"^\s*([-*_=|:\s])\1{2,}\s*$|^\s*\|?[\s:|-]+\|[\s:|-]*$|" + GRID_RULE.pattern[1:] + "|" + COLUMN_RULE.pattern[1:]
)
# Sentence ends: a stop, then space and a capital/digit; not after common abbreviations ("e.g.",
# and "ie." / "eg." as written without their inner stop: 'a short 'i' -- ie. "grinned"'), nor
# after a title before a name ("Dr. Helen Akiyama").
_SENTENCE_END = re.compile(
    r"(?<!\bvs)(?<!\bInc)(?<!\be\.g)(?<!\bi\.e)(?<!\bie)(?<!\beg)(?<!\bCo)(?<!\bSt)(?<!\bNo)"
    r"(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bProf)[.!?](?=\s+[A-Z0-9\"“(])"
)
_LABEL = re.compile(r"^\*\*([^*]{1,80}?):?\*\*:?\s*")
_UNDERLINE = re.compile(r"^\s*(={3,}|-{3,}|\^{3,}|~{3,})\s*$")  # under a title: "Installation\n------------"
# A list item, table row, quote or rule over a "---" is no title ("- item\n---" is a list, then a rule).
_NOT_A_TITLE = re.compile(r"^(?:[-*+>|#]|\d{1,3}[.)]\s|[=^~]{3,}$)")
# Writers and PDF layout wrap prose at a width, 60 to 110 characters in practice: a line that
# long stopping mid-sentence was wrapped. A line of a whole paragraph (HTML, unwrapped Markdown)
# runs longer, and a "Key: value" line or a term line is shorter.
WRAP_WIDTH = (50, 120)
_OPEN_END = re.compile(r"[\w,\"”’'`*\])-]$")  # a wrapped line stops on a word, a comma, a closing mark; a label on ":"
# Code outside a fence (a chunk may start inside one): assignments, calls, prompts, imports.
# A brace opens or closes a block ("if (x) {", "}"); "{string}" in prose is a type, not code.
# A call without arguments is code alone on its line ("  deflateEnd()"); prose names functions
# so too ("If the current match is long enough, deflate() reduces the search …").
_CODE = re.compile(
    r"=|^\s*[{}]|\{\s*$|\w\([^)]*[,='\"]|^\s*[\w.$]+\(\)\s*$|>>>|^\s*(?:from\s+\S+\s+import|import\s+\w|def\s|class\s|return\s|\$\s)"
)
# A numbered clause of a contract or standard, its text hanging at a column: "2.1   This Agreement …".
_CLAUSE = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})+\.?\s+(?=\S)")
_LOWER_START = re.compile(r"[\[(`*_\"“]*[a-z]")
_DANGLING_END = re.compile(r"\b(?:the|a|an|of|to|and|or|in|for|with|by|at|from|on|that|which|whose|its|their|your|our)$", re.I)
_INLINE_CODE = re.compile(r"`[^`\n]+`")  # prose naming code ("the `path.resolve()` method") is still prose


@dataclass(frozen=True)
class Unit:
    chunk: Chunk
    rank: int  # the chunk's position among the hits, 0 first
    start: int  # offsets in the document; text == document[start:end]
    end: int
    text: str  # the raw span
    label: str  # the parent bullet's label, '' when none
    block: int  # consecutive bullets at one depth share a block number
    kind: str  # "bullet" | "row" | "sentence" | "code" (a line of a fenced code block)

    @property
    def display(self) -> str:
        """The span as plain prose for the answer: markers, emphasis and link syntax removed; code as written."""
        if self.kind == "row" and not self.text.lstrip().startswith("|"):
            return " — ".join(cell for cell in cells(self.text) if cell)  # a plain-text table's columns
        return self.text.strip() if self.kind == "code" else plain(self.text)


def split_units(chunk: Chunk, rank: int) -> list[Unit]:
    """Every unit of `chunk` in reading order."""
    units: list[Unit] = []
    labels: dict[int, str] = {}  # indent depth → label of the last bullet there
    block, last_indent = 0, None
    lines = logical_lines(chunk.text, chunk.in_code)
    in_fence, fences = chunk.in_code, int(chunk.in_code)
    # Plain text and PDF mark no headings: a numbered heading ("1. Compression algorithm (deflate)")
    # is a line of the text, and the chunk's heading path names it. It says nothing of its own.
    headings = {" ".join(segment.split()) for segment in chunk.section.split(" > ")}
    for i, (line_start, body) in enumerate(lines):
        if is_fence(body, lines[i - 1][1] if i else ""):
            in_fence = not in_fence
            fences += in_fence
            last_indent = None
            continue
        if in_fence:
            if body.strip():  # a code block's lines are one block of their own, numbered apart
                units.append(_unit(chunk, rank, chunk.start + line_start, body, "", -fences, "code"))
            continue
        if not body.strip() or is_link_definition(body):
            continue  # a list with blank lines between its items is still one list; a link's target shows nowhere
        underlined = i + 1 < len(lines) and bool(title_underline(body, lines[i + 1][1], lines[i - 1][1] if i else ""))
        if HEADING.match(body) or _BOLD_LINE.match(body) or _RULE.match(body) or underlined or " ".join(body.split()).rstrip(".") in headings:
            last_indent = None
            continue
        offset = chunk.start + line_start
        bullet = BULLET.match(body)
        if bullet:
            indent = len(bullet.group(1).expandtabs(4))
            if last_indent is None or indent != last_indent:
                block += 1
            last_indent = indent
            label = next((labels[d] for d in sorted(labels, reverse=True) if d < indent), "")
            labels = {d: v for d, v in labels.items() if d < indent}
            own = _LABEL.match(body[bullet.end() :])
            labels[indent] = own.group(1).strip() if own else ""
            if own and not body[bullet.end() + own.end() :].strip():
                continue  # a bare label ('- **Performance:**') only introduces the bullets below it
            units.append(_unit(chunk, rank, offset, body, label, block, "bullet"))
        elif body.lstrip().startswith("|") or (
            COLUMNS.search(body.strip()) and aligned_header([b for _, b in lines[:i]]) is not None
        ):
            units.append(_unit(chunk, rank, offset, body, "", block, "row"))
        else:
            last_indent = None
            units.extend(_sentences(chunk, rank, offset, body, block))
    return units


def title_underline(line: str, below: str, above: str = "") -> str:
    """The underline's character ("=", "-", "^" or "~") when `below` underlines `line` as a title, else "".

    Tildes underline only a line about as long as they are; otherwise they open a code block. A
    title stands alone (`above`, the line before it, is blank, a heading or a rule) or is about as
    long as its underline: a long rule under a paragraph's short last line is no title.
    """
    underline = _UNDERLINE.match(below)
    title = line.strip()
    if not underline or not title or _NOT_A_TITLE.match(title) or BULLET.match(line) or is_fence(below, line):
        return ""
    fits = 0.6 * len(title) <= len(below.strip()) <= 1.6 * len(title)
    if above.strip() and not (HEADING.match(above) or _RULE.match(above)) and not fits:
        return ""  # the last line of a paragraph ("… Windows PDB\ndebuginfo.\n-----"): a rule, not a title
    return underline.group(1)[0]


def logical_lines(text: str, in_fence: bool = False) -> list[tuple[int, str]]:
    """(offset, line) pairs, a wrapped paragraph or bullet joined into one line with its newlines kept.

    Plain text and PDF text break lines at a width, not where a sentence ends: "you cure the
    violation prior to 30 days after" must stay with the line before it to make sense. A line
    continues the one above when that one stops mid-sentence at about a wrap width. Code fences,
    tables, headings and new bullets never continue a line. `in_fence`: `text` starts inside a
    code block.
    """
    out: list[tuple[int, str]] = []
    pos, open_line = 0, False
    above = ""  # the raw line before: tildes under a title underline it (`is_fence`)
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        body = line.rstrip("\r\n")
        fence, above = is_fence(body, above), body
        if fence:
            in_fence, open_line = not in_fence, False
            out.append((start, body))
            continue
        # A chunk may start mid-line, so its first line's length says nothing about wrapping.
        cut_short = len(out) == 1 and "\n" not in out[0][1]
        if open_line and _continues(out[-1][1], body, cut_short):
            first = out[-1][0]
            out[-1] = (first, text[first:start] + body)
            continue
        out.append((start, body))
        # Only prose and bullets wrap; code, table rows, headings and labels stand alone.
        open_line = not in_fence and bool(body.strip()) and not (
            HEADING.match(body) or _BOLD_LINE.match(body) or _RULE.match(body) or body.lstrip().startswith("|")
        )
    return [(start, body.rstrip("\r\n")) for start, body in out]


def _continues(logical: str, line: str, cut_short: bool = False) -> bool:
    """Whether `line` carries on the sentence that the logical line above it (`logical`) broke off.

    `cut_short`: `logical` may start mid-line (a chunk's first line).
    """
    previous = logical.rsplit("\n", 1)[-1]
    stripped = line.strip()
    if not stripped or HEADING.match(line) or _BOLD_LINE.match(line) or _RULE.match(line):
        return False
    if BULLET.match(line) and not _number_in_prose(logical, line):
        return False
    # A clause's number set off by spaces ("2.1   This …") is no column of a table.
    if stripped.startswith("|") or COLUMNS.search(_CLAUSE.sub("", previous).strip()) or COLUMNS.search(stripped):
        return False
    before = previous.strip()
    # An item that ends in a colon on its own line, its value on the next at the item's text column:
    # "- The gray list of tolerated bytecodes:" over "  7 (BEL), 8 (BS), 11 (VT), …".
    label = BULLET.match(logical)
    if label and "\n" not in logical and before.endswith(":") and len(line) - len(line.lstrip()) == label.end() and not _is_code(line):
        return True
    if not _OPEN_END.search(before) or _is_code(previous) or _is_code(line, after_prose=True):
        return False  # it ended a sentence, a label or a code line
    # A wrapped line is not indented past the line above, or past the text of an item above.
    item = BULLET.match(previous) or _CLAUSE.match(previous)  # a wrapped item's text starts after its marker
    if not cut_short and len(line) - len(line.lstrip()) > (item.end() if item else len(previous) - len(previous.lstrip())):
        return False
    shortest, longest = WRAP_WIDTH
    if len(before) > longest:
        return False
    if len(before) >= shortest:
        return True
    # "… or (2) access to copy the" cannot end a sentence, however short the line.
    if _DANGLING_END.search(before):
        return True
    # A narrow column (a PDF's) wraps shorter lines; then the next line starts lower case, maybe
    # inside a link or code: "It enables" over "[automatic capturing of …][…]".
    return bool(_LOWER_START.match(stripped)) and len(before) >= (1 if cut_short else 30)


# A command-line option with its value ("--conflict-cache-size=N", "--mode=copy") is prose's word.
_OPTION_VALUE = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*=\S*")


# A statement's end ("free(buf);", "int x;"), but not a list item's in prose: "(a) the Order Form,
# but only …" over "states are intended to vary this Agreement;" — four words or more, no code marks.
_STATEMENT_END = re.compile(r";\s*$")
_CODE_MARK = re.compile(r"[=<>{}\[\]*&$#]|\w\(|\w\.\w|\w_\w")


def _is_code(line: str, after_prose: bool = False) -> bool:
    """A line of code outside a fence; code quoted in backticks, or an option's "=", inside prose does not count.

    `after_prose`: the line would carry on a sentence broken off above it, so a short line ending in
    ";" without code marks ("service;") ends a list item, not a statement.
    """
    line = _INLINE_CODE.sub("", line) if "`" in line else line
    if _STATEMENT_END.search(line) and (_CODE_MARK.search(line) or (len(line.split()) < 4 and not after_prose)):
        return True
    return bool(_CODE.search(_OPTION_VALUE.sub("", line) if "=" in line else line))


def _number_in_prose(logical: str, line: str) -> bool:
    """A wrapped line that happens to start with a number: "… added under section" over "7. This …".

    Only a plain number after a line broken off mid-sentence, and not the next number of a list
    the line above is an item of.
    """
    number = re.match(r"\s*(\d{1,3})\.\s", line)
    if not number or not re.search(r"[a-z]$", logical):
        return False
    own = re.match(r"\s*(\d{1,3})[.)]\s", logical)
    return not own or int(number.group(1)) != int(own.group(1)) + 1


def _unit(chunk, rank, offset, body, label, block, kind) -> Unit:
    lead = len(body) - len(body.lstrip())
    text = body.strip()
    return Unit(chunk, rank, offset + lead, offset + lead + len(text), text, label, block, kind)


def _sentences(chunk, rank, offset, body, block) -> list[Unit]:
    out, start = [], 0
    cuts = [m.end() for m in _SENTENCE_END.finditer(body)] + [len(body)]
    for cut in cuts:
        piece = body[start:cut]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            text = piece.strip()
            s = offset + start + lead
            out.append(Unit(chunk, rank, s, s + len(text), text, "", block, "sentence"))
        start = cut
    return out
