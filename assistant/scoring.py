"""Score every unit of the top passages against a question, best first.

A unit's score mixes the question's weighted words found in it (matched by word form, so
"began" meets "begin"), the same words found in its headings, whether it holds the kind of fact
asked for (a number, a date, a name…), its passage's rank, and, for the leading units, its
closeness in meaning. The answerer decides what to do with the ranking (`assistant.promotions` may reorder its head);
nothing here refuses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from assistant.answer import Query
from assistant.compose import acronyms, written_out
from assistant.facts import holds, names_release
from assistant.intent import Intent
from assistant.years import years_agree
from assistant.polarity import opposes
from assistant.releases import heads_release, release_title, versions, versions_agree
from assistant.types import Hit
from assistant.wordforms import keys, match_key
from ingest.lexical import tokenize
from ingest.tables import table_header
from ingest.units import Unit, plain, split_units

MEANING_POOL = 12  # units re-scored by meaning: enough to reach past lexical near-misses, cheap to encode
W_MEANING = 0.5
# Kinds of fact a heading may supply for the lines under it. Not amounts: a heading's amount is
# often a total ("Microsoft - $10B+ Partnership"), not what the line under it is about.
HEADING_FACTS = ("date",)
# A line of example code shares the question's words ("// name: 'file' }") without saying
# anything: it answers when no prose does, or as the code a sentence introduces. A how-to
# question weighs it nearer prose: "How do I run the tests?" ← "make test  # run the test suite".
CODE_WEIGHT = 0.5
HOW_TO_CODE_WEIGHT = 0.8
# A sentence that asks ("So, what types implement the Copy trait?"), a caption naming a listing
# or figure ("Listing 8-2: Creating a new vector") and one that points at an example ("Here is an
# example of unwrap in action.", "As an example, let's see what happens …") talk about the answer
# without giving it.
ASIDE_WEIGHT = 0.5
OPPOSITE_WEIGHT = 0.6
_CAPTION = re.compile(r"(?:listing|figure|fig\.|table|example|exhibit)\s+\w*\d[\w.-]*\s*[:.]\s", re.I)
_POINTER = re.compile(r"^(?:[\w ]{0,20},\s*)?(?:here(?:['’]s| is| are)\b|let['’]s (?:look|see|try|take)\b)", re.I)


@dataclass(frozen=True)
class Scored:
    unit: Unit
    score: float
    coverage: float  # share of the question's weight found in the unit or its headings
    meaning: float = 0.0  # cosine similarity of unit and question, when an embedder is at hand


def score_units(query: Query, intent: Intent, hits: Sequence[Hit], embedder=None) -> list[Scored]:
    """Every unit of the hits, best first: words shared with the question, kind of fact, rank, meaning."""
    weights = query.weights or {t: 1.0 for t in tokenize(query.standalone)}
    total = sum(weights.values()) or 1.0
    short_forms = acronyms(query.standalone)
    # Matched by looser keys than search uses: "began trading" finds "Began public trading".
    asked = [(match_key(t), w) for t, w in weights.items()]
    asked_keys = {t for t, _ in asked}
    history = [t.content for t in query.history]
    out = []
    for rank, hit in enumerate(hits):
        # A document rarely names its own subject in every line: its title counts as said.
        title = keys(tokenize(hit.chunk.title))
        context = keys(tokenize(hit.chunk.section))
        under_release = bool(versions(hit.chunk.section))  # a release's heading is over every line here
        for unit in split_units(hit.chunk, rank):
            said = said_by(unit)
            own = keys(tokenize(said)) | title
            if short_forms:
                own |= keys(written_out(short_forms, said))
            direct = sum(w for t, w in asked if t in own) / total
            # A table row is framed by its header as a line by its heading: "Chamber width | 33.5 m |
            # 55 m" is about the original and the Neopanamax locks its columns name.
            around = context | keys(tokenize(header)) if (header := table_header(unit)) else context
            framed = sum(w for t, w in asked if t in own or t in around) / total
            kind = holds(intent, said)
            if release := release_title(query.question, f"{said} {hit.chunk.section}", hit.chunk.title):
                # "Which util-linux version added --json to dmesg?" under "Util-linux 2.38 Release Notes"
                unit = replace(unit, label=f"{release} — {unit.label}" if unit.label else release)
            elif kind < 1.0 and (fact := _heading_fact(unit, intent, asked_keys, kind)):
                # The heading gives the fact the line lacks: "Flexential Alliance (April 2025)"
                # over "Leverages Flexential's footprint". The answer quotes both.
                unit = replace(unit, label=f"{fact} — {unit.label}" if unit.label else fact)
                kind = holds(intent, said_by(unit))
            score = 0.45 * direct + 0.2 * framed + 0.2 * kind + 0.15 / (1 + rank)
            # The paragraph is cut out only when the question names a year to look for in it. A
            # document's title dates what it says: "… Reports Third Quarter 2026 Results".
            if intent.years and not years_agree(intent, f"{paragraph(unit)} {hit.chunk.section} {hit.chunk.title}"):
                score *= 0.4
            elif under_release and not versions_agree(query.question, f"{unit.text} {hit.chunk.section}", history):
                # Under another release's heading: "Add CPython 3.13.10" under v2.6.15 for "… in v2.6.10?",
                # or a line under 3.13.0 for "When did that version come out?" after "Valgrind 3.10.0
                # added it". Not a line that only mentions a release ("first introduced in Python 3.4").
                score *= 0.4
            if opposes(query.standalone, said):
                score *= OPPOSITE_WEIGHT  # "cash-flow negative" for "cash-flow positive"
            if unit.kind == "code":
                score *= HOW_TO_CODE_WEIGHT if intent.how_to else CODE_WEIGHT
            elif is_aside(unit):
                score *= ASIDE_WEIGHT
            out.append(Scored(unit, score, framed))
    out.sort(key=lambda s: (-s.score, s.unit.rank, s.unit.start))
    if embedder is not None and out:
        out = add_meaning(query, out, embedder, {h.chunk.id: h.unit_vectors for h in hits})
    return out


def paragraph(unit: Unit) -> str:
    """The paragraph a sentence stands in, or a bullet's or row's own text.

    Prose dates a paragraph once: "On October 22, 2006, voters endorsed the expansion … The
    official budget was $5.25 billion, …" puts the budget in 2006 as much as the vote.
    """
    if unit.kind != "sentence":
        return unit.text
    text, at = unit.chunk.text, unit.start - unit.chunk.start
    begin = text.rfind("\n", 0, at) + 1
    end = text.find("\n", unit.end - unit.chunk.start)
    return text[begin : end if end >= 0 else len(text)]


def is_aside(unit: Unit) -> bool:
    """A sentence or bullet that asks a question, captions a listing, table or figure, or points at an example."""
    shown = unit.display.rstrip()
    return unit.kind in ("sentence", "bullet") and (shown.endswith("?") or bool(_CAPTION.match(shown) or _POINTER.match(shown)))


def add_meaning(query: Query, scored: list[Scored], embedder, vectors: dict, top: int = MEANING_POOL) -> list[Scored]:
    """Re-score the leading units with their cosine similarity to the question.

    Units' vectors come from the index (`vectors`: chunk id → {unit start: vector}); a unit
    without one, in an index built before they were stored, is encoded here with its heading.
    """
    pool = scored[:top]
    question = np.asarray(embedder.encode([query.standalone])[0], dtype=np.float32)
    stored = [vectors.get(s.unit.chunk.id, {}).get(s.unit.start) for s in pool]
    missing = [i for i, v in enumerate(stored) if v is None]
    if missing:
        texts = [f"{pool[i].unit.chunk.section.split(' > ')[-1]}: {pool[i].unit.display}" for i in missing]
        for i, vector in zip(missing, embedder.encode(texts)):
            stored[i] = vector
    sims = np.asarray(stored, dtype=np.float32) @ question
    rescored = [
        Scored(s.unit, (1 - W_MEANING) * s.score + W_MEANING * float(sim), s.coverage, float(sim))
        for s, sim in zip(pool, sims)
    ]
    rescored.sort(key=lambda s: (-s.score, s.unit.rank, s.unit.start))
    return rescored + scored[top:]


def said_by(unit: Unit) -> str:
    """What a unit says, its label included: "April 2023: NVIDIA invested …" holds a date."""
    return f"{unit.label} {unit.text}"


def _heading_fact(unit: Unit, intent: Intent, asked: set[str], held: float) -> str:
    """The deepest heading over `unit` sharing a word with the question that holds more of the asked-for fact than `held`."""
    if intent.wants not in HEADING_FACTS:
        return ""
    for segment in reversed(unit.chunk.section.split(" > ")):
        # A release's heading ("2.4.0 — 9 November 2023", "[2.4.0] - 2023-11-09") dates every line
        # under it, sharing a word with the question or not.
        if holds(intent, segment) > held and (keys(tokenize(segment)) & asked or heads_release(plain(segment))):
            return plain(segment)
    # A page about one release ("What's New In Python 3.8") dates all it says; a year in a
    # title ("Annual Report 2024") may not.
    title = unit.chunk.title
    return plain(title) if names_release(title) and holds(intent, title) > held else ""
