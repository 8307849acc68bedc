"""Repair decoded text: undo mojibake, normalise line endings, drop control characters.

Two kinds of mojibake are undone. UTF-8 read as Mac-Roman (`‚Üí` for `→`, `\\uf8ffüè¢` for `🏢`),
which ftfy leaves alone for most characters, is reversed here by a round trip over each run of
non-ASCII characters. UTF-8 read as Windows-1252 or Latin-1 (`Ã©` for `é`) is left to ftfy.

It does not decode bytes (the loaders do), does not unescape HTML entities, and does not touch
typography: curly quotes, ligatures and full-width characters stay as written. Clean text comes
back unchanged and `repair_text(repair_text(x)) == repair_text(x)`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import ftfy

# Everything except `unescape_html` and the typography options is ftfy's default. Unescaping
# is off because it is not idempotent ("&amp;lt;" → "&lt;" → "<") and entities are markup's
# business, not an encoding error.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    explain=False,
)

# A line needs work only if it holds something other than tab and printable ASCII; the rest of
# the text is copied as is, which keeps large, mostly-ASCII files fast (ftfy runs at ~3 MB/s).
_DIRTY = re.compile(r"[^\t\n\x20-\x7e]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}")
_TERMINAL_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# A two-character run is a single Mac-Roman-misread character, and legitimate pairs collide with
# it: "l’été" would become "lՎté", "—élan" "юlan". Only leads that stand for Latin-1, Latin
# Extended or Greek and rarely precede a letter in real text are trusted ("√∂" → "ö", "¬†" →
# no-break space). Longer runs are three- and four-byte sequences, which real text seldom forms.
_TRUSTED_PAIR_LEADS = frozenset("¬√ƒ≈∆Œœ")
_IMPLAUSIBLE = frozenset({"Cc", "Co", "Cn", "Cs"})
_MAX_PASSES = 4


def repair_text(text: str) -> str:
    """Return `text` with mojibake undone, `\\n` line endings and no control characters but tab.

    >>> repair_text("Revenue ‚Üí $1.9B, caf√©\\r\\n")
    'Revenue → $1.9B, café\\n'
    """
    if not _DIRTY.search(text):
        return text
    return "".join(repair_pieces(text))


def repair_pieces(text: str) -> Iterator[str]:
    """Yield `repair_text(text)` in pieces: clean stretches as they are, repaired lines between.

    For joining a large file once: a piece of plain ASCII stays one byte a character, where a
    joined block holding one emoji takes four.
    """
    pos = 0
    while (match := _DIRTY.search(text, pos)) is not None:
        line_start = max(pos, text.rfind("\n", pos, match.start()) + 1)
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end == -1 else line_end + 1
        if line_start > pos:
            yield text[pos:line_start]
        yield _repair_line(text[line_start:line_end])
        pos = line_end
    if pos < len(text):
        yield text[pos:] if pos else text


def _repair_line(line: str) -> str:
    # One pass can expose more to fix (a dropped control character joins two halves of a
    # mojibake run), so repeat to a fixed point; that is what makes `repair_text` idempotent.
    for _ in range(_MAX_PASSES):
        fixed = _repair_once(line)
        if fixed == line:
            break
        line = fixed
    return line


def _repair_once(line: str) -> str:
    # Mac-Roman first: ftfy would otherwise read some of these runs as Windows-1252 and garble them.
    line = _NON_ASCII_RUN.sub(_undo_mac_roman, line)
    line = ftfy.fix_text(line, _FTFY)  # also turns \r\n, \r and U+2028 into \n
    line = _TERMINAL_ESCAPE.sub("", line)
    # A vertical tab or form feed separates lines or pages; deleting it would glue words together.
    return _CONTROL.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", line)


def _undo_mac_roman(match: re.Match[str]) -> str:
    run = match.group()
    try:
        fixed = run.encode("mac_roman").decode("utf-8")
    except UnicodeError:
        return run
    return fixed if _plausible(run, fixed) else run


def _plausible(run: str, fixed: str) -> bool:
    if len(run) == 2 and run[0] not in _TRUSTED_PAIR_LEADS:
        return False
    if _is_windows_1252_mojibake(run):
        return False  # e.g. "Ã©Ã©" reads as Mac-Roman too, but as combining marks; ftfy gets "éé"
    return not any(unicodedata.category(ch) in _IMPLAUSIBLE for ch in fixed)


def _is_windows_1252_mojibake(run: str) -> bool:
    try:
        run.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return False
    return True
