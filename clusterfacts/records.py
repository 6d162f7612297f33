"""The rows one article lands as: typed records whose fields are the raw tables' columns.

`clusterfacts.extract.pipeline.analyse` returns an `Article`, its `Fact`s and its
`MentionRow`s, or a `Rejection` saying why the file is not an article;
`clusterfacts extract` prints the facts and the loader's workers turn the records into
Arrow tables. `clusterfacts.warehouse` creates raw.articles, raw.article_texts,
raw.facts and raw.mentions from these fields, so a column is added here, once, and
its DuckDB type is written beside it. The loader adds the columns of its run (run_id,
loaded_at) when a batch lands.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from typing import Any


def column(sql: str) -> Any:
    """A field that is a column of its raw table, of this DuckDB type ("not null" when it has no None)."""
    return field(metadata={"sql": sql})


@dataclass(slots=True)
class Rejection:
    """Why a file is not landed: a reason from a fixed list (unreadable, too_large, empty, ...) and its detail."""

    reason: str
    detail: str


def content_hash(text: str) -> str:
    """An article's key: sha256 of its decoded text as UTF-8 (a lone surrogate kept as is)."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def stored_path(path: str) -> str:
    """A path as the warehouse stores it: as it is when it is UTF-8.

    A file name may hold bytes that are not UTF-8; Python reads them as lone surrogates,
    which no UTF-8 column can hold. Such a byte is stored as the four characters \\xNN
    (b"caf\\xe9.txt" is stored as "caf\\xe9.txt"), so the name is kept and can be told
    from its neighbours.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


@dataclass(slots=True)
class Article:
    """One article: its text lands in raw.article_texts, everything else in raw.articles.

    Offsets index `text`, the decoded file (for an HTML page, its main content).
    """

    content_hash: str = column("varchar not null")  # the key: content_hash(text)
    source_path: str = column("varchar not null")
    file_name: str = column("varchar not null")
    size_bytes: int = column("bigint not null")      # of the file as read
    encoding: str = column("varchar not null")       # "utf-8", "gb18030", "utf-8, html (main content)"
    title: str | None = column("varchar")
    published_date: dt.date | None = column("date")
    published_date_source: str | None = column("varchar")  # the rule that found it, e.g. "date label"
    published_date_start: int | None = column("integer")
    credit: str | None = column("varchar")           # who the article says published or wrote it
    credit_kind: str | None = column("varchar")      # source line, dateline or byline
    credit_start: int | None = column("integer")
    body_start: int = column("integer not null")
    body_end: int = column("integer not null")
    sentence_hashes: list[int] = column("bigint[] not null")  # fingerprints of the body's sentences
    text: str = column("varchar not null")


@dataclass(slots=True)
class Fact:
    """One quantity in an article's body and what the linker tied it to: a row of raw.facts."""

    fact_id: str = column("varchar not null")        # extraction.fact_id: article, offsets, kind, extractor major
    content_hash: str = column("varchar not null")
    article: str = column("varchar not null")        # the file's name
    char_start: int = column("integer not null")
    char_end: int = column("integer not null")
    span: str = column("varchar not null")
    sentence_start: int | None = column("integer")
    sentence_end: int | None = column("integer")
    kind: str = column("varchar not null")           # money, percent, count, area
    stated_number: float = column("double not null")
    stated_number_max: float | None = column("double")
    scale_word: str | None = column("varchar")
    scale_multiplier: float = column("double not null")  # of the scale word; 1 without one
    unit_factor: float = column("double not null")   # area unit to square metres, sub-unit to unit; 1 otherwise
    stated_unit: str | None = column("varchar")      # the currency, percent or area unit as written
    value: float = column("double not null")
    value_max: float | None = column("double")
    qualifier: str = column("varchar not null")
    unit: str = column("varchar not null")
    equivalent_span: str | None = column("varchar")
    equivalent_fact_id: str | None = column("varchar")
    metric: str | None = column("varchar")
    geography: str | None = column("varchar")
    cluster: str | None = column("varchar")
    company: str | None = column("varchar")
    year: int | None = column("integer")
    is_target: bool = column("boolean not null")
    target_year: int | None = column("integer")
    extractor_version: str = column("varchar not null")

    # the fields of the `clusterfacts extract` output contract (FACTS.md), in its order
    CONTRACT = ("article", "span", "kind", "value", "value_max", "qualifier", "unit", "equivalent_span",
                "metric", "geography", "cluster", "company", "year", "is_target", "target_year",
                "char_start", "char_end")

    def contract_view(self) -> dict[str, object]:
        """The fact as `clusterfacts extract` prints it."""
        return {name: getattr(self, name) for name in self.CONTRACT}


@dataclass(slots=True)
class MentionRow:
    """A place, cluster, company, person or policy named in an article: a row of raw.mentions.

    The gazetteer finds `gazetteer.Mention`s in the text the rules read; this is one as
    landed, keyed to its article, with offsets into the article's own text.
    """

    content_hash: str = column("varchar not null")
    entity_type: str = column("varchar not null")    # geography, cluster, company, person, policy
    entity: str = column("varchar not null")         # canonical id or name as written
    char_start: int = column("integer not null")
    char_end: int = column("integer not null")
    text: str = column("varchar not null")


@dataclass(slots=True)
class Analysed:
    """An article read and extracted, ready to land: its row and what was found in it."""

    article: Article
    facts: list[Fact]
    mentions: list[MentionRow]
