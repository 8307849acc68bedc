"""reStructuredText reads as its built page shows it (ingest.rst)."""

from __future__ import annotations

from pathlib import Path

from ingest.chunking import chunk_document
from ingest.discovery import discover
from ingest.loaders import load_document
from ingest.units import split_units

GUIDE = """\
==========
User Guide
==========

.. A comment for the page's editors,
   over two lines.

.. _running:

Running pip
===========

pip is a command line program, see :ref:`Requirement
Specifiers` and `PyPI`_.

.. note::
   :class: tip

   Use ``python -m pip`` with the `Python launcher <https://example.org/py>`_.

.. versionchanged:: 22.1
   The ``--use-deprecated=out-of-tree-build`` option has been removed.

Install it like so::

    python -m pip install SomePackage

Pinning
-------

.. code-block:: shell

   pip freeze > requirements.txt

.. toctree::
   :maxdepth: 2

   topics/index

.. py:method:: get_value(key)

   Provides the value of the given key.

.. _PyPI: https://pypi.org/
"""


def test_rst_titles_boxes_code_and_references_read_as_shown(tmp_path: Path) -> None:
    path = tmp_path / "user_guide.rst"
    path.write_text(GUIDE, encoding="utf-8")
    doc = load_document(path)
    assert (doc.title, doc.kind) == ("User Guide", "markdown")
    text = doc.text
    assert text.startswith("# User Guide\n\n## Running pip\n\n")  # levels in the order styles appear
    assert "editors" not in text and "_running" not in text and "pypi.org" not in text
    assert "see Requirement Specifiers and PyPI." in text  # a role wrapped onto the next line too
    assert "Note: Use `python -m pip` with the Python launcher." in text
    assert "Changed in version 22.1: The `--use-deprecated=out-of-tree-build` option has been removed." in text
    assert "Install it like so:\n\n```\npython -m pip install SomePackage\n```" in text
    assert "### Pinning\n\n```shell\npip freeze > requirements.txt\n```" in text
    assert "toctree" not in text and "topics/index" not in text
    assert "`get_value(key)`\nProvides the value of the given key." in text
    units = [u for c in chunk_document(doc) for u in split_units(c, 0)]
    assert {u.text for u in units if u.kind == "code"} == {"python -m pip install SomePackage", "pip freeze > requirements.txt"}
    assert [c.section for c in chunk_document(doc)][-1].endswith("Pinning")


def test_rst_files_are_found_and_a_page_without_markup_reads_as_written(tmp_path: Path) -> None:
    (tmp_path / "notes.rst").write_text("Plain words, no markup.\n", encoding="utf-8")
    files, skipped = discover([tmp_path])
    assert [f.name for f in files] == ["notes.rst"] and not skipped
    assert load_document(files[0]).text == "Plain words, no markup.\n"


def test_rst_lists_keep_their_nesting_and_number_their_steps(tmp_path: Path) -> None:
    path = tmp_path / "release.rst"
    path.write_text(
        "Steps\n=====\n\n#. Install ``nox``.\n#. Prepare the release.\n   This tags the commit.\n\n"
        "* Getting started with Git\n\n  - `Hello World`_\n  - Branches\n\nSee :pep:`in-tree backend <517#in-tree>` and :pep:`508`.\n",
        encoding="utf-8",
    )
    text = load_document(path).text
    assert "1. Install `nox`.\n2. Prepare the release.\n   This tags the commit.\n" in text
    assert "* Getting started with Git\n\n  - Hello World\n  - Branches\n" in text
    assert "See in-tree backend and PEP 508." in text


def test_a_list_item_s_literal_block_is_only_what_is_indented_past_its_text(tmp_path: Path) -> None:
    path = tmp_path / "item.rst"
    path.write_text("* Set it like so::\n\n      x_y_ = 1\n\n  and then run it.\n\nSee below ::\n\n   z\n", encoding="utf-8")
    text = load_document(path).text
    assert "* Set it like so:\n\n```\nx_y_ = 1\n```\n\n  and then run it.\n" in text
    assert "See below\n\n```\nz\n```" in text  # "below ::" ends with no colon
