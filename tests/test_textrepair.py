"""repair_text: known mojibake undone, clean text untouched, idempotent, the real corpus cleaned."""

from pathlib import Path

import pytest

from ingest.textrepair import repair_pieces, repair_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "coreweave.md"

MOJIBAKE = [
    # UTF-8 read as Mac-Roman, as found in the corpus
    ("‚Üí", "→"),
    ("\uf8ffüè¢ 1. Company Overview", "🏢 1. Company Overview"),
    ("‚âà $1.9B", "≈ $1.9B"),
    ("G√∂teborg", "Göteborg"),
    ("\uf8ffüõ†Ô∏è Tools", "🛠️ Tools"),
    ("‚Äúquoted‚Äù ‚Äî dash", "“quoted” — dash"),
    ("–ø—Ä–∏–≤–µ—Ç", "привет"),
    # UTF-8 read as Windows-1252 / Latin-1: ftfy's part
    ("caf√© and cafÃ©", "café and café"),
    ("Ã©Ã©", "éé"),
    ("itâ€™s", "it’s"),
]

CLEAN = [
    "café",
    "—",
    "“Curly” quotes, ‘single’ ones — an em dash… and a naïve façade in Ångström.",
    "l’été, “École”, —élan, «\u00a0Élan\u00a0»",
    "emoji 🏢 👩\u200d💻 🛠️ 1️⃣",
    "中文テキスト 한국어 Ελληνικά русский",
    "ＡＢＣ full width and the ﬁ ligature stay",
    "HTML entities stay: &amp; &lt;b&gt;",
    "tab\tseparated\nlines\n",
    "",
]


@pytest.mark.parametrize(("broken", "fixed"), MOJIBAKE)
def test_known_mojibake_is_undone(broken: str, fixed: str) -> None:
    assert repair_text(broken) == fixed


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_is_untouched(text: str) -> None:
    assert repair_text(text) == text


def test_line_endings_and_control_characters() -> None:
    assert repair_text("a\r\nb\rc\x00d\x07e\tf\n") == "a\nb\ncde\tf\n"
    assert repair_text("\x1b[31mred\x1b[0m text") == "red text"
    assert repair_text("page one\x0cpage two") == "page one\npage two"  # a form feed separates


@pytest.mark.parametrize(
    "text",
    [broken for broken, _ in MOJIBAKE]
    + CLEAN
    + ["\x83Åx\x90Ã¹›°^N\x00‘", "√\x95 ‚Üí\r\n caf√©\x0b", "ÅÕ?œÖ\x96∞{¹\x9f£¯"],
)
def test_idempotent(text: str) -> None:
    once = repair_text(text)
    assert repair_text(once) == once


def test_pieces_join_to_the_repaired_text() -> None:
    text = "plain line\nRevenue ‚Üí up\r\nplain again\ncaf√©"
    assert "".join(repair_pieces(text)) == repair_text(text) == "plain line\nRevenue → up\nplain again\ncafé"


def test_corpus_mojibake_is_gone() -> None:
    raw = CORPUS.read_text(encoding="utf-8")
    repaired = repair_text(raw)
    for bad in ("‚Üí", "üè", "√∂", "‚âà", "Ô∏è", "\uf8ff"):
        assert bad not in repaired, bad
    assert "→" in repaired and "🏢" in repaired
    assert repair_text(repaired) == repaired
