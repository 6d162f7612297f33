"""The rows the loader lands: typed records whose fields are the raw tables' columns.

`clusterfacts.extract.pipeline.analyse` returns an `Article`, its `Fact`s and its
`MentionRow`s, or a `Rejection` saying why the file is not an article;
`clusterfacts extract` prints the facts and the loader's workers turn the records into
Arrow tables. The loader records its run (`LoadRun`), the files it read (`SourceFile`),
those it could not land (`RejectedFile`) and what the fact gate found (`FactValidation`). `clusterfacts.warehouse` creates the raw
tables from these fields, so a column is added here, once, and its DuckDB type is
written beside it. The loader adds the columns of its run (run_id, loaded_at) when a
batch lands.
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


@dataclass(slots=True)
class LoadRun:
    """One run of the loader as it starts: a row of raw.load_runs, keyed by run_id.

    Its counts grow with each batch that lands, in that batch's transaction, and its end
    (finished_at, status, message) is written when it ends.
    """

    run_id: str = column("varchar not null")
    started_at: dt.datetime = column("timestamp not null")  # UTC
    finished_at: dt.datetime | None = column("timestamp")
    status: str = column("varchar not null")         # running, succeeded, failed, interrupted
    pid: int | None = column("integer")              # the loader's process, to tell a live run from a killed one
    host: str | None = column("varchar")
    loader_version: str = column("varchar not null")
    extractor_version: str = column("varchar not null")
    duckdb_version: str = column("varchar not null")
    input_paths: list[str] = column("varchar[] not null")
    files_seen: int | None = column("integer")
    files_loaded: int | None = column("integer")
    files_unchanged: int | None = column("integer")
    files_rejected: int | None = column("integer")
    facts_loaded: int | None = column("integer")
    message: str | None = column("varchar")


@dataclass(slots=True)
class SourceFile:
    """A file read, by path: a row of raw.source_files, keyed by source_path. A later run
    skips the file unread while its size and mtime stay the same."""

    source_path: str = column("varchar not null")    # stored_path(path)
    size_bytes: int = column("bigint not null")
    mtime_ns: int = column("bigint not null")
    content_hash: str = column("varchar not null")   # the article it holds


@dataclass(slots=True)
class RejectedFile:
    """A file a run could not land, and why: a row of raw.rejected_files."""

    run_id: str = column("varchar not null")
    source_path: str = column("varchar not null")
    size_bytes: int | None = column("bigint")        # None when the file could not even be looked at
    reason: str = column("varchar not null")         # Rejection.reason
    detail: str = column("varchar not null")
    rejected_at: dt.datetime = column("timestamp not null")


@dataclass(slots=True)
class FactValidation:
    """One expectation of the fact gate over one batch (clusterfacts/load/validation.py): a
    row of raw.fact_validations."""

    run_id: str = column("varchar not null")
    batch_number: int = column("integer not null")
    validated_at: dt.datetime = column("timestamp not null")
    batch_passed: bool = column("boolean not null")
    expectation: str = column("varchar not null")
    column_name: str | None = column("varchar")
    passed: bool = column("boolean not null")
    unexpected_count: int | None = column("bigint")
    unexpected_fact_ids: list[str] | None = column("varchar[]")
    details: str | None = column("varchar")          # the expectation's arguments as JSON
