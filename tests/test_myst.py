"""Markdown written for a site builder reads as the site shows it (ingest.myst)."""

from __future__ import annotations

from pathlib import Path

from ingest.chunking import chunk_document
from ingest.loaders import load_document
from ingest.units import split_units

MYST_PAGE = """\
(https-certificates)=

# HTTPS Certificates

```{versionadded} 1.3

```

Uses a bundled store from {pypi}`certifi`; see {ref}`Hash-checking mode <hash-mode>`.

```{note}
:class: tip
Pass {any}`--cert` to use another one.
```

````{tab} Linux
```{pip-cli}
$ pip install truststore
```
````

Templates support `${pid}` and `{rotation}`.

[issue tracker]:
  https://example.org/issues
"""


def test_myst_directives_roles_and_labels_read_as_shown(tmp_path: Path) -> None:
    path = tmp_path / "certs.md"
    path.write_text(MYST_PAGE, encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "HTTPS Certificates"
    assert doc.text.startswith("# HTTPS Certificates\n\nNew in version 1.3.\n")  # no label, no empty box
    assert "Uses a bundled store from certifi; see Hash-checking mode." in doc.text
    assert "Note: Pass `--cert` to use another one.\n" in doc.text  # its option line is not text
    assert "Linux:\n```{pip-cli}\n$ pip install truststore\n```\n" in doc.text  # an unknown directive stays code
    assert "`${pid}` and `{rotation}`." in doc.text  # code spans are left alone
    assert "example.org" not in doc.text
    units = [u for c in chunk_document(doc) for u in split_units(c, 0)]
    assert [u.text for u in units if u.kind == "code"] == ["$ pip install truststore"]
    assert any(u.kind != "code" and "Pass `--cert`" in u.text for u in units)


def test_front_matter_is_no_text_and_gives_the_title(tmp_path: Path) -> None:
    path = tmp_path / "env.md"
    path.write_text("---\ntitle: Known Variables\nlayout: default\n---\n\nSet `$X` to 1.\n", encoding="utf-8")
    doc = load_document(path)
    assert (doc.title, doc.text) == ("Known Variables", "Set `$X` to 1.\n")
    # A page's own "# " heading is what its reader sees first, so it wins.
    path.write_text("---\ntitle: Variables\n---\n# Known Environment Variables\n", encoding="utf-8")
    assert load_document(path).title == "Known Environment Variables"


def test_a_rule_opening_a_page_is_not_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    text = "---\nThe first release. It is small.\n---\n\nMore text.\n"
    path.write_text(text, encoding="utf-8")
    assert load_document(path).text == text


def test_a_colon_fenced_box_opens_like_a_backtick_one(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(":::{versionadded} 2.0\n:::\n\n:::{note}\nBody here.\n:::\n", encoding="utf-8")
    assert load_document(path).text == "New in version 2.0.\n\nNote: Body here.\n"
