"""reStructuredText as its built page shows it, written as the Markdown the rest of ingest reads.

Sphinx projects keep their documentation in .rst files: titles underlined ("Running pip" over
"==========="), notes and "New in version" boxes as directives (".. note::" and an indented
body), code after "::" or ".. code-block:: shell", references as roles (":ref:`pip install`")
and links as "`PyPI`_". Read as plain text, a title is a line like any other, a note's body is
indented like code, and every reference is quoted with its markup. Here titles become "#"
headings, levelled in the order their underline styles first appear (as rST levels them), code
becomes fenced blocks, a box's prose opens under the words Sphinx puts over it ("Note:",
"Changed in version 22.1:"), roles and links read as their text, and comments, link targets and
directives that only generate or include content (toctree, include, image) go.
"""

from __future__ import annotations

import re

from ingest.myst import prose_header, role_text

_ADORNMENT = re.compile(r"^([=\-`:'\"~^_*+#<>.])\1{2,}\s*$")
# ".. note::", ".. code-block:: shell", ".. versionchanged:: 22.1": a directive and its arguments.
_DIRECTIVE = re.compile(r"^\.\.\s+([\w:.-]+)::(?:\s+(.*))?$")
_EXPLICIT = re.compile(r"^\.\.(?:\s|$)")  # any explicit markup: directive, target, comment, footnote
_OPTION = re.compile(r"^:[\w -]+:(?:\s.*)?$")
_CODE = {"code-block", "code", "sourcecode", "doctest", "testcode", "parsed-literal", "productionlist"}
# Content made elsewhere or not text: a table of contents, an included file, a picture, raw HTML.
_DROPPED = {"toctree", "include", "literalinclude", "image", "raw", "contents", "index", "highlight", "meta"}
_ITEM = re.compile(r"^(?:[-*+]|\d+[.)]|#\.)\s")  # a list item: "- ", "* ", "1. ", "2) ", "#. "
_AUTO_NUMBERED = re.compile(r"^(\s*)#\.\s")  # "#. Step", numbered where it is shown
# Inline markup may wrap onto the next line (":ref:`Requirement\nSpecifiers`"), never across a blank one.
_SPAN = r"(?:[^`\n]|\n(?![ \t]*\n))"
# An object an API reference describes (".. py:method:: get_value(key)", ".. envvar:: PIP_CONFIG_FILE"):
# its signature as a term over its description, as Sphinx shows it.
_OBJECT = re.compile(
    r"(?:\w+:)?(?:function|method|class|attribute|data|exception|decorator|staticmethod|classmethod|"
    r"property|envvar|option|cmdoption|describe|object|type|member|macro|var|enum|struct|confval)"
)
_ROLE = re.compile(rf"(?<![\w`]):(?P<name>[a-z][\w:+.-]*):`(?P<body>{_SPAN}+?)`|``(?P<literal>{_SPAN}+?)``(?!`)")
_LINK = re.compile(
    rf"`(?P<text>(?:(?!<)[^`\n]|\n(?![ \t]*\n))+?)\s*(?:<[^<>`]+>)?`__?(?!\w)"
    r"|(?<![\w`])(?P<word>[A-Za-z][\w.-]*[A-Za-z0-9])__?(?=[\s.,;:!?)]|$)",
    re.M,
)


def as_markdown(text: str) -> str:
    """`text`, reStructuredText, as Markdown showing what its built page shows.

    >>> as_markdown("Running pip\\n===========\\n\\n.. note::\\n   Use :ref:`pip install` from `PyPI`_::\\n\\n      pip install x\\n")
    '# Running pip\\n\\nNote: Use pip install from PyPI:\\n\\n```\\npip install x\\n```\\n'
    """
    lines = text.expandtabs(8).splitlines()
    out: list[str] = []
    prose: list[str] = []  # lines since the last code block, their inline markup read at once
    fenced = False
    for line in _blocks(lines, _Levels()):
        fence = line.lstrip().startswith("```")  # indented under a list item too
        if fence:
            if not fenced:
                out.append(_inline("\n".join(prose)))
                prose = []
            fenced = not fenced
        if fenced or fence:
            out.append(line)
        elif line.strip() or (prose and prose[-1].strip()) or (not prose and out and out[-1].strip()):
            prose.append(line)  # one blank line between blocks
    out.append(_inline("\n".join(prose)))
    return "\n".join(out).strip("\n") + "\n"


class _Levels:
    """Heading levels in the order adornment styles first appear: the first style is "#"."""

    def __init__(self) -> None:
        self.styles: list[tuple[str, bool]] = []

    def of(self, char: str, overline: bool) -> int:
        style = (char, overline)
        if style not in self.styles:
            self.styles.append(style)
        return min(self.styles.index(style) + 1, 6)


