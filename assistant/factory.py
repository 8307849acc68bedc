"""Build a ready Assistant from Settings: open the index, pick the answer backend by name."""

from __future__ import annotations

from collections.abc import Callable

from assistant.answer import Answerer
from assistant.pipeline import Assistant, PipelineConfig
from docent.settings import Settings
from ingest.fast_encoder import FastEncoder
from ingest.snapshot import IndexSnapshot


def _extractive(settings: Settings) -> Answerer:
    from assistant.extractive import ExtractiveAnswerer

    return ExtractiveAnswerer()


# name → factory; an LLM backend registers here and nowhere else.
ANSWERERS: dict[str, Callable[[Settings], Answerer]] = {"extractive": _extractive}


def make_answerer(settings: Settings) -> Answerer:
    try:
        factory = ANSWERERS[settings.answerer]
    except KeyError:
        valid = ", ".join(sorted(ANSWERERS))
        raise ValueError(f"unknown DOCENT_ANSWERER {settings.answerer!r}; choose one of: {valid}") from None
    return factory(settings)


def build_assistant(settings: Settings, config: PipelineConfig | None = None, embedder=None) -> Assistant:
    """An Assistant over the index in `settings.data_dir` (raises IndexMissingError when there is none)."""
    snapshot = IndexSnapshot.open(settings.data_dir, settings.chroma_url)
    return Assistant(
        snapshot,
        embedder or FastEncoder(),
        make_answerer(settings),
        config or PipelineConfig(top_k=settings.top_k),
        data_dir=settings.data_dir,
        chroma_url=settings.chroma_url,
    )
