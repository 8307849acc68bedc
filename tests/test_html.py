"""HTML rendering edge cases: both parsers behind `render_html` must give the page's whole text."""

from __future__ import annotations

import pytest

from ingest.html import _parse_soup, _Renderer, render_html


def soup_render(markup: str) -> tuple[str | None, str]:
    title, events = _parse_soup(markup)
    return title, _Renderer().render(events)


PAGES = {
    "xml declaration": '<?xml version="1.0" encoding="utf-8"?><html><body><p>Hi</p></body></html>',
    "comments and their tails": "<p>one <!-- hidden --> two</p><!-- x -->tail",
    "svg title is not the page's": "<body><svg><title>icon</title></svg><h1>Real <b>One</b></h1><p>x</p></body>",
    "navigation role dropped, text after it kept": '<div role="navigation"><a>Home</a></div>after nav<p>Body</p>',
    "unclosed tags": "<p>one<p>two<ul><li>three<li>four</ul><table><tr><td>a<td>b</table>",
    "pre keeps whitespace": "<pre>  a\n    <span>b</span>\n</pre>tail",
    "heading inside a list item": "<ul><li><h2>Head</h2>text</li></ul>",
    "upper-case tags": "<P>Upper<BR>Case</P><H2>Sec</H2>",
    "only scripts": "<script>var x</script><style>p{}</style>",
    "cdata and processing instructions": "<p>a<![CDATA[hidden]]>b<?php echo 1 ?>c</p>",
    "permalink anchors": '<h2>Usage<a class="headerlink" href="#usage">¶</a></h2><p>See <a href="#x">x</a>.</p>',
    "main content": '<div><h2>Keyboard shortcuts</h2></div><main role="main"><p>Body text.</p></main>',
    "a pager line": '<div class="header"><p>Next: <a href="#b" rel="next">B</a>, Up: <a href="#t" rel="up">Top</a></p></div><p>Body</p>',
    "navigation and contents by class": '<table class="nav"><tr><th>Manual</th></tr></table><div class="toc x">'
    "<p>1. Intro</p></div><h1>1. Intro</h1><p>Body</p>",
}


@pytest.mark.parametrize("markup", PAGES.values(), ids=PAGES.keys())
def test_libxml2_and_html_parser_render_the_same(markup: str) -> None:
    assert render_html(markup) == soup_render(markup)


def test_nesting_past_libxml2s_limit_keeps_the_text() -> None:
    # libxml2 stops at 2,048 levels and drops the rest; the fallback parser has no such limit.
    markup = "<div>" * 5000 + "deep text" + "</div>" * 5000 + "<p>after</p>"
    assert render_html(markup) == (None, "deep text\n\nafter")


def test_nul_characters_do_not_end_the_text() -> None:
    assert render_html("<p>a\x00b</p><p>after</p>") == (None, "ab\n\nafter")


@pytest.mark.parametrize("markup", ["", "   \n "])
def test_empty_markup_has_no_text(markup: str) -> None:
    assert render_html(markup) == (None, "")


def test_permalink_anchors_are_dropped_and_real_links_kept() -> None:
    markup = (
        '<h2>Basic usage<a class="headerlink" href="#basic-usage" title="Permalink">¶</a></h2>'
        '<dl><dt>json.dump(obj)<a href="#json.dump">#</a></dt><dd>Serialize <a href="#obj">obj</a>; '
        'see <a href="other.html#top">§</a> and <a href="#n">1</a>.</dd></dl>'
    )
    assert render_html(markup) == (None, "## Basic usage\n\njson.dump(obj)\n\nSerialize obj; see § and 1.")


CHROME = '<div id="help"><h2>Keyboard shortcuts</h2><p>Press ? to show this help</p></div><h1 class="menu-title">Book</h1>'
ARTICLE = "<h2>Release profiles</h2><p>Cargo has two main profiles: dev and release.</p>"


@pytest.mark.parametrize("mark", ["<main>", '<div class="body" role="main">'])
def test_a_page_marking_its_main_content_is_read_from_there(mark: str) -> None:
    close = "</main>" if mark == "<main>" else "</div>"
    markup = f"<body>{CHROME}{mark}{ARTICLE}{close}<div class='footer'>© Copyright</div></body>"
    assert render_html(markup) == ("Book", "## Release profiles\n\nCargo has two main profiles: dev and release.")
    assert soup_render(markup) == render_html(markup)


