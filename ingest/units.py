"""Cut a chunk into answer units: bullets, table rows and sentences, each an exact document span.

A unit remembers the label of the bullet it hangs under ("Performance:" above "1.4 exaFLOPS per
rack") and the list block it belongs to, so a list question can take the whole block. This
module only splits and cleans; it does not score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.types import Chunk

_BULLET = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s")
# A whole line in bold or italics ("**Use Case:**", "*Q1 2025:*") heads the lines under it; it is no answer.
_BOLD_LINE = re.compile(r"^\s*(\*\*|\*|__|_)[^*_]+\1:?\s*$")
_RULE = re.compile(r"^\s*([-*_=|:\s])\1{2,}\s*$|^\s*\|?[\s:|-]+\|[\s:|-]*$")
# Sentence ends: a stop, then space and a capital/digit; not after common abbreviations.
_SENTENCE_END = re.compile(r"(?<!\bvs)(?<!\bInc)(?<!\be\.g)(?<!\bi\.e)(?<!\bCo)(?<!\bSt)(?<!\bNo)[.!?](?=\s+[A-Z0-9\"“(])")
_LABEL = re.compile(r"^\*\*([^*]{1,80}?):?\*\*:?\s*")


@dataclass(frozen=True)
class Unit:
    chunk: Chunk
    rank: int  # the chunk's position among the hits, 0 first
    start: int  # offsets in the document; text == document[start:end]
    end: int
    text: str  # the raw span
    label: str  # the parent bullet's label, '' when none
    block: int  # consecutive bullets at one depth share a block number
    kind: str  # "bullet" | "row" | "sentence"

    @property
    def display(self) -> str:
        """The span as plain prose for the answer: markers, emphasis and link syntax removed."""
        return plain(self.text)


def plain(text: str) -> str:
    """Markdown-free text: '- **Founded:** 2017' → 'Founded: 2017'."""
    text = _BULLET.sub("", _HEADING.sub("", text))
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    # Paired emphasis only: "2**63 - 1" and "__missing__" are code, not bold.
    text = re.sub(r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<!\w)__(?=\S)([^_]*\s[^_]*?)(?<=\S)__(?!\w)", r"\1", text).replace("`", "")
    text = re.sub(r"(?<![\w*])[*_](\S[^*_]*?)[*_](?![\w*])", r"\1", text)
    if text.startswith("|"):
        text = " — ".join(cell.strip() for cell in text.strip().strip("|").split("|") if cell.strip())
    return re.sub(r"\s+", " ", text).strip()


def split_units(chunk: Chunk, rank: int) -> list[Unit]:
    """Every unit of `chunk` in reading order."""
    units: list[Unit] = []
    labels: dict[int, str] = {}  # indent depth → label of the last bullet there
    block, last_indent, pos = 0, None, 0
    for line in chunk.text.splitlines(keepends=True):
        line_start, pos = pos, pos + len(line)
        body = line.rstrip("\n")
        if not body.strip() or _HEADING.match(body) or _BOLD_LINE.match(body) or _RULE.match(body):
            last_indent = None
            continue
        offset = chunk.start + line_start
        bullet = _BULLET.match(body)
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
        elif body.lstrip().startswith("|"):
            units.append(_unit(chunk, rank, offset, body, "", block, "row"))
        else:
            last_indent = None
            units.extend(_sentences(chunk, rank, offset, body, block))
    return units


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
