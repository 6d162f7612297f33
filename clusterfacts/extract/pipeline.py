"""One article's path from bytes to rows: decode, strip HTML, lay out, find mentions, extract facts.

`clusterfacts extract` and the loader's workers both call `analyse`, so the same
file gives the same text, offsets, content hash and fact ids whichever way it is
read: offsets index the article's text after decoding and, for an HTML page,
after reducing it to its main content (clusterfacts/extract/html_text.py).
`read` takes a decoded text through the steps before extraction, in their one
order, and hands each step what the ones before it made; `facts_of` is that path
for a text given as a string (the rules' tests and benchmarks).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from typing import NamedTuple

from clusterfacts.config import settings
from clusterfacts.extract.decoding import Decoded, decode
from clusterfacts.extract.extraction import extract_facts
from clusterfacts.extract.fingerprints import sentence_hashes
from clusterfacts.extract.gazetteer import Mention, find_mentions
from clusterfacts.extract.html_text import looks_like_html, read_page
from clusterfacts.extract.layout import Layout, read_layout
from clusterfacts.extract.reference import Reference, load_reference
from clusterfacts.extract.time_budget import TooSlow, time_limit
from clusterfacts.extract.visible_text import VisibleText
from clusterfacts.extract.vocabulary import ArticleText, read_text
from clusterfacts.records import Analysed, Article, Fact, MentionRow, Rejection, content_hash, stored_path


class Reading(NamedTuple):
    """A text as the rules have read it before extraction."""

    article: ArticleText      # the text, its lower-case copy and its vocabularies' words
    layout: Layout            # title, date line, credit and body
    mentions: list[Mention]   # places, clusters, companies, people and policies in the body
    ref: Reference            # the seeds all of it was read with


def read(text: str, page_date: dt.date | None = None) -> Reading:
    """Lay out a decoded text and find the mentions in its body; page_date is the date an HTML
    page's markup gives (<time>, meta tags), which outranks a date read from the text."""
    ref = load_reference()
    layout = read_layout(text)
    if page_date is not None and page_date != layout.published_date:
        layout = replace(layout, published_date=page_date, published_date_source="page markup",
                         published_date_start=None)
    article = read_text(text, ref)
    return Reading(article, layout, find_mentions(article, layout.body_start, layout.body_end, ref), ref)


def facts_of(text: str, name: str = "text.txt", digest: str = "") -> list[Fact]:
    """The facts the rules find in a text given as a string, read as `analyse` reads an article."""
    reading = read(text)
    return extract_facts(reading.article, name, digest, reading.layout, reading.mentions, reading.ref)


def analyse(path: str, data: bytes, seconds: float | None = None) -> Analysed | Rejection:
    """Decode and read one article; the loader adds the run's bookkeeping columns.

    An article still being read after `seconds` (default: the extract_seconds setting) is
    rejected as too slow, so no one file can hold a worker.
    """
    limit = settings().extract_seconds if seconds is None else seconds
    try:
        with time_limit(limit):
            return _analyse(path, data)
    except TooSlow:
        return Rejection("too_slow", f"too slow to extract: gave up after {limit:g} s")


def _analyse(path: str, data: bytes) -> Analysed | Rejection:
    decoded = decode(data)
    if not isinstance(decoded, Decoded):
        return Rejection(decoded.reason, decoded.detail)
    text = decoded.text
    encoding = decoded.encoding
    page_date = None
    if looks_like_html(text):
        page = read_page(text)
        text, page_date = page.text, page.date
        encoding = f"{encoding}, html ({page.reader})"
        if not text.strip():
            return Rejection("empty", "an HTML page with no visible text")
    digest = content_hash(text)
    path = stored_path(path)
    name = os.path.basename(path)
    # The rules read the text without invisible characters; rows give the article's own offsets.
    seen = VisibleText(text)
    reading = read(seen.text, page_date)
    layout, mentions = reading.layout, reading.mentions
    body = seen.text[layout.body_start:layout.body_end]
    article = Article(
        content_hash=digest,
        source_path=path,
        file_name=name,
        size_bytes=len(data),
        encoding=encoding,
        title=layout.title,
        published_date=layout.published_date,
        published_date_source=layout.published_date_source,
        published_date_start=(None if layout.published_date_start is None
                              else seen.start(layout.published_date_start)),
        credit=layout.credit,
        credit_kind=layout.credit_kind,
        credit_start=None if layout.credit_start is None else seen.start(layout.credit_start),
        body_start=seen.start(layout.body_start),
        body_end=seen.end(layout.body_end),
        sentence_hashes=sentence_hashes(body),
        text=text,
    )
    facts = extract_facts(reading.article, name, digest, layout, mentions, reading.ref, seen)
    if len({fact.fact_id for fact in facts}) < len(facts):
        return Rejection("extraction_failed", "two facts found in the text have the same id; "
                                              "the file is not landed, so raw fact ids stay unique")
    if not seen.is_original:  # the mentions as the article's own text has them
        mentions = [m._replace(start=seen.start(m.start), end=seen.end(m.end), text=seen.span(m.start, m.end))
                    for m in mentions]
    mention_rows = [MentionRow(digest, m.entity_type, m.entity, m.start, m.end, m.text) for m in mentions]
    return Analysed(article, facts, mention_rows)