@pytest.mark.parametrize(
    "markup",
    [
        f"<body>{CHROME}<main>{ARTICLE}</main><main><p>A second main.</p></main></body>",  # which one?
        f"<body><main><p>Teaser.</p></main>{ARTICLE}{ARTICLE}</body>",  # most of the text is outside it
    ],
    ids=["two marked", "marked part too small"],
)
def test_a_main_mark_that_cannot_hold_the_page_cuts_nothing(markup: str) -> None:
    title, text = render_html(markup)
    assert "Release profiles" in text and ("Keyboard shortcuts" in text or "Teaser." in text)


def test_docbook_navigation_bars_and_contents_list_are_dropped() -> None:
    # DocBook's pages open with "<< Prev | Up | Next >>", the manual's name and the page's own
    # contents; every heading in that list is also a heading further down.
    markup = (
        '<div><table class="nav" summary="Navigation header"><tr><th>Valgrind User Manual</th></tr></table></div>'
        '<div class="chapter"><h1 class="title">5. Cachegrind</h1>'
        '<div class="toc"><p><b>Table of Contents</b></p><dl class="toc"><dt>5.1. Overview</dt></dl></div>'
        "<h2>5.1. Overview</h2><p>Cachegrind simulates caches.</p></div>"
        '<div class="navfooter"><a href="mc-manual.html">&lt;&lt; 4. Memcheck</a> | Up</div>'
    )
    assert render_html(markup) == ("5. Cachegrind", "# 5. Cachegrind\n\n## 5.1. Overview\n\nCachegrind simulates caches.")
    assert soup_render(markup) == render_html(markup)


def test_a_texinfo_pager_line_is_dropped() -> None:
    # Texinfo heads every node with "Next: …, Previous: …, Up: …" links; the node's text stays.
    markup = (
        '<div class="header"><p>Next: <a href="#Conventions" accesskey="n" rel="next">Conventions</a>, '
        'Previous: <a href="#Top" rel="prev">Top</a>, Up: <a href="#Top" rel="up">Top</a></p></div>'
        '<h2 class="chapter">1 Introduction</h2><p>Nettle is a cryptographic library. See <a href="#x">x</a>.</p>'
    )
    assert render_html(markup) == (None, "## 1 Introduction\n\nNettle is a cryptographic library. See x.")
    assert soup_render(markup) == render_html(markup)


def test_a_docbook_faq_question_heads_its_answer() -> None:
    # A qandaset sets each question as a table row beside its answer's row; quoted output stays a block.
    markup = (
        '<div class="qandaset"><table><tbody>'
        '<tr class="qandadiv"><td colspan="2"><h3 class="title">2. Installing</h3></td></tr>'
        '<tr class="question"><td><b>2.2.</b></td><td><b>Building fails with this:</b>'
        "<pre>ld: cannot find -lc</pre><p>or like this:</p></td></tr>"
        '<tr class="answer"><td></td><td><p>Install the glibc-static-devel package.</p></td></tr>'
        "</tbody></table></div>"
    )
    text = render_html(markup)[1]
    assert text == (
        "### 2. Installing\n\n###### 2.2. Building fails with this: or like this:\n\n"
        "```\nld: cannot find -lc\n```\n\nInstall the glibc-static-devel package."
    )
    assert soup_render(markup) == render_html(markup)
    # Outside a qandaset a "question" class is only a class.
    assert render_html('<p class="question">Why?</p><p>Because.</p>')[1] == "Why?\n\nBecause."


def test_a_data_table_is_written_as_rows_under_its_header() -> None:
    # Each row keeps its header, as a Markdown table's does, so a figure's column can be named.
    markup = (
        "<h2>Prices</h2><table><caption>Recommended prices</caption>"
        "<thead><tr><th>Model</th><th>UK</th><th>EU</th></tr></thead>"
        "<tbody><tr><td><p>Canal</p></td><td>£1,649</td><td>€1,899</td></tr>"
        "<tr><td>Pocket</td><td>£1,399</td><td><ul><li>€1,599</li><li>from May</li></ul></td></tr></tbody></table>"
        "<p>Prices include VAT.</p>"
    )
    assert render_html(markup)[1] == (
        "## Prices\n\nRecommended prices\n\n| Model | UK | EU |\n| --- | --- | --- |\n"
        "| Canal | £1,649 | €1,899 |\n| Pocket | £1,399 | €1,599; from May |\n\nPrices include VAT."
    )
    assert soup_render(markup) == render_html(markup)


def test_a_table_laying_out_a_page_is_read_block_by_block() -> None:
    # A cell holding a heading, code or another table is a page's layout, not a value.
    markup = "<table><tr><td><h2>Usage</h2><p>Run it.</p></td><td><pre>tool --help</pre></td></tr></table>"
    assert render_html(markup)[1] == "## Usage\n\nRun it.\n\n```\ntool --help\n```"
    assert soup_render(markup) == render_html(markup)
