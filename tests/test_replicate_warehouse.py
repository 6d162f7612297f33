"""The bench's bigger warehouse: copies of the raw tables that never merge with each other."""

import sys

import duckdb

from clusterfacts.load.loading import load
from conftest import ARTICLES, REPO

sys.path.insert(0, str(REPO / "scripts"))
from replicate_warehouse import replicate  # noqa: E402

FINGERPRINTS_IN_SEVERAL_ARTICLES = """
select count(*) from (
    select fingerprint from (select content_hash, unnest(sentence_hashes) as fingerprint from raw.articles)
    group by fingerprint having count(distinct content_hash) > 1
)"""


def one(database, sql):
    conn = duckdb.connect(str(database), read_only=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_copies_have_their_own_keys_and_fingerprints(tmp_path):
    source, copies = tmp_path / "source.duckdb", tmp_path / "copies.duckdb"
    load([str(ARTICLES)], source, validate=False)

    articles, facts = replicate(source, copies, copies=3)

    assert articles == 3 * one(source, "select count(*) from raw.articles")
    assert facts == 3 * one(source, "select count(*) from raw.facts")
    assert one(copies, "select count(distinct source_path) from raw.source_files") == 3 * 5
    assert one(copies, """select count(*) from raw.facts anti join raw.articles using (content_hash)""") == 0
    assert one(copies, """select count(*) from raw.articles anti join raw.article_texts using (content_hash)""") == 0
    # 000 and its trimmed copy 001 share sentences: so do their copies, never across copies
    shared = one(source, FINGERPRINTS_IN_SEVERAL_ARTICLES)
    assert shared > 0
    assert one(copies, FINGERPRINTS_IN_SEVERAL_ARTICLES) == 3 * shared
