"""The default answerer: quote the passages' own sentences, no LLM, no download.

It cuts the top passages into units (bullets, rows, sentences), scores each against the question
— the question's weighted words, the kind of fact asked for (a number, a date, a name…), the
passage's rank — and composes a short answer from the best: a direct sentence first, the whole
list for a list question, both sides for a comparison. Every sentence carries its [n] and is
checked against its passage. When no unit is close enough, it refuses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.answer import Answerer, Query
from assistant.compose import (
    acronyms,
    completed,
    follow_on,
    inline_list,
    introduced_items,
    introduces,
    leans_back,
    written_out,
)
from assistant.terms import defined_term, spelled_out, with_definition, with_heading_name, with_term
from assistant.outline import listed_sections
from assistant.intent import FIGURES, KIND_WORDS, Intent, asked_sentence, detect_intent, holds, years_agree
from assistant.promotions import promote_first, promote_whole, ranked_units
from assistant.scoring import MEANING_POOL, Scored, is_aside, said_by, score_units
from assistant.retrieval import split_question
from assistant.sides import comparison_sides, side_units
from assistant.slots import label_noun, labels_another_kind, missing_names, names_something_new, promote_named, says_what_is_counted
from assistant.types import Answer, Hit
from assistant.values import asks_for_value, gives_value, versions_agree
from assistant.wording import build_answer, refusal
from ingest.lexical import tokenize
from ingest.units import Unit

MAX_LIST_ITEMS = 10
ANSWER_BUDGET = 320  # characters for a plain answer's lines; lists and comparisons may run longer
MAX_ANSWER_CHARS = 400  # … and for the answer as shown, headings and markers included


@dataclass(frozen=True)
class RefusalPolicy:
    """When the best passage is a near miss rather than an answer (calibrated on the golden set)."""

    max_unknown: float = 0.4  # share of the question's weight in words the documents never use …
    close_meaning: float = 0.6  # … is forgiven only when a passage is this close in meaning
    min_coverage: float = 0.2  # share of the question's weight found around the passage …
    min_meaning: float = 0.45  # … or, failing that, this much similarity in meaning
    bare_coverage: float = 0.05  # below this share, the passage holds none of the question's telling words


ANOTHER_KIND = "the passage gives another kind of the figure asked for"
# When the best unit is a near miss, the units this close to its score (and this far down) are tried.
NEAR_MISS_REACH = (0.85, 4)


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
        scored, reason = self._answering_first(query, intent, scored)
        if reason:
            return refusal(query, hits)
        picked = self._pick(scored, intent, parts[0], query.weights, {h.chunk.id: h.siblings for h in hits})
        # Lines added only to support the first (not a list's items, not a part's own answer).
        support = {(u.chunk.id, u.start) for u in picked[1:]} if _best_with_support(picked, scored, intent) else set()
        picked[0] = with_heading_name(with_term(picked[0], parts[0]), parts[0])
        for part in parts[1:]:
            # A two-part question gets the best unit for each part, not two units for the first.
            weights = {t: query.weights.get(t, query.unknown_weight) for t in tokenize(part)}
            sub = replace(query, question=part, standalone=part, weights=weights)
            part_intent = detect_intent(part)
            best = promote_whole(score_units(sub, part_intent, hits[: self.passages], self.embedder), part_intent, part)
            unit = follow_on(part, best, picked)
            if unit:
                picked.append(unit)
        picked = list(dict.fromkeys(completed(with_definition(u, query.standalone), scored) for u in picked))
        if intent.wants in ("person", "place") and not names_something_new(query.question, picked):
            return refusal(query, hits)  # "Who drafted it?" answered with only the names the question says
        answer = build_answer(query, hits, picked)
        # Supporting lines may not take a plain answer past MAX_ANSWER_CHARS once headings and
        # markers are added: they go, last first. A list or a comparison may run longer.
        extras = [u for u in picked if (u.chunk.id, u.start) in support]
        while len(answer.text) > MAX_ANSWER_CHARS and extras:
            picked.remove(extras.pop())
            answer = build_answer(query, hits, picked)
        return answer

    def _answering_first(self, query: Query, intent: Intent, scored: list[Scored]) -> tuple[list[Scored], str | None]:
        """`scored`, with a nearly-as-good unit that answers put first when the best one is a near miss;
        and why the first is still a near miss (None when it answers).

        "Revenue per GPU-hour: $2.39 on-demand (H100)" labels another kind of the cost asked for,
        and "Example: H100 80GB at ~$2.39/hour" just below it does answer: the question is
        answered from the second line rather than refused for the first.
        """
        reason = self._refusal_reason(query, intent, scored)
        if reason != ANOTHER_KIND:
            return scored, reason
        noun = label_noun(scored[0].unit.text)

        def answers(unit: Unit) -> bool:
            # The other line must give the thing asked for ("… /hour"), not just another figure near it.
            if noun not in tokenize(said_by(unit)):
                return False
            first = [s for s in scored if s.unit is unit] + [s for s in scored if s.unit is not unit]
            return self._refusal_reason(query, intent, first) is None

        promoted = promote_first(scored, answers, *NEAR_MISS_REACH, as_much=False)
        return (scored, reason) if promoted is scored else (promoted, None)

    def _refusal_reason(self, query: Query, intent: Intent, scored: list[Scored]) -> str | None:
        """Why the best passage is a near miss rather than an answer; None when it answers."""
        if not scored:
            return "no passage"
        best = scored[0]
        context = f"{best.unit.text} {best.unit.label} {best.unit.chunk.section}"
        if intent.wants in FIGURES and holds(intent, said_by(best.unit)) == 0.0:
            return f"asked for a {intent.wants}, the passage has none"
        if not years_agree(intent, context):
            return "the passage is about another year"
        if not versions_agree(query.question, said_by(best.unit)):
            return "the line is about another release"
        if asks_for_value(asked_sentence(query.question)) and not gives_value(said_by(best.unit), query.question):
            return "asked for a setting's value, the passage gives none"
        if intent.counts and not says_what_is_counted(query.question, best.unit.chunk):
            return "the passage does not say what is counted"
        if intent.wants in FIGURES and labels_another_kind(query.question, best.unit.text, best.unit.chunk):
            return ANOTHER_KIND
        missing = missing_names(query, scored)
        if missing:
            return f"the passage does not name {', '.join(missing)}"
        # An acronym the documents never use is said where the best line writes it out ("CTO" ←
        # "Chief Technology Officer"), as the line's score already counts it.
        counted = query.known | KIND_WORDS | written_out(acronyms(query.standalone), said_by(best.unit))
        unknown = sum(w for t, w in query.weights.items() if t not in counted) / (sum(query.weights.values()) or 1)
        if unknown >= self.policy.max_unknown and (best.meaning < self.policy.close_meaning or best.coverage < self.policy.bare_coverage):
            # Closeness in meaning forgives a paraphrase, but not when none of the question's
            # weighted words occurs around the passage either: "Who is the CFO?" → "Company Name: …".
            return "the question's key words occur nowhere in the documents"
        if best.coverage < self.policy.min_coverage and best.meaning < self.policy.min_meaning:
            return "nothing close enough"
        return None

    def _pick(self, scored: list[Scored], intent: Intent, question: str, weights: dict[str, float], siblings: dict) -> list[Unit]:
        best = scored[0].unit
        if items := introduced_items(best, scored, MAX_LIST_ITEMS):
            return [best, *items]  # "…provided that You meet the following conditions:" and the conditions
        if unit := spelled_out(scored, question):
            return [unit]
        if term := defined_term(scored, question):
            return [term]  # expanded to the paragraph under it by `with_definition`
        if intent.is_list:
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
        if (sides := comparison_sides(question, weights)) and (both := side_units(scored, sides, intent)):
            return both
        picked = [best]
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
    Officer") say fewer of the question's words.
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


def _block_of(unit: Unit, scored: list[Scored]) -> list[Unit]:
    """The bullets sharing `unit`'s list block, in reading order (just `unit` if it is no bullet)."""
    if unit.kind != "bullet":
        return [unit]
    same = [s.unit for s in scored if s.unit.chunk.id == unit.chunk.id and s.unit.block == unit.block]
    return sorted(same, key=lambda u: u.start)


def _tokens(unit: Unit) -> set[str]:
    return set(tokenize(unit.text))
