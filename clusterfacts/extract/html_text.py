"""Scraped HTML pages: the article's main content, headline and date, so the page loads as an article.

trafilatura finds the main content (the article, without navigation, "Most read" boxes,
related links, comments and footers), the headline, and the publication date the markup
gives (`<time>`, meta tags, structured data). The date is read from markup only: htmldate's
extensive search would also take a year from "Copyright 2025" as 2025-01-01, and a wrong
date is worse than none. A page where trafilatura finds no main content keeps its visible
text, so nothing a page says is lost.

    >>> page = read_page('<html><head><title>Wuxi IoT</title></head><body><nav>Home</nav>'
    ...                  '<article><time datetime="2024-03-05">5 March</time><p>Wuxi has more than '
    ...                  '2,000 IoT companies, officials said on Tuesday.</p></article>'
    ...                  '<aside><h3>Most read</h3><p>Hefei has 300 NEV firms.</p></aside></body></html>')
    >>> page.text.splitlines()[0], page.date, "Hefei" in page.text
    ('Wuxi IoT', datetime.date(2024, 3, 5), False)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser

HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b|<!--)", re.IGNORECASE)
BLOCK_TAGS = frozenset("p div br h1 h2 h3 h4 h5 h6 li tr table section article header footer title ul ol".split())
INVISIBLE_TAGS = frozenset("script style noscript template svg head".split())
# The date only from the page's markup (see above); the earliest such date when it gives several.
DATE_SEARCH = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True, slots=True)
class Page:
    """What a page says: its main text, the headline as its first line, and the date its markup gives."""

    text: str
    date: dt.date | None
    reader: str  # "main content" (trafilatura) or "visible text" (the fallback)


def looks_like_html(text: str) -> bool:
    return bool(HTML_START.match(text[:2000]))


def read_page(html: str) -> Page:
    """The page's main content, headline and markup date; its visible text when it has no main content."""
    import trafilatura  # imported on the first page met: most corpora hold none, and it costs 0.4 s

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                           date_extraction_params=DATE_SEARCH)
    body = _lines(document.text) if document is not None and document.text else []
    if not body:
        visible = html_to_text(html)
        return Page(visible, None, "visible text")
    title = " ".join((document.title or "").split()) or None
    if title and body[0] != title:
        body.insert(0, title)
    return Page("\n".join(body) + "\n", _date(document.date), "main content")


def _lines(text: str) -> list[str]:
    return [line for line in (" ".join(raw.split()) for raw in text.splitlines()) if line]


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in INVISIBLE_TAGS:
            self.hidden += 1
        if tag == "title":
            self.in_title = True
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in INVISIBLE_TAGS and self.hidden:
            self.hidden -= 1
        if tag == "title":
            self.in_title = False
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text, one block a line; the page title, when there is one, as the first line."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = _lines("".join(collector.parts))
    title = " ".join("".join(collector.title).split())
    if title and (not lines or lines[0] != title):
        lines.insert(0, title)
    return "\n".join(lines) + "\n" if lines else ""
