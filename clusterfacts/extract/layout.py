"""Reading an article's layout: title, published date, credit, and the body without page furniture."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import NamedTuple

from clusterfacts.extract.patterns import YEAR, find_where, lower_keeping_offsets, starts_a_word

MONTHS = {name: i for i, name in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({name[:3]: i for name, i in list(MONTHS.items())})
MONTHS["sept"] = 9

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# Each date shape with the condition on what precedes it, matched in the lower-cased line.
DATE_PATTERNS = (
    (re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/.](?P<mon>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"), None),
    (re.compile(_MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)\b"), None),
    (re.compile(r"(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b"), starts_a_word),
)
DATE_LABEL_WORD = re.compile(r"(?:date|published|posted|updated|released)", re.IGNORECASE)
DATE_LABEL = re.compile(r"\b(?:date|published|posted|updated|released)\s*[:：]?\s*$", re.IGNORECASE)
# How many content lines from the top may carry the published date.
DATE_SEARCH_LINES = 3
# How many, when none of those has one, may carry it after a label ("Updated: June 30, 2024").
LABELLED_DATE_LINES = 12
MAX_TITLE_WORDS = 20
MAX_NAV_LABEL_WORDS = 3

# Lines that belong to the page around an article, not to the article.
FURNITURE_LINE = re.compile(
    r"""^\s*(?:
        comments? | special\ reports? | related\ (?:news|stories|articles) | share | print
      | sign\ (?:in|up|out) | log\ ?in | register | free\ sign-up.* | forgot\ password.*
      | (?:application|inquiry)\ status | view\ more.* | more\ »
      | source\s*:.* | editor\s*:.* | copyright.* | ©.* | all\ rights\ reserved.*
      | [QA]\s*:.*
      | \d\d-\d\d\s+\d{5,}\s+\w+
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# The credit an article gives itself: who published or wrote it, as its own lines say.
# Each rule, with the kind it records, matches a whole line; the first that matches wins.
CREDIT_RULES = (
    # "Source: Shanghai Daily", "Sources: Xinhua, China Daily", "From: Hunan Provincial Government"
    ("source line", re.compile(r"^\s*(?:sources?|from)\s*[:：]\s*(?P<credit>\S.{0,60}?)\s*$", re.IGNORECASE)),
    # "SHANGHAI, July 26 (Xinhua) -- East China's Shanghai ..."
    ("dateline", re.compile(r"^\s*[A-Z][A-Z .'-]+,\s+[A-Z][a-z]+\.?\s+\d{1,2}\s*"
                            r"\((?P<credit>[A-Z][\w .&'-]{1,40})\)\s*(?:--|—|–|-)")),
    # "By Yang Jian", "by:Caodahai     2021-09-03"; not "By 2025, ..." nor "By integrating ..."
    ("byline", re.compile(r"^\s*(?i:by)\s*[:：]?\s*(?P<credit>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})\s*(?:\s{2,}.*)?$")),
)
# How many content lines after the body may carry its credit ("Source: Shanghai Daily").
CREDIT_FOOT_LINES = 6
NAV_LABEL = re.compile(r"^[A-Z][A-Za-z&]*(?: [A-Z&][A-Za-z&]*){0,%d}$" % (MAX_NAV_LABEL_WORDS - 1))


class Line(NamedTuple):  # a tuple: an article has hundreds, and tuples are quicker to make than frozen dataclasses
    start: int
    end: int  # end of the line's text, before its line break
    text: str


@dataclass(frozen=True)
class Layout:
    title: str | None
    published_date: dt.date | None
    published_date_source: str | None  # the rule that found it, e.g. "date label"
    published_date_start: int | None
    body_start: int
    body_end: int
    credit: str | None = None  # who the article says published or wrote it: "Xinhua", "Shanghai Daily"
    credit_kind: str | None = None  # the rule that found it: "source line", "dateline" or "byline"
    credit_start: int | None = None


LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def content_lines(text: str) -> list[Line]:
    """The lines that hold more than white space."""
    if "\r" not in text:  # the common case: str.split finds the breaks quicker than LINE
        return _content_lines_split_on_newlines(text)
    return _content_lines_by_regex(text)


def _content_lines_by_regex(text: str) -> list[Line]:
    lines, pos = [], 0
    for match in LINE.finditer(text):
        raw = match.group(0)
        if not raw:
            break
        body = raw.rstrip("\r\n")
        if body and not body.isspace():
            lines.append(Line(pos, pos + len(body), body))
        pos += len(raw)
    return lines


def _content_lines_split_on_newlines(text: str) -> list[Line]:
    lines, pos = [], 0
    for body in text.split("\n"):
        if body and not body.isspace():
            lines.append(Line(pos, pos + len(body), body))
        pos += len(body) + 1
    return lines


def read_layout(text: str) -> Layout:
    content = content_lines(text)
    bounds = _body_bounds(content)
    if bounds is None:
        return Layout(None, None, None, None, 0, len(text))
    first, last = bounds
    head = content[first:first + DATE_SEARCH_LINES]
    date, source, date_start, date_end = _find_date(head)
    if date is None:
        date, source, date_start, date_end = _find_date(
            content[first + DATE_SEARCH_LINES:first + LABELLED_DATE_LINES], labelled_only=True)
    title = _find_title(content[first], date_start, date_end)
    # the head, and the foot: the body's last lines and the page furniture after them
    foot = content[max(first + LABELLED_DATE_LINES, last - 2):last + 1 + CREDIT_FOOT_LINES]
    credit, credit_kind, credit_start = _find_credit(content[:first + LABELLED_DATE_LINES] + foot)
    return Layout(title, date, source, date_start, content[first].start, content[last].end,
                  credit, credit_kind, credit_start)


def _find_credit(lines: list[Line]) -> tuple[str | None, str | None, int | None]:
    for line in lines:
        for kind, rule in CREDIT_RULES:
            match = rule.match(line.text)
            if match:
                return match.group("credit"), kind, line.start + match.start("credit")
    return None, None, None


def _body_bounds(content: list[Line]) -> tuple[int, int] | None:
    """Index of the first and last content line that is not page furniture."""
    first = 0
    # Navigation labels ("City News") stand alone above the headline.
    while first < len(content) - 1 and (
            NAV_LABEL.match(content[first].text.strip()) or FURNITURE_LINE.match(content[first].text)):
        first += 1
    last = len(content) - 1
    while last >= first and FURNITURE_LINE.match(content[last].text):
        last -= 1
    if last < first:
        return None
    return first, last


def _find_date(head: list[Line], labelled_only: bool = False
               ) -> tuple[dt.date | None, str | None, int | None, int | None]:
    for index, line in enumerate(head):
        if not YEAR.search(line.text) or (labelled_only and not DATE_LABEL_WORD.search(line.text)):
            continue
        low = lower_keeping_offsets(line.text)
        for pattern, accept in DATE_PATTERNS:
            matches = find_where(pattern, low, 0, len(low), accept) if accept else pattern.finditer(low)
            for match in matches:
                date = _to_date(match)
                if date is None:
                    continue
                before = line.text[:match.start()]
                if DATE_LABEL.search(before):
                    source = "date label"
                elif labelled_only:
                    continue
                elif index == 0:
                    source = "headline line"
                else:
                    source = f"line {index + 1} of the body"
                return date, source, line.start + match.start(), line.start + match.end()
    return None, None, None, None


def _to_date(match: re.Match) -> dt.date | None:
    parts = match.groupdict()
    month = int(parts["mon"]) if parts.get("mon") else MONTHS[parts["month"].lower().rstrip(".")]
    try:
        return dt.date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None


def _find_title(line: Line, date_start: int | None, date_end: int | None) -> str | None:
    """The first body line is the headline when it reads like one, not like a sentence."""
    text = line.text
    if date_start is not None and date_end is not None and line.start <= date_start < line.end:
        cut_from, cut_to = date_start - line.start, date_end - line.start
        before = DATE_LABEL.sub("", text[:cut_from])
        text = before + " " + text[cut_to:]
    title = " ".join(text.split())
    if not title or len(title.split()) > MAX_TITLE_WORDS or title.endswith((".", "!", "?", ":")):
        return None
    return title
