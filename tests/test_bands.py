"""Known-answer tests for bands: the line whose band holds the figure the question states answers."""

from __future__ import annotations

import math

from fakes import ask_extractive

from assistant.bands import bands, fit, stated
from assistant.types import Hit
from ingest.types import Chunk

DOSES = (
    "8.3 Weight-band dosing for the oral suspension:\n\n"
    "    Age               Weight         Single dose\n"
    "    1 to 3 years      10 to 15 kg    5 ml (100 mg)\n"
    "    4 to 6 years      16 to 20 kg    7.5 ml (150 mg)\n"
    "    7 to 9 years      21 to 29 kg    10 ml (200 mg)\n\n"
    "8.4 Children aged 12 to 17 years weighing less than 40 kg take the suspension at the dose for the\n"
    "    30 to 40 kg band; a child weighing 40 kg or more may take the tablets.\n"
)


def test_stated_figures_are_read_with_their_measure():
    assert stated("A four-year-old weighs 18 kg. How much goes in each dose?") == {"year": 4.0, "kg": 18.0}
    assert stated("And for a 15-year-old?") == {"year": 15.0}
    assert stated("I'm 70 and bought the 200 mg tablets. What's my daily limit?") == {"year": 70.0}
    assert stated("Our uptime came out at 99.7% last month. What credit are we owed?") == {"%": 99.7}
    assert stated("How much goes in each dose?") == {}


def test_bands_are_read_closed_and_open():
    assert bands("4 to 6 years      16 to 20 kg    7.5 ml") == {"year": [(4.0, 6.0)], "kg": [(16.0, 20.0)]}
    assert bands("Young people aged 12 to 17 years, weighing 40 kg or more") == {"year": [(12.0, 17.0)], "kg": [(40.0, math.inf)]}
    assert bands("| Below 99.9% but at least 99.5% | 10% |") == {"%": [(99.5, 99.9)]}
    assert bands("Children under 12 years") == {"year": [(-math.inf, 12.0)]}
    assert bands("Every 6 to 8 hours") == {}


def test_a_closed_band_holding_the_figure_fits_best():
    figures = {"year": 4.0, "kg": 18.0}
    assert fit("4 to 6 years      16 to 20 kg    7.5 ml", figures) == 2
    assert fit("1 to 3 years      10 to 15 kg    5 ml", figures) == 0
    assert fit("a child weighing less than 40 kg", figures) == 1
    assert fit("Give the dose every 6 to 8 hours", figures) is None


def test_the_row_for_the_stated_age_and_weight_answers():
    chunk = Chunk("c0", "guide.txt", "Dosing guide", "8. Oral suspension", DOSES, 0, len(DOSES))
    # The 8.4 clause, a band for 12 to 17 years, says more of the question's words than the row.
    weights = {"children": 1.0, "weigh": 1.0, "suspens": 1.0, "dose": 1.0, "4": 1.0, "18": 1.0, "kg": 1.0, "year": 1.0, "old": 0.5}
    answer = ask_extractive("A four-year-old child weighs 18 kg. What suspension dose should they get?", [Hit(chunk, 1.0)], weights=weights)
    assert not answer.refused
    assert "7.5 ml (150 mg)" in answer.text.split("[1]")[0], answer.text
