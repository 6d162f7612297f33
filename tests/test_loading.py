from dataclasses import replace

import duckdb

from clusterfacts.config import settings
from clusterfacts.load.loading import load
from conftest import ARTICLES


def counts(database) -> dict[str, int]:
    conn = duckdb.connect(str(database), read_only=True)
    try:
        return {table: conn.execute(f"select count(*) from raw.{table}").fetchone()[0]
                for table in ("articles", "facts", "mentions", "rejected_files", "source_files", "load_runs")}
    finally:
        conn.close()


def assert_accounted_for(database):
    conn = duckdb.connect(str(database), read_only=True)
    try:
        bad = conn.execute("""
            select run_id from raw.load_runs
            where status = 'succeeded' and files_seen <> files_loaded + files_unchanged + files_rejected
        """).fetchall()
        orphans = conn.execute("""
            select count(*) from raw.facts f anti join raw.articles a on f.content_hash = a.content_hash
        """).fetchone()[0]
    finally:
        conn.close()
    assert bad == [] and orphans == 0


def test_the_sample_corpus_lands_five_articles_and_their_facts(database):
    summary = load([str(ARTICLES)], database)
    assert (summary.seen, summary.loaded, summary.unchanged, summary.rejected) == (5, 5, 0, 0)
    after = counts(database)
    assert after["articles"] == 5 and after["facts"] == summary.facts > 80
    assert_accounted_for(database)


def test_a_second_run_changes_nothing(database):
    load([str(ARTICLES)], database)
    before = counts(database)
    summary = load([str(ARTICLES)], database)
    assert (summary.loaded, summary.unchanged, summary.facts) == (0, 5, 0)
    after = counts(database)
    assert {k: v for k, v in after.items() if k != "load_runs"} == {k: v for k, v in before.items() if k != "load_runs"}
    assert after["load_runs"] == before["load_runs"] + 1


def test_the_same_content_under_another_name_is_one_article(database, article_folder):
    (article_folder / "copy of 000.txt").write_bytes((ARTICLES / "000_63fa5289a803b129.txt").read_bytes())
    summary = load([str(article_folder)], database)
    assert (summary.seen, summary.loaded, summary.unchanged) == (6, 5, 1)
    assert counts(database)["articles"] == 5


def test_a_changed_file_is_read_again(database, article_folder):
    load([str(article_folder)], database)
    target = article_folder / "004_d0077edb71c5e914.txt"
    target.write_text(target.read_text() + "\nThe district now has 12 hospitals.\n")
    summary = load([str(article_folder)], database)
    assert (summary.loaded, summary.unchanged) == (1, 4)
    conn = duckdb.connect(str(database), read_only=True)
    try:
        rows = conn.execute("""
            select s.source_path, a.text from raw.source_files s join raw.article_texts a using (content_hash)
        """).fetchall()
    finally:
        conn.close()
    assert len(rows) == 5 and len({path for path, _ in rows}) == 5, "one source row per path, the old one replaced"
    assert dict(rows)[str(target)].endswith("12 hospitals.\n")


def test_a_path_named_twice_or_inside_a_named_folder_is_read_once(database, article_folder):
    inner = article_folder / "inner"
    inner.mkdir()
    (inner / "copy.txt").write_bytes((ARTICLES / "000_63fa5289a803b129.txt").read_bytes())
    (article_folder / "linked").symlink_to(inner, target_is_directory=True)  # not walked into: named, it is read
    named = [article_folder, inner, article_folder / "inner" / "copy.txt", article_folder, article_folder / "linked"]
    summary = load([str(path) for path in named], database)
    assert (summary.seen, summary.loaded, summary.unchanged, summary.rejected) == (7, 5, 2, 0)
    assert counts(database)["source_files"] == 7
    assert_accounted_for(database)


def test_bad_inputs_are_loaded_or_rejected_with_a_reason_and_the_run_goes_on(database, tmp_path):
    folder = tmp_path / "scraped"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 16)
    latin = ("Le district de Minhang compte plus de 600 entreprises biomédicales, "
             "soit près de 15 pour cent de la production de Shanghai. ") * 4
    (folder / "latin-1.txt").write_bytes(latin.encode("latin-1"))
    (folder / 'it\'s "quoted" and spaced.txt').write_text("Minhang hosts over 600 companies.", encoding="utf-8")
    (folder / "ignored.pdf").write_bytes(b"%PDF")

    summary = load([str(folder), str(tmp_path / "missing.txt")], database)

    assert summary.seen == 5
    assert summary.seen == summary.loaded + summary.unchanged + summary.rejected
    assert summary.loaded == 2
    reasons = {path.rsplit("/", 1)[-1]: reason for path, reason, _ in summary.rejections}
    assert reasons == {"empty.txt": "empty", "binary.txt": "binary", "missing.txt": "unreadable"}
    conn = duckdb.connect(str(database), read_only=True)
    try:
        names = {row[0] for row in conn.execute("select file_name from raw.articles").fetchall()}
        rejected = conn.execute("select count(*) from raw.rejected_files where detail <> ''").fetchone()[0]
        encoding = conn.execute("select encoding from raw.articles where file_name = 'latin-1.txt'").fetchone()[0]
    finally:
        conn.close()
    assert names == {"latin-1.txt", 'it\'s "quoted" and spaced.txt'}
    assert rejected == 3
    assert encoding not in ("utf-8", "ascii")
    assert_accounted_for(database)


