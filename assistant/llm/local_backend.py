"""The `local` backend: a GGUF model run in-process by xllamacpp (llama.cpp's server, no HTTP).

The model loads on the first question, not at start-up, so a missing or broken file costs one
note and the extractive answer instead of a crash. Generation runs on a worker thread that feeds a
queue; waiting on the queue is where the timeout applies, and a stop flag the llama.cpp callback
reads cancels a generation nobody waits for any more.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator
from pathlib import Path

from assistant.llm.base import MAX_TOKENS, LLMAnswerer, LLMError

CONTEXT = 4096  # five 900-character passages, history and the answer fit with room to spare
_DONE = object()


class LocalAnswerer(LLMAnswerer):
    """Answers with the GGUF model at `model_path` on `threads` llama.cpp threads (None: one per core)."""

    def __init__(
        self,
        model_path: str | Path | None,
        threads: int | None = None,
        timeout: float = 180.0,
        context: int = CONTEXT,
        embedder=None,
        max_tokens: int = MAX_TOKENS,
    ) -> None:
        super().__init__(embedder, max_tokens)
        self.model_path = Path(model_path) if model_path else None
        self.threads = threads or os.cpu_count() or 1
        self.timeout = timeout
        self.context = context
        self.name = f"local:{self.model_path.name}" if self.model_path else "local:?"
        self._server = None
        self._lock = threading.Lock()

    def chat(self, messages: list[dict[str, str]], stream: bool, max_tokens: int | None = None) -> Iterator[str]:
        server = self.load()
        # Always streamed underneath: the timeout and the stop flag both act between pieces.
        request = {"messages": messages, "max_tokens": max_tokens or self.max_tokens, "temperature": 0, "stream": True}
        pieces: queue.Queue = queue.Queue()
        stop = threading.Event()

        def on_chunk(chunk: dict) -> bool:
            if "error" in chunk:
                pieces.put(LLMError(f"the local model refused the request: {chunk['error'].get('message', chunk)}"))
                return True
            for choice in chunk.get("choices", ()):
                text = (choice.get("delta") or {}).get("content")
                if text:
                    pieces.put(text)
            return stop.is_set()  # True tells llama.cpp to stop generating

        def generate() -> None:
            try:
                server.handle_chat_completions(request, on_chunk)
            except Exception as exc:  # noqa: BLE001 - handed to the waiting caller
                pieces.put(LLMError(f"the local model failed: {type(exc).__name__}: {exc}"))
            finally:
                pieces.put(_DONE)

        threading.Thread(target=generate, name="docent-local-llm", daemon=True).start()
        collected: list[str] = []
        try:
            while True:
                try:
                    item = pieces.get(timeout=self.timeout)
                except queue.Empty:
                    raise LLMError(
                        f"the local model produced nothing for {self.timeout:g}s: raise DOCENT_LLM_TIMEOUT "
                        "or use a smaller model"
                    ) from None
                if item is _DONE:
                    break
                if isinstance(item, LLMError):
                    raise item
                if stream:
                    yield item
                else:
                    collected.append(item)
        finally:
            stop.set()  # also when the caller stopped listening early
        if not stream:
            yield "".join(collected)

    def load(self):
        """The llama.cpp server over the model, loaded once; raises LLMError saying what to fix."""
        with self._lock:
            if self._server is None:
                self._server = self._open()
            return self._server

    def _open(self):
        path = self.model_path
        if path is None:
            raise LLMError("DOCENT_LLM_MODEL is not set: point it at a .gguf file (`make llm-model` fetches one)")
        if not path.is_file():
            raise LLMError(f"model file {path} not found: run `make llm-model` or set DOCENT_LLM_MODEL to a .gguf file")
        with open(path, "rb") as fh:
            if fh.read(4) != b"GGUF":
                raise LLMError(f"{path} is not a GGUF model file: set DOCENT_LLM_MODEL to a .gguf file")
        try:
            import xllamacpp
        except ImportError as exc:
            raise LLMError(f"xllamacpp is not usable ({exc}): pip install 'docent[local]'") from exc
        params = xllamacpp.CommonParams()
        params.model.path = str(path)
        params.n_ctx = self.context
        params.n_parallel = 1  # one slot: concurrent questions queue instead of splitting the context
        params.cpuparams.n_threads = self.threads
        params.cpuparams_batch.n_threads = self.threads
        params.warmup = False
        params.verbosity = -1  # llama.cpp logs every request to stderr otherwise
        try:
            return xllamacpp.Server(params)
        except Exception as exc:  # noqa: BLE001 - its RuntimeError names no cause; we add one
            raise LLMError(f"could not load {path} ({exc}): is it a complete chat model GGUF?") from exc
