"""`docent chat`: ingest first, then serve on 127.0.0.1 with auth only when configured."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from docent.settings import Settings
from ingest.types import IngestReport

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def recorded(monkeypatch, tmp_path):
    """Launch with a fake assistant and ingest; returns what gradio's launch and ingest were given."""
    import gradio as gr
    from ui_fakes import FakeAssistant

    seen: dict = {"ingested": []}

    def fake_ingest(settings, paths, progress=True):
        seen["ingested"].append([Path(p) for p in paths])
        return IngestReport(files_read=1, documents=1, total_chunks=2)

    monkeypatch.setattr("docent.cli.run_ingest", fake_ingest)
    monkeypatch.setattr("assistant.factory.build_assistant", lambda settings: FakeAssistant())
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kwargs: seen.update(launch=kwargs, app=self))
    (tmp_path / "corpus").mkdir()
    return seen


def test_launch_ingests_then_serves_locally_without_auth_or_share(recorded, tmp_path, capsys):
    from ui.launch import launch

    settings = Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus")
    assert launch(settings) == 0
    assert recorded["ingested"] == [[tmp_path / "corpus"]]
    assert recorded["launch"]["server_name"] == "127.0.0.1" and recorded["launch"]["server_port"] == 7860
    assert recorded["launch"]["share"] is False and recorded["launch"]["auth"] is None
    out = capsys.readouterr().out
    assert "Index: 1 document(s), 2 chunks." in out and "answers: fake" in out


def test_launch_asks_for_a_login_when_auth_is_set(recorded, tmp_path):
    from ui.launch import launch

    settings = Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus", auth="ann:se:cret")
    launch(settings, host="0.0.0.0", port=9000, share=True)
    assert recorded["launch"]["auth"] == ("ann", "se:cret")
    assert (recorded["launch"]["server_name"], recorded["launch"]["server_port"]) == ("0.0.0.0", 9000)
    assert recorded["launch"]["share"] is True


def test_launch_without_corpus_or_index_says_what_to_do(recorded, tmp_path):
    from docent.cli import UsageError
    from ui.launch import launch

    settings = Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "nowhere")
    with pytest.raises(UsageError, match="docent ingest"):
        launch(settings)
    assert recorded["ingested"] == [] and "launch" not in recorded


@pytest.mark.slow
def test_docent_chat_serves_the_real_index(corpus_settings, tmp_path):
    """The whole entry point in a subprocess: `docent chat` over an already built index."""
    from ui_server import free_port

    port = free_port()
    env = {**os.environ, "DOCENT_DATA_DIR": str(corpus_settings.data_dir), "HF_HUB_OFFLINE": "1",
           "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}  # fmt: skip
    log = open(tmp_path / "chat.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "docent.cli", "chat", "--port", str(port)], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    try:
        deadline, body = time.monotonic() + 90, ""
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert "docent" in body, (tmp_path / "chat.log").read_text()
        assert "0 added, 0 removed" in (tmp_path / "chat.log").read_text()  # nothing changed: nothing re-embedded
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.mark.slow
def test_chat_refreshes_the_paths_the_index_was_built_from(tmp_path, capsys):
    """`docent ingest ~/notes` then `docent chat` keeps serving ~/notes, not the default corpus dir."""
    from docent.cli import run_ingest
    from docent.settings import Settings
    from ingest.state import load_state
    from ui.launch import prepare_index

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# Notes\n\n## Plans\n\nThe offsite is in Lisbon.\n", encoding="utf-8")
    default_corpus = tmp_path / "corpus"
    default_corpus.mkdir()
    (default_corpus / "other.md").write_text("# Other\n\nUnrelated text.\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=default_corpus)
    run_ingest(settings, [notes], progress=False)
    (notes / "b.md").write_text("# More\n\nThe budget is 10k.\n", encoding="utf-8")

    prepare_index(settings)

    state = load_state(settings.data_dir)
    assert sorted(Path(s).name for s in state.files) == ["a.md", "b.md"]
    assert "notes" in capsys.readouterr().out
