"""Start a built gradio app on a free 127.0.0.1 port for a test, and always stop it."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(demo, attempts: int = 5) -> Iterator[str]:
    """Launch `demo` without blocking and yield its URL; close it on the way out."""
    for attempt in range(attempts):
        port = free_port()
        try:
            demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
            break
        except OSError:  # another process took the port between probe and bind
            if attempt == attempts - 1:
                raise
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()
