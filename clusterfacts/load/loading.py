"""A load run: discover files, skip what is unchanged, land the rest in batches, account for every file."""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import socket
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import duckdb
import pyarrow as pa

from clusterfacts import __version__
from clusterfacts.config import settings
from clusterfacts.load.discovery import Candidate, discover
from clusterfacts.load.reading import ChunkRead, read_chunk, rows_of_files, start_worker
from clusterfacts.records import FactValidation, LoadRun, RejectedFile, Rejection, SourceFile, stored_path
from clusterfacts.warehouse import ARTICLE_TEXT, arrow_table, connect, ensure_schema, in_list, insert_rows

# Files landed per transaction (a kill loses at most one batch's work): settings().batch_files
# for bulk loads, settings().validated_batch_files for validated ones (clusterfacts/config.py).
# Files a worker reads per task: a batch is many tasks, so two workers finish it together.
CHUNK_FILES = 50


@dataclass
class FileCounts:
    """What a batch, or a run, did with its files: seen = loaded + unchanged + rejected."""

    seen: int = 0
    loaded: int = 0
    unchanged: int = 0
    rejected: int = 0
    facts: int = 0
    quarantined: int = 0

    def line(self) -> str:
        quarantine = f", {self.quarantined} quarantined by validation" if self.quarantined else ""
        return (f"files seen {self.seen}: loaded {self.loaded}, unchanged {self.unchanged}, "
                f"rejected {self.rejected}; facts loaded {self.facts}{quarantine}")


@dataclass
class RunSummary(FileCounts):
    """A run's counts, which are its landed batches' only: a batch counts once it commits."""

    run_id: str = ""
    batches: int = 0
    rejections: list[tuple[str, str, str]] = field(default_factory=list)
    data_docs: Path | None = None

    def add(self, counts: FileCounts) -> None:
        self.seen += counts.seen
        self.loaded += counts.loaded
        self.unchanged += counts.unchanged
        self.rejected += counts.rejected
        self.facts += counts.facts
        self.quarantined += counts.quarantined


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def extractor_version() -> str:
    from clusterfacts.extract.extraction import EXTRACTOR_VERSION
    return EXTRACTOR_VERSION


def load(paths: list[str], database: Path, progress: Callable[[FileCounts], None] | None = None,
         validate: bool = True, wait_seconds: float = 0, workers: int = 1, data_docs: bool = False) -> RunSummary:
    """Load every article under paths into database; the run is recorded in raw.load_runs.

    Files are read and extracted by `workers` processes; the warehouse is written by
    this one. With validate, each batch of facts passes the Great Expectations suite before it
    lands; a failing batch goes to raw.quarantined_facts. With data_docs too, the run's
    results are rendered as Data Docs in a gx/ folder beside the database.
    """
    gate = FactGate(database.parent if data_docs else None) if validate else None
    # Workers fork before the warehouse is opened, so none of them inherits its connection.
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=start_worker) if workers > 1 else None
    reader = (lambda fn, items: pool.imap(fn, items)) if pool else map
    try:
        return _run(paths, database, progress, gate, wait_seconds, reader)
    finally:
        if pool:
            pool.terminate()


def _run(paths: list[str], database: Path, progress: Callable[[FileCounts], None] | None, gate: FactGate | None,
         wait_seconds: float, reader: Callable) -> RunSummary:
    conn = connect(database, wait_seconds=wait_seconds)
    try:
        ensure_schema(conn)
        _mark_interrupted_runs(conn)
        summary = RunSummary(run_id=str(uuid.uuid4()))
        _start_run(conn, summary.run_id, paths)
        try:
            # Workers extract the next batch while this process lands the current one.
            pending = None
            new_folders = _folders_new_to(conn, paths)
            batch_files = settings().batch_files if gate is None else settings().validated_batch_files
            for batch in _batches(discover(paths), batch_files):
                prepared = _prepare_batch(conn, summary, batch, new_folders)
                prepared.chunks = reader(read_chunk, _chunks([candidate.opened for candidate, _ in prepared.to_read]))
                if pending:
                    _land_batch(conn, summary, pending, gate)
                    if progress:
                        progress(summary)
                pending = prepared
            if pending:
                _land_batch(conn, summary, pending, gate)
                if progress:
                    progress(summary)
        except BaseException as error:
            # a warehouse that cannot be written (a full disk) cannot take the run's end
            # either: the run then stays 'running', with the counts of the batches it
            # landed, until the next run marks it; the error that stopped it is raised
            with contextlib.suppress(duckdb.Error):
                _finish_run(conn, summary, "failed", f"{type(error).__name__}: {error}")
            raise
        if gate is not None and gate.used and gate.docs_root is not None:
            summary.data_docs = gate.data_docs()
        _finish_run(conn, summary, "succeeded", None)
        return summary
    finally:
        conn.close()


