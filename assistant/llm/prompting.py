"""Prompts as package data: load `prompts/<name>.yaml`, render it, and build chat messages.

A prompt file holds a `system` and a `user` jinja2 template. Rendering uses StrictUndefined so
a misspelt variable fails loudly instead of vanishing from the prompt. This module only builds
messages; it does not call a model.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import yaml
from jinja2 import Environment, StrictUndefined, Template

from assistant.answer import Query
from assistant.citations import MARKER
from assistant.types import Hit, Turn

HISTORY_TURNS = 4  # the last two exchanges are what a follow-up leans on
TURN_CHARS = 400  # an old answer's first lines carry its subject; the rest only costs tokens

_ENV = Environment(undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, autoescape=False)


@lru_cache(maxsize=None)
def load_prompt(name: str) -> dict[str, Template]:
    """The compiled templates of `prompts/<name>.yaml`, keyed by role ("system", "user")."""
    text = resources.files("assistant.llm").joinpath("prompts", f"{name}.yaml").read_text(encoding="utf-8")
    return {role: _ENV.from_string(source) for role, source in yaml.safe_load(text).items()}


def render_messages(name: str, **variables) -> list[dict[str, str]]:
    """Chat messages from prompt `name`: [{"role": "system", …}, {"role": "user", …}]."""
    templates = load_prompt(name)
    return [{"role": role, "content": templates[role].render(**variables).strip()} for role in ("system", "user")]


def recent_turns(history: Sequence[Turn], turns: int = HISTORY_TURNS, chars: int = TURN_CHARS) -> list[dict]:
    """The last `turns` turns as {"role", "content"}, markers dropped, each cut to `chars` characters."""
    out = []
    for turn in list(history)[-turns:]:
        # An earlier answer's [n] pointed at that turn's passages; left in, it would read as these.
        content = " ".join(MARKER.sub("", turn.content).split())
        out.append({"role": turn.role, "content": content[:chars] + ("…" if len(content) > chars else "")})
    return out


def answer_messages(query: Query, hits: Sequence[Hit]) -> list[dict[str, str]]:
    """The answer prompt: passages numbered [1]…[k] with source and heading path, history, question."""
    passages = [
        {"n": n, "source": hit.chunk.source, "section": hit.chunk.section, "text": hit.chunk.text.strip()}
        for n, hit in enumerate(hits, start=1)
    ]
    return render_messages(
        "answer", passages=passages, question=query.standalone, history=recent_turns(query.history)
    )