def test_a_run_is_recorded_with_its_counts(database):
    summary = load([str(ARTICLES)], database)
    conn = duckdb.connect(str(database), read_only=True)
    try:
        row = conn.execute("""
            select status, files_seen, files_loaded, facts_loaded, finished_at is not null
            from raw.load_runs where run_id = ?
        """, [summary.run_id]).fetchone()
    finally:
        conn.close()
    assert row == ("succeeded", 5, 5, summary.facts, True)


def test_a_run_left_running_is_marked_interrupted_by_the_next(database):
    load([str(ARTICLES)], database)
    conn = duckdb.connect(str(database))
    conn.execute("update raw.load_runs set status = 'running', finished_at = null")
    conn.close()
    load([str(ARTICLES)], database)
    conn = duckdb.connect(str(database), read_only=True)
    statuses = sorted(row[0] for row in conn.execute("select status from raw.load_runs").fetchall())
    conn.close()
    assert statuses == ["interrupted", "succeeded"]


def test_a_batch_failing_validation_is_quarantined_with_reasons(database, monkeypatch):
    from clusterfacts.extract import pipeline

    real_extract = pipeline.extract_facts

    def extract_with_a_bad_share(*args, **kwargs):
        facts = real_extract(*args, **kwargs)
        for fact in facts:
            if fact.span == "around 15 percent":
                fact.value = 150.0
        return facts

    monkeypatch.setattr(pipeline, "extract_facts", extract_with_a_bad_share)
    summary = load([str(ARTICLES / "000_63fa5289a803b129.txt"), str(ARTICLES / "002_ef1cdc614e2d0932.txt")],
                   database, data_docs=True)

    assert summary.facts == 0 and summary.quarantined > 0
    conn = duckdb.connect(str(database), read_only=True)
    try:
        landed = conn.execute("select count(*) from raw.facts").fetchone()[0]
        reasons = conn.execute(
            "select reasons from raw.quarantined_facts where span = 'around 15 percent'").fetchone()[0]
        failed = conn.execute("""
            select expectation, unexpected_fact_ids from raw.fact_validations where not passed
        """).fetchall()
        articles = conn.execute("select count(*) from raw.articles").fetchone()[0]
    finally:
        conn.close()
    assert landed == 0 and articles == 2
    assert any("max_value=100" in reason for reason in reasons)
    assert [name for name, _ in failed] == ["expect_column_values_to_be_between"]
    assert summary.data_docs is not None and summary.data_docs.exists()


def test_validated_batches_land_and_their_results_are_kept(database):
    summary = load([str(ARTICLES)], database)
    assert summary.quarantined == 0
    conn = duckdb.connect(str(database), read_only=True)
    try:
        results = conn.execute("select count(*), bool_and(passed) from raw.fact_validations").fetchone()
    finally:
        conn.close()
    assert results[0] >= 10 and results[1] is True
    assert summary.data_docs is None and not (database.parent / "gx").exists(), "Data Docs only on request"


def test_data_docs_show_the_run_that_asked_for_them_only(tmp_path):
    first = load([str(ARTICLES)], tmp_path / "w.duckdb", data_docs=True)
    second = load([str(ARTICLES)], tmp_path / "other.duckdb", data_docs=True)

    assert first.data_docs == second.data_docs and second.data_docs.exists()
    stored = list((tmp_path / "gx" / "uncommitted" / "validations").rglob("*.json"))
    assert len(stored) == second.batches, "the results of earlier runs are not kept, nor rendered again"


def test_a_validated_load_lands_smaller_batches_than_a_bulk_load(tmp_path, monkeypatch):
    """Validation quarantines a failing batch whole, so a validated load keeps its batches small."""
    from clusterfacts.load import loading

    monkeypatch.setattr(loading, "settings", lambda: replace(settings(), batch_files=5, validated_batch_files=2))
    bulk = load([str(ARTICLES)], tmp_path / "bulk.duckdb", validate=False)
    validated = load([str(ARTICLES)], tmp_path / "validated.duckdb")
    assert (bulk.loaded, bulk.batches) == (5, 1)
    assert (validated.loaded, validated.batches) == (5, 3)


def test_parallel_workers_land_what_one_process_lands(tmp_path):
    single, parallel = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    load([str(ARTICLES)], single, validate=False, workers=1)
    load([str(ARTICLES)], parallel, validate=False, workers=2)
    rows = []
    for database in (single, parallel):
        conn = duckdb.connect(str(database), read_only=True)
        try:
            rows.append(conn.execute("select * exclude (run_id) from raw.facts order by fact_id").fetchall())
        finally:
            conn.close()
    assert rows[0] == rows[1] and len(rows[0]) > 80


