"""Plain-text rendering of an Answer for the terminal: the answer, then its numbered sources."""

from __future__ import annotations

import textwrap

from assistant.types import Answer


def render_text(answer: Answer, width: int = 100) -> str:
    """The answer followed by one block per citation (or per closest passage for a refusal)."""
    lines = [answer.text, ""]
    if answer.standalone_question:
        lines.append(f"(searched for: {answer.standalone_question})")
    for note in answer.notes:
        lines.append(f"note: {note}")
    if answer.citations:
        lines.append("Sources:")
        seen = set()
        for c in answer.citations:
            if (c.n, c.start) in seen:
                continue
            seen.add((c.n, c.start))
            page = f"page {c.chunk.page}, " if c.chunk.page else ""
            lines.append(f"  [{c.n}] {c.chunk.source} — {c.chunk.section} ({page}chars {c.start}-{c.end})")
            lines.extend(textwrap.wrap(f"“{c.quote}”", width, initial_indent="      ", subsequent_indent="      "))
    elif answer.refused and answer.contexts:
        lines.append("Closest passages:")
        for h in answer.contexts[:3]:
            lines.append(f"  - {h.chunk.source} — {h.chunk.section}")
    lines.append(f"({answer.backend}, {answer.latency_ms:.0f} ms)")
    return "\n".join(lines)
