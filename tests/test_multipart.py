"""A two-part question whose second part points back at the first part's answer."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

SITES = """# Acme Sites

## Site Footprint

- **Ohio:** Dayton campus (50-200MW planned)
- **Oregon:** Bend campus (20MW operational)
- **Texas:** Austin office (no data hall)

## Pricing

- **Discounts:** 10-20% off list price for 12-month commitments
- **Spot:** interruptible capacity at half price

## Expansion Plans

### Dayton Campus

- **Investment:** $2 billion commitment
- **Jobs:** 300 permanent roles

### Bend Campus

- **Investment:** $150 million commitment
- **Jobs:** 40 permanent roles

### Austin Office

- **Investment:** $90 million commitment

## History

Acme was founded in 2015 as a render farm and moved into hosting in 2019.

## Leadership

- **CEO:** Dana Whitfield
- **CFO:** Luis Ortega

## Power

Every campus buys renewable power under long-term contracts.

## Customers

Most revenue comes from three film studios and one weather service.

## Security

Staff badges open only the halls their team runs; visitors are escorted.

## Network

Campuses are linked by two leased fibre rings with separate routes.

## Support

Tickets are answered around the clock by engineers, not a call centre.

## Roadmap

Liquid cooling reaches every hall by the end of next year.
"""


@pytest.fixture(scope="module")
def sites_assistant(tmp_path_factory, embedder):
    from assistant.factory import build_assistant
    from docent.settings import Settings
    from ingest.index import IngestOptions, ingest

    root = tmp_path_factory.mktemp("sites")
    (root / "docs").mkdir()
    (root / "docs" / "sites.md").write_text(SITES, encoding="utf-8")
    settings = Settings(data_dir=root / "data")
    ingest([root / "docs"], embedder, IngestOptions(data_dir=settings.data_dir, progress=False))
    return build_assistant(settings, embedder=embedder)


def test_the_second_part_is_searched_with_the_first_part_s_answer(sites_assistant):
    answer = sites_assistant.ask("Which site is planned to grow to 200MW, and how much is Acme committing to it?")
    assert "Dayton" in answer.text and "$2 billion" in answer.text, answer.text
    assert answer.standalone_question.endswith("committing to it (Dayton)?")
    assert "$150 million" not in answer.text and "10-20%" not in answer.text


def test_a_second_part_with_its_own_subject_is_left_alone(sites_assistant):
    question = "Which site is planned to grow to 200MW, and what does Spot capacity cost?"
    answer = sites_assistant.ask(question)
    assert answer.standalone_question == question
    assert "half price" in answer.text, answer.text
    # "it" here is the company; the part names its own subject, Bend.
    question = "Which site is planned to grow to 200MW, and how many jobs does Bend bring it?"
    assert sites_assistant.ask(question).standalone_question == question