def test_an_article_whose_facts_share_an_id_is_rejected_and_the_rest_land(database, monkeypatch):
    """raw.facts has no key index: fact ids are unique because an article lands only when its ids are."""
    from clusterfacts.extract import pipeline

    real_extract = pipeline.extract_facts
    first_article = sorted(ARTICLES.glob("*.txt"))[0].name

    def extract_with_a_repeated_id(text, article, *args, **kwargs):
        facts = real_extract(text, article, *args, **kwargs)
        if article == first_article:
            facts[1].fact_id = facts[0].fact_id
        return facts

    monkeypatch.setattr(pipeline, "extract_facts", extract_with_a_repeated_id)
    summary = load([str(ARTICLES)], database, validate=False)

    assert summary.loaded == 4 and summary.rejected == 1
    assert [(reason, path.endswith(first_article)) for path, reason, _ in summary.rejections] == [
        ("extraction_failed", True)]
    conn = duckdb.connect(str(database), read_only=True)
    try:
        ids, distinct_ids = conn.execute("select count(*), count(distinct fact_id) from raw.facts").fetchone()
        landed = conn.execute("select count(*) from raw.articles where file_name = ?", [first_article]).fetchone()[0]
    finally:
        conn.close()
    assert ids == distinct_ids > 0 and landed == 0


def test_files_read_in_small_chunks_land_as_one_chunk_lands_them(tmp_path, monkeypatch):
    """Copies of an article in other chunks of a batch, and in later batches, land once: the first copy."""
    from clusterfacts.load import loading

    folder = tmp_path / "articles"
    folder.mkdir()
    for path in sorted(ARTICLES.glob("*.txt")):
        (folder / f"a_{path.name}").write_bytes(path.read_bytes())
        (folder / f"b_{path.name}").write_bytes(path.read_bytes())
    whole, chunked = tmp_path / "whole.duckdb", tmp_path / "chunked.duckdb"
    load([str(folder)], whole, validate=False)
    monkeypatch.setattr(loading, "CHUNK_FILES", 2)
    monkeypatch.setattr(loading, "settings", lambda: replace(settings(), batch_files=7))
    summary = load([str(folder)], chunked, validate=False, workers=2)

    assert (summary.loaded, summary.unchanged, summary.batches) == (5, 5, 2)
    tables = []
    for database in (whole, chunked):
        conn = duckdb.connect(str(database), read_only=True)
        try:
            tables.append([conn.execute(f"select * exclude (run_id) from raw.{table} order by all").fetchall()
                           for table in ("facts", "mentions", "source_files")]
                          + [conn.execute(f"select * exclude (run_id, loaded_at) from raw.{table} order by all")
                             .fetchall() for table in ("articles", "article_texts")])
        finally:
            conn.close()
    assert tables[0] == tables[1]
    facts, _, source_files, articles, texts = tables[1]
    assert len(source_files) == 10 and len(articles) == len(texts) == 5 and len(facts) > 80
    assert {row[2] for row in facts} == {path.name for path in folder.glob("a_*")}


def test_a_warehouse_made_before_article_texts_has_its_texts_moved_out(database):
    load([str(ARTICLES)], database, validate=False)
    conn = duckdb.connect(str(database))
    try:
        # the layout before raw.article_texts: each text in its article's row
        conn.execute("alter table raw.articles add column text varchar")
        conn.execute("update raw.articles set text = t.text from raw.article_texts t "
                     "where t.content_hash = articles.content_hash")
        texts_before = dict(conn.execute("select content_hash, text from raw.articles").fetchall())
        conn.execute("drop table raw.article_texts")
    finally:
        conn.close()

    summary = load([str(ARTICLES)], database, validate=False)

    assert (summary.loaded, summary.unchanged) == (0, 5)
    conn = duckdb.connect(str(database), read_only=True)
    try:
        columns = {row[0] for row in conn.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' and table_name = 'articles'"
        ).fetchall()}
        texts_after = dict(conn.execute("select content_hash, text from raw.article_texts").fetchall())
    finally:
        conn.close()
    assert "text" not in columns
    assert texts_after == texts_before and len(texts_after) == 5


def test_files_of_a_folder_new_to_the_warehouse_are_not_looked_up(database, article_folder, monkeypatch):
    import clusterfacts.load.loading as loading

    looked_up: list[str] = []
    known_files = loading._known_files
    monkeypatch.setattr(loading, "_known_files", lambda conn, paths: looked_up.extend(paths) or known_files(conn, paths))
    one = article_folder / "000_63fa5289a803b129.txt"
    assert load([str(one)], database).loaded == 1
    assert looked_up == [str(one)], "a file named on its own is looked up"
    looked_up.clear()
    summary = load([str(article_folder)], database)
    assert (summary.loaded, summary.unchanged) == (4, 1), "the folder holds a known file: its files are looked up"
    assert len(looked_up) == 5
    other = article_folder.parent / "other"
    other.mkdir()
    (other / "new.txt").write_text("Minhang's biomedicine output reached 5 billion yuan in 2024.\n")
    looked_up.clear()
    assert load([str(other) + "/"], database).loaded == 1
    assert looked_up == [], "no file of a folder new to the warehouse is looked up"
    looked_up.clear()
    assert load([str(other)], database).unchanged == 1
    assert looked_up == [str(other / "new.txt")]
