"""The examples in the modules' docstrings are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import assistant
import ingest


def _with_examples() -> list[str]:
    names = []
    for package in (assistant, ingest):
        for info in pkgutil.iter_modules(package.__path__):
            name = f"{package.__name__}.{info.name}"
            if not info.ispkg and any(t.examples for t in doctest.DocTestFinder().find(importlib.import_module(name))):
                names.append(name)
    return sorted(names)


@pytest.mark.parametrize("name", _with_examples())
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
