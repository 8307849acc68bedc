"""A list or a paragraph cut by a chunk boundary, continued from the chunk after it.

Chunks are cut by size, so a list of long bullets may run on into the next chunk: "What arguments
does Signal.connect() accept?" is answered by receiver, sender and weak in one chunk and
dispatch_uid at the top of the next. A list answer whose last bullet ends its chunk takes the
bullets that open the following chunk of the same section. So does a paragraph announcing the
things a list question asks for ("DHAT has been extended, with two new modes of operation. The
new --mode=copy flag …"), when the next chunk goes on with the second ("The new --mode=ad-hoc
flag …"). Works on chunk order alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.compose import introduces
from assistant.wordforms import keys
from ingest.lexical import tokenize
from ingest.types import Chunk
from ingest.units import Unit, split_units


def continued(units: Sequence[Unit], following: Chunk | None, most: int, asked: frozenset[str] = frozenset()) -> list[Unit]:
    """`units`, with what opens `following` when the last of them runs to its chunk's end and goes on there.

    For a list question (given its word keys, `asked`), or a list its first line introduces: a list
    (two or more bullets of one block) takes the bullets opening the next chunk, and a one-line
    answer the sentence going on with its paragraph there if that says one of the question's words
    (one, as answers stay short).
    """
    units = list(units)
    if following is None or not units or len(units) >= most:
        return units
    last = units[-1]
    if any(u.start > last.start for u in split_units(last.chunk, last.rank)):
        return units  # something follows it in its own chunk: it ended there
    # Chunks may overlap: what the next chunk repeats of this one is already said.
    after = [u for u in split_units(following, last.rank) if u.start >= last.end]
    if not after:
        return units
    if following.start <= last.end:
        gap = following.between(last.end, after[0].start)
    else:
        gap = last.chunk.text[last.end - last.chunk.start :] + following.text[: after[0].start - following.start]
    if gap.strip():
        return units  # a heading or a rule between: not more of the same
    if not asked and not introduces(units[0]):
        return units
    items = units[1:] if introduces(units[0]) else units
    a_list = len(items) >= 2 and len({(u.kind, u.chunk.id, u.block) for u in items}) == 1 and last.kind == "bullet"
    if a_list or (not items and after[0].kind == "bullet"):  # a list, or the line introducing one ("… as follows:")
        return units + _opening(after, lambda u: u.kind == "bullet")[: most - len(units)]
    # One paragraph announcing the things asked for, and the next chunk going on with it: the chunks
    # overlap or meet (a cut between paragraphs drops the blank line from both) and none lies between.
    if not asked or len(units) > 1 or following.start > last.chunk.end or "\n\n" in gap.replace("\r", ""):
        return units
    return units + _opening(after, lambda u: u.kind == "sentence" and bool(keys(tokenize(u.text)) & asked))[:1]


def _opening(after: list[Unit], goes_on) -> list[Unit]:
    """The units opening the next chunk while `goes_on` holds for them, in its first block."""
    out = []
    for unit in after:
        if not goes_on(unit) or unit.block != after[0].block:
            break
        out.append(unit)
    return out
