import dataclasses
import datetime as dt
import os

import pyarrow as pa

from clusterfacts.config import settings
from clusterfacts.load.reading import Read, _table, read_ahead, read_chunk, rows_of_files
from clusterfacts.records import Article, Rejection


def article(content_hash: str, published_date: dt.date | None = None, sentence_hashes: list[int] = ()) -> Article:
    return Article(content_hash=content_hash, source_path=f"{content_hash}.txt", file_name=f"{content_hash}.txt",
                   size_bytes=1, encoding="utf-8", title=None, published_date=published_date,
                   published_date_source=None, published_date_start=None, credit=None, credit_kind=None,
                   credit_start=None, body_start=0, body_end=1, sentence_hashes=list(sentence_hashes), text="x")


def test_rows_of_files_keeps_the_files_asked_for_typed_by_their_record_when_null_in_a_chunk():
    undated = _table(Article, [(0, [article("a")])])
    dated = _table(Article, [(1, [article("b", dt.date(2024, 5, 1), [7, 8])]), (2, [article("c", None, [9])])])

    kept = rows_of_files([undated, None, dated], [0, 2])

    assert kept.column_names == [field.name for field in dataclasses.fields(Article)]
    assert kept.schema.field("published_date").type == pa.date32()
    assert kept.schema.field("credit_start").type == pa.int32()
    assert kept.select(["content_hash", "published_date", "sentence_hashes"]).to_pylist() == [
        {"content_hash": "a", "published_date": None, "sentence_hashes": []},
        {"content_hash": "c", "published_date": None, "sentence_hashes": [9]}]


def test_rows_of_files_is_none_when_no_file_is_kept_or_none_has_rows():
    chunk = _table(Article, [(0, [article("a")])])
    assert rows_of_files([chunk], [3]) is None
    assert rows_of_files([chunk], []) is None
    assert rows_of_files([None, None], [0]) is None


def test_reading_ahead_opens_only_the_regular_files_to_be_read_and_changes_no_outcome(tmp_path, monkeypatch):
    article = tmp_path / "article.txt"
    article.write_text("Minhang hosts over 600 biomedicine companies.\n")
    os.mkfifo(tmp_path / "a pipe.txt")
    (tmp_path / "a folder.txt").mkdir()
    os.symlink("/dev/null", tmp_path / "a device.txt")
    (tmp_path / "too large.txt").write_bytes(b"x" * (settings().max_file_bytes + 1))
    names = ("article.txt", "a pipe.txt", "a folder.txt", "a device.txt", "gone.txt", "too large.txt")
    paths = [str(tmp_path / name) for name in names]
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, *args: opened.append(path) or real_open(path, *args))

    read_ahead(paths)
    assert opened == [str(article)]

    monkeypatch.undo()
    outcomes = read_chunk((0, paths)).outcomes
    assert isinstance(outcomes[0], Read) and len(outcomes[0].content_hash) == 64
    assert [o.reason for o in outcomes[1:]] == ["unreadable"] * 4 + ["too_large"]
    assert all(isinstance(o, Rejection) for o in outcomes[1:])
