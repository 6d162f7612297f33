import datetime as dt
import os

import pyarrow as pa

from clusterfacts.config import settings
from clusterfacts.documents import Rejection
from clusterfacts.reading import _table, read_ahead, read_chunk, rows_of_files


def test_rows_of_files_keeps_the_files_asked_for_and_unifies_columns_null_in_a_chunk():
    undated = _table([(0, [{"content_hash": "a", "published_date": None, "sentence_hashes": []}])])
    dated = _table([(1, [{"content_hash": "b", "published_date": dt.date(2024, 5, 1), "sentence_hashes": [7, 8]}]),
                    (2, [{"content_hash": "c", "published_date": None, "sentence_hashes": [9]}])])

    kept = rows_of_files([undated, None, dated], [0, 2])

    assert kept.column_names == ["content_hash", "published_date", "sentence_hashes"]
    assert kept.schema.field("published_date").type == pa.date32()
    assert kept.to_pylist() == [{"content_hash": "a", "published_date": None, "sentence_hashes": []},
                                {"content_hash": "c", "published_date": None, "sentence_hashes": [9]}]


def test_rows_of_files_is_none_when_no_file_is_kept_or_none_has_rows():
    chunk = _table([(0, [{"content_hash": "a"}])])
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
    assert isinstance(outcomes[0], str) and len(outcomes[0]) == 64
    assert [o.reason for o in outcomes[1:]] == ["unreadable"] * 4 + ["too_large"]
    assert all(isinstance(o, Rejection) for o in outcomes[1:])
