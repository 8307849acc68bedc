"""The chat in a real browser: Debian's Chromium driven by Playwright against a running app.

Most tests use the real assistant over the corpus index; error recovery uses the fake, which can
fail on demand. Assertions retry (`expect`), so streaming timing never makes them flaky.
"""

from __future__ import annotations

import json
import shutil
import time

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ANSWER_TIMEOUT = 30_000  # ms; the first question also warms the encoder


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip("no /usr/bin/chromium: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def feedback_file(tmp_path_factory):
    return tmp_path_factory.mktemp("ui-browser") / "feedback.jsonl"


@pytest.fixture(scope="module")
def real_url(corpus_assistant, feedback_file):
    from ui.app import build_app
    from ui_server import serving

    with serving(build_app(corpus_assistant, feedback_path=feedback_file)) as url:
        yield url


@pytest.fixture(scope="module")
def fake_url(tmp_path_factory):
    from ui.app import build_app
    from ui_fakes import FakeAssistant
    from ui_server import serving

    # Slow enough (about 2 s an answer) to act while an answer is still streaming.
    demo = build_app(FakeAssistant(delay=0.1), feedback_path=tmp_path_factory.mktemp("ui-fake") / "feedback.jsonl")
    with serving(demo) as url:
        yield url


@pytest.fixture
def open_page(browser):
    """A function that opens the app in a fresh browser context (a new session) and waits for it."""
    contexts = []

    def open_(url):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        page.locator("#docent-question textarea").wait_for(timeout=ANSWER_TIMEOUT)
        return page

    yield open_
    for context in contexts:
        context.close()


def ask(page, question):
    box = page.locator("#docent-question textarea")
    box.fill(question)
    box.press("Enter")


def last_reply(page):
    return page.locator("#docent-chat [data-testid=bot]").last


def test_a_streamed_answer_shows_markers_and_highlighted_quotes(real_url, open_page, tmp_path):
    from playwright.sync_api import expect

    page = open_page(real_url)
    expect(page.locator(".docent-header")).to_contain_text("answers: extractive")
    expect(page.locator("#docent-chat button.example").first).to_be_visible()  # examples on first load
    ask(page, "Who founded CoreWeave?")
    reply = last_reply(page)
    expect(reply).to_contain_text("Brian Venturo", timeout=ANSWER_TIMEOUT)  # every co-founder, not only the first
    expect(reply.locator("a.docent-cite").first).to_have_text("[1]", timeout=ANSWER_TIMEOUT)
    mark = reply.locator(".docent-source mark").first
    expect(mark).to_be_visible()
    expect(mark).not_to_be_empty()
    expect(reply.locator(".docent-source summary").first).to_contain_text("coreweave.md")
    reply.locator("a.docent-cite").first.click()
    expect(reply.locator("details.docent-source").first).to_have_class("docent-source docent-flash")
    assert "#" not in page.url  # the link scrolled the chat without touching the address
    page.screenshot(path=str(tmp_path / "answer.png"), full_page=True)
    assert (tmp_path / "answer.png").stat().st_size > 10_000


def test_a_follow_up_shows_what_was_searched_and_new_chat_clears(real_url, open_page):
    from playwright.sync_api import expect

    page = open_page(real_url)
    ask(page, "What is the total value of CoreWeave's contract with OpenAI?")
    expect(last_reply(page).locator(".docent-tools")).to_be_visible(timeout=ANSWER_TIMEOUT)
    ask(page, "How much equity did they invest?")
    expect(page.locator("#docent-chat [data-testid=bot]")).to_have_count(2, timeout=ANSWER_TIMEOUT)
    expect(last_reply(page).locator(".docent-searched")).to_contain_text("OpenAI", timeout=ANSWER_TIMEOUT)

    other = open_page(real_url)  # another browser: its own, empty conversation
    expect(other.locator("#docent-chat button.example").first).to_be_visible()
    expect(other.locator("#docent-chat [data-testid=user]")).to_have_count(0)

    page.locator("#docent-new-chat").click()
    expect(page.locator("#docent-chat [data-testid=user]")).to_have_count(0)
    ask(page, "How much equity did they invest?")
    expect(last_reply(page).locator(".docent-tools")).to_be_visible(timeout=ANSWER_TIMEOUT)
    expect(last_reply(page).locator(".docent-searched")).to_have_count(0)  # nothing earlier to lean on


def test_an_example_question_can_be_clicked(real_url, open_page):
    from playwright.sync_api import expect

    page = open_page(real_url)
    example = page.locator("#docent-chat button.example").first
    text = example.inner_text().strip()
    example.click()
    expect(page.locator("#docent-chat [data-testid=user]").first).to_have_text(text, timeout=ANSWER_TIMEOUT)
    expect(last_reply(page).locator(".docent-tools")).to_be_visible(timeout=ANSWER_TIMEOUT)


def test_a_refusal_looks_different_and_offers_passages(real_url, open_page):
    from playwright.sync_api import expect

    page = open_page(real_url)
    ask(page, "What is the weather in Paris tomorrow?")
    reply = last_reply(page)
    expect(reply.locator(".docent-refusal")).to_be_visible(timeout=ANSWER_TIMEOUT)
    expect(reply.locator(".docent-closest details.docent-source").first).to_be_visible()
    expect(reply.locator("a.docent-cite")).to_have_count(0)


def test_a_vote_is_written_to_the_feedback_file(real_url, open_page, feedback_file):
    from playwright.sync_api import expect

    page = open_page(real_url)
    ask(page, "Where is CoreWeave headquartered?")
    expect(last_reply(page).locator(".docent-tools")).to_be_visible(timeout=ANSWER_TIMEOUT)
    page.locator("#docent-chat button[aria-label=Like]").last.click()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = feedback_file.read_text(encoding="utf-8").splitlines() if feedback_file.exists() else []
        votes = [json.loads(line) for line in lines]
        if any(v["question"] == "Where is CoreWeave headquartered?" for v in votes):
            break
        time.sleep(0.2)
    vote = next(v for v in votes if v["question"] == "Where is CoreWeave headquartered?")
    assert vote["liked"] is True and vote["citations"] and vote["citations"][0]["quote"]


def test_copy_answer_gives_plain_text_with_sources(real_url, browser, open_page):
    from playwright.sync_api import expect

    page = open_page(real_url)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=real_url.rstrip("/"))
    ask(page, "Who founded CoreWeave?")
    copy = last_reply(page).locator("button.docent-copy")
    expect(copy).to_be_visible(timeout=ANSWER_TIMEOUT)
    copy.click()
    expect(copy).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "[1]" in copied and "Sources:" in copied and "coreweave.md" in copied
    assert "<" not in copied and "Copy answer" not in copied


