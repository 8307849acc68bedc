"""Names a document defines for its parties: 'ORRIN ANALYTICS LTD, a company … (the "Supplier")'.

A contract names each party once and calls it by its defined name after that: "the Supplier shall
pay …". A question names the party ("How long do we have to pay an Orrin invoice?"), so a clause
saying "the Supplier" names it too. Only the definite form counts, '(the "X")' or '(hereinafter
"X")': a bare quote in brackets is as often a title or a phrase ('("Code Orange")').
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ingest.lexical import tokenize

_DEFINED = re.compile(r"\((?:the|hereinafter(?: called)?|together,? the)\s+[\"“]([A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*)?)[\"”]\)")
# The defined thing opens its sentence or clause: "(1)  ORRIN ANALYTICS LTD, a company …".
_OPENING = re.compile(r"(?:^|\n\s*\n|[.;:]\s+)[^\w(]*(?:\(\w{1,4}\)\s*)?(?=\S)")
_NAME = re.compile(r"[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|of|and|&))*")


def defined_names(texts: Iterable[str]) -> Mapping[str, frozenset[str]]:
    """Defined name's tokens (joined) → the tokens of the name it stands for: {'supplier': {'orrin', …}}."""
    out: dict[str, frozenset[str]] = {}
    for text in texts:
        if '"' not in text and "“" not in text:
            continue
        for match in _DEFINED.finditer(text):
            opening = max((m.end() for m in _OPENING.finditer(text, 0, match.start())), default=0)
            name = _NAME.match(text, opening)
            # A name, not a sentence's first word: two words or more, or one set off by a comma
            # ("Permission is hereby granted … (the "Software")" defines no "Permission").
            if not name or (" " not in name.group(0).strip() and not text.startswith(",", name.end())):
                continue
            named, alias = set(tokenize(name.group(0))), tokenize(match.group(1))
            if named and alias and not named <= set(alias):
                out[" ".join(alias)] = frozenset(named)
    return out


def said_by_alias(phrase_tokens: list[str], words: set[str], aliases: Mapping[str, frozenset[str]]) -> bool:
    """Whether a passage with `words` says a defined name for the thing `phrase_tokens` name ("Orrin" → "Supplier")."""
    return any(set(phrase_tokens) <= named and set(alias.split()) <= words for alias, named in aliases.items())
