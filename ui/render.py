"""Turn an Answer into the chat message the browser shows: text with [n] links, then its sources.

Output is a markdown string for gradio's Chatbot: the answer text stays markdown (an LLM
answer may use `**bold**`), and everything around it is raw HTML on single
lines, so the markdown renderer passes it through untouched (a blank line inside an HTML block
would hand the rest of it back to markdown). All document text is HTML-escaped here.

This module only formats; it never searches, answers or decides what a citation is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from assistant.types import Answer, Citation, Hit
from ui.passage import escape, passage_html

_MARKER = re.compile(r"\[(\d+)\]")
_CODE_SPAN = re.compile(r"(``? [^`\n]+? ``?|`[^`\n]+`)")  # "`make test`", "`` a`b ``" as `wording` writes them
CLOSEST_SHOWN = 3  # passages offered under a refusal; more is noise
QUESTION_SHOWN = 3000  # characters of a typed message echoed back; the assistant applies its own limit
SEARCHED_SHOWN = 300  # characters of the searched-for line; a cut 2,000-character question needs no echo
# ui/assets/page.js copies the answer and its quotes as plain text (the raw message is HTML).
TOOLS = '<div class="docent-tools"><button class="docent-copy" type="button">Copy answer</button></div>'


def anchor_id(key: str, n: int) -> str:
    """The element id of source [n] of one answer; `key` keeps ids unique across the chat."""
    return f"docent-{key}-{n}"


def link_markers(text: str, key: str, known: Iterable[int] | None = None) -> str:
    """Escaped answer text whose [n] markers link to their source entries.

    `known=None` links every marker (while streaming, before the citations exist).
    """
    numbers = None if known is None else set(known)

    def link(match: re.Match) -> str:
        n = int(match.group(1))
        if numbers is not None and n not in numbers:
            return match.group(0)
        return f'<a class="docent-cite" href="#{anchor_id(key, n)}">[{n}]</a>'

    # Code quoted as code ("`make test`", "`arr[1]`") is shown as written: Markdown escapes
    # nothing inside it, and its brackets are no markers.
    return "".join(part if _CODE_SPAN.fullmatch(part) else _MARKER.sub(link, _escape_prose(part)) for part in _CODE_SPAN.split(text))


def _escape_prose(text: str) -> str:
    # "~$2.39/hour (~$1,200/month)": two tildes would strike the text between them through; code
    # such as "2**63 - 1" and "__missing__" would turn bold. Document bold is gone by now.
    escaped = html.escape(text, quote=False).replace("~", "\\~").replace("_", "\\_")
    return re.sub(r"(?<=\d)\*|\*(?=\d)", r"\\*", escaped)


def render_partial(text: str, key: str) -> str:
    """The message while the answer streams in."""
    return link_markers(text, key)


def render_answer(answer: Answer, question: str, key: str) -> str:
    """The finished message: searched-for line, notes, the answer (or refusal), sources."""
    parts = [searched_line(answer.standalone_question, question), *map(note_line, answer.notes)]
    if answer.refused:
        parts += [refusal_block(answer.text), closest_block(answer.contexts[:CLOSEST_SHOWN], key)]
    else:
        parts += [link_markers(answer.text, key, (c.n for c in answer.citations)), sources_block(answer.citations, key)]
    parts.append(TOOLS)
    return "\n\n".join(p for p in parts if p)


def render_error(message: str) -> str:
    """A failed turn, styled apart from answers so nobody mistakes it for one."""
    return f'<div class="docent-error"><strong>Could not answer.</strong> {escape(message)}</div>'


def searched_line(standalone: str, question: str) -> str:
    """Shown only when the follow-up was rewritten before searching."""
    if not standalone or _fold(standalone) == _fold(question):
        return ""
    shown = standalone if len(standalone) <= SEARCHED_SHOWN else standalone[:SEARCHED_SHOWN] + " …"
    return f'<div class="docent-searched">Searched for: {escape(shown)}</div>'


def note_line(note: str) -> str:
    return f'<div class="docent-note">{escape(note)}</div>'


def refusal_block(text: str) -> str:
    return (
        '<div class="docent-refusal"><div class="docent-refusal-title">Not found in the documents</div>'
        f"<div>{escape(text)}</div></div>"
    )


def sources_block(citations: Sequence[Citation], key: str) -> str:
    """One entry per [n], its passage with every quoted span marked."""
    by_n: dict[int, list[Citation]] = {}
    for citation in citations:
        by_n.setdefault(citation.n, []).append(citation)
    if not by_n:
        return ""
    entries = "".join(_source_entry(n, cites, key) for n, cites in sorted(by_n.items()))
    return f'<div class="docent-sources"><div class="docent-sources-title">Sources</div>{entries}</div>'


def closest_block(hits: Sequence[Hit], key: str) -> str:
    """The nearest passages under a refusal, collapsed: the user looks if they want to."""
    if not hits:
        return ""
    entries = "".join(
        f'<details class="docent-source" id="{anchor_id(key, i)}">'
        f"{_summary(str(i), hit.chunk.source, hit.chunk.section, hit.chunk.page)}"
        f'<div class="docent-passage">{passage_html(hit.chunk.text)}</div></details>'
        for i, hit in enumerate(hits, 1)
    )
    title = '<div class="docent-sources-title">Closest passages</div>'
    return f'<div class="docent-sources docent-closest">{title}{entries}</div>'


def _source_entry(n: int, citations: list[Citation], key: str) -> str:
    chunk = citations[0].chunk
    spans = [span for c in citations if (span := quote_span(c)) is not None]
    missing = [c.quote for c in citations if quote_span(c) is None and c.quote]
    # A quote we cannot place in its passage is still shown, outside it, rather than dropped.
    extra = "".join(f'<div class="docent-quote"><mark>{escape(q)}</mark></div>' for q in missing)
    return (
        f'<details class="docent-source" id="{anchor_id(key, n)}" open>'
        f"{_summary(f'[{n}]', chunk.source, chunk.section, chunk.page)}"
        f'<div class="docent-passage">{passage_html(chunk.text, spans)}</div>{extra}</details>'
    )


def quote_span(citation: Citation) -> tuple[int, int] | None:
    """Where the quote sits in its chunk's text: by offsets, else by search, else None."""
    text, quote = citation.chunk.text, citation.quote
    start = citation.start - citation.chunk.start
    end = citation.end - citation.chunk.start
    if quote and 0 <= start < end <= len(text) and text[start:end] == quote:
        return start, end
    found = text.find(quote) if quote else -1
    return (found, found + len(quote)) if found >= 0 else None


