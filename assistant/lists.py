"""Which lines answer a list question: a line naming the items in a row, or as many as asked.

A list question is often answered by one line that names the items ("$650M from Goldman Sachs,
JPMorgan, Morgan Stanley") rather than by a block of bullets, and "Which three sites …?" by the
three bullets a line introduces. Wording alone; nothing here knows any particular corpus.
"""

from __future__ import annotations

import re

from assistant.compose import introduced_items
from ingest.units import Unit, plain

BRACKET_ITEM_WORDS = 2
ITEM_WORDS = 4  # an enumerated item is a short phrase: "Morgan Stanley", "KServe (inference)"
LABEL_WORDS = 4  # a line's label before its colon: "Yards", "Green Fleet", "Key Investors"


def enumerated_items(text: str) -> int:
    """How many short items one line lists in a row: 'from A, B, C and D' → 4, 'X at Y, Z' → 2,
    'Three zonal controllers (west, east, south) plus core compute' → 3."""
    text = plain(text)
    # The first piece is whatever leads up to the list ("$650M from Goldman Sachs"), and holds its
    # first item; a list in brackets stands on its own. One list keeps to one separator: "(B.Sc. in
    # chemistry, McGill University; MBA, Harvard Business School)" is no list of four. In brackets
    # only names of a word or two count after the first piece ("(west, east, south)", "(…;
    # previously CFO of Symantec, AMD and Brightstar)"): a person's description "(cardiovascular
    # biologist, then at Harvard, later Karolinska)" lists nothing.
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
NUMBER_WORD = rf"(?:{'|'.join(_COUNTS)}|[2-9]|1[0-9])"  # how many items a list may say it has
# A line saying that it lists: "… one of the following four places: a heap block, …", "There are
# three possibilities: …". Such a line answers a list question from further down the ranking.
_ANNOUNCES = re.compile(
    rf"\bthe following\b|\bthere (?:are|is a choice of) ({'|'.join(_COUNTS)}|\d+)\b"
    rf"|\b({'|'.join(_COUNTS)}|\d+)\s+(?:[\w-]+\s+){{0,2}}[\w-]+s\s*:",
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


_ASKED_COUNT = re.compile(rf"\b(?:which|what|the|name|list)\s+({NUMBER_WORD})\b", re.I)


def asked_count(question: str) -> int | None:
    """How many items a list question asks for: "Which three sites …?" → 3; None when it says no number."""
    match = _ASKED_COUNT.search(question)
    if not match:
        return None
    return number(match.group(1))


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
        if colon_items(candidate.unit.text, count):
            return [candidate.unit]
    if best.kind == "bullet" and len(block := block_of(best, scored)) == count:
        return block
    return []


# "… from three sources in roughly equal measure: a, b, and c": the count, a few words, a colon.
_COUNT_THEN_COLON = re.compile(rf"\b({NUMBER_WORD})\b(?:\s+[\w'-]+){{1,6}}\s*:\s*(.+)$", re.I)
COLON_ITEM_WORDS = 8  # the line says how many it lists, so its items may run longer than `ITEM_WORDS`


def colon_items(text: str, count: int) -> bool:
    """True when a line says it lists `count` things and names that many after its colon.

    "Growth came from three sources in roughly equal measure: new warehouses, higher sales in
    existing warehouses, and inflation (including gasoline prices)" answers "What three factors …?"
    in one line; its second item is too long for `enumerated_items` to count without the line's word.
    """
    match = _COUNT_THEN_COLON.search(plain(text))
    if not match or number(match.group(1)) != count:
        return False
    listed = re.sub(r"\([^()]*\)", "", match.group(2)).rstrip(" .")
    items = [i for i in re.split(r",\s+(?:and\s+|or\s+)?|;\s+(?:and\s+)?|\s+(?:and|or)\s+", listed) if i.strip()]
    return len(items) == count and all(len(i.split()) <= COLON_ITEM_WORDS for i in items)


def _announced_count(text: str) -> int:
    """How many items a line says it lists: "There are three possibilities: …" → 3, else 0.

    Its items may run long ("real (wallclock) time (ms), which is sometimes useful; and …"), so the
    line's own word is taken for their number."""
    for match in _ANNOUNCES.finditer(text):
        word = match.group(1) or match.group(2)
        if word and re.fullmatch(NUMBER_WORD, word, re.I):
            return number(word)
    return 0


def number(word: str) -> int:
    """The number a word says: "three" → 3, "12" → 12."""
    return _COUNTS.get(word.lower()) or int(word)


# A plural a list question asks about: "cities", "offices"; not "does", "this", "class", nor the
# end of a compound ("life-sciences customers" asks about customers).
_PLURAL = re.compile(r"(?<!-)\b([a-z]{2,}[^su\W]s)\b")
# The kind a list question asks for: "Which shipyards …", "In which European countries …", "What tools …".
_ASKED_KIND = re.compile(r"\b(?:which|what)\s+(?:[a-z-]+\s+)??(?!(?:does|goes|has|was)\b)([a-z]{2,}[^su\W]s)\b")
_BOLD_LEAD = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+\*\*[^*\n]+\*\*")  # "- **Rotterdam:** …"


def _asked_plurals(question: str) -> set[str]:
    return set(_PLURAL.findall(question.lower()))


_ANNOUNCED = re.compile(r"\b(?:following|these|those|two|three|four|five|six|seven|eight|nine|ten)\s+([A-Za-z]+)\s*$")


def labelled_as_asked(unit: Unit, question: str) -> bool:
    """True when `unit`'s lead names in the plural what the question asks about: "Countries: Sweden,
    Norway, Spain"; a compound's last part will do ("Yards: …" for "Which shipyards …?")."""
    kind = _ASKED_KIND.search(question.lower())
    lead = plain(unit.text).partition(":")[0] if ":" in unit.text else ""
    if len(lead.split()) > LABEL_WORDS:
        # "This can lead to problems, such as:" is a sentence, not a label; one ending "… at the
        # following stations:" labels what comes after it.
        announced = _ANNOUNCED.search(lead)
        lead = announced.group(1) if announced else ""
    said = [w for w in re.findall(r"[a-z]+", f"{unit.label} {lead}".lower()) if len(w) >= 4]
    return bool(kind) and any(kind.group(1).endswith(word) for word in said)


def labelled_list(question: str, scored: list, near: float = 0.7, reach: int = 8) -> Unit | None:
    """A fairly good line listing two or more things under a label naming the kind asked for.

    "Which shipyards are building the 20 LNG ships ordered in December 2024?" is answered by "Yards:
    New Times Shipbuilding, Yangzijiang, Hanwha Ocean and HD Hyundai", below the year's long line
    of events that matches more of the question's words.
    """
    for candidate in scored[:reach]:
        if candidate.score < near * scored[0].score:
            break
        if labelled_as_asked(candidate.unit, question) and _named_items(candidate.unit.text) >= 2:
            return candidate.unit
    return None


def _named_items(text: str) -> int:
    """How many names a "Label: A, B and C" line gives after its colon: short capitalized pieces."""
    pieces = re.split(r"[,;]\s*|\s+and\s+", plain(text).partition(":")[2])
    return sum(1 for p in map(str.strip, pieces) if p[:1].isupper() and len(p.split()) <= ITEM_WORDS)


def headed_list(question: str, scored: list, block_of) -> list[Unit]:
    """The bullets of a passage whose heading names, in the plural, what the list question asks about.

    "Which cities do we have offices in?" is answered by the list under "1.3 Our offices" (Leeds,
    Rotterdam, Toronto), though a sentence naming one of them matches the question's words better.
    Passages are tried in their rank order, each by its first bullet.
    """
    asked = _asked_plurals(question)
    if not asked:
        return []
    tried = set()
    for unit in sorted((s.unit for s in scored if s.unit.kind == "bullet"), key=lambda u: (u.rank, u.start)):
        if unit.chunk.id in tried:
            continue
        tried.add(unit.chunk.id)
        heading = unit.chunk.section.split(" > ")[-1].lower()
        if asked & set(re.findall(r"[a-z]+", heading)) and len(block := block_of(unit, scored)) >= 2:
            # Each item is led by its name in bold ("**Rotterdam:** Maashaven …"): sentences under
            # "Execution Trees" are about execution trees, not a list of them.
            if all(_BOLD_LEAD.match(u.text) for u in block):
                return block
    return []
