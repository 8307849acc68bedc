"""The one settings object. Read from `DOCENT_*` environment variables when a command starts.

Nothing here runs at import: build `Settings()` in an entry point and pass it down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob docent has; each field documents its environment variable."""

    model_config = SettingsConfigDict(env_prefix="DOCENT_", extra="ignore")

    data_dir: Path = Field(
        Path(".docent"),
        description="DOCENT_DATA_DIR: where the index, manifest, feedback and eval output live.",
    )
    corpus_dir: Path = Field(Path("corpus"), description="DOCENT_CORPUS_DIR: what `ingest` and `chat` read by default.")
    chroma_url: str | None = Field(
        None, description="DOCENT_CHROMA_URL: a Chroma server (http://host:port) instead of the embedded store."
    )
    collection_prefix: str = Field("docent", description="DOCENT_COLLECTION_PREFIX: names the Chroma collections.")
    chunk_size: int = Field(900, ge=200, le=8000, description="DOCENT_CHUNK_SIZE: target characters per chunk.")
    chunk_overlap: int = Field(120, ge=0, le=2000, description="DOCENT_CHUNK_OVERLAP: characters shared by neighbours.")
    embed_batch_size: int = Field(64, ge=1, le=1024, description="DOCENT_EMBED_BATCH_SIZE: chunks per encoder call.")
    top_k: int = Field(5, ge=1, le=50, description="DOCENT_TOP_K: passages handed to the answerer.")
    answerer: Literal["extractive", "local", "openai"] = Field(
        "extractive", description="DOCENT_ANSWERER: extractive (no LLM), local (GGUF in-process) or openai."
    )
    llm_model: str | None = Field(None, description="DOCENT_LLM_MODEL: GGUF path for local; model name for openai.")
    llm_base_url: str | None = Field(None, description="DOCENT_LLM_BASE_URL: the OpenAI-compatible endpoint.")
    llm_api_key: str | None = Field(None, description="DOCENT_LLM_API_KEY: key for the endpoint, if it needs one.")
    llm_timeout: float = Field(
        180.0,
        gt=0,
        description=(
            "DOCENT_LLM_TIMEOUT: seconds before an LLM call gives up (for `local`: waiting for the first token, "
            "then between tokens). 180 because a 1.5B model's p95 time to first token was 68 s on a 2-core CPU."
        ),
    )
    llm_threads: int | None = Field(
        None,
        ge=1,
        description=(
            "DOCENT_LLM_THREADS: llama.cpp threads for `local`; unset means one per core (os.cpu_count()). "
            "Set 1 on a machine whose cores are busy: on a loaded 2-core CPU generation ran at 0.3 tokens/s "
            "on 2 threads and 14.7 on 1."
        ),
    )
    auth: str | None = Field(None, description="DOCENT_AUTH: user:password to require a login in the UI.")

    @field_validator("chroma_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError(f"DOCENT_CHROMA_URL must look like http://host:port, got {value!r}")
        return value or None

    @field_validator("auth")
    @classmethod
    def _check_auth(cls, value: str | None) -> str | None:
        if value and ":" not in value:
            raise ValueError("DOCENT_AUTH must be user:password")
        return value or None
