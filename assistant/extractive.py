"""The default answerer: quote the passages' own sentences, no LLM, no download.

It cuts the top passages into units (bullets, rows, sentences), scores each against the question
— the question's weighted words, the kind of fact asked for (a number, a date, a name…), the
passage's rank — and composes a short answer from the best: a direct sentence first, the whole
list for a list question, both sides for a comparison. Every sentence carries its [n] and is
checked against its passage. When the best unit is a near miss (`assistant.near_miss`), it refuses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answer import Answerer, Query
from assistant.assignments import promote_assignment
from assistant.clauses import answering_clause
from assistant.compose import completed, follow_on, introduced_items, introduces, leaned_on, leans_back, run_on_title
from assistant.lists import asked_count, counted_list, headed_list, inline_list, labelled_list
from assistant.continued import continued
from assistant.counted import counted_block
from assistant.terms import defined_term, spelled_out, with_definition, with_heading_name, with_term
from assistant.outline import listed_sections
from assistant.procedures import procedure
from assistant.roles import promote_role, role_holder
from assistant.facts import holds
from assistant.bands import promote_band
from assistant.labelled import promote_asked_label
from assistant.intent import ASKS_WHOSE, FIGURES, Intent, detect_intent
from assistant.near_miss import RefusalPolicy, answering_first
from assistant.promotions import promote_whole, ranked_units
from assistant.scoring import MEANING_POOL, Scored, is_aside, said_by, score_units
from assistant.retrieval import split_question
from assistant.sides import comparison_sides, row_with_both, side_units, subject_comparison
from assistant.tables import table_rows
from assistant.slots import names_something_new, promote_named
from assistant.which import promote_kind_named, promote_other
from assistant.types import Answer, Hit
from assistant.values import label_words
from assistant.wordforms import match_key
from assistant.wording import build_answer, refusal
from ingest.lexical import tokenize
from ingest.units import Unit

MAX_LIST_ITEMS = 10
ROW_NEAR = 0.8  # a table's rows listed beside the best one score at least this share of its score
ANSWER_BUDGET = 320  # characters for a plain answer's lines; lists and comparisons may run longer
MAX_ANSWER_CHARS = 400  # … and for the answer as shown, headings and markers included


class ExtractiveAnswerer(Answerer):
    name = "extractive"

    def __init__(self, embedder=None, passages: int = 5, policy: RefusalPolicy = RefusalPolicy()) -> None:
        self.embedder = embedder  # optional: adds the meaning of each unit, not only its words
        self.passages = passages
        self.policy = policy

    def compose(self, query: Query, hits: Sequence[Hit]) -> Answer:
        parts = split_question(query.standalone)
        # A two-part question's first pick answers its first part: "Which customer …, and how big
        # is its contract?" wants a name first, the amount second.
        intent = detect_intent(parts[0] if len(parts) > 1 else query.question)
        scored = promote_named(query, intent, ranked_units(query, intent, hits[: self.passages], self.embedder, parts[0]))
        scored = promote_asked_label(scored, query)  # "… at Porthaven?" ← "Porthaven: Harbour Road", not "Kingsbridge Central: …"
        scored = promote_band(scored, query.question)  # "A four-year-old weighs 18 kg …" ← "4 to 6 years  16 to 20 kg …"
        scored = promote_role(query.question, promote_kind_named(query.question, promote_other(query.question, scored)))
        scored = promote_assignment(query.question, scored)  # "what should build-backend be set to?"
        scored, reason = answering_first(query, intent, scored, self.policy)
        if reason:
            return refusal(query, hits)
        picked = self._pick(scored, intent, parts[0], query.weights, {h.chunk.id: h.siblings for h in hits})
        following = next((h.following for h in hits if h.chunk.id == picked[-1].chunk.id), None)
        # A word every passage uses ("new" in release notes) tells nothing about going on.
        asked = frozenset(match_key(t) for t, w in query.weights.items() if w >= 1.0) if intent.is_list else frozenset()
        picked = continued(picked, following, MAX_LIST_ITEMS, asked)
        # Lines added only to support the first (not a list's items, not a part's own answer).
        support = {(u.chunk.id, u.start) for u in picked[1:]} if _best_with_support(picked, scored, intent) else set()
        picked[0] = with_heading_name(with_term(picked[0], parts[0]), parts[0])
        for part in parts[1:]:
            # A two-part question gets the best unit for each part, not two units for the first.
            weights = {t: query.weights.get(t, query.unknown_weight) for t in tokenize(part)}
            sub = replace(query, question=part, standalone=part, weights=weights)
            part_intent = detect_intent(part)
            best = promote_whole(score_units(sub, part_intent, hits[: self.passages], self.embedder), part_intent, part)
            unit = follow_on(part, best, picked, part_intent)
            if unit:
                picked.append(unit)
        picked = [completed(with_definition(u, query.standalone), scored) for u in picked]
        picked = list(dict.fromkeys(run_on_title(u, scored, picked) for u in picked))
        if not intent.is_list and len(picked) <= 2:  # a list wants every clause, and shows its head once
            clauses = [answering_clause(u, query.weights) for u in picked]
            if clauses[0] is not picked[0] and intent.wants in FIGURES and not holds(intent, said_by(clauses[0])):
                # The figure the line holds is another clause's: "2025: …; new $2.0B buy-back …; the
                # Kassø e-methanol plant … opens in May" gives no price for the plant's methanol.
                return refusal(query, hits)
            picked = clauses
        if holder := role_holder(query.question, picked[0], hits, query.search):
            picked.append(holder[0])  # "… approved by the HR Director" + "HR Director — Tomasz Wierzbicki — Leeds"
            hits = [*hits, holder[1]] if all(h.chunk.id != holder[1].chunk.id for h in hits) else hits
        if intent.wants in ("person", "place") and not ASKS_WHOSE.search(query.question) and not names_something_new(query.question, picked):
            return refusal(query, hits)  # "Who drafted it?" answered with only the names the question says
        answer = build_answer(query, hits, picked)
        # Supporting lines may not take a plain answer past MAX_ANSWER_CHARS once headings and
        # markers are added: they go, last first. A list or a comparison may run longer.
        extras = [u for u in picked if (u.chunk.id, u.start) in support]
        while len(answer.text) > MAX_ANSWER_CHARS and extras:
            picked.remove(extras.pop())
            answer = build_answer(query, hits, picked)
        return answer

    def _pick(self, scored: list[Scored], intent: Intent, question: str, weights: dict[str, float], siblings: dict) -> list[Unit]:
        best = scored[0].unit
        if items := introduced_items(best, scored, MAX_LIST_ITEMS):
            return [best, *items]  # "…provided that You meet the following conditions:" and the conditions
        if intent.how_to and (steps := procedure(best, scored)):
            return steps  # "How do I claim it?" ← "To claim an expense:" and its numbered steps
        if unit := spelled_out(scored, question):
            return [unit]
        if term := defined_term(scored, question):
            return [term]  # expanded to the paragraph under it by `with_definition`
        if intent.is_list:
            if (count := asked_count(question)) and (counted := counted_list(scored, count, _block_of)):
                return counted
            if items := counted_block(best, question, MAX_LIST_ITEMS):
                return [best, *items]  # "We sell three plans." and the plans' rows
            # A line naming the items under the asked kind's own label ("Countries: Sweden, Norway,
            # Spain"), else the list under a heading naming them ("Which cities do we have offices
            # in?" ← "Our offices"), else the nearly-as-good line naming the most items in a row.
            if labelled := labelled_list(question, scored):
                return [labelled]
            if headed := headed_list(question, scored, _block_of):
                return headed[:MAX_LIST_ITEMS]
            if inline := inline_list(scored):
                return [inline]
            # The best line's sibling sections first, then any other passage's.
            for group in dict.fromkeys([siblings.get(best.chunk.id, ()), *siblings.values()]):
                if sections := listed_sections(question, group):
                    return sections
            # A list question wants a list: the best-scoring bullet that has siblings, if nearly as good.
            for candidate in scored[:MEANING_POOL]:
                block = _block_of(candidate.unit, scored)
                if len(block) >= 2 and candidate.score >= 0.7 * scored[0].score:
                    return block[:MAX_LIST_ITEMS]
        if intent.wants == "person" and (group := _group_answer(scored)):
            return group
        if intent.wants in ("other", "name") and not intent.is_comparison and (group := _group_answer(scored, near=0.9)) and _one_prefix(group):
            return group  # "What MIPS support was added?" ← three "mips: support for …" bullets
        if (sides := comparison_sides(question, weights)) and (row := row_with_both(scored, sides)):
            return [row]
        if sides and (both := side_units(scored, sides, intent)):
            return both
        if intent.is_comparison and not sides and (pair := subject_comparison(question, weights, scored, intent)):
            return pair
        picked = [best]
        if (before := leaned_on(best, scored)) and len(before.display) + len(best.display) <= ANSWER_BUDGET:
            picked.insert(0, before)  # "We launched a frozen pizza … and pulled it in 2018." + "That was my biggest mistake …"
        if (then := leans_back(best, scored)) and len(best.display) + len(then.display) <= ANSWER_BUDGET:
            picked.append(then)  # "…permit linking proprietary applications." + "If this is what you want, use the LGPL."
        budget = ANSWER_BUDGET * (2 if intent.is_comparison else 1) - sum(len(u.display) for u in picked)
        covered = set().union(*(_tokens(u) for u in picked))
        for candidate in scored[1:4]:
            unit = candidate.unit
            if introduces(unit) or is_aside(unit) or (unit.kind == "code" and not _shows_how(unit, best, intent)):
                # "To install it:" says nothing without what it introduces, a question in the text
                # nothing at all, and a line of code out of its block ("//   name: 'file' }") only
                # the way a how-to question asks for, beside its passage's prose ("import os from 'node:os';").
                continue
            if intent.is_comparison and intent.wants in FIGURES and not holds(intent, said_by(unit)):
                continue  # "How long is X compared with Y?" compares two figures: a line with none is no side
            adds = _tokens(unit) - covered
            near = candidate.score >= 0.85 * scored[0].score
            # Block numbers restart in each passage, so a paragraph's sentence never supports another
            # passage's paragraph. Comparing (passage, block) instead made answers a third longer
            # (main p50 85 → 116 characters) and cost a Node.js row: kept as it is.
            if (intent.is_comparison and adds) or (near and adds and unit.block != best.block):
                if len(unit.display) <= budget:
                    picked.append(unit)
                    budget -= len(unit.display)
                    covered |= _tokens(unit)
            if len(picked) >= (3 if intent.is_comparison else 2):
                break
        return picked


def _best_with_support(picked: list[Unit], scored: list[Scored], intent: Intent) -> bool:
    """True when `picked` is the best line with lines supporting it, not a list, a group or both sides."""
    return not intent.is_list and not intent.is_comparison and picked[0] is scored[0].unit and not introduces(picked[0])


def _shows_how(code: Unit, best: Unit, intent: Intent) -> bool:
    """For a how-to question, a line of code of the best unit's passage that does something: not a
    comment, not a lone bracket or the tail of a literal."""
    line = code.display.strip()
    if not intent.how_to or code.chunk.id != best.chunk.id or re.match(r"(?://|#|/\*|\*|<!--|--\s)", line):
        return False
    return not re.fullmatch(r"[\W\d]*|[^()]*[)\]}]\W*", line)


def _group_answer(scored: list[Scored], near: float = 0.8, reach: int = 4, least: int = 3) -> list[Unit]:
    """Sibling bullets that each answer a "who" question nearly as well as the best line.

    "Who founded it?" is answered by every "… - Co-Founder" bullet of the leadership list, not by
    the first of them; "Who is the CTO?" keeps the one bullet: its siblings ("Chief Strategy
    Officer") say fewer of the question's words. Other questions take such a group only when its
    bullets open alike (`_one_prefix`).
    """
    floor = near * scored[0].score
    # Nearly as good, and saying as many of the question's words as the best line.
    strong = [s for s in scored if s.score >= floor and s.coverage >= scored[0].coverage]
    for candidate in scored[:reach]:
        if candidate.score < floor:
            break
        if candidate.unit.kind != "bullet":
            continue
        group = [u for u in _block_of(candidate.unit, strong) if u.kind == "bullet"]
        if len(group) >= least:
            return group[:MAX_LIST_ITEMS]
    return []


def _one_prefix(units: list[Unit]) -> bool:
    """True when every unit opens with the same label: parallel items of one kind, each an answer
    ("mips: support for MSA has been added.")."""
    labels = {tuple(label_words(u.text)) for u in units}
    return len(labels) == 1 and () not in labels


def _block_of(unit: Unit, scored: list[Scored]) -> list[Unit]:
    """The bullets sharing `unit`'s list block, or the rows of its table scoring nearly as well as it
    (a table holds rows about other things too), in reading order (just `unit` if it is neither)."""
    if unit.kind == "row":
        score = {(s.unit.chunk.id, s.unit.start): s.score for s in scored}
        least = ROW_NEAR * score.get((unit.chunk.id, unit.start), 0.0)
        return [row for row in table_rows(unit, [s.unit for s in scored]) if score.get((row.chunk.id, row.start), 0.0) >= least]
    if unit.kind != "bullet":
        return [unit]
    same = [s.unit for s in scored if s.unit.chunk.id == unit.chunk.id and s.unit.block == unit.block]
    return sorted(same, key=lambda u: u.start)


def _tokens(unit: Unit) -> set[str]:
    return set(tokenize(unit.text))
