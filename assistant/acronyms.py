"""Spell out a question's acronym that the documents never use, from where they write its words out.

"Who is the CTO?" over documents that only say "Peter Salanki - Chief Technology Officer": "cto"
occurs in no passage, so search cannot find the line and the refusal check counts the word as
unknown. When the documents write out a phrase whose capitalised initials spell the acronym, the
searched text carries that phrase as well: "Who is the CTO? (Chief Technology Officer)". An
acronym the documents do use is left alone, and one they never write out either stays unknown, so
"Who is the CFO?" is still refused where no "Chief Financial Officer" appears.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Sequence

from assistant.compose import acronyms
from assistant.spelling import spelled_pattern, written_out_in
from ingest.types import Chunk


# Capitals of chat, not of the documents' subject: "Is it OK to …?" names no "Oracle Kubernetes".
_CHAT = frozenset({"OK", "FYI", "ASAP", "BTW", "PS", "TBH", "IMO", "IMHO", "LOL", "THX", "PLZ"})


class AcronymSpeller:
    """Finds, once per acronym and process, the phrase the documents write it out as."""

    def __init__(self, chunks: Sequence[Chunk], vocabulary: Container[str]) -> None:
        self._chunks = chunks
        self._vocabulary = vocabulary
        self._found: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        """`text` with "(the written-out phrase)" after it for each acronym the documents never use."""
        if not re.search(r"[a-z]", text):
            return text  # a question typed in capitals has no acronyms to tell apart from its words
        phrases = [
            self.phrase(word)
            for word, token in acronyms(text)
            if token not in self._vocabulary
            and word not in _CHAT
            and not written_out_in(word, text, re.I)  # "PUE (power usage …)"
        ]
        phrases = [p for p in dict.fromkeys(phrases) if p and p.lower() not in text.lower()]
        return f"{text} ({', '.join(phrases)})" if phrases else text

    def phrase(self, acronym: str) -> str:
        """The commonest phrase in the documents whose initials spell `acronym`, or ''."""
        if acronym not in self._found:
            # Capitals as written: "Chief Technology Officer", not "could take over". No leading
            # \b: a pattern opening on a literal letter is scanned for fast (0.02 s against 0.25 s
            # over the 15 MB of the Python docs), so the word start is checked by hand.
            pattern = re.compile(rf"{spelled_pattern(acronym)}\b")
            counts = Counter(
                m.group(0)
                for chunk in self._chunks
                for m in pattern.finditer(chunk.text)
                if _starts_word(chunk.text, m.start())
                and not _in_heading(chunk.text, m.start())
                and not _opens_sentence(chunk.text, m.start(), m.end())
            )
            self._found[acronym] = counts.most_common(1)[0][0] if counts else ""
        return self._found[acronym]


def _starts_word(text: str, at: int) -> bool:
    return at == 0 or not text[at - 1].isalnum()


def _in_heading(text: str, at: int) -> bool:
    # A Title Case heading spells almost anything: "Profitability and Unit Economics" → PUE.
    return text.startswith("#", text.rfind("\n", 0, at) + 1)


def _opens_sentence(text: str, at: int, end: int) -> bool:
    # A sentence's first word is capitalized anyway: "See Licenses and Acknowledgements" spells
    # SLA by chance. A label opening a line ("- **Service Level Agreement:** 99.9%") still counts.
    before = text[text.rfind("\n", 0, at) + 1 : at].strip(" \t-*+>#`_")
    opens = not before or before[-1] in ".!?"
    return opens and not re.match(r"[*_`]*\s*:|[*_`]+", text[end : end + 3])

