"""Whether the best line answers the question or is a near miss, and why.

A near miss is about the asked thing without giving what is asked: another kind of figure
("Revenue per GPU-hour" for what an H100 costs an hour), another year or release, no value for
"What is the default …?", words the documents never use, or too little in common with the
question. The extractive answerer refuses on a near miss, or, for a mislabelled figure, answers
from a nearly-as-good line that gives the asked thing (`answering_first`).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.answer import Query
from assistant.compose import acronyms, leans_back, written_out
from assistant.facts import gives_money, holds
from assistant.intent import FIGURES, KIND_WORDS, Intent, asked_sentence, asks_payment
from assistant.years import line_years_agree, years_agree
from assistant.polarity import opposes
from assistant.numbered import names_asked_number, numbers_agree, without_coded
from assistant.promotions import promote_first
from assistant.scoring import Scored, paragraph, said_by
from assistant.releases import names_asked_release, names_own_release, shares_only_release, versions_agree
from assistant.slots import missing_names
from assistant.which import names_none_of_them
from assistant.values import (
    asks_for_value,
    gives_asked_unit,
    gives_default_for_limit,
    gives_example_for_default,
    gives_value,
    label_noun,
    labels_another_kind,
    states_default,
    says_what_is_counted,
)
from assistant.wordforms import keys, match_key
from ingest.lexical import tokenize
from ingest.tables import table_header
from ingest.units import Unit


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
NO_RELEASE = "asked for a release, the passage names none"
EXAMPLE = "asked for a default, the line is an example"
ANOTHER_YEAR = "the line names only other years"
NO_MONEY = "asked for a sum of money, the line gives other figures"
ANOTHER_NUMBER = "the line is about another step, level, phase or model"


def answering_first(
    query: Query, intent: Intent, scored: list[Scored], policy: RefusalPolicy = RefusalPolicy()
) -> tuple[list[Scored], str | None]:
    """`scored`, with a nearly-as-good unit that answers put first when the best one is a near miss;
    and why the first is still a near miss (None when it answers).

    "Revenue per GPU-hour: $2.39 on-demand (H100)" labels another kind of the cost asked for,
    and "Example: H100 80GB at ~$2.39/hour" just below it does answer: the question is
    answered from the second line rather than refused for the first. So for a release: "From which
    version can I use --track-origins=yes?" is answered by "As of 3.4.0, try using …" beside a
    closer-worded line that names none, and "What adjusted EBITDA does it guide to for 2025?" by
    the guidance line rather than an outlook line naming only 2026 and 2028.
    """
    reason = refusal_reason(query, intent, scored, policy)
    if reason not in (ANOTHER_KIND, NO_RELEASE, EXAMPLE, ANOTHER_YEAR, NO_MONEY, ANOTHER_NUMBER):
        return scored, reason
    noun = label_noun(scored[0].unit.text) if reason == ANOTHER_KIND else None

    def answers(unit: Unit) -> bool:
        # The other line must give the thing asked for ("… /hour"), not just another figure near
        # it; for a release, name one ("As of 3.4.0, try using --track-origins=yes").
        if noun is not None and noun not in tokenize(said_by(unit)):
            return False
        if reason == NO_RELEASE and not names_own_release(query.question, said_by(unit)):
            return False
        if reason == EXAMPLE and not states_default(unit.text):  # "PIP_DEFAULT_TIMEOUT=60" states none
            return False
        if reason == ANOTHER_NUMBER:
            # The other line names the asked one ("GPT-3 Training Benchmark — … 3,500 H100s"), and
            # a figure asked for is one besides its name: "EDV 900: Larger variant planned" has none.
            said = said_by(unit)
            if not names_asked_number(query.question, f"{said} {unit.chunk.section}"):
                return False
            if intent.wants in FIGURES and holds(intent, without_coded(said)) == 0.0:
                return False
        first = [s for s in scored if s.unit is unit] + [s for s in scored if s.unit is not unit]
        return refusal_reason(query, intent, first, policy) is None

    promoted = promote_first(scored, answers, *NEAR_MISS_REACH, as_much=False)
    return (scored, reason) if promoted is scored else (promoted, None)


def refusal_reason(query: Query, intent: Intent, scored: list[Scored], policy: RefusalPolicy = RefusalPolicy()) -> str | None:
    """Why the best passage is a near miss rather than an answer; None when it answers."""
    if not scored:
        return "no passage"
    best = scored[0]
    said = said_by(best.unit)
    context = f"{best.unit.text} {best.unit.label} {best.unit.chunk.section}"
    # Prose dates its paragraph once, and a document's title all it says.
    dated = f"{paragraph(best.unit)} {best.unit.label} {best.unit.chunk.section} {best.unit.chunk.title}"
    asked = asked_sentence(query.question)  # without the statements before it, which set its scene
    if intent.wants in FIGURES and query.foreign:
        # A figure is some named thing's: the documents' figures are all other things'.
        return f"the documents never name {', '.join(query.foreign)}"
    if intent.wants in FIGURES and holds(intent, said) == 0.0:
        return f"asked for a {intent.wants}, the passage has none"
    if intent.wants == "money" and asks_payment(query.question) and not gives_money(said):
        # "How much is it paying for Replicate?" is not answered by "… a platform hosting 50,000+ models".
        return NO_MONEY
    if not years_agree(intent, dated):
        return "the passage is about another year"
    if not line_years_agree(intent, said):
        return ANOTHER_YEAR
    if opposes(query.standalone, said):
        return "the line is about the opposite"
    history = [t.content for t in query.history]
    if not versions_agree(query.question, context, history):
        return "the line is about another release"
    if shares_only_release(query.question, said, query.weights, query.known):
        return "the line shares only the release with the question"
    if not names_asked_release(query.question, context):
        # "The default strategy is only-if-needed. This was changed in pip 10.0 …": the sentence
        # leaning back on the best line names the release, and the answer quotes both.
        then = leans_back(best.unit, scored)
        if then is None or not names_asked_release(query.question, then.text):
            return NO_RELEASE
    if not numbers_agree(query.question, context):
        return ANOTHER_NUMBER
    if asks_for_value(asked) and not gives_value(said, query.question):
        return "asked for a setting's value, the passage gives none"
    if gives_default_for_limit(said, query.question):
        return "asked for a limit, the passage gives a default"
    if gives_example_for_default(best.unit.text, query.question):
        return EXAMPLE
    # A table row's unit may be its column's: "Solution Architect  £1,750" under "Day rate".
    if not gives_asked_unit(query.question, f"{said} {table_header(best.unit)}"):
        return "asked for a figure in another unit"
    if intent.counts and not says_what_is_counted(query.question, best.unit.chunk):
        return "the passage does not say what is counted"
    # A date's line is labelled with what happened, not with a kind of date ("AI Assistant: …,
    # planned for 2026" answers when the in-car assistant comes).
    if intent.wants in FIGURES and intent.wants != "date" and labels_another_kind(query.question, best.unit.text, best.unit.chunk):
        return ANOTHER_KIND
    if names_none_of_them(query.question, best.unit):
        return "the passage names none of the things asked for"
    # The statements before a figure question set the asker's scene ("I'm in the Leeds office and
    # I've got the flu. How long …?"): a figure for all staff answers it. Before another kind of
    # question they are the situation asked about ("… crashes as it shuts down, on an old Linux
    # system. Is there a setting …?"), and a passage naming none of it answers something else.
    missing = missing_names(query, scored, scene=intent.wants not in FIGURES)
    if missing:
        return f"the passage does not name {', '.join(missing)}"
    # An acronym the documents never use is said where the best line writes it out ("CTO" ←
    # "Chief Technology Officer"), as the line's score already counts it.
    counted = query.known | KIND_WORDS | written_out(acronyms(query.standalone), said)
    # The statements before the question set its scene in the asker's words ("I've got a £12,000
    # expense claim. Who needs to sign it off?"): words the documents never use are expected there.
    counted |= set(tokenize(query.question.removesuffix(asked))) - set(tokenize(asked))
    # A doer or a past form whose root the passage says is no word the documents never use: "When
    # did the roofers finish?" ← "Corrigan Roofing Ltd finished …" (`match_key`). Not the other
    # way round: "How fast …?" is not said by a line that is "4.4x faster" at something else.
    said_keys = keys(tokenize(context))
    counted |= {t for t in query.weights if match_key(t) != t and match_key(t) in said_keys}
    unknown = sum(w for t, w in query.weights.items() if t not in counted) / (sum(query.weights.values()) or 1)
    if unknown >= policy.max_unknown and (best.meaning < policy.close_meaning or best.coverage < policy.bare_coverage):
        # Closeness in meaning forgives a paraphrase, but not when none of the question's
        # weighted words occurs around the passage either: "Who is the CFO?" → "Company Name: …".
        return "the question's key words occur nowhere in the documents"
    if best.coverage < policy.min_coverage and best.meaning < policy.min_meaning:
        return "nothing close enough"
    if best.coverage < policy.bare_coverage and best.meaning < policy.close_meaning:
        # None of the question's words around the passage, and only loosely alike in meaning:
        # "How much cheaper is it than renting from Amazon?" → "April 2023: NVIDIA invested $100M".
        return "the passage holds none of the question's words"
    return None
