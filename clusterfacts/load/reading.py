"""Reading a chunk of a batch's files into the Arrow tables they land as: the work the loader spreads over cores.

A worker returns Arrow tables rather than its records (clusterfacts/records.py): pickling
eleven facts, unpickling them in the loader and building Arrow from them there cost the
one process that writes the warehouse about 0.35 ms an article, as much as the writing.
Each row carries its file's position in the batch (`file_position`), so the loader can
keep the rows of the files it lands and drop copies of an article it already has.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from typing import NamedTuple

import pyarrow as pa
import pyarrow.compute as pc

from clusterfacts.extract.pipeline import analyse
from clusterfacts.load.documents import read_bytes, refusal
from clusterfacts.records import Analysed, Article, Fact, MentionRow, Rejection
from clusterfacts.warehouse import arrow_table

POSITION = "file_position"


def start_worker() -> None:
    """Set up a forked worker's garbage collector for many short-lived objects and few cycles.

    The modules and data inherited from the loader are frozen out of collection, and the
    youngest generation is collected every 50,000 allocations instead of 700: a document's
    facts and their dicts made the collector run several times an article, about 2 % of a
    worker's time, while its documents leave no cycles to collect.
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def read_document(path: str) -> Analysed | Rejection:
    """Read, decode and extract one file."""
    data = read_bytes(path)
    return data if isinstance(data, Rejection) else analyse(path, data)


class Read(NamedTuple):
    """A file read as an article, whose rows are in its chunk's tables."""

    content_hash: str


@dataclass
class ChunkRead:
    """What a chunk of files holds: per file whether it was read or why not, and the rows of those read."""

    outcomes: list[Read | Rejection]      # in the chunk's order
    # Arrow IPC streams: pickling a table goes column by column, and cost as much as
    # the rest of the loader's work in the main process (100 against 40 us a file)
    articles: pa.Buffer | None
    facts: pa.Buffer | None
    mentions: pa.Buffer | None


def read_ahead(paths: list[str]) -> None:
    """Ask the kernel to start reading the files at paths, so their reads do not wait for the disk.

    A file is read when its turn comes: one read at a time, each waiting for the disk
    when the file is not in the page cache. Asked for first, the chunk's files are
    fetched together while the first ones are extracted (commit 1633208 has the figures),
    and a corpus already cached is read no slower. Only the regular files that will be read
    are opened: opening a device can act.
    """
    if not hasattr(os, "posix_fadvise"):
        return
    for path in paths:
        try:
            if refusal(os.stat(path)):
                continue  # not read
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            continue  # read_bytes says why
        try:
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass
        finally:
            os.close(descriptor)


def read_chunk(chunk: tuple[int, list[str]]) -> ChunkRead:
    """Read a chunk's files: (position of its first file in the batch, their paths)."""
    first_position, paths = chunk
    read_ahead(paths)
    outcomes: list[Read | Rejection] = []
    read: list[tuple[int, Analysed]] = []
    for position, path in enumerate(paths, start=first_position):
        result = read_document(path)
        if isinstance(result, Rejection):
            outcomes.append(result)
        else:
            outcomes.append(Read(result.article.content_hash))
            read.append((position, result))
    return ChunkRead(outcomes,
                     _table(Article, [(position, [doc.article]) for position, doc in read]),
                     _table(Fact, [(position, doc.facts) for position, doc in read]),
                     _table(MentionRow, [(position, doc.mentions) for position, doc in read]))


def _table(record: type, rows_by_file: list[tuple[int, list]]) -> pa.Buffer | None:
    """Files' records as one table, each row marked with its file's position, as an IPC stream."""
    rows = [row for _, file_rows in rows_by_file for row in file_rows]
    if not rows:
        return None
    positions = pa.array([position for position, file_rows in rows_by_file for _ in file_rows], pa.int32())
    table = arrow_table(record, rows).append_column(POSITION, positions)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as stream:
        stream.write_table(table)
    return sink.getvalue()


def rows_of_files(tables: list[pa.Buffer | None], positions: list[int]) -> pa.Table | None:
    """The rows of the files at `positions`, from the chunks' tables, without the position column."""
    if not positions:
        return None
    present = [pa.ipc.open_stream(table).read_all() for table in tables if table is not None]
    if not present:
        return None
    whole = pa.concat_tables(present)  # typed by their record, every chunk's columns match
    kept = whole.filter(pc.is_in(whole[POSITION], value_set=pa.array(positions, pa.int32())))
    return kept.drop_columns([POSITION]) if kept.num_rows else None
