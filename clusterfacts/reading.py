"""Reading a chunk of a batch's files into the Arrow tables they land as: the work the loader spreads over cores.

A worker returns Arrow tables rather than one dict per fact: pickling eleven facts'
dicts, unpickling them in the loader and building Arrow from them there cost the one
process that writes the warehouse about 0.35 ms an article, as much as the writing.
Each row carries its file's position in the batch (`file_position`), so the loader can
keep the rows of the files it lands and drop copies of an article it already has.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from clusterfacts.documents import Document, Rejection, build_document, read_bytes

POSITION = "file_position"


def read_document(path: str) -> Document | Rejection:
    """Read, decode and extract one file."""
    data = read_bytes(path)
    return data if isinstance(data, Rejection) else build_document(path, data)


@dataclass
class ChunkRead:
    """What a chunk of files holds: per file its rejection or its content hash, and the rows of those read."""

    outcomes: list[Rejection | str]      # in the chunk's order
    # Arrow IPC streams: pickling a table goes column by column, and cost as much as
    # the rest of the loader's work in the main process (100 against 40 us a file)
    articles: pa.Buffer | None
    facts: pa.Buffer | None
    mentions: pa.Buffer | None


def read_chunk(chunk: tuple[int, list[str]]) -> ChunkRead:
    """Read the files of a chunk whose first file is at `first_position` in its batch."""
    first_position, paths = chunk
    outcomes: list[Rejection | str] = []
    articles, facts, mentions = [], [], []
    fact_positions, mention_positions, article_positions = [], [], []
    for position, path in enumerate(paths, start=first_position):
        result = read_document(path)
        if isinstance(result, Rejection):
            outcomes.append(result)
            continue
        outcomes.append(result.article["content_hash"])
        articles.append(result.article)
        article_positions.append(position)
        facts.extend(result.facts)
        fact_positions.extend([position] * len(result.facts))
        mentions.extend(result.mentions)
        mention_positions.extend([position] * len(result.mentions))
    return ChunkRead(outcomes, _table(articles, article_positions), _table(facts, fact_positions),
                     _table(mentions, mention_positions))


def _table(rows: list[dict], positions: list[int]) -> pa.Buffer | None:
    if not rows:
        return None
    table = pa.Table.from_pylist(rows).append_column(POSITION, pa.array(positions, pa.int32()))
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as stream:
        stream.write_table(table)
    return sink.getvalue()


def rows_of_files(tables: list[pa.Buffer | None], positions: list[int]) -> pa.Table | None:
    """The rows of the files at `positions`, from the chunks' tables, without the position column."""
    present = [pa.ipc.open_stream(table).read_all() for table in tables if table is not None]
    if not present or not positions:
        return None
    # a column that is null throughout one chunk is typed null there: promotion unifies it
    whole = pa.concat_tables(present, promote_options="permissive")
    kept = whole.filter(pc.is_in(whole[POSITION], value_set=pa.array(positions, pa.int32())))
    return kept.drop_columns([POSITION]) if kept.num_rows else None
