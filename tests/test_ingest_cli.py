"""`docent ingest` through `docent.cli.main`: the summary it prints, its exit codes, and the chunks of
the real corpus it leaves behind.

The encoder is the HashEmbedder, swapped in where the command builds its MiniLMEmbedder; one slow test
runs the real model instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fakes import HashEmbedder

from docent.cli import main
from ingest.chunking import clean_heading
from ingest.loaders import load_document
from ingest.snapshot import IndexSnapshot

ROOT = Path(__file__).resolve().parent.parent
COREWEAVE = ROOT / "corpus" / "coreweave.md"
MOJIBAKE = ("‚Üí", "üè", "√∂", "Ô∏è", "\uf8ff")

SUMMARY = re.compile(
    r"Indexed (?P<where>.+) in (?P<seconds>\d+\.\d) s: (?P<read>\d+) file\(s\) read, (?P<skipped>\d+) skipped; "
    r"chunks (?P<added>\d+) added, (?P<removed>\d+) removed, (?P<unchanged>\d+) unchanged "
    r"\((?P<embedded>\d+) embedded\)\. "
    r"Index: (?P<documents>\d+) document\(s\), (?P<total>\d+) chunks\."
)


@pytest.fixture
def fake_encoder(monkeypatch) -> HashEmbedder:
    """The one HashEmbedder every `docent ingest` in this test gets instead of the MiniLM model."""
    encoder = HashEmbedder()
    monkeypatch.setattr("ingest.embedder.MiniLMEmbedder", lambda batch_size=64: encoder)
    return encoder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "otters.md").write_text("# Otters\n\n## Diet\n\nOtters eat urchins.\n\n## Tools\n\nThey use rocks.\n")
    (root / "kelp.txt").write_text("Kelp forests grow fast in cold water.\n")
    (root / "empty.md").write_text("")
    (root / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    return root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["ingest", "--quiet", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def summary(out: str) -> dict[str, str]:
    match = SUMMARY.search(out.splitlines()[0])
    assert match, f"no summary line in {out!r}"
    return match.groupdict()


def test_ingest_prints_what_it_did(capsys, corpus: Path, fake_encoder: HashEmbedder) -> None:
    code, out, err = run(capsys, str(corpus))

    assert code == 0 and err == ""
    numbers = summary(out)
    assert numbers["where"] == str(corpus)
    assert {k: int(v) for k, v in numbers.items() if k not in ("where", "seconds")} == {
        "read": 2, "skipped": 2, "added": 3, "removed": 0, "unchanged": 0, "embedded": 3, "documents": 2, "total": 3,
    }
    assert float(numbers["seconds"]) >= 0
    assert out.splitlines()[1:] == [  # what discovery passed over first, then what failed to load
        f"  skipped {corpus / 'sheet.xlsx'}: unsupported file type '.xlsx' "
        "(supported: .htm, .html, .markdown, .md, .pdf, .rst, .txt)",
        f"  skipped {corpus / 'empty.md'}: empty file; nothing to index",
    ]
    assert fake_encoder.texts_encoded == 3


def test_many_files_skipped_for_one_reason_take_one_line(capsys, corpus: Path, fake_encoder: HashEmbedder) -> None:
    for name in ("book.js", "toc.js", "theme.js", "search.js"):  # a documentation site's scripts beside its pages
        (corpus / name).write_text("var x = 1;")
    code, out, _ = run(capsys, str(corpus))
    assert code == 0 and summary(out)["skipped"] == "6"
    js = [line for line in out.splitlines() if ".js'" in line]
    assert js == [
        f"  skipped 4 files ({corpus / 'book.js'}, {corpus / 'search.js'}, …): unsupported file type '.js' "
        "(supported: .htm, .html, .markdown, .md, .pdf, .rst, .txt)"
    ]


def test_second_run_embeds_nothing_and_a_change_embeds_only_it(
    capsys, corpus: Path, fake_encoder: HashEmbedder
) -> None:
    run(capsys, str(corpus))
    fake_encoder.texts_encoded = 0

    code, out, _ = run(capsys, str(corpus))
    numbers = summary(out)
    assert code == 0
    assert (numbers["embedded"], numbers["added"], numbers["unchanged"], numbers["total"]) == ("0", "0", "3", "3")
    assert fake_encoder.texts_encoded == 0

    (corpus / "kelp.txt").write_text("Kelp forests grow fast in cold water, up to half a metre a day.\n")
    code, out, _ = run(capsys, str(corpus))
    numbers = summary(out)
    assert (numbers["embedded"], numbers["added"], numbers["removed"], numbers["unchanged"]) == ("1", "1", "1", "2")
    assert fake_encoder.texts_encoded == 1


def test_nothing_to_index_exits_1_with_one_line(capsys, tmp_path: Path, fake_encoder: HashEmbedder) -> None:
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "empty.md").write_text("\n\n")

    code, out, err = run(capsys, str(junk))

    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and err.startswith("docent: nothing could be indexed (")
    assert "empty file; nothing to index" in err
    assert fake_encoder.calls == 0


def test_a_path_that_does_not_exist_exits_1(capsys, tmp_path: Path, fake_encoder: HashEmbedder) -> None:
    code, _, err = run(capsys, str(tmp_path / "no-such-dir"))
    assert code == 1
    assert err == f"docent: nothing could be indexed ({tmp_path / 'no-such-dir'}: no such file or directory)\n"


def test_every_chunk_of_the_real_corpus_is_an_exact_clean_span(
    capsys, tmp_path: Path, fake_encoder: HashEmbedder
) -> None:
    code, _, _ = run(capsys, str(COREWEAVE))
    assert code == 0

    document = load_document(COREWEAVE)
    headings = _heading_names(document.text)
    chunks = IndexSnapshot.open(tmp_path / "data").chunks  # conftest points DOCENT_DATA_DIR there
    assert len(chunks) > 50
    covered = 0
    for chunk in chunks:
        assert document.text[chunk.start : chunk.end] == chunk.text, chunk.id
        path = chunk.section.split(" > ")
        assert chunk.section and all(name in headings for name in path), (chunk.id, chunk.section)
        for bad in MOJIBAKE:
            assert bad not in chunk.text and bad not in chunk.section and bad not in chunk.title, (chunk.id, bad)
        covered = max(covered, chunk.end)
    assert covered >= len(document.text.rstrip()) - 1  # the chunks reach the end of the document


def _heading_names(text: str) -> set[str]:
    """Every heading's cleaned name: '#' lines and lines that are bold and nothing else."""
    names = set()
    for line in text.splitlines():
        line = line.strip()
        if match := re.match(r"^#{1,6}[ \t]+(.+?)[ \t]*#*$", line):
            names.add(clean_heading(match.group(1)))
        elif match := re.match(r"^\*\*([^*]+)\*\*:?$", line):
            names.add(clean_heading(match.group(1)))
    return names


@pytest.mark.slow
def test_ingest_with_the_real_model(capsys, monkeypatch, tmp_path: Path, corpus: Path, embedder) -> None:
    monkeypatch.setattr("ingest.embedder.MiniLMEmbedder", lambda batch_size=64: embedder)  # loaded once per session
    code, out, _ = run(capsys, str(corpus))
    assert code == 0 and summary(out)["embedded"] == "3"

    snapshot = IndexSnapshot.open(tmp_path / "data")
    row, score = snapshot.dense_search(embedder.embed_query("What do otters eat?"), 1)[0]
    assert "urchins" in snapshot.chunks[row].text and score > 0.4

