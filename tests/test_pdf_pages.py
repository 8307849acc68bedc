"""A PDF's pages joined: running headers, footers and page numbers out, split paragraphs rejoined."""

from __future__ import annotations

from ingest.pdf_pages import clean_pages, join_pages


def _page(n: int, body: str) -> str:
    return f"Widget Manual\n{body}\nPage {n} of 4"


def test_running_headers_and_page_numbers_are_dropped():
    pages = [
        _page(1, "1. Introduction\nWidgets are small."),
        _page(2, "A widget fits in a tray, and the tray fits in a"),
        _page(3, "case. Widget Manual is the name of this book."),
        "iv\n" + "Index\nwidget, 1",
    ]
    cleaned = clean_pages(pages)
    assert cleaned[0] == "1. Introduction\nWidgets are small."
    assert cleaned[2] == "case. Widget Manual is the name of this book."  # only edge lines go
    assert cleaned[3] == "Index\nwidget, 1"
    text, starts = join_pages(cleaned)
    # a page ending mid-sentence runs into the next; a finished one is a new paragraph
    assert "tray fits in a\ncase." in text
    assert "small.\n\nA widget" in text
    for page, start in zip(cleaned, starts):
        assert text[start : start + len(page)] == page


def test_a_line_on_only_a_few_pages_stays():
    pages = ["Chapter One\nText one.", "Chapter Two\nText two.", "Chapter Three\nText three."]
    assert clean_pages(pages) == pages


def test_numbered_chapter_lines_are_not_a_running_header():
    pages = ["Chapter 1\nText one.", "Chapter 2\nText two.", "Chapter 3\nText three."]
    assert clean_pages(pages) == pages
    footers = [f"Body {n}.\nWidget Manual, page {n}" for n in range(1, 5)]
    assert clean_pages(footers) == [f"Body {n}." for n in range(1, 5)]


def test_contents_entries_and_ligatures_are_typesetting_not_text():
    pages = [
        "Table of Contents\n1. Introduction . . . . . . . . . 1\n2.4. OPTIONS ............ 4\nPreface . . . . . . iv",
        "2.4. OPTIONS\n-f --force\nForce overwrite of output \ufb01les. Use the \ufb02ag with care: e\ufb03cient . . . but risky.",
    ]
    cleaned = clean_pages(pages)
    assert cleaned[0] == "Table of Contents"
    # a heading and prose keep their dots unless leaders run to a page number
    assert cleaned[1] == "2.4. OPTIONS\n-f --force\nForce overwrite of output files. Use the flag with care: efficient . . . but risky."
