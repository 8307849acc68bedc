"""The indexes an eval runs against: the configured one, or private ones it builds under OUT.

`--corpus DIR` and each `--compare` chunk size get their own data dir so an eval never rewrites
the index people chat with. Their Chroma collections get their own name prefix too: with a Chroma
server every data dir shares one store, and ingest garbage-collects collections by prefix. It does
not run questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docent.settings import Settings


def private_settings(settings: Settings, data_dir: Path, chunk_size: int | None = None, tag: str = "eval") -> Settings:
    """`settings` pointed at its own data dir (and chunk size), with a collection prefix of its own."""
    update = {"data_dir": Path(data_dir), "collection_prefix": f"{settings.collection_prefix}-{tag}"}
    if chunk_size is not None:
        update["chunk_size"] = chunk_size
    return settings.model_copy(update=update)


def has_index(settings: Settings) -> bool:
    from ingest.state import load_state

    return load_state(settings.data_dir) is not None


def ingest_into(settings: Settings, corpus: Sequence[Path], progress: bool = True):
    """Bring `settings.data_dir` in line with the `corpus` paths (unchanged files are skipped); prints a summary."""
    from docent.cli import format_report, run_ingest  # the CLI owns ingest's option plumbing

    report = run_ingest(settings, list(corpus), progress=progress)
    print(format_report(report, list(corpus)))
    return report


def ensure_index(settings: Settings, progress: bool = True) -> None:
    """Ingest `settings.corpus_dir` when `settings.data_dir` holds no index yet."""
    if not has_index(settings):
        print(f"no index in {settings.data_dir}: ingesting {settings.corpus_dir} first")
        ingest_into(settings, [settings.corpus_dir], progress)