def _batches(items: Iterable[Candidate], size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _chunks(paths: list[str]) -> list[tuple[int, list[str]]]:
    return [(start, paths[start:start + CHUNK_FILES]) for start in range(0, len(paths), CHUNK_FILES)]


def _mark_interrupted_runs(conn: duckdb.DuckDBPyConnection) -> None:
    """A run still 'running' when a new one holds the write lock was killed: say so.

    Its committed batches stay (each batch is all or nothing); this run loads the rest.
    """
    conn.execute("""
        update raw.load_runs
        set status = 'interrupted', finished_at = ?,
            message = 'the run ended before it recorded its end (its process was killed, or the warehouse '
                || 'could not be written); its counts are those of the batches it landed, and a later run '
                || 'completed the work'
        where status = 'running'
    """, [now()])


def _start_run(conn: duckdb.DuckDBPyConnection, run_id: str, paths: list[str]) -> None:
    run = LoadRun(
        run_id=run_id, started_at=now(), finished_at=None, status="running", pid=os.getpid(),
        host=socket.gethostname(), loader_version=__version__, extractor_version=extractor_version(),
        duckdb_version=duckdb.__version__, input_paths=[stored_path(str(p)) for p in paths],
        files_seen=0, files_loaded=0, files_unchanged=0, files_rejected=0, facts_loaded=0, message=None)
    insert_rows(conn, "raw.load_runs", arrow_table(LoadRun, [run]))


def _count_batch(conn: duckdb.DuckDBPyConnection, run_id: str, counts: FileCounts) -> None:
    """Add a batch's counts to its run's row, in the batch's transaction: whatever ends the
    run (a kill, a full disk), its row counts exactly the files whose rows landed."""
    conn.execute("""
        update raw.load_runs
        set files_seen = files_seen + ?, files_loaded = files_loaded + ?, files_unchanged = files_unchanged + ?,
            files_rejected = files_rejected + ?, facts_loaded = facts_loaded + ?
        where run_id = ?
    """, [counts.seen, counts.loaded, counts.unchanged, counts.rejected, counts.facts, run_id])


def _finish_run(conn: duckdb.DuckDBPyConnection, summary: RunSummary, status: str, message: str | None) -> None:
    """Record the run's end; its counts were added batch by batch as they landed."""
    conn.execute("""
        update raw.load_runs set finished_at = ?, status = ?, message = ? where run_id = ?
    """, [now(), status, message, summary.run_id])


def _folders_new_to(conn: duckdb.DuckDBPyConnection, paths: list[str]) -> tuple[str, ...]:
    """The named folders the warehouse holds no file of, as the prefix of their files' paths.

    A file found there cannot be unchanged, so it is not looked up: on a first load each
    batch's lookup was a tenth of the one writing process's work (commit 70cc87f). A folder
    that is new this run stays so, as a run meets each path once.
    """
    prefixes = [stored_path(os.path.join(str(Path(raw)), "")) for raw in paths if os.path.isdir(raw)]
    return tuple(prefix for prefix in prefixes if not conn.execute(
        "select exists (select 1 from raw.source_files where starts_with(source_path, ?))", [prefix]).fetchone()[0])


def _known_files(conn: duckdb.DuckDBPyConnection, paths: list[str]) -> dict[str, tuple[int, int]]:
    if not paths:
        return {}
    rows = conn.execute(
        f"select source_path, size_bytes, mtime_ns from raw.source_files where {in_list('source_path', paths)}",
        paths).fetchall()
    return {path: (size, mtime) for path, size, mtime in rows}


def _known_hashes(conn: duckdb.DuckDBPyConnection, hashes: list[str]) -> set[str]:
    rows = conn.execute(
        f"select content_hash from raw.articles where {in_list('content_hash', hashes)}", hashes).fetchall()
    return {row[0] for row in rows}


class FactGate:
    """Great Expectations on each batch of facts; imported only when a batch has facts. Its
    results are stored under docs_root for Data Docs, or kept in memory when it is None."""

    def __init__(self, docs_root: Path | None) -> None:
        self.docs_root = docs_root
        self.used = False
        if docs_root is not None:
            from clusterfacts.load.validation import forget_stored_results

            forget_stored_results(docs_root)

    def check(self, facts: pa.Table):
        from clusterfacts.extract.reference import load_reference
        from clusterfacts.load.validation import validate_facts

        self.used = True
        return validate_facts(facts, self.docs_root, list(load_reference().metric_kinds))

    def data_docs(self) -> Path | None:
        from clusterfacts.extract.reference import load_reference
        from clusterfacts.load.validation import build_data_docs

        assert self.docs_root is not None
        return build_data_docs(self.docs_root, list(load_reference().metric_kinds))


def _validate(gate: FactGate | None, summary: RunSummary, facts: pa.Table | None, stamp: dt.datetime
              ) -> tuple[pa.Table | None, pa.Table | None, list[FactValidation]]:
    """Split a batch's facts into those that land and those quarantined; return the results rows too."""
    if gate is None or facts is None:
        return facts, None, []
    outcome = gate.check(facts)
    results = [FactValidation(summary.run_id, summary.batches, stamp, outcome.success, *result)
               for result in outcome.results]
    if outcome.success:
        return facts, None, results
    failed = sorted({r.expectation for r in outcome.results if not r.passed})
    whole_batch = [f"batch failed: {', '.join(failed)}"]
    reasons = [outcome.reasons_by_fact.get(fact_id) or whole_batch for fact_id in facts["fact_id"].to_pylist()]
    quarantined = (facts.append_column("batch_number", pa.array([summary.batches] * facts.num_rows, pa.int32()))
                   .append_column("reasons", pa.array(reasons, pa.list_(pa.string()))))
    return None, quarantined, results


@dataclass
class PreparedBatch:
    """A batch's files sorted out before reading: what to read, what is rejected already."""

    stamp: dt.datetime
    counts: FileCounts = field(default_factory=FileCounts)  # what lands with the batch, if it lands
    to_read: list[tuple[Candidate, os.stat_result]] = field(default_factory=list)
    rejected: list[RejectedFile] = field(default_factory=list)
    chunks: Iterable[ChunkRead] = ()  # read_chunk's results, in to_read's order
    known_paths: set[str] = field(default_factory=set)  # to_read's paths already in raw.source_files


def _prepare_batch(conn: duckdb.DuckDBPyConnection, summary: RunSummary, batch: list[Candidate],
                   new_folders: tuple[str, ...] = ()) -> PreparedBatch:
    """Skip unchanged files (same path, size and mtime) without reading them; note the unreadable."""
    known = _known_files(conn, [c.path for c in batch if c.problem is None and not c.path.startswith(new_folders)])
    prepared = PreparedBatch(stamp=now())
    stamp, rejected, to_read, counts = prepared.stamp, prepared.rejected, prepared.to_read, prepared.counts
    for candidate in batch:
        counts.seen += 1
        if candidate.problem:
            rejected.append(_rejection_row(summary.run_id, candidate.path, None,
                                           Rejection("unreadable", candidate.problem), stamp))
            continue
        try:
            stat = os.stat(candidate.opened)
        except OSError as error:
            rejected.append(_rejection_row(summary.run_id, candidate.path, None,
                                           Rejection("unreadable", error.strerror or str(error)), stamp))
            continue
        if known.get(candidate.path) == (stat.st_size, stat.st_mtime_ns):
            counts.unchanged += 1
            continue
        if candidate.path in known:
            prepared.known_paths.add(candidate.path)
        to_read.append((candidate, stat))
    return prepared


def _land_batch(conn: duckdb.DuckDBPyConnection, summary: RunSummary, prepared: PreparedBatch,
                gate: FactGate | None = None) -> None:
    """Take a batch's read files and land them in one transaction: all of it or none."""
    stamp, rejected, counts = prepared.stamp, prepared.rejected, prepared.counts
    chunks = list(prepared.chunks)
    outcomes = [outcome for chunk in chunks for outcome in chunk.outcomes]
    read: list[tuple[int, Candidate, os.stat_result, str]] = []
    for position, ((candidate, stat), outcome) in enumerate(zip(prepared.to_read, outcomes)):
        if isinstance(outcome, Rejection):
            rejected.append(_rejection_row(summary.run_id, candidate.path, stat.st_size, outcome, stamp))
        else:
            read.append((position, candidate, stat, outcome.content_hash))

    existing = _known_hashes(conn, [digest for *_, digest in read])
    landing: list[int] = []
    source_files: list[SourceFile] = []
    for position, candidate, stat, digest in read:
        source_files.append(SourceFile(candidate.path, stat.st_size, stat.st_mtime_ns, digest))
        if digest in existing:
            counts.unchanged += 1
            continue
        existing.add(digest)
        landing.append(position)
    counts.loaded += len(landing)
    summary.batches += 1
    new_articles = rows_of_files([chunk.articles for chunk in chunks], landing)
    new_facts = rows_of_files([chunk.facts for chunk in chunks], landing)
    new_mentions = rows_of_files([chunk.mentions for chunk in chunks], landing)
    new_facts, quarantined, validations = _validate(gate, summary, new_facts, stamp)
    counts.facts += new_facts.num_rows if new_facts is not None else 0
    counts.quarantined += quarantined.num_rows if quarantined is not None else 0
    counts.rejected += len(rejected)

    conn.execute("begin transaction")
    try:
        run_id = summary.run_id
        if new_articles is not None:
            insert_rows(conn, "raw.articles", new_articles.drop_columns(["text"]), run_id=run_id, loaded_at=stamp)
            insert_rows(conn, "raw.article_texts", new_articles.select(list(ARTICLE_TEXT)),
                        run_id=run_id, loaded_at=stamp)
        insert_rows(conn, "raw.facts", new_facts, run_id=run_id)
        insert_rows(conn, "raw.quarantined_facts", quarantined, run_id=run_id)
        insert_rows(conn, "raw.fact_validations", arrow_table(FactValidation, validations))
        insert_rows(conn, "raw.mentions", new_mentions, run_id=run_id)
        insert_rows(conn, "raw.rejected_files", arrow_table(RejectedFile, rejected))
        # a new file has no row to replace, and looking for one costs an index probe per path
        replaced = [row.source_path for row in source_files if row.source_path in prepared.known_paths]
        if replaced:
            conn.execute(f"delete from raw.source_files where {in_list('source_path', replaced)}", replaced)
        insert_rows(conn, "raw.source_files", arrow_table(SourceFile, source_files), run_id=run_id)
        _count_batch(conn, run_id, counts)
        conn.execute("commit")
    except BaseException:
        # a commit that failed (a full disk) has ended the transaction already, and the
        # error of rolling back again would hide the one that says why
        with contextlib.suppress(duckdb.Error):
            conn.execute("rollback")
        raise
    summary.add(counts)
    summary.rejections.extend((r.source_path, r.reason, r.detail) for r in rejected)


def _rejection_row(run_id: str, path: str, size: int | None, rejection: Rejection,
                   stamp: dt.datetime) -> RejectedFile:
    return RejectedFile(run_id, path, size, rejection.reason, rejection.detail, stamp)
