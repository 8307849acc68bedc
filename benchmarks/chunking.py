"""How long chunking and cutting into answer units take, on Markdown and on the same text wrapped.

Plain text and PDF text are read as prose: wrapped lines are joined before cutting
(`ingest.units.logical_lines`) and wrapped sections are chunked where sentences end. This times
`chunk_document` and `split_units` on generated text (3,000 sections of 300 words) written once as
unwrapped Markdown and once wrapped at 70 columns as plain text.

    .venv/bin/python benchmarks/chunking.py

It measures; it does not assert.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.chunking import chunk_document  # noqa: E402
from ingest.types import Document  # noqa: E402
from ingest.units import split_units  # noqa: E402


def main() -> None:
    rng = random.Random(0)
    words = "widget tray case notice license work source program copy version".split()
    sections = [f"## Section {s}\n\n" + " ".join(rng.choice(words) for _ in range(300)) + ".\n" for s in range(3000)]
    markdown = "\n".join(sections)
    wrapped = "\n".join("\n".join(p[i : i + 70] for i in range(0, len(p), 70)) for p in sections)
    for name, text, kind in (("markdown", markdown, "markdown"), ("wrapped at 70", wrapped, "text")):
        started = time.perf_counter()
        chunks = chunk_document(Document("bench", "Bench", text, kind))
        chunked = time.perf_counter() - started
        started = time.perf_counter()
        units = sum(len(split_units(c, 0)) for c in chunks)
        cut = time.perf_counter() - started
        print(f"{name:14s} {len(text) / 1e6:.1f} MB  {len(chunks)} chunks  {units} units  chunking {chunked:.2f} s  units {cut:.2f} s")


if __name__ == "__main__":
    main()
