"""Golden-set rows: the schema, a strict JSON Lines loader, and the matching rules.

A golden row is a question with the short answer strings a correct answer must contain
(any one, or all of them), the verbatim source passages that support it (`evidence`),
an optional chat `history`, and a `type` used to break metrics down. Rows with empty
`answers` are questions the documents do not answer: the assistant must refuse them.

Answers are compared after `normalize_answer` (casefold; drop `$`, commas and markdown
`*`, `_`, backticks and `#`; fold whitespace). Evidence is compared with `evidence_in`
(casefold and whitespace folding, after the same text repair the ingester applies).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

_DROPPED = re.compile(r"[$,*_`#]")
_SPACES = re.compile(r"\s+")


class HistoryTurn(BaseModel):
    """One earlier chat turn given with a follow-up question."""

    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: str


class GoldenRow(BaseModel):
    """One golden question; empty `answers` means the assistant must refuse."""

    model_config = ConfigDict(extra="forbid")

    id: str
    question: str
    answers: list[str]
    match: Literal["any", "all"]
    evidence: list[str]
    history: list[HistoryTurn] = []
    type: str


def load_golden(path: str | Path) -> list[GoldenRow]:
    """Rows of the JSON Lines file at `path`; blank lines are skipped.

    Raises ValueError naming the file and the 1-based line number for invalid JSON,
    a row that does not fit the schema, or an id seen before.
    """
    path = Path(path)
    rows: list[GoldenRow] = []
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = GoldenRow.model_validate(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from exc
            except ValidationError as exc:
                raise ValueError(f"{path}:{lineno}: not a golden row: {exc}") from exc
            if row.id in seen:
                raise ValueError(f"{path}:{lineno}: duplicate id {row.id!r} (first on line {seen[row.id]})")
            seen[row.id] = lineno
            rows.append(row)
    return rows


def normalize_answer(text: str) -> str:
    """Casefold, drop `$`, commas and markdown marks, and fold whitespace runs to one space."""
    return _SPACES.sub(" ", _DROPPED.sub("", text.casefold())).strip()


def answer_matches(row: GoldenRow, text: str) -> bool:
    """Whether `text` contains any (or, for match="all", every) answer; False for unanswerable rows."""
    if not row.answers:
        return False
    haystack = normalize_answer(text)
    found = (normalize_answer(answer) in haystack for answer in row.answers)
    return all(found) if row.match == "all" else any(found)


def _repairer() -> Callable[[str], str]:
    try:
        from ingest.textrepair import repair_text
    except ImportError:
        return lambda text: text
    return repair_text


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text.casefold()).strip()


def evidence_in(evidence: str, text: str) -> bool:
    """Whether the evidence passage occurs in `text` (a retrieved chunk), ignoring case and spacing.

    Both sides are first run through the ingester's text repair (when `ingest.textrepair`
    exists), since chunks hold repaired text while evidence is copied from the raw source.
    """
    repair = _repairer()
    return _fold(repair(evidence)) in _fold(repair(text))
