"""How fast docent answers: warm `Assistant.ask` percentiles, a cold `docent ask`, and peak memory.

Warm: every golden question is asked once to warm caches, then again under the clock; p50/p95
are over that second pass. Cold: `python -m docent.cli ask --json QUESTION` in a fresh process,
wall time from spawn to exit, which is what a person typing the command waits. Peak RSS is the
high-water mark from /proc (VmHWM) of this process, with the index and models loaded, and of the
cold `ask`. The index in DOCENT_DATA_DIR is used, ingesting DOCENT_CORPUS_DIR first when there
is none. It does not score answers; `docent eval` does.

    HF_HUB_OFFLINE=1 DOCENT_DATA_DIR=/tmp/bench python benchmarks/answer_latency.py
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable from a checkout without installing

from assistant.evaluate.indexes import ensure_index  # noqa: E402
from assistant.evaluate.metrics import percentile  # noqa: E402
from assistant.factory import build_assistant  # noqa: E402
from assistant.golden import load_golden  # noqa: E402
from docent.settings import Settings  # noqa: E402


def warm_latencies(assistant, rows) -> list[float]:
    """Milliseconds per `ask` over `rows`, after one untimed pass over the same rows."""
    histories = [[t.model_dump() for t in row.history] for row in rows]
    for row, history in zip(rows, histories):
        assistant.ask(row.question, history)
    timings = []
    for row, history in zip(rows, histories):
        started = time.perf_counter()
        assistant.ask(row.question, history)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


# Runs `docent ask` and, at exit, prints the process's own high-water RSS. VmHWM belongs to the
# fresh address space; getrusage's ru_maxrss would not do: across exec Linux carries over the
# parent's high-water mark, so every child of a big process "peaks" at the parent's size.
_CHILD = """
import atexit, runpy, sys
def _hwm():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'):
            print('VmHWM', line.split()[1], file=sys.stderr)
atexit.register(_hwm)
sys.argv = ['docent', 'ask', '--json', sys.argv[1]]
runpy.run_module('docent.cli', run_name='__main__')
"""


def cold_ask(question: str, runs: int) -> tuple[list[float], float]:
    """(wall seconds of each `docent ask --json QUESTION` in a fresh interpreter, peak RSS in MB)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    timings, peak_kb = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _CHILD, question], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        timings.append(time.perf_counter() - started)
        if done.returncode:
            raise SystemExit(f"`docent ask` failed ({done.returncode}):\n{done.stderr[-2000:]}")
        marks = [int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("VmHWM ")]
        peak_kb = max([peak_kb, *marks])
    return timings, peak_kb / 1024


def peak_rss_mb() -> float:
    """This process's high-water RSS in MB."""
    try:
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):  # not Linux: ru_maxrss is KiB on Linux, bytes on macOS
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--golden", type=Path, default=ROOT / "corpus" / "golden" / "coreweave.jsonl")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--question", default="Who founded CoreWeave?")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)

    settings = Settings()
    ensure_index(settings, progress=False)
    rows = load_golden(args.golden)
    started = time.perf_counter()
    assistant = build_assistant(settings)
    assistant.ask(args.question)  # the first answer pays for loading the encoder and answerer
    first_answer_s = time.perf_counter() - started
    warm = warm_latencies(assistant, rows)
    warm_rss = peak_rss_mb()
    cold, cold_rss = cold_ask(args.question, args.cold_runs)
    figures = {
        "questions": len(rows),
        "warm_p50_ms": round(percentile(warm, 50), 1),
        "warm_p95_ms": round(percentile(warm, 95), 1),
        "warm_max_ms": round(max(warm), 1),
        "in_process_first_answer_s": round(first_answer_s, 2),
        "cold_ask_median_s": round(statistics.median(cold), 2),
        "cold_ask_runs_s": [round(t, 2) for t in cold],
        "peak_rss_warm_process_mb": round(warm_rss, 0),
        "peak_rss_cold_ask_mb": round(cold_rss, 0),
        "cpus": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        width = max(map(len, figures))
        print("\n".join(f"{name:<{width}}  {value}" for name, value in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
