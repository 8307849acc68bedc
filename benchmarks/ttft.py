"""Time to first answer text in the browser: press Enter → first streamed words → finished answer.

Starts the real app (the index in DOCENT_DATA_DIR, brought up to date first, as `docent chat`
does) on a free 127.0.0.1 port, drives Debian's Chromium with Playwright, and asks questions
from the golden set, each in a fresh chat. Times are taken inside the page (keydown and a
MutationObserver), so they include the queue, the answer and the browser's rendering. The same
questions are also timed on the assistant alone, to show what the UI adds.

    python benchmarks/ttft.py [-n 10] [--golden corpus/golden/coreweave.jsonl]

Nothing here is imported by the application.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.processes import free_port  # noqa: E402

os.environ.setdefault("HF_HUB_OFFLINE", "1")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
]  # fmt: skip

# Installed before Enter is pressed: stamps the keydown, the first non-empty text of the new
# reply, and the moment its finished form (sources and tools, or an error) is in the DOM.
WATCH = """() => {
  const chat = document.querySelector('#docent-chat');
  const bots = () => chat.querySelectorAll('[data-testid=bot]');
  const before = bots().length;
  const t = window.__ttft = {enter: null, first: null, full: null};
  const stamp = (e) => { if (e.key === 'Enter' && t.enter === null) t.enter = performance.now(); };
  document.addEventListener('keydown', stamp, {capture: true, once: true});
  const seen = () => {
    const all = bots();
    if (all.length <= before) return;
    const last = all[all.length - 1];
    if (t.first === null && last.innerText.trim()) t.first = performance.now();
    if (t.full === null && last.querySelector('.docent-tools, .docent-error')) {
      t.full = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(seen);
  observer.observe(chat, {childList: true, subtree: true, characterData: true});
}"""


class TimedAssistant:
    """Passes calls through to an Assistant, noting when its stream's first piece and end came."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.last: tuple[float, float] | None = None  # (ms to first piece, ms to the Answer)

    def info(self) -> dict:
        return self.inner.info()

    def ask(self, question, history=()):
        return self.inner.ask(question, history)

    def stream(self, question, history=()):
        started, first = time.perf_counter(), None
        for item in self.inner.stream(question, history):
            first = first if first is not None else (time.perf_counter() - started) * 1000
            yield item
        self.last = (first, (time.perf_counter() - started) * 1000)


@contextlib.contextmanager
def real_app(settings=None) -> Iterator[tuple[str, TimedAssistant]]:
    """The real assistant and app over DOCENT_DATA_DIR's index, served on a free port: (url, assistant)."""
    from assistant.factory import build_assistant
    from docent.settings import Settings
    from ui.app import build_app
    from ui.launch import prepare_index

    settings = settings or Settings()
    prepare_index(settings)
    assistant = TimedAssistant(build_assistant(settings))
    with tempfile.TemporaryDirectory() as scratch:  # votes cast while benchmarking are not feedback
        demo = build_app(assistant, feedback_path=Path(scratch) / "feedback.jsonl")
        port = free_port()
        demo.queue().launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
        try:
            yield f"http://127.0.0.1:{port}/", assistant
        finally:
            demo.close()


@contextlib.contextmanager
def chromium_page(width: int = 1280, height: int = 900, scale: float = 1) -> Iterator[object]:
    """A Playwright page in Debian's Chromium with a throwaway profile."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            viewport={"width": width, "height": height},
            device_scale_factor=scale,
        )
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


def ask_and_time(page, question: str, timeout_ms: int = 60_000) -> tuple[float, float]:
    """(ms to first answer text, ms to the finished answer) for one question in a fresh chat."""
    page.locator("#docent-new-chat").click()
    page.locator("#docent-chat [data-testid=user]").first.wait_for(state="detached", timeout=timeout_ms)
    page.evaluate(WATCH)
    box = page.locator("#docent-question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function("window.__ttft.full !== null", timeout=timeout_ms)
    t = page.evaluate("window.__ttft")
    return t["first"] - t["enter"], t["full"] - t["enter"]


def golden_questions(path: Path, n: int) -> list[str]:
    """`n` single-turn questions spread evenly over the golden set (so every type is present)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = [r["question"] for r in rows if not r.get("history")]
    step = max(1, len(questions) // n)
    return questions[::step][:n]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low, high = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10, help="questions to time")
    parser.add_argument("--golden", type=Path, default=ROOT / "corpus" / "golden" / "coreweave.jsonl")
    args = parser.parse_args(argv)
    questions = golden_questions(args.golden, args.n)

    with real_app() as (url, assistant), chromium_page() as page:
        page.goto(url)
        page.locator("#docent-question textarea").wait_for(timeout=60_000)
        ask_and_time(page, "Who founded CoreWeave?")  # warm-up: first-use costs are not per-question
        runs = []
        for question in questions:
            runs.append((*ask_and_time(page, question), *assistant.last))
            a, b, c, d = runs[-1]
            print(f"{a:7.0f} ms first text {b:7.0f} ms full  (assistant {c:6.0f} / {d:6.0f} ms)  {question}")
        info = assistant.info()
    first, full, inner_first, inner_full = (list(column) for column in zip(*runs))

    load = os.getloadavg()[0]
    print(f"\n{len(questions)} questions, backend {info['backend']}, {info['chunks']} chunks, load average {load:.1f}")
    rows = [
        ("first text (browser)", first),
        ("full answer (browser)", full),
        ("assistant first piece", inner_first),
        ("assistant answer", inner_full),
        ("UI share of first text", [a - c for a, c in zip(first, inner_first)]),
    ]
    for name, values in rows:
        print(f"{name:24} p50 {percentile(values, 0.5):7.0f} ms   p95 {percentile(values, 0.95):7.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
