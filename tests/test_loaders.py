"""discover and load_document: each supported kind, and every kind of bad input, under tmp_path."""

import os
import random
import tracemalloc
from pathlib import Path

import pytest
from pypdf import PdfReader

from ingest import loaders
from ingest.discovery import SUPPORTED, discover
from ingest.loaders import LoadError, load_document
from ingest.textrepair import repair_text
from ingest.types import SkippedFile

UNSUPPORTED_CSV = "unsupported file type '.csv' (supported: .htm, .html, .markdown, .md, .pdf, .rst, .txt)"


def make_pdf(pages: list[str], title: str = "") -> bytes:
    """A minimal valid PDF: one Helvetica text line per page, an /Info title, exact xref offsets."""
    kids = b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (%s) >>" % title.encode(),
    ]
    for i, text in enumerate(pages):
        stream = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode() if text else b""
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (6 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def load_error(path: Path) -> str:
    with pytest.raises(LoadError) as caught:
        load_document(path)
    message = str(caught.value)
    assert message and "\n" not in message
    return message


# --- each supported kind ---------------------------------------------------------------------


def test_markdown_title_and_repaired_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_bytes("```sh\n# not a title\n```\n# CoreWeave Notes\r\n\r\nRevenue ‚Üí $1.9B\r\n".encode())
    doc = load_document(path)
    assert doc.title == "CoreWeave Notes"
    assert doc.text == "```sh\n# not a title\n```\n# CoreWeave Notes\n\nRevenue → $1.9B\n"
    assert (doc.kind, doc.source, doc.page_starts, doc.warnings) == ("markdown", path.as_posix(), (), ())


def test_a_markdown_title_reads_as_shown(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("# [libcbor](https://github.com/PJK/libcbor)\n\nA CBOR library.\n", encoding="utf-8")
    assert load_document(path).title == "libcbor"


def test_a_first_line_underlined_with_equals_signs_is_the_title(tmp_path: Path) -> None:
    notes = tmp_path / "v2.38-ReleaseNotes.txt"
    notes.write_text("Util-linux 2.38 Release Notes\n=============================\n\nRelease highlights\n"
                     "------------------\n\ndmesg(1) supports a new option --json.\n", encoding="utf-8")
    assert load_document(notes).title == "Util-linux 2.38 Release Notes"
    readme = tmp_path / "README.md"  # several such headings are sections: no title line
    readme.write_text("Background\n==========\n\nProse.\n\nBuilding\n========\n\nMore prose.\n", encoding="utf-8")
    assert load_document(readme).title == "README"


def test_a_comment_far_down_a_text_file_is_no_title(tmp_path: Path) -> None:
    path = tmp_path / "gnupg-README.txt"
    body = "The GNU Privacy Guard\n=====================\n\n" + "Some prose. " * 200
    path.write_text(body + "\n# This file is Free Software; you may copy it.\n", encoding="utf-8")
    assert load_document(path).title == "The GNU Privacy Guard"  # the underlined first line, not the comment
    path.write_text("Some prose. " * 200 + "\n# This file is Free Software; you may copy it.\n", encoding="utf-8")
    assert load_document(path).title == "gnupg README"
    path.write_text("# Release notes\n\nSome prose.\n", encoding="utf-8")
    assert load_document(path).title == "Release notes"  # near the top, it is one


def test_text_file_takes_its_title_from_the_name(tmp_path: Path) -> None:
    path = tmp_path / "quarterly_report-2024.txt"
    path.write_text("Plain text, caf√©.\n", encoding="utf-8")
    doc = load_document(path, source="docs/quarterly_report-2024.txt")
    assert (doc.title, doc.text, doc.kind) == ("quarterly report 2024", "Plain text, café.\n", "text")
    assert doc.source == "docs/quarterly_report-2024.txt"


def test_html_renders_visible_text_with_heading_lines(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        """<!doctype html><html><head><title>The  Page</title><style>p { color: red }</style>
        <script>var tracking = 1;</script></head><body>
        <nav><a href="/">Home</a></nav><div role="navigation">Menu</div>
        <h1>Main <em>Title</em></h1><p>First   paragraph with <b>bold</b>
        text.</p><!-- a comment --><noscript>Enable JS</noscript>
        <h2>Section</h2><ul><li>one</li><li>two</li></ul>
        <table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>
        <h3>Code</h3><pre>x  =  1
    y = 2</pre><footer>Copyright</footer></body></html>""",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert (doc.title, doc.kind) == ("The Page", "html")
    headings = [line for line in doc.text.splitlines() if line.startswith("#")]
    assert headings == ["# Main Title", "## Section", "### Code"]
    body = "# Main Title\n\nFirst paragraph with bold text.\n\n## Section\n\n- one\n\n- two\n\n| A | B |\n| --- | --- |\n| 1 | 2 |"
    assert body in doc.text
    assert "x  =  1\n    y = 2" in doc.text
    for dropped in ("tracking", "color", "Home", "Menu", "Enable JS", "comment", "Copyright"):
        assert dropped not in doc.text


def test_pdf_pages_and_their_offsets(tmp_path: Path) -> None:
    pages = ["First page says hello.", "Second page says goodbye."]
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(pages, title="Annual Report"))
    assert len(PdfReader(path).pages) == 2  # the hand-made file is valid as pypdf sees it
    doc = load_document(path)
    assert (doc.kind, doc.title, doc.page_starts) == ("pdf", "Annual Report", (0, len(pages[0]) + 2))
    for number, (start, text) in enumerate(zip(doc.page_starts, pages), start=1):
        assert doc.text[start:].startswith(text)
        assert doc.page_at(start) == number


# --- discovery -------------------------------------------------------------------------------


def test_discover_survives_a_symlink_loop_and_lists_each_file_once(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    (root / "a.md").write_text("# A\n")
    (root / "sub" / "b.txt").write_text("b\n")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "sub" / "again.md").symlink_to(root / "a.md")
    files, skipped = discover([root, root / "a.md"])
    assert files == [root / "a.md", root / "sub" / "b.txt"]
    assert skipped == []


def test_discover_skips_hidden_and_golden_silently(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.md").write_text("x")
    (tmp_path / ".draft.md").write_text("x")
    (tmp_path / "golden").mkdir()
    (tmp_path / "golden" / "answers.md").write_text("x")
    (tmp_path / "golden" / "golden.jsonl").write_text("{}")
    (tmp_path / "visible.md").write_text("x")
    assert discover([tmp_path]) == ([tmp_path / "visible.md"], [])


def test_discover_skips_a_sphinx_or_mdbook_builds_generated_pages(tmp_path: Path) -> None:
    sphinx, book, plain = tmp_path / "sphinx", tmp_path / "book", tmp_path / "plain"
    for root, generated in ((sphinx, ("genindex.html", "search.html")), (book, ("print.html", "toc.html"))):
        root.mkdir()
        for name in ("intro.html", *generated):
            (root / name).write_text("<p>x</p>")
    (sphinx / "searchindex.js").write_text("x")
    (book / "book-a0b12cfe.js").write_text("x")
    plain.mkdir()  # without the build's own files, a page named print.html is a page
    (plain / "print.html").write_text("<p>x</p>")
    (plain / "toc.html").write_text("<p>x</p>")
    files, skipped = discover([tmp_path])
    assert files == [book / "intro.html", plain / "print.html", plain / "toc.html", sphinx / "intro.html"]
    assert {Path(s.path).name for s in skipped} == {"book-a0b12cfe.js", "searchindex.js"}  # unsupported types, said so


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("a,b\n")
    (tmp_path / "doc.md").write_text("x")
    assert discover([tmp_path]) == ([tmp_path / "doc.md"], [SkippedFile(path.as_posix(), UNSUPPORTED_CSV)])
    assert discover([path]) == ([], [SkippedFile(path.as_posix(), UNSUPPORTED_CSV)])
    assert load_error(path) == UNSUPPORTED_CSV
    assert ".csv" not in SUPPORTED


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    assert discover([missing]) == ([], [SkippedFile(missing.as_posix(), "no such file or directory")])
    assert load_error(missing) == "no such file or directory"


# --- bad inputs ------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
@pytest.mark.parametrize("name", ["empty.md", "empty.txt", "empty.html", "empty.pdf"])
def test_empty_file(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert load_error(path) == "empty file; nothing to index"


def test_binary_file_with_a_text_extension(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert load_error(path) == "binary file with a .txt extension (found NUL bytes); remove it or convert it to text"


def test_invalid_utf8_is_replaced_and_warned(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    # two invalid sequences, plus a genuine U+FFFD that must not be counted
    path.write_bytes(b"# Menu\n\ncaf\xe9 au lait, na\xefve, kept \xef\xbf\xbd\n")
    doc = load_document(path)
    assert doc.text == "# Menu\n\ncaf\ufffd au lait, na\ufffdve, kept \ufffd\n"
    assert len(doc.warnings) == 1
    assert doc.warnings[0].startswith("invalid UTF-8 replaced with U+FFFD at 2 places")


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n" + random.Random(0).randbytes(4096))
    assert load_error(path).startswith("corrupt or unreadable PDF: ")


def test_damaged_but_readable_pdf_loads_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "shifted.pdf"
    path.write_bytes(make_pdf(["Still readable."]).replace(b"%PDF-1.4\n", b"%PDF-1.4\n% padding\n"))
    doc = load_document(path)  # every xref offset is now wrong; pypdf rebuilds the table
    assert doc.text == "Still readable."
    assert doc.warnings[0].startswith("damaged PDF structure, recovered by pypdf:")


def test_pdf_without_text(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf(["", ""]))
    assert load_error(path).startswith("PDF has no extractable text (scanned images?)")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.md"
    path.write_text("# Secret\n")
    path.chmod(0)
    assert load_error(path).startswith("permission denied")


def test_utf16_and_declared_html_charset_are_decoded(tmp_path: Path) -> None:
    utf16 = tmp_path / "windows.txt"
    utf16.write_bytes("Notepad said: café\r\n".encode("utf-16"))
    assert load_document(utf16).text == "Notepad said: café\n"
    old = tmp_path / "old.html"
    old.write_bytes('<meta charset="windows-1252"><p>caf\xe9 \x93quoted\x94</p>'.encode("latin-1"))
    doc = load_document(old)
    assert (doc.text, doc.warnings) == ("caf\u00e9 \u201cquoted\u201d", ())


@pytest.mark.parametrize("block_bytes", [1, 2, 3, 5, 7, 64])
def test_reading_in_blocks_matches_reading_whole(tmp_path: Path, monkeypatch, block_bytes: int) -> None:
    monkeypatch.setattr(loaders, "_BLOCK_BYTES", block_bytes)  # every boundary falls somewhere awkward
    data = "\ufeffcafé ‚Üí 🏢\r\nkept \ufffd here\r\n\rG√∂teborg ≈ x".encode() + b" bad \xff end"
    path = tmp_path / "blocks.txt"
    path.write_bytes(data)
    doc = load_document(path)
    assert doc.text == repair_text(data.decode("utf-8-sig", errors="replace"))
    assert doc.text == "café → 🏢\nkept \ufffd here\n\nGöteborg ≈ x bad \ufffd end"
    assert doc.warnings[0].startswith("invalid UTF-8 replaced with U+FFFD at 1 place;")


def test_large_file_loads_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    plain = b"".join(b"GPU cluster capacity grew again in quarter %07d of the plan.\n" % i for i in range(1000))
    special = "Revenue ‚Üí grew, caf√© 🏢\n".encode()  # one emoji makes the whole str 4 bytes a char
    with path.open("wb") as out:
        while out.tell() < 50 * 1024 * 1024:
            out.write(plain + special)
    size = path.stat().st_size
    tracemalloc.start()
    try:
        doc = load_document(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 6 * size
    assert "Revenue → grew, café 🏢\n" in doc.text[: 2 * len(plain)]
    assert "‚Üí" not in doc.text


def test_readme_and_license_files_are_read_as_plain_text(tmp_path):
    for name in ("README", "LICENSE", "README.Debian", "NOTES", "README.gz", "data.bin"):
        (tmp_path / name).write_text("Widgets are small.\n", encoding="utf-8")
    files, skipped = discover([tmp_path])
    assert sorted(f.name for f in files) == ["LICENSE", "README", "README.Debian"]
    assert sorted(Path(s.path).name for s in skipped) == ["NOTES", "README.gz", "data.bin"]
    doc = load_document(tmp_path / "README.Debian")
    assert (doc.kind, doc.text) == ("text", "Widgets are small.\n")


def test_markdown_comments_and_link_targets_are_not_indexed_but_code_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "api.md"
    path.write_text(
        "# API\n\n<!-- YAML\nadded: v0.5.0\n-->\n\nReturns the [path][].\n\n```html\n<!-- shown in the example -->\n"
        "[kept]: in-code\n```\n\n[path]: #path-docs\n",
        encoding="utf-8",
    )
    text = load_document(path).text
    assert "YAML" not in text and "added: v0.5.0" not in text
    assert text.startswith("# API\n\nReturns the [path][].")  # no gap where the comment stood
    assert "#path-docs" not in text  # a reference link's target shows nowhere
    assert "<!-- shown in the example -->" in text and "[kept]: in-code" in text
    only = tmp_path / "hidden.md"
    only.write_text("<!-- nothing shown -->\n", encoding="utf-8")
    with pytest.raises(LoadError, match="only HTML comments"):
        load_document(only)
