"""Releases: which a question asks about, which a line names, and whether they agree.

"When does GnuPG 2.2 reach end of life?" is not answered by a line about the 2.0 series, "In
which release …?" not by a line naming none, "When did that version come out?" by the release
the conversation just named, and a line under another release's heading is about that release.
Works on the wording alone; nothing here knows any particular corpus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.wordforms import keys, match_key
from ingest.lexical import tokenize

# A release named with its number: "GnuPG 2.2", "Python 3.11", "version 2.1", "the 2.0 series", "PyPy v7.3".
_VERSION = re.compile(
    r"\b(?P<lead>[A-Z][\w+-]*|[Vv]ersion|[Rr]elease)\s?v?(\d+\.\d+(?:\.\d+)*)\b(?![.,]?\d)"
    r"|\b(\d+\.\d+(?:\.\d+)*)\s+(?:series|branch|releases?|line)\b"
    # "As of 3.4.0, try …", "since 1.1.0": a three-part number after "as of", "since" dates a change.
    r"|\b(?:[Aa]s of|[Ss]ince|[Uu]ntil|[Bb]efore|[Aa]fter)\s+(\d+\.\d+\.\d+)\b"
    r"|(?<![\w.])v(\d+\.\d+(?:\.\d+)*)\b(?![.,]?\d)"  # "pyenv v2.6.29", "Release v2.6.29"
)


def versions(text: str) -> set[str]:
    """The release numbers `text` names: "When does GnuPG 2.2 reach end of life?" → {"2.2"}."""
    return {match.group(match.lastindex) for match in _VERSION.finditer(text)}  # the number is each form's last group


# A heading that is a release's number: "2.4.0 — 9 November 2023", "[2.4.0] - 2023-11-09", "v2.6 …".
# Not "2.4 Setup": a two-part number opening a heading is as often its section's.
_RELEASE_HEADING = re.compile(r"^\W*(?:v\d+(?:\.\d+)+|\d+\.\d+\.\d+)\b")


def heads_release(heading: str) -> bool:
    """Whether `heading` (plain text) opens with a release's number, so that all under it is that release's.

    >>> heads_release("2.4.0 — 9 November 2023"), heads_release("2.4 Setup")
    (True, False)
    """
    return bool(_RELEASE_HEADING.match(heading))


def _words(question: str) -> set[str]:
    """The question's words, case-folded, names with "+" and "-" kept whole ("c++", "x86-64")."""
    return {w.casefold() for w in re.findall(r"[\w+-]+", question)}


def names_own_release(question: str, text: str) -> bool:
    """Whether `text` names a release of what `question` asks about, not of something else.

    A number after "version", "release", "as of" or "since" counts, and one after a name only when
    the question says that name: "TLS 1.3" is no Nettle release.

    >>> names_own_release("In which Nettle release was SM3 added?", "defines its use in TLS 1.3")
    False
    """
    asked = _words(question)
    for match in _VERSION.finditer(text):
        lead = (match.group("lead") or "").casefold()
        if not lead or lead in asked or lead in ("version", "release"):
            return True
    return False


# "In which release was SM3 added?", "Since what version …?": a release is asked for by its number.
_ASKS_RELEASE = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+)?(?:release|version)\b(?!\s+control)", re.I)  # not "version control"
# "What is the minimum Python version …?", "What default setuptools version …?": a version number is
# the value asked for, however the line writes it ("Use Python 3.10 or newer", "(4.0.1 -> 5.0)").
_ASKS_VERSION_VALUE = re.compile(r"\b(?:which|what)\s+(?:(?:is|was)\s+the\s+)?(?:[\w-]+\s+){1,2}?version\b(?!\s+control)", re.I)
_NAMED_NUMBER = re.compile(r"\b([a-z][\w+-]*)\s+v?\d+\.\d+(?:\.\d+)*\b(?![.,]?\d)")
_DOTTED = re.compile(r"(?<![\w.])\d+\.\d+(?:\.\d+)*(?![\w.]*\d)")


def names_asked_release(question: str, text: str) -> bool:
    """False when `question` asks which release or version and `text` names none.

    >>> names_asked_release("In which Nettle release was SM3 added?", 'The standard is GM/T 0004-2012 "SM3".')
    False
    >>> names_asked_release("What is the minimum Python version pip needs?", "The path to a Python executable.")
    False
    >>> names_asked_release("From which dpkg version is it stable?", "… before dpkg 1.19.1, when it got released as stable.")
    True
    """
    if _ASKS_RELEASE.search(question):
        asked = _words(question)
        # "… before dpkg 1.19.1, when this specification got released": a program's own lower-case
        # name before a number, when the question says that name too.
        return bool(versions(text)) or any(name.casefold() in asked for name in _NAMED_NUMBER.findall(text))
    return not _ASKS_VERSION_VALUE.search(question) or bool(versions(text) or _DOTTED.search(text))


def release_title(question: str, unit_context: str, title: str) -> str:
    """The page title, when `question` asks which release and only the title names one.

    Release notes kept one file per release ("Util-linux 2.38 Release Notes") date every line in
    them by their title, as a release's heading does in a single changelog; "" otherwise.
    """
    if not _ASKS_RELEASE.search(question) or names_asked_release(question, unit_context):
        return ""
    return title if names_asked_release(question, title) else ""


# "When did that version come out?": the release is the one the conversation just named.
_POINTS_AT_RELEASE = re.compile(r"\b(?:that|this|the same)\s+(?:version|release)\b", re.I)


def asked_versions(question: str, history: Sequence[str] = ()) -> set[str]:
    """The releases `question` is about: those it names, or, when it says "that version", the last ones the conversation named.

    >>> sorted(asked_versions("When did that version come out?", ["Which release added it?", "Valgrind 3.10.0 added it."]))
    ['3.10.0']
    """
    named = versions(question)
    if named or not _POINTS_AT_RELEASE.search(question):
        return named
    return next((found for text in reversed(history) if (found := versions(text))), set())


def versions_agree(question: str, text: str, history: Sequence[str] = ()) -> bool:
    """False when the question names a release and `text` names only others ("the 2.0 series" for 2.2)."""
    asked, named = asked_versions(question, history), versions(text)
    return not asked or not named or bool(asked & named)


_RELEASE_WORDS = frozenset(tokenize("release version"))


def shares_only_release(question: str, said: str, weights: dict[str, float], known: frozenset[str], least: float = 0.1) -> bool:
    """True when the question names a release and `said` shares little else with it.

    Everything under a release's heading names the release: "bugzilla (…) rather", under "Release
    3.17.0", is no answer to "What is the git commit hash of the Valgrind 3.17.0 release?". The line
    must also say at least `least` of the weight of the question's other words that the documents
    use. ("When did that version come out?" names no release of its own: it asks about the release.)
    """
    asked = versions(question)
    if not asked:
        return False
    named = {t for v in asked for t in tokenize(v)} | _RELEASE_WORDS
    own_words = set(tokenize(question))  # not the words a follow-up carries from earlier turns
    rest = {t: w for t, w in weights.items() if t in own_words and t in known and t not in named}
    total = sum(rest.values())
    if not total:
        return False
    own = keys(tokenize(said))
    return sum(w for t, w in rest.items() if match_key(t) in own) / total < least
