"""Load on the chat UI: concurrent `gradio_client` conversations against the real app, on loopback.

A child process serves the app the way `docent chat` does — `ui.app.build_app(assistant)`, queued
with `ui.launch.QUEUE_SIZE`, on 127.0.0.1 and a free port — over an existing index (it does not
ingest). The parent runs CLIENTS threads, each with its own `gradio_client.Client` (its own
session), each holding one conversation of five turns about its own Python module through the
`/ask` endpoint, all released at once. Two of the turns are the same words for every client
("Tell me more about it."), so only the session's own history can say what "it" is.

It reports latency p50/p95 (queueing included), errors, and whether every client kept its own
history: each turn's standalone question and answer must equal those of the same conversation
asked alone, in order, in-process before the load; and no standalone question may name another
client's module. Everything is bounded: a deadline for the whole run and one per request; the
server is stopped at the end.

    HF_HUB_OFFLINE=1 python benchmarks/load.py --data-dir /tmp/docent-scale/embedded-full --prefix scale
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.processes import free_port, stop_server  # noqa: E402

SUBJECTS = """json csv sqlite3 asyncio heapq pathlib datetime logging argparse unittest
itertools functools collections subprocess hashlib zipfile tarfile pickle decimal statistics
shutil tempfile secrets gzip""".split()
FOLLOW_UP = "Tell me more about it."


def conversation(subject: str) -> list[str]:
    """Five turns: the subject named, a bare follow-up, named again, a bare follow-up, an elliptical one."""
    return [
        f"What is the {subject} module used for?",
        FOLLOW_UP,
        f"Which functions does the {subject} module provide?",
        FOLLOW_UP,
        "And how is it used?",
    ]


def settings_for(args):
    from docent.settings import Settings

    return Settings(data_dir=args.data_dir, collection_prefix=args.prefix)


# --- the server (child process) --------------------------------------------------------------


def serve(args) -> None:
    """Build and launch the app like `ui.launch.launch`, minus the ingest; block until killed."""
    from assistant.factory import build_assistant
    from ui.app import build_app
    from ui.launch import QUEUE_SIZE

    assistant = build_assistant(settings_for(args))
    assistant.ask("warm up")  # loads the encoder before the clients arrive
    demo = build_app(assistant, feedback_path=Path(args.work) / "feedback.jsonl")
    demo.queue(max_size=QUEUE_SIZE)
    demo.launch(server_name="127.0.0.1", server_port=args.port, quiet=True, prevent_thread_lock=True)
    print("ready", flush=True)
    while True:
        time.sleep(3600)


def start_server(args) -> tuple[subprocess.Popen, str]:
    port = free_port()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "serve", "--port", str(port), "--work", str(work),
           "--data-dir", str(args.data_dir), "--prefix", args.prefix]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT), "GRADIO_ANALYTICS_ENABLED": "False"}
    log = open(work / "server.log", "w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while True:
        try:
            urllib.request.urlopen(url + "config", timeout=2).read()
            if "ready" in (work / "server.log").read_text():
                return proc, url
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_server(proc)
            raise SystemExit(f"the app did not start; see {work / 'server.log'}")
        time.sleep(0.5)


# --- the expected answers, and the clients ---------------------------------------------------


def expected_turns(args, subjects: list[str]) -> dict[str, list[dict]]:
    """Each conversation asked alone and in order, with history kept as the UI's session keeps it."""
    from assistant.factory import build_assistant
    from ui.session import Conversation

    assistant = build_assistant(settings_for(args))
    expected = {}
    for subject in subjects:
        session, turns = Conversation(), []
        for question in conversation(subject):
            answer = assistant.ask(question, session.history())
            session.start(question).answer = answer
            turns.append({"standalone_question": answer.standalone_question, "answer": answer.text})
        expected[subject] = turns
    return expected


def run_client(url: str, subject: str, start: threading.Barrier, deadline: float, timeout: float, out: list) -> None:
    """One session: its five turns in order; each turn's latency, result or error goes to `out`."""
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as exc:  # noqa: BLE001 - counted as an error of every turn
        start.wait()
        out.extend({"subject": subject, "turn": i, "error": f"connect: {exc}"} for i in range(5))
        return
    start.wait()
    for turn, question in enumerate(conversation(subject)):
        if time.monotonic() > deadline:
            out.append({"subject": subject, "turn": turn, "error": "not sent: run deadline passed"})
            continue
        started = time.perf_counter()
        try:
            result = client.submit(question, api_name="/ask").result(timeout=timeout)
            out.append({"subject": subject, "turn": turn, "ms": (time.perf_counter() - started) * 1000,
                        "standalone_question": result["standalone_question"], "answer": result["answer"],
                        "sources": [c["source"] for c in result["contexts"]]})
        except Exception as exc:  # noqa: BLE001 - the report counts errors; the run goes on
            out.append({"subject": subject, "turn": turn, "ms": (time.perf_counter() - started) * 1000,
                        "error": f"{type(exc).__name__}: {exc}"[:300]})


