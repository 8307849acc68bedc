"""The `openai` backend: any OpenAI-compatible chat endpoint (vLLM, llama.cpp server, Ollama /v1, OpenAI).

It talks through `langchain-openai`'s ChatOpenAI and turns every failure into an LLMError whose
message says which setting to fix; `base` then answers extractively. It holds no model itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.llm.base import MAX_TOKENS, LLMAnswerer, LLMError

# Servers started for local use ignore the key, but the client library refuses to send none.
_PLACEHOLDER_KEY = "not-needed"


class OpenAIAnswerer(LLMAnswerer):
    """Answers through ChatOpenAI at `base_url` (None: OpenAI's own API, which needs `api_key`)."""

    def __init__(
        self,
        model: str | None,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 180.0,
        embedder=None,
        max_tokens: int = MAX_TOKENS,
    ) -> None:
        super().__init__(embedder, max_tokens)
        self.model = model
        self.base_url = base_url
        self.api_key = api_key
        self.timeout = timeout
        self.name = f"openai:{model or '?'}"
        self._clients: dict[bool, object] = {}

    def chat(self, messages: list[dict[str, str]], stream: bool, max_tokens: int | None = None) -> Iterator[str]:
        client = self._client(stream)
        pairs = [(m["role"], m["content"]) for m in messages]
        options = {"max_tokens": max_tokens} if max_tokens else {}
        try:
            if stream:
                for chunk in client.stream(pairs, **options):
                    if isinstance(chunk.content, str) and chunk.content:
                        yield chunk.content
            else:
                yield _text(client.invoke(pairs, **options).content)
        except LLMError:
            raise
        except Exception as exc:  # noqa: BLE001 - translated into a message that says what to fix
            raise LLMError(self._explain(exc)) from exc

    def _client(self, streaming: bool):
        if streaming in self._clients:
            return self._clients[streaming]
        if not self.model:
            raise LLMError("DOCENT_LLM_MODEL is not set: name the model the server serves (e.g. qwen2.5:1.5b)")
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as exc:
            raise LLMError("langchain-openai is not installed: pip install 'docent[llm]'") from exc
        key = self.api_key or (_PLACEHOLDER_KEY if self.base_url else None)
        if key is None:
            raise LLMError(
                "no API key for OpenAI's API: set DOCENT_LLM_API_KEY, or DOCENT_LLM_BASE_URL for a local server"
            )
        client = ChatOpenAI(
            model=self.model,
            base_url=self.base_url,
            api_key=key,
            timeout=self.timeout,
            streaming=streaming,
            max_retries=1,  # one retry rides out a blip; more would only delay the fallback
            temperature=0,
            max_tokens=self.max_tokens,
        )
        self._clients[streaming] = client
        return client

    def _explain(self, exc: Exception) -> str:
        """One line naming the failure and the setting that fixes it."""
        import httpx
        import openai

        where = self.base_url or "OpenAI's API"
        if isinstance(exc, (openai.APITimeoutError, httpx.TimeoutException)):
            return f"the LLM server at {where} did not answer within {self.timeout:g}s (DOCENT_LLM_TIMEOUT)"
        if isinstance(exc, (openai.APIConnectionError, httpx.TransportError)):
            return f"cannot reach the LLM server at {where}: start it, or fix DOCENT_LLM_BASE_URL"
        if isinstance(exc, openai.AuthenticationError):
            return f"the LLM server at {where} rejected the key: set DOCENT_LLM_API_KEY"
        if isinstance(exc, openai.NotFoundError):
            return (
                f"the LLM server at {where} has no model {self.model!r} (or the URL lacks /v1): "
                "check DOCENT_LLM_MODEL and DOCENT_LLM_BASE_URL"
            )
        if isinstance(exc, openai.APIStatusError):
            return f"the LLM server at {where} answered HTTP {exc.status_code}: {_first_line(exc.message)}"
        return f"{type(exc).__name__}: {_first_line(str(exc))}"


def _text(content) -> str:
    """Message content as text; some servers send a list of content parts."""
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)


def _first_line(text: str, limit: int = 200) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line[:limit]
