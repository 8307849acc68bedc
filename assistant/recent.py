"""An encoder wrapper that remembers the last few texts it encoded.

One answer needs the question's vector in several stages (dense search, the rerank, the scoring
of answer units); each stage asks for it and only the first pays for it. The memory is a handful
of entries, so it serves one answer's stages and the few answers running beside it in the UI,
never a repeat of a question asked long before.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

RECENT = 16


class RecentVectors:
    """Same `encode` as the wrapped encoder; texts encoded in the last RECENT calls are not encoded again."""

    def __init__(self, encoder, size: int = RECENT) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self._size = size
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        with self._lock:
            known = {t: self._recent[t] for t in texts if t in self._recent}
            for t in known:
                self._recent.move_to_end(t)
        todo = [t for t in dict.fromkeys(texts) if t not in known]
        if todo:
            fresh = np.asarray(self.encoder.encode(todo), dtype=np.float32)
            with self._lock:
                for text, vector in zip(todo, fresh):
                    known[text] = vector
                    self._recent[text] = vector
                    self._recent.move_to_end(text)
                while len(self._recent) > self._size:
                    self._recent.popitem(last=False)
        return np.stack([known[t] for t in texts]) if texts else np.zeros((0, 0), dtype=np.float32)

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return self.encode(texts).tolist()
