"""The `docent` command: ingest, ask, chat, eval.

Settings are read here, once, when the command starts, and passed down. Heavy modules are
imported inside each subcommand so `docent --help` stays instant.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from docent.settings import Settings


class UsageError(Exception):
    """A problem the user can fix; printed as one line without a traceback."""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        settings = Settings()
        return args.run(args, settings)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # anything expected carries a message that says what to do
        if _is_user_error(exc):
            print(f"docent: {exc}", file=sys.stderr)
            return 1
        raise


def _is_user_error(exc: Exception) -> bool:
    from pydantic import ValidationError

    from assistant.questions import QuestionError
    from ingest.index import NothingIndexedError
    from ingest.snapshot import IndexMissingError
    from ingest.state import CorruptIndexError
    from ingest.store import StoreError

    return isinstance(
        exc, (UsageError, ValidationError, QuestionError, NothingIndexedError, IndexMissingError, CorruptIndexError, StoreError)
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="docent", description="Cited answers from your own documents.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ingest", help="index files (default: the corpus dir) into the vector store")
    p.add_argument("paths", nargs="*", help="files or directories; the index will hold exactly these")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=cmd_ingest)

    p = sub.add_parser("ask", help="answer one question with citations")
    p.add_argument("question")
    p.add_argument("--history", type=Path, help="JSON file: a list of {role, content} turns before the question")
    p.add_argument("--json", action="store_true", help="print the answer object as JSON")
    p.set_defaults(run=cmd_ask)

    p = sub.add_parser("chat", help="open the chat UI in the browser (ingests first if needed)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--share", action="store_true", help="ask gradio for a public link (off by default)")
    p.set_defaults(run=cmd_chat)

    p = sub.add_parser("eval", help="run a golden Q&A set and write results, metrics and a report")
    p.add_argument("golden", type=Path)
    p.add_argument("--out", type=Path, help="output dir (default: DATA_DIR/eval)")
    p.add_argument("--k", type=int, default=5, help="retrieval depth scored as recall@k")
    p.add_argument("--compare", action="store_true", help="run the set under several pipeline settings")
    p.add_argument("--corpus", type=Path, nargs="+", metavar="PATH",
                   help="ingest these files or directories into the eval's own data dir first")
    p.set_defaults(run=cmd_eval)
    return parser


def cmd_ingest(args, settings: Settings) -> int:
    report = run_ingest(settings, args.paths or [settings.corpus_dir], progress=not args.quiet)
    print(format_report(report, args.paths or [settings.corpus_dir]))
    return 0


def run_ingest(settings: Settings, paths, progress: bool = True):
    from ingest.embedder import MiniLMEmbedder
    from ingest.index import IngestOptions, ingest

    options = IngestOptions(
        data_dir=settings.data_dir,
        chroma_url=settings.chroma_url,
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        collection_prefix=settings.collection_prefix,
        progress=progress,
    )
    return ingest(paths, MiniLMEmbedder(settings.embed_batch_size), options)


def format_report(report, paths) -> str:
    where = ", ".join(str(p) for p in paths)
    lines = [
        f"Indexed {where} in {report.seconds:.1f} s: {report.files_read} file(s) read, "
        f"{len(report.skipped)} skipped; chunks {report.chunks_added} added, {report.chunks_removed} removed, "
        f"{report.chunks_unchanged} unchanged ({report.chunks_embedded} embedded). "
        f"Index: {report.documents} document(s), {report.total_chunks} chunks."
    ]
    lines += _skipped_lines(report.skipped)
    lines += [f"  warning: {w}" for w in report.warnings]
    return "\n".join(lines)


def _skipped_lines(skipped, most: int = 3) -> list[str]:
    """One line per skipped file; a reason shared by more than `most` files (a site's .css and
    .js files beside its pages) gets one line with the count and the first two paths."""
    by_reason: dict[str, list[str]] = {}
    for entry in skipped:
        by_reason.setdefault(entry.reason, []).append(entry.path)
    lines = []
    for reason, paths in by_reason.items():
        if len(paths) > most:
            lines.append(f"  skipped {len(paths)} files ({paths[0]}, {paths[1]}, …): {reason}")
        else:
            lines += [f"  skipped {path}: {reason}" for path in paths]
    return lines


def cmd_ask(args, settings: Settings) -> int:
    from assistant.factory import build_assistant

    from assistant.questions import clean_question

    clean_question(args.question)  # an empty question fails here, before the index is opened
    history = _read_history(args.history) if args.history else []
    assistant = build_assistant(settings)
    answer = assistant.ask(args.question, history)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        from assistant.render import render_text

        print(render_text(answer))
    return 0


def _read_history(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read --history {path}: {exc}") from exc
    if not isinstance(data, list) or not all(isinstance(t, dict) and "content" in t for t in data):
        raise UsageError(f"--history {path} must be a JSON list of {{\"role\", \"content\"}} objects")
    return data


def cmd_chat(args, settings: Settings) -> int:
    from ui.launch import launch

    return launch(settings, host=args.host, port=args.port, share=args.share)


def cmd_eval(args, settings: Settings) -> int:
    from assistant.evaluate.cli import run_eval_command

    return run_eval_command(args, settings)


if __name__ == "__main__":
    sys.exit(main())
