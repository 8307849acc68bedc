"""Append thumbs-up/down feedback on answers to a JSON Lines file, one object per vote.

Each line: {"time", "liked", "question", "answer", "refused", "standalone_question", "backend",
"citations": [{"n", "source", "section", "quote"}]} (+ "error": true for a failed turn).
The file is only ever appended to; reading and analysing it is someone else's job.
"""

from __future__ import annotations

import json
import threading
from datetime import datetime, timezone
from pathlib import Path

from ui.session import Exchange


def feedback_record(exchange: Exchange, liked: bool, now: datetime | None = None) -> dict:
    """The JSON object for one vote on `exchange`."""
    when = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    record = {"time": when.isoformat(timespec="seconds").replace("+00:00", "Z"), "liked": bool(liked)}
    record["question"] = exchange.question
    answer = exchange.answer
    if answer is None:
        return {**record, "answer": exchange.error or exchange.partial, "error": exchange.error is not None,
                "citations": []}
    return {
        **record,
        "answer": answer.text,
        "refused": answer.refused,
        "standalone_question": answer.standalone_question,
        "backend": answer.backend,
        "citations": [
            {"n": c.n, "source": c.chunk.source, "section": c.chunk.section, "quote": c.quote}
            for c in answer.citations
        ],
    }


def default_feedback_path() -> Path:
    """DATA_DIR/feedback.jsonl, with DOCENT_DATA_DIR read now (never at import)."""
    from docent.settings import Settings

    return Settings().data_dir / "feedback.jsonl"


class FeedbackLog:
    """An append-only JSONL file shared by all sessions of one app."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()  # sessions vote from worker threads; keep lines whole

    def record(self, exchange: Exchange, liked: bool) -> dict:
        """Append one vote and return what was written."""
        record = feedback_record(exchange, liked)
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(line)
        return record