def _summary(label: str, source: str, section: str, page: int | None = None) -> str:
    path = " › ".join(html.escape(part.strip()) for part in section.split(" > ")) if section else ""
    where = f"{source}, p. {page}" if page else source  # the PDF page the passage starts on
    return (
        f'<summary><span class="docent-n">{html.escape(label)}</span>'
        f'<span class="docent-doc">{html.escape(where)}</span>'
        f'<span class="docent-section">{path}</span></summary>'
    )


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold().rstrip("?.! ")


def render_header(info: dict) -> str:
    """The corpus and backend line: '1 document (corpus/a.md) · 202 passages · answers: extractive'."""
    documents, chunks = int(info.get("documents", 0)), int(info.get("chunks", 0))
    sources = [str(s) for s in info.get("sources", ())]
    named = f" ({', '.join(sources[:3])}{', …' if len(sources) > 3 else ''})" if sources else ""
    corpus = f"{documents} document{'s' if documents != 1 else ''}{named} · {chunks} passages"
    return (
        '<div class="docent-header"><div class="docent-brand">docent</div>'
        '<div class="docent-tagline">Ask about your documents; every claim cites the passage it came from.</div>'
        f'<div class="docent-corpus"><span>{html.escape(corpus)}</span>'
        f'<span class="docent-backend">answers: {html.escape(str(info.get("backend", "?")))}</span></div></div>'
    )


def render_question(question: str) -> str:
    """The user's message as typed (escaped), shortened for display when it is huge."""
    if len(question) <= QUESTION_SHOWN:
        return html.escape(question, quote=False)
    return html.escape(question[:QUESTION_SHOWN], quote=False) + f" … ({len(question):,} characters)"
