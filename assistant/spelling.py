"""Whether a text writes an acronym out: "US" ← "United States", "PUE" ← "power usage effectiveness".

Shared by the name checks (`assistant.slots`), the answer composer (`assistant.compose`,
`assistant.terms`) and the search rewrite (`assistant.acronyms`).
"""

from __future__ import annotations

import re


def writes_out(acronym: str, passage: str) -> bool:
    """True when `passage` writes the acronym out: 'US' ← 'United States', 'AWS' ← 'Amazon Web Services'."""
    return bool(written_out_in(acronym, passage))


def written_out_in(acronym: str, text: str, flags: int = 0) -> str:
    """The words that write `acronym` out in `text` ('PUE' → 'power usage effectiveness' with re.I), or ''."""
    if not re.fullmatch(r"[A-Z]{2,6}", acronym):
        return ""
    found = re.search(rf"\b{spelled_pattern(acronym)}\b", text, flags)
    return found.group(0) if found else ""


def spelled_pattern(acronym: str, letters: str = "[a-z]*") -> str:
    """A regex for words whose initials spell `acronym`, small words allowed between them.

    `letters` is what may follow each initial: 'PUE' → 'P[a-z]*\\s+U[a-z]*\\s+E[a-z]*' by default.
    """
    return rf"{letters}\s+(?:(?:of|and|for|the|&)\s+)?".join(re.escape(letter) for letter in acronym) + letters
