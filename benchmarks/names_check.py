"""What the never-named check costs a question: grouped lookup against a scan of the vocabulary.

A figure question naming something the documents never name is refused (`assistant.foreign`);
finding that a name has no other form in the documents (a demonym, a one-letter slip) means
looking through their tokens. This times `never_named` on questions whose names the documents
do not use, with the tokens grouped once (`NameForms`, what the assistant does) and with a scan
of every token per name (what it did before), in the same run. The index in DOCENT_DATA_DIR is
used; a larger corpus has a larger vocabulary, and only the scan grows with it.

    DOCENT_DATA_DIR=/tmp/bench python benchmarks/names_check.py
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable from a checkout without installing

from assistant.foreign import ROOT as ROOT_LETTERS, NameForms, _one_edit, _root_shared, never_named  # noqa: E402
from docent.settings import Settings  # noqa: E402
from ingest.snapshot import IndexSnapshot  # noqa: E402

# Names few document sets use, each asked about a figure.
QUESTIONS = [
    "What's the nightly hotel limit if I travel to Montreal?",
    "What's the per-seat price on the Premier tier?",
    "How many staff work in Ouagadougou?",
    "What did Zanzibar Holdings pay for the Kestrel Ridge site?",
    "How much revenue came from Tasmania in Quarrington's last year?",
]


class ScannedForms(NameForms):
    """The former lookup: every token of the vocabulary checked for each name."""

    def another_form(self, token: str) -> bool:
        if len(token) < ROOT_LETTERS:
            return False
        for word in self.vocabulary:
            if word[:ROOT_LETTERS] == token[:ROOT_LETTERS] and _root_shared(token, word):
                return True
            if word[:1] == token[:1] and abs(len(word) - len(token)) <= 1 and _one_edit(token, word):
                return True
        return False


def per_question_ms(forms: NameForms, rounds: int) -> list[float]:
    timings = []
    for _ in range(rounds):
        for question in QUESTIONS:
            started = time.perf_counter()
            never_named(question, forms)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="times each question is checked (default 20)")
    args = parser.parse_args()
    settings = Settings()
    vocabulary = IndexSnapshot.open(settings.data_dir, settings.chroma_url).lexical.idf()

    grouped = NameForms(vocabulary)
    started = time.perf_counter()
    never_named(QUESTIONS[0], grouped)  # the first unknown name groups the tokens
    first_ms = (time.perf_counter() - started) * 1000
    fast = per_question_ms(grouped, args.rounds)
    slow = per_question_ms(ScannedForms(vocabulary), args.rounds)
    answers = {q: never_named(q, grouped) for q in QUESTIONS}
    assert answers == {q: never_named(q, ScannedForms(vocabulary)) for q in QUESTIONS}, "the two lookups disagree"

    print(f"vocabulary: {len(vocabulary):,} tokens; {len(QUESTIONS)} questions × {args.rounds} rounds")
    print(f"names never used: {sum(len(v) for v in answers.values())} ({', '.join(n for v in answers.values() for n in v)})")
    print(f"grouped: first question {first_ms:.2f} ms (groups the tokens), then median {statistics.median(fast):.3f} ms a question")
    print(f"scanned: median {statistics.median(slow):.3f} ms a question")
    print(f"scan / grouped: {statistics.median(slow) / statistics.median(fast):.0f}×")


if __name__ == "__main__":
    main()
