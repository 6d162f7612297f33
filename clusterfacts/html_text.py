"""Scraped HTML pages: the visible text, so the page loads as an article instead of being rejected."""

from __future__ import annotations

import re
from html.parser import HTMLParser

HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b|<!--)", re.IGNORECASE)
BLOCK_TAGS = frozenset("p div br h1 h2 h3 h4 h5 h6 li tr table section article header footer title ul ol".split())
INVISIBLE_TAGS = frozenset("script style noscript template svg head".split())


def looks_like_html(text: str) -> bool:
    return bool(HTML_START.match(text[:2000]))


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
    lines = [" ".join(line.split()) for line in "".join(collector.parts).splitlines()]
    title = " ".join("".join(collector.title).split())
    body = [line for line in lines if line]
    if title and (not body or body[0] != title):
        body.insert(0, title)
    return "\n".join(body) + "\n" if body else ""
