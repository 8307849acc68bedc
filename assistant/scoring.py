"""Score every unit of the top passages against a question, best first.

A unit's score mixes the question's weighted words found in it (matched by word form, so
"began" meets "begin"), the same words found in its headings, whether it holds the kind of fact
asked for (a number, a date, a name…), its passage's rank, and, for the leading units, its
closeness in meaning. The answerer decides what to do with the ranking; nothing here refuses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from assistant.answer import Query
from assistant.compose import acronyms, written_out
from assistant.intent import FIGURES, MONTHS, Intent, amounts, holds, names_release, years_agree
from assistant.types import Hit
from assistant.wordforms import keys, match_key
from ingest.lexical import tokenize
from ingest.units import Unit, plain, split_units

MEANING_POOL = 12  # units re-scored by meaning: enough to reach past lexical near-misses, cheap to encode
W_MEANING = 0.5
# Kinds of fact a heading may supply for the lines under it. Not amounts: a heading's amount is
# often a total ("Microsoft - $10B+ Partnership"), not what the line under it is about.
HEADING_FACTS = ("date",)
# A line of example code shares the question's words ("// name: 'file' }") without saying
# anything; it answers only when no prose does, or as the code a sentence introduces.
CODE_WEIGHT = 0.5


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
    out = []
    for rank, hit in enumerate(hits):
        # A document rarely names its own subject in every line: its title counts as said.
        title = keys(tokenize(hit.chunk.title))
        context = keys(tokenize(hit.chunk.section))
        for unit in split_units(hit.chunk, rank):
            said = said_by(unit)
            own = keys(tokenize(said)) | title
            if short_forms:
                own |= keys(written_out(short_forms, said))
            direct = sum(w for t, w in asked if t in own) / total
            framed = sum(w for t, w in asked if t in own or t in context) / total
            kind = holds(intent, said)
            if kind < 1.0 and (fact := _heading_fact(unit, intent, asked_keys, kind)):
                # The heading gives the fact the line lacks: "Flexential Alliance (April 2025)"
                # over "Leverages Flexential's footprint". The answer quotes both.
                unit = replace(unit, label=f"{fact} — {unit.label}" if unit.label else fact)
                kind = holds(intent, said_by(unit))
            score = 0.45 * direct + 0.2 * framed + 0.2 * kind + 0.15 / (1 + rank)
            if not years_agree(intent, f"{unit.text} {hit.chunk.section}"):
                score *= 0.4
            if unit.kind == "code":
                score *= CODE_WEIGHT
            out.append(Scored(unit, score, framed))
    out.sort(key=lambda s: (-s.score, s.unit.rank, s.unit.start))
    if embedder is not None and out:
        out = add_meaning(query, out, embedder, {h.chunk.id: h.unit_vectors for h in hits})
    return out


def ranked_units(query: Query, intent: Intent, hits: Sequence[Hit], embedder, question: str) -> list[Scored]:
    """`score_units`, then the nearly-as-good unit holding what `question` asks for put first, rule by rule."""
    scored = promote_kind(score_units(query, intent, hits, embedder), intent)
    scored = promote_amount(promote_by_order(scored, intent, question), intent, question)
    return promote_case(promote_whole(promote_default(scored, question), intent, question), question)


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


def promote_kind(scored: list[Scored], intent: Intent, near: float = 0.85, reach: int = 4) -> list[Scored]:
    """Put first the best of the leading units that holds the kind of fact asked for.

    "When will it be available?" wants the unit with the date, even when the unit that merely
    introduces the service scores a little higher. Only units nearly as good, and as much about
    the question's words, are considered: a number about something else is no answer.
    """
    if not scored or intent.wants not in FIGURES or holds(intent, said_by(scored[0].unit)):
        return scored
    return _promote_first(scored, lambda unit: holds(intent, said_by(unit)) > 0, near, reach)


def _promote_first(scored: list[Scored], fits, near: float, reach: int, as_much: bool = True) -> list[Scored]:
    """Put first the best leading unit that `fits` (and, with `as_much`, covers as much of the question as the best).

    Only the first `reach` units scoring at least `near` of the best are considered; the ranking
    comes back unchanged when none fits.
    """
    for i, candidate in enumerate(scored[1:reach], start=1):
        if candidate.score < near * scored[0].score:
            break
        if fits(candidate.unit) and (not as_much or candidate.coverage >= scored[0].coverage):
            return _to_front(scored, i)
    return scored


def promote_default(scored: list[Scored], question: str, near: float = 0.85, reach: int = 6) -> list[Scored]:
    """For a question about the default ("… if none is specified (default)?"), a nearly-as-good line saying "default"."""
    if not scored or "default" not in tokenize(question) or "default" in tokenize(said_by(scored[0].unit)):
        return scored
    return _promote_first(scored, lambda unit: "default" in tokenize(said_by(unit)), near, reach, as_much=False)


# A line labelled with one part of a sum ("Initial contract: $11.9B") is no answer to the whole
# ("How big is its contract?") when a line beside it gives the total ("Total commitment: $22.4B").
_PART = re.compile(r"\b(?:initial|first|additional|expansion|extra|incremental|upfront|phase \d)\b", re.I)
_WHOLE = re.compile(r"^\W*(?:total|overall|combined|aggregate|entire)\b", re.I)


def promote_whole(scored: list[Scored], intent: Intent, question: str, reach: int = 6) -> list[Scored]:
    """For a figure question, the total beside a best line that gives only a part the question did not ask for."""
    if not scored or intent.wants not in ("money", "number") or _PART.search(question):
        return scored
    best = scored[0].unit
    if not _PART.search(plain(best.text).split(":", 1)[0]):
        return scored
    for i, candidate in enumerate(scored[1:reach], start=1):
        unit = candidate.unit
        if unit.chunk.id == best.chunk.id and unit.block == best.block and _WHOLE.search(plain(unit.text)) and holds(intent, unit.text):
            return _to_front(scored, i)
    return scored


# "… return when both paths resolve to the same path?": the case asked about, after the main clause.
_CASE = re.compile(r"(?<=\w)\s+(?:when|whenever|if|unless|once)\s+(?=\w)", re.I)


def promote_case(scored: list[Scored], question: str, near: float = 0.85, reach: int = 4) -> list[Scored]:
    """For a question about one case ("What does it return when both resolve to the same path?"), the
    nearly-as-good line of the best line's passage that says more of that case than the best line,
    which may state the general rule."""
    parts = _CASE.split(question, 1)
    if not scored or len(parts) < 2:
        return scored
    case = keys(tokenize(parts[1]))

    def said(candidate: Scored) -> int:
        return len(case & keys(tokenize(said_by(candidate.unit))))

    best, at = said(scored[0]), 0
    for i, candidate in enumerate(scored[1:reach], start=1):
        if candidate.score < near * scored[0].score:
            break
        # The special case sits beside its general rule, in the same passage.
        if candidate.unit.chunk.id == scored[0].unit.chunk.id and said(candidate) > best:
            best, at = said(candidate), i
    return _to_front(scored, at) if at else scored


def _to_front(scored: list[Scored], i: int) -> list[Scored]:
    return [scored[i], *scored[:i], *scored[i + 1 :]]


def said_by(unit: Unit) -> str:
    """What a unit says, its label included: "April 2023: NVIDIA invested …" holds a date."""
    return f"{unit.label} {unit.text}"


def _heading_fact(unit: Unit, intent: Intent, asked: set[str], held: float) -> str:
    """The deepest heading over `unit` sharing a word with the question that holds more of the asked-for fact than `held`."""
    if intent.wants not in HEADING_FACTS:
        return ""
    for segment in reversed(unit.chunk.section.split(" > ")):
        if holds(intent, segment) > held and keys(tokenize(segment)) & asked:
            return plain(segment)
    # A page about one release ("What's New In Python 3.8") dates all it says; a year in a
    # title ("Annual Report 2024") may not.
    title = unit.chunk.title
    return plain(title) if names_release(title) and holds(intent, title) > held else ""


_ORDER = re.compile(r"\b(?:(first|initially|originally|earliest)|(latest|most recent(?:ly)?|last|recently))\b", re.I)
_MONTH_NUMBER = {m: i for i, m in enumerate(MONTHS, start=1)}
_DATED = re.compile(r"\b(?:(" + "|".join(_MONTH_NUMBER) + r")\s+(?:\d{1,2},\s+)?)?((?:19|20)\d{2})\b", re.I)


def promote_by_order(scored: list[Scored], intent: Intent, question: str, near: float = 0.8, reach: int = 4) -> list[Scored]:
    """For "When did it first …?", the nearly-as-good unit with the earliest date; "latest" the latest.

    Within one year a named month beats a bare year either way: "April 2023" is a better "first"
    than "in 2023", and "May 2023" a better "latest".
    """
    order = _ORDER.search(question)
    if intent.wants != "date" or not order or not scored:
        return scored
    earliest = bool(order.group(1))
    bare = 13 if earliest else 0  # a bare year loses to any month of the same year
    pool = []
    for i, candidate in enumerate(scored[:reach]):
        if candidate.score < near * scored[0].score:
            break
        dates = [(int(y), _MONTH_NUMBER.get((m or "").lower(), bare)) for m, y in _DATED.findall(said_by(candidate.unit))]
        if dates:
            pool.append(((min(dates) if earliest else max(dates)), i))
    if not pool:
        return scored
    _, i = min(pool) if earliest else max(pool)
    return _to_front(scored, i)


_ASKS_CHANGE = re.compile(r"\b(?:grow|grew|growth|change|changed|increase|decrease|rise|rose|fall|fell|drop|percent|percentage|rate|share|margin|ratio)", re.I)
_PERCENT = re.compile(r"\d+(?:[.,]\d+)*\s?%")


def promote_amount(scored: list[Scored], intent: Intent, question: str, near: float = 0.85, reach: int = 4) -> list[Scored]:
    """For "What was the backlog in Q3?", a nearly-as-good line giving an amount over one giving only a rate.

    "Backlog 127% YoY growth" is about the backlog's growth; "$55.6B backlog (Q3 2025)" is the
    backlog. A question about growth, change, a share or a rate keeps its percentage.
    """
    if not scored or intent.wants not in ("other", "number", "money") or _ASKS_CHANGE.search(question):
        return scored
    best = said_by(scored[0].unit)
    if not _PERCENT.search(best) or amounts(_strip_percents(best)) > 0:
        return scored  # the best line gives no rate, or gives an amount beside it
    return _promote_first(scored, lambda unit: amounts(_strip_percents(said_by(unit))) > 0, near, reach)


def _strip_percents(text: str) -> str:
    return _PERCENT.sub(" ", text)
