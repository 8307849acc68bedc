"""Ask every golden question through the same `Assistant` the UI and CLI use; collect JSON results.

A result is the `ask --json` object plus the row's "id". A question that raises becomes an error
result (empty answer, not refused, "error": message) so one bad row cannot sink a run. It does
not score anything; see `assistant.evaluate.metrics`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from tqdm import tqdm

from assistant.golden import GoldenRow


def run_row(assistant, row: GoldenRow) -> dict:
    """The result of one golden row: `answer.to_json()` plus "id", or an error result."""
    started = time.perf_counter()
    try:
        answer = assistant.ask(row.question, [turn.model_dump() for turn in row.history])
    except Exception as exc:  # noqa: BLE001 - recorded in the result, counted as an error metric
        return {
            "id": row.id,
            "answer": "",
            "refused": False,
            "citations": [],
            "contexts": [],
            "standalone_question": row.question,
            "latency_ms": round((time.perf_counter() - started) * 1000, 3),
            "error": f"{type(exc).__name__}: {exc}",
        }
    return {"id": row.id, **answer.to_json()}


def run_golden(assistant, rows: Sequence[GoldenRow], progress: bool = True, desc: str = "eval") -> list[dict]:
    """Results for `rows` in order, with a progress bar unless `progress` is False."""
    return [run_row(assistant, row) for row in tqdm(rows, desc=desc, unit="q", disable=not progress)]


def write_results(path: Path, results: Iterable[dict]) -> None:
    """JSON Lines, one result per line, UTF-8 kept readable."""
    with open(path, "w", encoding="utf-8") as fh:
        for result in results:
            fh.write(json.dumps(result, ensure_ascii=False) + "\n")


def read_results(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
