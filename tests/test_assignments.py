"""A setting asked for by name is answered by the line that sets it (assistant.assignments)."""

from __future__ import annotations

from assistant.assignments import asked_setting, promote_assignment
from assistant.scoring import Scored
from ingest.types import Chunk
from ingest.units import split_units


def test_the_setting_asked_for_is_found_by_name():
    assert asked_setting("In pyproject.toml, what should build-backend be set to?") == "build-backend"
    assert asked_setting("What do I set PIP_INDEX_URL to?") == "PIP_INDEX_URL"
    assert asked_setting("What should I do next?") is None  # no setting's name


def test_the_line_setting_it_is_put_first_even_when_it_is_code():
    text = "If the build-backend parameter is not defined, setuptools is used.\n\n```\n[build-system]\nbuild-backend = \"setuptools.build_meta\"\n```\n"
    chunk = Chunk("c0", "build.md", "Build", "How to use it", text, 0, len(text))
    units = split_units(chunk, 0)
    scored = [Scored(u, 1.0 - i / 10, coverage=0.5, meaning=0.5) for i, u in enumerate(units)]
    first = promote_assignment("What should build-backend be set to?", scored)[0].unit
    assert first.kind == "code" and first.text.startswith("build-backend =")
    assert promote_assignment("What is a build backend?", scored) is scored