def _blocks(lines: list[str], levels: _Levels) -> list[str]:
    """Markdown lines for `lines`, a body whose least indentation is none."""
    out: list[str] = []
    in_item = False  # the last paragraph is a list item: indented lines after it continue it
    number = 0  # the last "#." item's number in the list going on
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if heading := _heading(lines, i):
            title, char, overline, used = heading
            out += [f"{'#' * levels.of(char, overline)} {title}", ""]
            i += used
            continue
        if _EXPLICIT.match(line):
            body, end = _indented(lines, i + 1)
            out += _explicit(stripped, body, levels)
            i = end
            continue
        if line[:1] in " \t" and stripped:
            # Under a list item, its continuation and any nested list keep their indent; elsewhere a
            # block quote is read as prose.
            depth = len(line) - len(line.lstrip())
            body, end = _indented(lines, i)
            shown = _blocks(body, levels)
            out += [" " * depth + b if b.strip() and in_item else b for b in shown]
            i = end
            continue
        in_item = bool(_ITEM.match(line)) or (in_item and (not stripped or line[:1] in " \t"))
        if auto := _AUTO_NUMBERED.match(line):  # "#. Step": numbered in order, as shown
            number += 1
            line = f"{auto.group(1)}{number}.{line[auto.end(1) + 2:]}"
        elif stripped:
            number = 0  # a paragraph ends the list
        if stripped.endswith("::") and not _DIRECTIVE.match(stripped):
            # "Like so::" ends the paragraph with ":" ("Like so ::" with none) and makes the indented
            # block after it code; a "::" alone only does the latter.
            shown = line.rstrip()[:-2]
            if shown.strip():
                out.append(shown.rstrip() + ("" if shown[-1:].isspace() else ":"))
            item = _ITEM.match(line)  # a list item's literal block is indented past its text
            body, end = _indented(lines, i + 1, item.end() + 1 if item else 1)
            if body:
                out += ["", "```", *body, "```"]
            i = end
            continue
        out.append(line.rstrip())
        i += 1
    return out


def _heading(lines: list[str], i: int) -> tuple[str, str, bool, int] | None:
    """(title, adornment character, has an overline, lines used) for a title at line `i`."""
    line = lines[i]
    below = lines[i + 1] if i + 1 < len(lines) else ""
    if (over := _ADORNMENT.match(line)) and i + 2 < len(lines) and lines[i + 1].strip():
        under = _ADORNMENT.match(lines[i + 2])
        if under and under.group(1) == over.group(1) and len(lines[i + 1].strip()) <= len(line.strip()):
            return lines[i + 1].strip(), over.group(1), True, 3
    if line.strip() and line[:1] not in " \t" and (under := _ADORNMENT.match(below)):
        if len(below.strip()) >= len(line.strip()) and not _ADORNMENT.match(line) and not _EXPLICIT.match(line):
            return line.strip(), under.group(1), False, 2
    return None


def _indented(lines: list[str], start: int, least: int = 1) -> tuple[list[str], int]:
    """The block from `start` indented by at least `least` (blank lines inside it included),
    dedented; and where it ends."""
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = start
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) >= least):
        end += 1
    while end > start and not lines[end - 1].strip():  # trailing blank lines belong to what follows
        end -= 1
    body = lines[start:end]
    depth = min((len(b) - len(b.lstrip()) for b in body if b.strip()), default=0)
    return [b[depth:] for b in body], end


def _explicit(first: str, body: list[str], levels: _Levels) -> list[str]:
    """What an explicit markup block shows: a directive's content, or nothing (a comment, a target)."""
    directive = _DIRECTIVE.match(first)
    if not directive:
        return []  # ".. comment", ".. _label: url", ".. [1] footnote", ".. |name| replace:: …"
    name, args = directive.group(1), (directive.group(2) or "").strip()
    while body and _OPTION.match(body[0]):
        body = body[1:]  # ":linenos:", ":class: tip"
    while body and not body[0].strip():
        body = body[1:]
    if name in _CODE:
        return ["", "```" + (args.split()[0] if args else ""), *body, "```", ""] if body else []
    if name in _DROPPED or name.startswith("auto") or name in ("module", "currentmodule", "py:module", "py:currentmodule"):
        return []  # made from the code, or a page's bookkeeping
    if _OBJECT.fullmatch(name):
        return ["", f"`{args}`" if args else "", *_blocks(body, levels), ""]
    if name == "rubric":
        return ["", f"**{args}**", ""]
    header = prose_header(name, args, bool(body))
    shown = _blocks(body, levels)
    if header is None:  # a directive Sphinx extensions define: its content as written, as code
        return ["", "```", *body, "```", ""] if body else []
    if header and shown and shown[0].strip() and not re.match(r"[-*+#|>`]|\d+[.)]", shown[0]):
        shown = [f"{header} {shown[0]}", *shown[1:]]  # "Note: Use …", one sentence as shown
    elif header:
        shown = [header, *shown]
    return ["", *shown, ""]


def _inline(text: str) -> str:
    """`text` with its roles, inline literals and links as their text."""
    text = _ROLE.sub(_role, text)
    return _LINK.sub(lambda m: " ".join((m.group("text") or m.group("word")).split()), text)


def _role(match: re.Match) -> str:
    if match.group("literal") is not None:
        return f"`{' '.join(match.group('literal').split())}`"
    return role_text(match.group("name"), " ".join(match.group("body").split()))
