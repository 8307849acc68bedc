"""The benchmark golden sets over documents other than the report: each is grounded in its documents.

Each set has 24 rows, 4 of them unanswerable, and every evidence passage is in exactly one of the
documents as the loader reads them. A set whose documents are not installed here is skipped.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from assistant.golden import evidence_in, load_golden, normalize_answer

ROOT = Path(__file__).resolve().parents[1]


PLAIN_TEXT = ROOT / "benchmarks" / "golden" / "plain_text.jsonl"
PLAIN_TEXT_SOURCES = (  # as benchmarks/plain_text_corpus.sh gathers them
    "/usr/share/common-licenses/GPL-3",
    "/usr/share/common-licenses/Apache-2.0",
    "/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf",
)


def test_plain_text_set_is_grounded_in_its_documents(tmp_path):
    from ingest.loaders import load_document

    sources = [Path(p) for p in PLAIN_TEXT_SOURCES]
    if not all(p.exists() for p in sources):
        pytest.skip("the plain-text benchmark's documents are not installed here")
    texts = []
    for path in sources:  # the loader reads them under the names the benchmark gives them
        copy = tmp_path / (path.name if path.suffix == ".pdf" else f"{path.name}.txt")
        copy.write_bytes(path.read_bytes())
        texts.append(load_document(copy).text)
    rows = load_golden(PLAIN_TEXT)
    assert len(rows) == 24 and sum(not row.answers for row in rows) == 4
    for row in rows:
        for evidence in row.evidence:
            assert sum(evidence_in(evidence, text) for text in texts) == 1, (row.id, evidence[:40])
        if row.answers:
            assert any(normalize_answer(a) in normalize_answer(" ".join(row.evidence)) for a in row.answers), row.id


NODE_DOCS = ROOT / "benchmarks" / "golden" / "node_docs.jsonl"
NODE_DOCS_SOURCES = tuple(f"/usr/share/doc/nodejs/api/{name}.md" for name in ("path", "timers", "os", "events", "readline", "dns"))


def test_node_docs_set_is_grounded_in_its_documents():
    from ingest.loaders import load_document

    sources = [Path(p) for p in NODE_DOCS_SOURCES]
    if not all(p.exists() for p in sources):
        pytest.skip("the Node.js docs benchmark's documents are not installed here")
    # Node's pages wrap at 80 columns, so an evidence line may stop before its answer ("… only add backward").
    _assert_grounded(load_golden(NODE_DOCS), [load_document(path).text for path in sources], answers_in_evidence=False)


RUST_BOOK = ROOT / "benchmarks" / "golden" / "rust_book.jsonl"
RUST_BOOK_PAGES = (
    "ch03-02-data-types", "ch04-01-what-is-ownership", "ch08-01-vectors", "ch08-03-hash-maps",
    "ch09-02-recoverable-errors-with-result", "ch11-02-running-tests", "ch14-01-release-profiles", "ch15-04-rc",
    "ch16-01-threads",
)


def test_rust_book_set_is_grounded_in_its_documents():
    import shutil
    import subprocess

    from ingest.loaders import load_document

    rustc = shutil.which("rustc")
    if rustc is None:
        pytest.skip("the Rust book benchmark's documents come with a Rust toolchain, not installed here")
    sysroot = subprocess.run([rustc, "--print", "sysroot"], capture_output=True, text=True, check=True).stdout.strip()
    sources = [Path(sysroot) / "share/doc/rust/html/book" / f"{page}.html" for page in RUST_BOOK_PAGES]
    if not all(p.exists() for p in sources):
        pytest.skip("this Rust toolchain has no book installed")
    _assert_grounded(load_golden(RUST_BOOK), [load_document(path).text for path in sources])


def _assert_grounded(rows, texts: list[str], answers_in_evidence: bool = True) -> None:
    """24 rows, 4 of them unanswerable; each evidence passage in exactly one document, holding an answer."""
    assert len(rows) == 24 and sum(not row.answers for row in rows) == 4
    for row in rows:
        for evidence in row.evidence:
            assert sum(evidence_in(evidence, text) for text in texts) == 1, (row.id, evidence[:40])
        if row.answers and answers_in_evidence:
            assert any(normalize_answer(a) in normalize_answer(" ".join(row.evidence)) for a in row.answers), row.id


READMES = ROOT / "benchmarks" / "golden" / "readmes.jsonl"


def test_readme_set_is_grounded_in_its_documents(tmp_path):
    import subprocess

    from ingest.loaders import load_document

    script = ROOT / "benchmarks" / "readme_corpus.sh"
    try:
        subprocess.run(["sh", str(script), str(tmp_path)], check=True, capture_output=True)
    except subprocess.CalledProcessError:
        pytest.skip("the README benchmark's documents are not all installed here")
    texts = [load_document(path).text for path in sorted(tmp_path.iterdir())]
    assert len(texts) == 17
    _assert_grounded(load_golden(READMES), texts, answers_in_evidence=False)


VALGRIND_MANUAL = ROOT / "benchmarks" / "golden" / "valgrind_manual.jsonl"
VALGRIND_MANUAL_SOURCES = tuple(  # the Valgrind user manual's HTML pages as Debian installs them
    f"/usr/share/doc/valgrind/html/{name}.html" for name in ("FAQ", "manual-core", "mc-manual", "cg-manual", "ms-manual")
)


def test_valgrind_manual_set_is_grounded_in_its_documents():
    from ingest.loaders import load_document

    sources = [Path(p) for p in VALGRIND_MANUAL_SOURCES]
    if not all(p.exists() for p in sources):
        pytest.skip("the Valgrind manual benchmark's documents are not installed here")
    _assert_grounded(load_golden(VALGRIND_MANUAL), [load_document(path).text for path in sources])


NETTLE_MANUAL = ROOT / "benchmarks" / "golden" / "nettle_manual.jsonl"
NETTLE_SOURCE = Path("/usr/share/doc/nettle-dev/nettle.html")  # one Texinfo page, the whole manual


def test_nettle_manual_set_is_grounded_in_its_document():
    from ingest.loaders import load_document

    if not NETTLE_SOURCE.exists():
        pytest.skip("the Nettle manual benchmark's document is not installed here")
    _assert_grounded(load_golden(NETTLE_MANUAL), [load_document(NETTLE_SOURCE).text])


CRC_PAPER = ROOT / "benchmarks" / "golden" / "crc_paper.jsonl"
CRC_SOURCE = Path("/usr/share/doc/zlib1g-dev/crc-doc.1.0.pdf.gz")  # a research paper as a PDF, gzipped


def test_crc_paper_set_is_grounded_in_its_document(tmp_path):
    from ingest.loaders import load_document

    if not CRC_SOURCE.exists():
        pytest.skip("the CRC paper benchmark's document is not installed here")
    pdf = tmp_path / "crc-doc.pdf"  # the loader reads PDFs, not gzip: the benchmark unpacks it first
    pdf.write_bytes(gzip.decompress(CRC_SOURCE.read_bytes()))
    _assert_grounded(load_golden(CRC_PAPER), [load_document(pdf).text])


BZIP2_MANUAL = ROOT / "benchmarks" / "golden" / "bzip2_manual.jsonl"
BZIP2_SOURCE = Path("/usr/share/doc/bzip2/manual.pdf.gz")  # a program's manual as a PDF, gzipped


def test_bzip2_manual_set_is_grounded_in_its_document(tmp_path):
    from ingest.loaders import load_document

    if not BZIP2_SOURCE.exists():
        pytest.skip("the bzip2 manual benchmark's document is not installed here")
    pdf = tmp_path / "bzip2-manual.pdf"
    pdf.write_bytes(gzip.decompress(BZIP2_SOURCE.read_bytes()))
    text = load_document(pdf).text
    _assert_grounded(load_golden(BZIP2_MANUAL), [text])
    assert "\ufb01" not in text and ". . . . ." not in text  # ligatures spelled out, contents entries gone


FAQ_PAGES = ROOT / "benchmarks" / "golden" / "faq_pages.jsonl"


def test_faq_pages_set_is_grounded_in_its_documents():
    import shutil
    import subprocess

    from ingest.loaders import load_document

    rustc = shutil.which("rustc")
    valgrind_faq = Path("/usr/share/doc/valgrind/html/faq.html")  # DocBook's qandaset
    if rustc is None or not valgrind_faq.exists():
        pytest.skip("the FAQ benchmark's pages (a Rust toolchain's Cargo book, Valgrind's docs) are not installed here")
    sysroot = subprocess.run([rustc, "--print", "sysroot"], capture_output=True, text=True, check=True).stdout.strip()
    cargo_faq = Path(sysroot) / "share/doc/rust/html/cargo/faq.html"  # mdBook, questions as headings
    if not cargo_faq.exists():
        pytest.skip("this Rust toolchain has no Cargo book")
    _assert_grounded(load_golden(FAQ_PAGES), [load_document(cargo_faq).text, load_document(valgrind_faq).text])


PYENV_CHANGELOG = ROOT / "benchmarks" / "golden" / "pyenv_changelog.jsonl"
PYENV_CHANGELOG_SOURCE = Path.home() / ".pyenv" / "CHANGELOG.md"  # a Markdown changelog, a section per release


def test_pyenv_changelog_set_is_grounded_in_its_document():
    from ingest.loaders import load_document

    if not PYENV_CHANGELOG_SOURCE.exists():
        pytest.skip("the changelog benchmark's document (pyenv's CHANGELOG.md) is not installed here")
    _assert_grounded(load_golden(PYENV_CHANGELOG), [load_document(PYENV_CHANGELOG_SOURCE).text])


DJANGO_TOPICS = ROOT / "benchmarks" / "golden" / "django_topics.jsonl"
DJANGO_TOPICS_SOURCES = tuple(  # three topic guides of the Django docs as Debian installs them
    Path("/usr/share/doc/python-django-doc/html/topics") / page for page in ("cache.html", "http/sessions.html", "signals.html")
)


def test_django_topics_set_is_grounded_in_its_documents():
    from ingest.loaders import load_document

    if not all(p.exists() for p in DJANGO_TOPICS_SOURCES):
        pytest.skip("the Django topics benchmark's documents are not installed here")
    _assert_grounded(load_golden(DJANGO_TOPICS), [load_document(p).text for p in DJANGO_TOPICS_SOURCES])


VALGRIND_NEWS = ROOT / "benchmarks" / "golden" / "valgrind_news.jsonl"
VALGRIND_NEWS_SOURCE = Path("/usr/share/doc/valgrind/html/dist.news.html")  # release notes, one section per release


def test_valgrind_news_set_is_grounded_in_its_document():
    from ingest.loaders import load_document

    if not VALGRIND_NEWS_SOURCE.exists():
        pytest.skip("the Valgrind release-notes benchmark's document is not installed here")
    _assert_grounded(load_golden(VALGRIND_NEWS), [load_document(VALGRIND_NEWS_SOURCE).text])


PROJECT_DOCS = {  # golden set → the folder benchmarks/project_docs_corpus.sh gathers its documents in
    "pip_topics.jsonl": "pip",
    "systemd_docs.jsonl": "systemd",
    "dpkg_specs.jsonl": "dpkg",
    "rst_docs.jsonl": "rst",
    "util_linux_notes.jsonl": "util-linux",
    "zlib_docs.jsonl": "zlib",
}


@pytest.mark.parametrize("golden", sorted(PROJECT_DOCS))
def test_project_docs_sets_are_grounded_in_their_documents(tmp_path, golden):
    import subprocess

    from ingest.loaders import load_document

    script = ROOT / "benchmarks" / "project_docs_corpus.sh"
    try:
        subprocess.run(["sh", str(script), str(tmp_path)], check=True, capture_output=True)
    except subprocess.CalledProcessError:
        pytest.skip("the project-docs benchmarks' documents (pip's, setuptools', systemd's, dpkg's, util-linux's, zlib's) are not all installed here")
    texts = [load_document(path).text for path in sorted((tmp_path / PROJECT_DOCS[golden]).iterdir())]
    _assert_grounded(load_golden(ROOT / "benchmarks" / "golden" / golden), texts)


REPORTS = {  # golden set → the report (or folder of documents) in benchmarks/reports it asks about
    "appliance_manual.jsonl": "appliance_manual",
    "call_transcripts.jsonl": "call_transcripts",
    "cloudflare_report.jsonl": "cloudflare.md",
    "coop_minutes.jsonl": "coop_minutes",
    "costco_report.jsonl": "costco.md",
    "course_handbook.jsonl": "course_handbook",
    "employee_handbook.jsonl": "employee_handbook.md",
    "incident_postmortems.jsonl": "incident_postmortems",
    "maersk_report.jsonl": "maersk.md",
    "medicine_leaflet.jsonl": "medicine_leaflet",
    "moderna_report.jsonl": "moderna.md",
    "panama_canal_article.jsonl": "panama_canal.md",
    "product_catalogue.jsonl": "product_catalogue",
    "rail_operator.jsonl": "rail_operator",
    "rivian_report.jsonl": "rivian.md",
    "services_agreement.jsonl": "services_agreement",
}


@pytest.mark.parametrize("golden", sorted(REPORTS))
def test_report_sets_are_grounded_in_their_reports(golden):
    """Reports in the CoreWeave report's form, garbled characters and all, a long prose article, an employee
    handbook, an engineering wiki's postmortems, a contract, an appliance's manual, a rail operator's
    passenger documents, a medicine's leaflet and guides, a housing co-operative's minutes, a food maker's
    results call and interviews, an e-bike maker's catalogue and a university module's handbook: 30 rows,
    4 unanswerable."""
    from ingest.loaders import load_document

    path = ROOT / "benchmarks" / "reports" / REPORTS[golden]
    texts = [load_document(p).text for p in (sorted(path.iterdir()) if path.is_dir() else [path])]
    rows = load_golden(ROOT / "benchmarks" / "golden" / golden)
    assert len(rows) == 30 and sum(not row.answers for row in rows) == 4
    for row in rows:
        for evidence in row.evidence:
            assert sum(evidence_in(evidence, text) for text in texts) == 1, (row.id, evidence[:40])
        if row.answers:
            assert any(normalize_answer(a) in normalize_answer(" ".join(row.evidence)) for a in row.answers), row.id