def run_load(url: str, subjects: list[str], deadline_s: float, timeout: float) -> tuple[list[dict], float]:
    results: list[dict] = []
    start = threading.Barrier(len(subjects) + 1)
    deadline = time.monotonic() + deadline_s
    threads = [threading.Thread(target=run_client, args=(url, s, start, deadline, timeout, results), daemon=True)
               for s in subjects]
    for t in threads:
        t.start()
    start.wait()
    began = time.perf_counter()
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()) + timeout)
    return results, time.perf_counter() - began


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9_]+", text.lower()))


def check(results: list[dict], expected: dict[str, list[dict]], subjects: list[str]) -> dict:
    """Errors, and histories kept apart: equal to the solo run, and never naming another client's module."""
    errors = [r for r in results if "error" in r]
    answered = [r for r in results if "error" not in r]
    differ, crossed, follow_ups_own = [], [], 0
    for r in answered:
        want = expected[r["subject"]][r["turn"]]
        if (r["standalone_question"], r["answer"]) != (want["standalone_question"], want["answer"]):
            differ.append(r)
        others = words(r["standalone_question"]) & (set(subjects) - {r["subject"]})
        if others:
            crossed.append({**r, "names": sorted(others)})
        if conversation(r["subject"])[r["turn"]] == FOLLOW_UP and r["subject"] in words(r["standalone_question"]):
            follow_ups_own += 1
    follow_ups = sum(1 for r in answered if conversation(r["subject"])[r["turn"]] == FOLLOW_UP)
    own_source = sum(1 for r in answered if any(r["subject"] in Path(s).stem for s in r["sources"][:1]))
    return {
        "requests": len(results), "answered": len(answered), "errors": len(errors),
        "error_samples": [e["error"] for e in errors[:5]],
        "differ_from_solo_run": len(differ), "differ_samples": differ[:3],
        "standalone_naming_another_client": len(crossed), "crossed_samples": crossed[:3],
        "bare_follow_ups_resolved_to_own_subject": f"{follow_ups_own}/{follow_ups}",
        "top_source_is_own_module_page": f"{own_source}/{len(answered)}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", default="run", choices=["run", "serve"], help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/docent-scale/embedded-full"),
                        help="an index built by `docent ingest` or benchmarks/scale.py")
    parser.add_argument("--prefix", default="scale", help="its Chroma collection prefix (DOCENT_COLLECTION_PREFIX)")
    parser.add_argument("--clients", type=int, default=20, help=f"concurrent conversations (max {len(SUBJECTS)})")
    parser.add_argument("--deadline", type=float, default=600, help="seconds before no new turn is sent")
    parser.add_argument("--timeout", type=float, default=180, help="seconds one request may take")
    parser.add_argument("--work", type=Path, default=Path("/tmp/docent-load"), help="server log and feedback file")
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if args.mode == "serve":
        serve(args)
        return 0

    from assistant.evaluate.metrics import percentile
    from ingest.state import load_state
    from ui.app import CHAT_CONCURRENCY
    from ui.launch import QUEUE_SIZE

    if load_state(args.data_dir) is None:
        raise SystemExit(f"no index in {args.data_dir}: run benchmarks/scale.py or `docent ingest` first")
    subjects = SUBJECTS[: args.clients]
    expected = expected_turns(args, subjects)
    proc, url = start_server(args)
    try:
        solo, _ = run_load(url, subjects[:1], args.deadline, args.timeout)  # one client alone, for scale
        results, wall = run_load(url, subjects, args.deadline, args.timeout)
    finally:
        stop_server(proc)
    latencies = [r["ms"] for r in results if "error" not in r]
    solo_ms = [r["ms"] for r in solo if "error" not in r]
    figures = {
        "clients": len(subjects), "turns_each": 5, "wall_s": round(wall, 1),
        "throughput_per_s": round(len(latencies) / wall, 2) if wall else None,
        "latency_ms_p50": round(percentile(latencies, 50) or 0, 0), "latency_ms_p95": round(percentile(latencies, 95) or 0, 0),
        "latency_ms_max": round(max(latencies, default=0), 0),
        "solo_client_ms_p50": round(percentile(solo_ms, 50) or 0, 0),
        "settings": {"ui.app.CHAT_CONCURRENCY": CHAT_CONCURRENCY, "ui.launch.QUEUE_SIZE": QUEUE_SIZE,
                     "cpus": os.cpu_count()},
        **check(results, expected, subjects),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        width = max(map(len, figures))
        print("\n".join(f"{k:<{width}}  {v}" for k, v in figures.items()))
    ok = not figures["errors"] and not figures["differ_from_solo_run"] and not figures["standalone_naming_another_client"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