def test_empty_message_sends_nothing_and_an_error_does_not_break_the_chat(fake_url, open_page):
    from playwright.sync_api import expect

    page = open_page(fake_url)
    page.locator("#docent-question textarea").press("Enter")
    page.wait_for_timeout(500)
    expect(page.locator("#docent-chat [data-testid=user]")).to_have_count(0)
    ask(page, "please fail")
    expect(last_reply(page).locator(".docent-error")).to_contain_text("the index exploded", timeout=ANSWER_TIMEOUT)
    ask(page, "Who founded Acme?")
    expect(page.locator("#docent-chat [data-testid=bot]")).to_have_count(2, timeout=ANSWER_TIMEOUT)
    expect(last_reply(page).locator(".docent-source mark").first).to_be_visible(timeout=ANSWER_TIMEOUT)


def test_a_100kb_message_shows_the_note(real_url, open_page):
    from playwright.sync_api import expect

    page = open_page(real_url)
    ask(page, "Who founded CoreWeave? " + "word " * 20_000)
    expect(last_reply(page).locator(".docent-note")).to_contain_text("only the first 2,000", timeout=ANSWER_TIMEOUT)


def test_new_chat_while_streaming_starts_clean(fake_url, open_page):
    from playwright.sync_api import expect

    page = open_page(fake_url)
    ask(page, "Who founded Acme?")
    expect(last_reply(page)).to_contain_text("Acme", timeout=ANSWER_TIMEOUT)  # streaming has begun
    page.locator("#docent-new-chat").click()
    expect(page.locator("#docent-chat [data-testid=user]")).to_have_count(0)
    ask(page, "What was the revenue?")
    expect(last_reply(page).locator(".docent-tools")).to_be_visible(timeout=ANSWER_TIMEOUT)
    page.wait_for_timeout(2500)  # the abandoned answer has finished by now; it must not come back
    expect(page.locator("#docent-chat [data-testid=user]")).to_have_text(["What was the revenue?"])


def test_stop_keeps_the_partial_answer_and_the_chat_goes_on(fake_url, open_page):
    from playwright.sync_api import expect

    page = open_page(fake_url)
    ask(page, "Who founded Acme?")
    expect(last_reply(page)).to_contain_text("Acme", timeout=ANSWER_TIMEOUT)
    page.locator("#docent-question button.stop-button").click()
    page.wait_for_timeout(2500)
    expect(page.locator("#docent-chat .docent-tools")).to_have_count(0)
    ask(page, "What was the revenue?")
    expect(page.locator("#docent-chat .docent-tools")).to_have_count(1, timeout=ANSWER_TIMEOUT)
    expect(page.locator("#docent-chat [data-testid=bot]").first).to_contain_text("…")


def test_quoted_code_shows_as_written(fake_url, open_page):
    from playwright.sync_api import expect

    page = open_page(fake_url)
    ask(page, "show me the code")
    reply = last_reply(page)
    expect(reply.locator("code")).to_have_text("count_vowels(arr[1]) <= 2", timeout=ANSWER_TIMEOUT)
    expect(reply.locator("a.docent-cite")).to_have_count(2)

