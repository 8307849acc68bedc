"""A small OpenAI-compatible chat server for tests: real HTTP on 127.0.0.1, scripted replies.

`FakeOpenAI()` binds a free port and serves `POST /v1/chat/completions` from a thread: a JSON
completion, or server-sent events (one chunk per word, then `[DONE]`) when the request says
`"stream": true`. Replies come from `enqueue(text)` in order, else from `responder(request)`.
Every request body is kept in `requests`. `delay` slows each answer (to test timeouts);
`status` answers every request with that HTTP error instead. It never calls anything outside.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_PIECE = re.compile(r"\S+\s*|\s+")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that timed out hangs up mid-reply; that is the scenario, not a failure


class FakeOpenAI:
    def __init__(self, responder: Callable[[dict], str] | None = None) -> None:
        self.replies: deque[str] = deque()
        self.responder = responder
        self.requests: list[dict] = []
        self.delay = 0.0
        self.status: int | None = None
        self._httpd = _Server(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def enqueue(self, *texts: str) -> None:
        self.replies.extend(texts)

    def reply_for(self, request: dict) -> str:
        if self.replies:
            return self.replies.popleft()
        if self.responder:
            return self.responder(request)
        return "The documents don't say."

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _handler(fake: FakeOpenAI):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def do_POST(self) -> None:
            if self.path.rstrip("/") != "/v1/chat/completions":
                return self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            fake.requests.append(body)
            if fake.delay:
                time.sleep(fake.delay)
            if fake.status:
                return self._json(fake.status, {"error": {"message": "scripted failure", "type": "server_error"}})
            text = fake.reply_for(body)
            model = body.get("model", "fake")
            if body.get("stream"):
                return self._sse(model, text)
            self._json(
                200,
                {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion",
                    "created": 0,
                    "model": model,
                    "choices": [
                        {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
                    ],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                },
            )

        def _json(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _sse(self, model: str, text: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            deltas = [{"role": "assistant", "content": ""}] + [{"content": p} for p in _PIECE.findall(text)]
            for i, delta in enumerate(deltas + [{}]):
                chunk = {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": "stop" if i == len(deltas) else None}],
                }
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()

    return Handler
