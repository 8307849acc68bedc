"""Build a ready Assistant from Settings: open the index, pick the answer backend by name."""

from __future__ import annotations

from collections.abc import Callable

from assistant.answer import Answerer
from assistant.pipeline import Assistant, PipelineConfig
from assistant.recent import RecentVectors
from docent.settings import Settings
from ingest.fast_encoder import FastEncoder
from ingest.snapshot import IndexSnapshot


def _extractive(settings: Settings, embedder) -> Answerer:
    from assistant.extractive import ExtractiveAnswerer

    return ExtractiveAnswerer(embedder)


def _openai(settings: Settings, embedder) -> Answerer:
    from assistant.llm.openai_backend import OpenAIAnswerer

    return OpenAIAnswerer(
        settings.llm_model, settings.llm_base_url, settings.llm_api_key, settings.llm_timeout, embedder=embedder
    )


def _local(settings: Settings, embedder) -> Answerer:
    from assistant.llm.local_backend import LocalAnswerer

    return LocalAnswerer(
        settings.llm_model, threads=settings.llm_threads, timeout=settings.llm_timeout, embedder=embedder
    )


# name → factory; an LLM backend registers here and nowhere else.
ANSWERERS: dict[str, Callable[[Settings, object], Answerer]] = {
    "extractive": _extractive,
    "openai": _openai,
    "local": _local,
}


def make_answerer(settings: Settings, embedder) -> Answerer:
    try:
        factory = ANSWERERS[settings.answerer]
    except KeyError:
        valid = ", ".join(sorted(ANSWERERS))
        raise ValueError(f"unknown DOCENT_ANSWERER {settings.answerer!r}; choose one of: {valid}") from None
    return factory(settings, embedder)


def build_assistant(settings: Settings, config: PipelineConfig | None = None, embedder=None) -> Assistant:
    """An Assistant over the index in `settings.data_dir` (raises IndexMissingError when there is none)."""
    snapshot = IndexSnapshot.open(settings.data_dir, settings.chroma_url)
    embedder = RecentVectors(embedder or FastEncoder())
    return Assistant(
        snapshot,
        embedder,
        make_answerer(settings, embedder),
        config or PipelineConfig(top_k=settings.top_k),
        data_dir=settings.data_dir,
        chroma_url=settings.chroma_url,
    )
