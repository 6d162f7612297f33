"""Everything a folder of scraped pages can hold: each file is loaded or rejected with a reason,
the run goes on, and no file name or text can change a query."""

import os
import subprocess

import duckdb
from conftest import BIN

from clusterfacts.load.loading import load

ARTICLE = "Minhang hosts over 600 biomedicine companies, around 15 percent of Shanghai's output.\n"


def make_bad_folder(folder):
    folder.mkdir()
    files = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 64,
        "nul bytes.txt": ARTICLE.encode() + b"\x00\x00\x00" + ARTICLE.encode(),
        "invalid utf-8.txt": b"Minhang \xc3\x28 hosts \xa0\xa1 600 companies. " * 50,
        "random high bytes.txt": bytes((i * 7919 + 13) % 128 + 128 for i in range(4000)),
        "latin-1.txt": ("Le district de Minhang compte près de 600 entreprises biomédicales. " * 5).encode("latin-1"),
        "gb18030.txt": ("闵行区生物医药产业集群有600多家企业，约占上海的百分之十五。" * 6).encode("gb18030"),
        "utf-16.txt": ARTICLE.replace("600", "610").encode("utf-16"),
        "bom.txt": b"\xef\xbb\xbf" + ARTICLE.replace("600", "620").encode(),
        "page.txt": (b"<!DOCTYPE html><html><head><title>Minhang grows</title><script>var x = 42;</script></head>"
                     b"<body><p>Minhang hosts over 600 companies.</p><div>Sign in</div></body></html>"),
        "one enormous line.txt": (ARTICLE.strip() + " ") .encode() * 20000,
        "tens of MB.txt": b"Minhang hosts 600 companies. " * 700_000,
        "it's \"quoted\".txt": ARTICLE.replace("600", "630").encode(),
        "spaces and ünïcödé 闵行.txt": ARTICLE.replace("600", "700").encode(),
        "'; drop table raw.articles; --.txt": ("x'); delete from raw.facts; -- " + ARTICLE).encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    os.mkfifo(folder / "a pipe.txt")
    os.symlink(folder / "loop b.txt", folder / "loop a.txt")
    os.symlink(folder / "loop a.txt", folder / "loop b.txt")
    (folder / "sub").mkdir()
    os.symlink(folder, folder / "sub" / "back up")  # a folder loop, not followed
    return len(files) + 3


def test_every_bad_input_is_loaded_or_rejected_with_a_reason(tmp_path):
    folder = tmp_path / "scraped"
    expected = make_bad_folder(folder)
    database = tmp_path / "w.duckdb"

    summary = load([str(folder)], database)

    assert summary.seen == expected
    assert summary.seen == summary.loaded + summary.unchanged + summary.rejected
    reasons = {os.path.basename(path): reason for path, reason, _ in summary.rejections}
    # bytes that no encoding reads sensibly are refused; mostly-ASCII text with stray bytes is cp1252
    assert reasons.pop("random high bytes.txt", "loaded") in ("unknown_encoding", "binary", "loaded")
    assert reasons == {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "nul bytes.txt": "binary",
        "tens of MB.txt": "too_large",
        "a pipe.txt": "unreadable",
        "loop a.txt": "unreadable",
        "loop b.txt": "unreadable",
    }
    conn = duckdb.connect(str(database), read_only=True)
    try:
        loaded = dict(conn.execute("select file_name, encoding from raw.articles").fetchall())
        page = conn.execute("select text from raw.article_texts join raw.articles using (content_hash) where file_name = 'page.txt'").fetchone()[0]
        details = conn.execute("select count(*) from raw.rejected_files where length(detail) > 10").fetchone()[0]
        tables = conn.execute("select count(*) from duckdb_tables() where schema_name = 'raw'").fetchone()[0]
        facts = conn.execute("select count(*) from raw.facts").fetchone()[0]
    finally:
        conn.close()
    loaded.pop("random high bytes.txt", None)
    assert loaded.pop("invalid utf-8.txt") not in ("utf-8", "ascii")
    assert set(loaded) == {"latin-1.txt", "gb18030.txt", "utf-16.txt", "bom.txt", "page.txt",
                           "one enormous line.txt", 'it\'s "quoted".txt', "spaces and ünïcödé 闵行.txt",
                           "'; drop table raw.articles; --.txt"}
    assert loaded["gb18030.txt"] == "gb18030"
    assert "html" in loaded["page.txt"]
    assert "Minhang hosts over 600 companies." in page and "var x" not in page
    assert details == summary.rejected
    assert tables >= 8 and facts > 0


def test_a_warehouse_named_like_one_of_its_schemas_is_refused_with_the_reason(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    refused = subprocess.run([str(BIN / "clusterfacts"), "load", "--database", str(tmp_path / "raw.duckdb"),
                              str(article)], capture_output=True, text=True)

    assert refused.returncode == 2
    assert "may not be named raw.duckdb" in refused.stderr and "choose another name" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (tmp_path / "raw.duckdb").exists()
