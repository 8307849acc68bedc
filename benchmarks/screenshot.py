"""Make docs/screenshot.png: the real app answering a question, its sources and quotes visible.

Uses the same app and browser set-up as `benchmarks/ttft.py` (the index in DOCENT_DATA_DIR,
brought up to date first). Nothing here is imported by the application.

    python benchmarks/screenshot.py ["question"] [--out docs/screenshot.png]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ttft import ROOT, chromium_page, real_app  # noqa: E402

QUESTION = "What does an H100 instance cost per hour on CoreWeave versus a hyperscaler?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("question", nargs="?", default=QUESTION)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    args = parser.parse_args(argv)

    with real_app() as (url, _), chromium_page(width=1280, height=1000, scale=1.5) as page:
        page.goto(url)
        box = page.locator("#docent-question textarea")
        box.wait_for(timeout=60_000)
        box.fill(args.question)
        box.press("Enter")
        page.locator("#docent-chat [data-testid=bot] .docent-tools").wait_for(timeout=60_000)
        page.mouse.move(0, 0)  # no hover styles in the picture
        page.wait_for_timeout(500)  # let autoscroll settle
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
