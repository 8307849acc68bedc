"""`docent chat`: bring the index up to date, build the assistant and app, and serve it.

Binds to 127.0.0.1 unless told otherwise, asks for a login only when DOCENT_AUTH is set, and
never opens a public share link unless asked. Building the app is `ui.app`; answering is the
assistant's; this module only starts things, in order, and reports what it did.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docent.settings import Settings

# Requests waiting beyond the running ones; past this a user sees "queue full" instead of an
# ever-growing wait. The running ones are bounded per event by ui.app.CHAT_CONCURRENCY.
QUEUE_SIZE = 64


def launch(settings: Settings, host: str = "127.0.0.1", port: int = 7860, share: bool = False) -> int:
    """Serve the chat UI until interrupted; returns the process exit code."""
    from assistant.factory import build_assistant
    from ui.app import build_app

    prepare_index(settings)
    assistant = build_assistant(settings)
    info = assistant.info()
    print(f"docent: {info['documents']} document(s), {info['chunks']} chunks; answers: {info['backend']}")
    demo = build_app(assistant, feedback_path=settings.data_dir / "feedback.jsonl")
    demo.queue(max_size=QUEUE_SIZE)
    demo.launch(server_name=host, server_port=port, share=share, auth=auth_pair(settings.auth))
    return 0


def prepare_index(settings: Settings) -> None:
    """Bring the index up to date (incremental: unchanged files cost a hash each) and print the summary.

    The index is refreshed from the paths it was last built from (`docent ingest PATHS`), else from
    the corpus dir; when those are gone, an existing index is served as it is.
    """
    from docent.cli import UsageError, format_report, run_ingest
    from ingest.state import load_state

    state = load_state(settings.data_dir)
    roots = [Path(r) for r in state.roots] if state and state.roots else [settings.corpus_dir]
    if not all(root.exists() for root in roots):
        if state is not None:
            where = ", ".join(str(r) for r in roots)
            print(f"docent: {where} not found; serving the existing index in {settings.data_dir}", file=sys.stderr)
            return
        raise UsageError(
            f"nothing to serve: {settings.corpus_dir} does not exist and {settings.data_dir} holds no index; "
            "run `docent ingest PATHS` or set DOCENT_CORPUS_DIR"
        )
    report = run_ingest(settings, roots, progress=True)
    print(format_report(report, roots))


def auth_pair(auth: str | None) -> tuple[str, str] | None:
    """'user:pass' → ('user', 'pass'); the password may itself contain ':'."""
    if not auth:
        return None
    user, _, password = auth.partition(":")
    return user, password
