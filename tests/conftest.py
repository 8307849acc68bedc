"""Shared fixtures: all state under tmp dirs, one real index of corpus/ per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLDEN = CORPUS / "golden" / "coreweave.jsonl"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Nothing a test does lands in the working directory or reads the developer's settings."""
    for name in list(os.environ):
        if name.startswith("DOCENT_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DOCENT_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(scope="session")
def embedder():
    """The real packaged MiniLM model, loaded once."""
    from ingest.embedder import MiniLMEmbedder

    return MiniLMEmbedder()


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory, embedder):
    """Settings whose data dir holds a real index of corpus/, built once per session."""
    from docent.settings import Settings
    from ingest.index import IngestOptions, ingest

    data_dir = tmp_path_factory.mktemp("corpus-index")
    settings = Settings(data_dir=data_dir, corpus_dir=CORPUS)
    options = IngestOptions(
        data_dir=data_dir, chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap, progress=False
    )
    ingest([CORPUS], embedder, options)
    return settings


@pytest.fixture(scope="session")
def corpus_assistant(corpus_settings, embedder):
    """The default Assistant over the real corpus index."""
    from assistant.factory import build_assistant

    return build_assistant(corpus_settings, embedder=embedder)
