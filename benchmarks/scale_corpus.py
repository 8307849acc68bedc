"""The scale benchmark's corpus: the Python and Django docs Debian ships, all of them or an even
spread, and subsets of an index's files at a chunk count."""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

DEBIAN_DOCS = {  # apt package → where it puts its HTML
    "python3.11-doc": Path("/usr/share/doc/python3.11/html"),
    "python-django-doc": Path("/usr/share/doc/python-django-doc/html"),
}


def ensure_docs(install: bool) -> list[Path]:
    """The HTML dirs of the Debian doc packages, installing the packages with apt-get when missing."""
    missing = [pkg for pkg, path in DEBIAN_DOCS.items() if not path.is_dir()]
    if missing and install:
        print(f"installing {' '.join(missing)} with apt-get", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        cmd = ["apt-get", "install", "-y", "-q", *missing]
        if subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL).returncode:
            subprocess.run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL, check=True)
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
        missing = [pkg for pkg, path in DEBIAN_DOCS.items() if not path.is_dir()]
    if missing:
        raise SystemExit(f"missing {', '.join(missing)}: run `apt-get install {' '.join(missing)}` (as root)")
    return list(DEBIAN_DOCS.values())


def corpus_files(roots: list[Path], max_files: int) -> list[Path]:
    """Every file `docent ingest ROOTS` would read; with `max_files`, an even spread of them."""
    from ingest.discovery import discover

    files, _ = discover(roots)
    if max_files and len(files) > max_files:
        step = len(files) / max_files
        files = [files[int(i * step)] for i in range(max_files)]
    return files


def subset_files(data_dir: Path, target_chunks: int, seed: int = 0) -> tuple[list[str], int]:
    """Files of the full index in a fixed shuffled order, until they hold `target_chunks` chunks."""
    from ingest.state import load_state

    state = load_state(data_dir)
    sources = sorted(state.files)
    random.Random(seed).shuffle(sources)
    picked, total = [], 0
    for source in sources:
        if total >= target_chunks:
            break
        picked.append(source)
        total += len(state.files[source].chunk_ids)
    return picked, total


def fold(text: str) -> str:
    """Casefolded with whitespace runs folded, as the golden set's evidence match does."""
    return " ".join(text.casefold().split())
