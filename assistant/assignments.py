"""A setting asked for by name is answered by the line that sets it.

"In pyproject.toml, what should build-backend be set to?" is answered by the configuration the
page shows, `build-backend = "setuptools.build_meta"`, a line of code that ranks below the prose
around it ("… if the build-backend parameter is not defined, …"). Works on the wording alone: the
setting is a name with a dash, an underscore or a dot, as configuration keys are written.
"""

from __future__ import annotations

import re

from assistant.promotions import promote_first
from ingest.units import Unit

_SETTING = r"[`'\"]?(?P<name>[A-Za-z][\w]*(?:[-_.][\w]+)+)[`'\"]?"
# "What should build-backend be set to?", "What do I set PIP_INDEX_URL to?", "What value should
# cache-dir have?"
_ASKS_SETTING = re.compile(
    rf"\bwhat\s+(?:(?:should|must|would|do|does|is|are|can)\s+)(?:I\s+|you\s+|we\s+|the\s+)?(?:set\s+)?{_SETTING}\s+(?:be\s+set\s+)?to\b"
    rf"|\bwhat\s+value\s+(?:should|must|does|do)\s+(?:the\s+)?{_SETTING.replace('name', 'name2')}\s+(?:have|take|get)\b",
    re.I,
)


def asked_setting(question: str) -> str | None:
    """The setting `question` asks the value of: "what should build-backend be set to?" → "build-backend"."""
    match = _ASKS_SETTING.search(question)
    return (match.group("name") or match.group("name2")) if match else None


def promote_assignment(question: str, scored: list) -> list:
    """Put first the line of the passages that assigns the asked setting ("build-backend = …"), if any."""
    name = asked_setting(question)
    if not scored or name is None:
        return scored
    assigns = re.compile(rf"^\s*[`'\"]?{re.escape(name)}[`'\"]?\s*[=:]\s*\S", re.I)

    def sets_it(unit: Unit) -> bool:
        return bool(assigns.match(unit.text))

    if sets_it(scored[0].unit):
        return scored
    return promote_first(scored, sets_it, 0.0, len(scored), as_much=False)
