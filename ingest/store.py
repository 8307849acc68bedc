"""Where vectors live: an embedded Chroma under the data dir, or a Chroma server when a URL is set.

Both go through the same chromadb client API, so the rest of the code does not care which.
Collections are created without an embedding function: vectors always come from our encoder.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse


class StoreError(RuntimeError):
    """The vector store cannot be reached or opened; the message says what to do."""


def open_client(data_dir: Path, chroma_url: str | None = None):
    """A chromadb client: HttpClient for `chroma_url`, else a PersistentClient in `data_dir/chroma`."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if chroma_url:
        url = urlparse(chroma_url)
        try:
            client = chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
            client.heartbeat()
        except Exception as exc:
            raise StoreError(
                f"cannot reach the Chroma server at {chroma_url} ({type(exc).__name__}); "
                "start it with `chroma run --path DIR --port PORT` or unset DOCENT_CHROMA_URL"
            ) from exc
        return client
    path = Path(data_dir) / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:
        raise StoreError(
            f"cannot open the vector store in {path} ({exc}); delete {Path(data_dir)} and run `docent ingest` again"
        ) from exc


# How many graph neighbours HNSW keeps in play while searching (Chroma's default: 100). On the
# 25k-chunk Python docs, 400 returned 0.990 of the exact top 30 against 0.963, for about 0.5 ms
# more per query (docs/SCALE.md). Set when a collection is made: each ingest makes a new one.
SEARCH_EF = 400


def create_collection(client, name: str):
    return client.create_collection(
        name=name,
        embedding_function=None,
        metadata={"hnsw:space": "cosine", "hnsw:search_ef": SEARCH_EF, "created_by": "docent"},
    )


def get_collection(client, name: str):
    """The named collection, or None when the store does not have it."""
    try:
        return client.get_collection(name=name, embedding_function=None)
    except Exception:
        return None
