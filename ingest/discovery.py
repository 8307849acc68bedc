"""Find the supported files under some paths: each listed once, in a stable order.

`discover` turns files and directories into a sorted list of files and says which paths it
skipped and why; `kind_of` says how a file is to be read. Nothing here opens a file: reading one
is `ingest.loaders`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from ingest.types import SkippedFile

_KINDS = {".md": "markdown", ".markdown": "markdown", ".rst": "rst", ".txt": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}
SUPPORTED = frozenset(_KINDS)
# Plain-text files known by name, without a text extension: "README", "LICENSE", "README.Debian".
_TEXT_NAMES = frozenset(
    "README LICENSE LICENCE COPYING NEWS INSTALL CHANGELOG CHANGES AUTHORS CONTRIBUTING NOTICE HACKING THANKS FAQ".split()
)
_PACKED = frozenset({".gz", ".bz2", ".xz", ".zst", ".zip", ".z", ".lz", ".tgz"})
_SKIPPED_DIRS = frozenset({"golden"})  # evaluation data kept beside the corpus, not documents
# A Sphinx HTML build (its root holds searchindex.js) also writes pages generated from the others
# (the general index, the module index, the search page) and `_`-prefixed directories of copies
# and assets (`_sources` repeats every page as .rst.txt, `_modules` is highlighted source code).
# Indexing them repeats or scatters what the real pages say, so only the real pages are read.
_SPHINX_MARKER = "searchindex.js"
_SPHINX_GENERATED = re.compile(r"(?:genindex(?:-.+)?|search|py-modindex|modindex)\.html?")
# An mdBook build (its root holds toc.html, print.html and its book.js) also writes the whole book
# as one page, print.html, and the table of contents as another: the first repeats every chapter.
_MDBOOK_MARKERS = frozenset({"toc.html", "print.html"})
_MDBOOK_SCRIPT = re.compile(r"book(?:-[0-9a-f]+)?\.js")


def discover(paths: Sequence[str | Path]) -> tuple[list[Path], list[SkippedFile]]:
    """Expand files and directories into supported files, in sorted order, each listed once.

    Inside a directory, hidden entries, `golden/` directories and, at the root of a Sphinx HTML
    build, its generated pages and `_` directories (at an mdBook's, its one-page copy of the book
    and its table of contents) are passed over silently; a missing path, an unsupported file or
    something that is not a regular file is reported.
    """
    files: list[Path] = []
    skipped: list[SkippedFile] = []
    seen: set[str] = set()  # real paths already visited: stops symlink loops and duplicates
    for given in paths:
        stack = [Path(given)]  # depth first, children pushed in reverse: output in sorted order
        while stack:
            path = stack.pop()
            if path.is_dir():
                stack.extend(reversed(_directory_entries(path, seen, skipped)))
            else:
                _consider_file(path, files, skipped, seen)
    return files, skipped


def _directory_entries(directory: Path, seen: set[str], skipped: list[SkippedFile]) -> list[Path]:
    real = os.path.realpath(directory)
    if real in seen:  # a symlink back up the tree, or the same directory given twice
        return []
    seen.add(real)
    try:
        names = sorted(entry.name for entry in os.scandir(directory))
    except OSError as exc:
        skipped.append(SkippedFile(directory.as_posix(), f"cannot list directory: {exc.strerror or exc}"))
        return []
    sphinx = _SPHINX_MARKER in names
    mdbook = _MDBOOK_MARKERS <= set(names) and any(_MDBOOK_SCRIPT.fullmatch(name) for name in names)
    return [
        directory / name
        for name in names
        if not name.startswith(".")
        and not (name in _SKIPPED_DIRS and (directory / name).is_dir())
        and not (sphinx and _sphinx_generated(directory / name))
        and not (mdbook and name in _MDBOOK_MARKERS)
    ]


def _sphinx_generated(path: Path) -> bool:
    if path.name.startswith("_"):
        return path.is_dir()
    return _SPHINX_GENERATED.fullmatch(path.name) is not None


def _consider_file(path: Path, files: list[Path], skipped: list[SkippedFile], seen: set[str]) -> None:
    suffix = path.suffix.lower()
    if not path.exists():
        reason = "no such file or directory" + (" (broken symbolic link)" if path.is_symlink() else "")
    elif not path.is_file():
        reason = "not a regular file (a pipe, socket or device); nothing to index"
    elif kind_of(path) is None:
        reason = unsupported(suffix)
    else:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            files.append(path)
        return
    skipped.append(SkippedFile(path.as_posix(), reason))


def kind_of(path: Path) -> str | None:
    """How to read `path`: by its extension, or as plain text when its name says it is one ("README")."""
    suffix = path.suffix.lower()
    if suffix in _KINDS:
        return _KINDS[suffix]
    named = path.name.split(".")[0].upper() in _TEXT_NAMES
    return "text" if named and suffix not in _PACKED and (not suffix or suffix[1:].isalpha()) else None


def unsupported(suffix: str) -> str:
    kind = f"'{suffix}'" if suffix else "(no extension)"
    return f"unsupported file type {kind} (supported: {', '.join(sorted(SUPPORTED))})"
