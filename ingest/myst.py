"""Markdown written for a site builder, as its reader sees it: front matter and MyST markup.

Jekyll, Hugo and MkDocs pages open with a YAML block ("---\\ntitle: …\\n---") that the site shows
as the page's title, not as text. Sphinx's Markdown (MyST, also Jupyter Book) writes notes and
"New in version 22.2" boxes as fenced directives ("```{note}"), which read as code blocks unless
known, and cross-references as roles ("{ref}`Hash-checking mode`"), which read as braces and
backticks. Left in, the box's prose is indexed as code and every reference is quoted with its
markup. A directive this module does not know ("```{pip-cli}", "```{code-block} python") stays a
code block, as its content most often is.
"""

from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>(?:.*\n)*?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_YAML_LINE = re.compile(r"^(?:[\w.-]+:(?:\s.*)?|\s+\S.*|-\s.*|#.*|\s*)$")
_TITLE_KEY = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.M)

# "```{note}", "````{tab} Linux", ":::{seealso}": an opening line names its directive in braces.
_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}|:{3,})\{(?P<name>[\w:.-]+)\}[ \t]*(?P<args>.*?)[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
_OPTION = re.compile(r"^[ \t]*:[\w-]+:(?:[ \t].*)?$")  # ":class: tip" right after the opening line
_BLOCK_START = re.compile(r"^[ \t]*(?:[-*+>|#]|\d+[.)]|`{3}|~{3}|:{3})")  # a list, quote, table, heading or fence
_LABEL = re.compile(r"^[ \t]*\([^()\n]+\)=[ \t]*$")  # "(wheel-caching)=", a target for references
_COMMENT = re.compile(r"^%")
# A role, or a code span, whichever starts first: "`${pid}`" is code, not the role "{pid}".
_ROLE = re.compile(r"(?<![\w$])\{(?P<name>[a-z][\w:+.-]*)\}`(?P<body>[^`\n]+)`|`[^`\n]*`")
_MYST = re.compile(r"^[ \t]*(?:`{3,}|~{3,}|:{3,})\{[\w:.-]+\}|\{[a-z][\w:+.-]*\}`[^`\n]+`|^[ \t]*\([^()\n]+\)=[ \t]*$", re.M)

# Directives whose content is prose, and the words Sphinx shows over it ("" when it shows none).
_VERSIONED = {
    "versionadded": "New in version",
    "versionchanged": "Changed in version",
    "deprecated": "Deprecated since version",
    "versionremoved": "Removed in version",
}
_ADMONITIONS = {
    name: name.capitalize()
    for name in ("attention", "caution", "danger", "error", "hint", "important", "note", "tip", "todo", "warning")
}
_ADMONITIONS["seealso"] = "See also"
_TITLED = {"admonition", "tab", "tab-item", "dropdown", "card", "grid-item-card", "topic", "sidebar", "rubric"}
_BARE = {"tab-set", "grid", "grid-item", "margin", "epigraph", "pull-quote", "highlights", "container", "div", "only"}
# Roles whose text Sphinx shows as words; the others ({file}, {envvar}, {any}, {py:func} …) as code.
_WORD_ROLES = {"ref", "doc", "term", "pypi", "numref", "download", "abbr", "sup", "sub", "guilabel", "menuselection", "dfn", "cite"}


def front_matter(text: str) -> tuple[str | None, str]:
    """(the front matter's `title:`, the text after it), or (None, `text`) when it opens with none."""
    match = _FRONT_MATTER.match(text)
    if not match or not all(_YAML_LINE.match(line) for line in match.group("body").splitlines()):
        return None, text
    title = _TITLE_KEY.search(match.group("body"))
    return (title.group(1).strip("\"'") if title else None), text[match.end() :].lstrip("\n")


def as_rendered(text: str) -> str:
    """`text` with MyST's prose directives opened up, its roles as their text and its labels gone.

    >>> as_rendered("(certs)=\\n```{versionadded} 22.2\\nBehind a flag.\\n```\\nUses {pypi}`certifi`.\\n")
    'New in version 22.2: Behind a flag.\\nUses certifi.\\n'
    """
    if not _MYST.search(text):
        return text
    out: list[str] = []
    blocks: list[tuple[str, int, bool]] = []  # open fences: (fence character, length, holds prose)
    options = False  # right after a directive's opening line, where its ":key: value" lines go
    dropped = False  # a line was dropped since the last one kept: blank lines around it go too
    header = ""  # a directive's header, waiting to open its first paragraph as Sphinx shows it
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        body = line.rstrip("\r\n")
        if blocks and not blocks[-1][2]:  # inside code: only its own closing fence counts
            if _closes(body, blocks[-1]):
                blocks.pop()
            out.append(line)
            continue
        if options and _OPTION.match(body):
            continue
        if header:
            # "Changed in version 22.1: The … option has been removed.": one sentence, as shown.
            joins = body.strip() and not _BLOCK_START.match(body) and not _DIRECTIVE.match(body)
            out.append((f"{header} {_ROLE.sub(_role_text, body.lstrip())}" if joins else header) + "\n")
            header, options, dropped = "", False, False
            if joins:
                continue
        if not body.strip():
            if not (dropped and (not out or not out[-1].strip())):
                out.append(line)
            continue
        options, dropped = False, True
        directive = _DIRECTIVE.match(body)
        if directive and _is_prose(directive.group("name")):
            blocks.append((directive.group("fence")[0], len(directive.group("fence")), True))
            after = next((n for n in lines[i + 1 :] if n.strip()), "")
            has_body = bool(after) and not _closes(after.rstrip("\r\n"), blocks[-1])
            shown = prose_header(directive.group("name"), directive.group("args"), has_body)
            header = f"{directive.group('indent')}{shown}" if shown else ""
            options = True
        elif blocks and _closes(body, blocks[-1]):
            blocks.pop()
        elif (fence := directive or _FENCE.match(body)) is not None:
            blocks.append((fence.group("fence")[0], len(fence.group("fence")), False))
            out.append(line)
            dropped = False
        elif not (_LABEL.match(body) or _COMMENT.match(body)):
            out.append(_ROLE.sub(_role_text, line))
            dropped = False
    if header:
        out.append(f"{header}\n")
    return "".join(out)


def _is_prose(name: str) -> bool:
    return name in _VERSIONED or name in _ADMONITIONS or name in _TITLED or name in _BARE


def _closes(line: str, block: tuple[str, int, bool]) -> bool:
    """A closing fence: the opening's character, at least as many, nothing after."""
    char, length, _ = block
    stripped = line.strip()
    return len(stripped) >= length and stripped == char * len(stripped)


def prose_header(name: str, args: str, has_body: bool) -> str | None:
    """The words Sphinx shows over a prose directive's content ("New in version 22.2:", "Note:",
    "Linux:", "" for none), or None when `name` is no prose directive ("pip-cli", "code-block")."""
    if not _is_prose(name):
        return None
    if name in _VERSIONED:
        return f"{_VERSIONED[name]} {args}{':' if has_body else '.'}"
    if name in _ADMONITIONS:
        return f"{_ADMONITIONS[name]}: {args}".rstrip() if args else f"{_ADMONITIONS[name]}:"
    if name in _TITLED and args:
        return args if args.endswith((":", ".", "?")) else f"{args}:"
    return ""


def _role_text(role: re.Match) -> str:
    if role.group("name") is None:
        return role.group(0)  # a code span stays as written
    return role_text(role.group("name"), role.group("body"))


def role_text(name: str, body: str) -> str:
    """What a role shows: its text before any "<target>", as words or as code."""
    body = body.strip()
    shown = re.sub(r"\s*<[^<>]+>$", "", body) or body.strip("<>")
    shown = shown.lstrip("!")
    if shown.startswith("~"):  # Sphinx's "~pkg.mod.func": show the last part
        shown = shown[1:].rsplit(".", 1)[-1]
    if name in ("pep", "rfc"):  # ":pep:`517`" → "PEP 517"; with a title, the title
        return shown if "<" in body else f"{name.upper()} {shown.split('#')[0]}"
    if name == "doc" and "/" in shown and " " not in shown:
        return shown.rstrip("/").rsplit("/", 1)[-1]
    return shown if name in _WORD_ROLES else f"`{shown}`"
