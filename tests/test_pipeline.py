"""One path for an article: `clusterfacts extract` and `clusterfacts load` read a file the same way."""

import dataclasses
import json
import time

import duckdb
import pytest

from clusterfacts import config

from clusterfacts.extract import pipeline
from clusterfacts.cli import main
from clusterfacts.records import Rejection
from clusterfacts.load.loading import load
from clusterfacts.extract.pipeline import Analysed, analyse

SETTINGS = config.settings()

HTML_PAGE = """<!doctype html>
<html><head><title>Minhang biomedicine grows</title><style>p { color: red }</style></head>
<body><nav>Home | News</nav>
<article><h1>Minhang biomedicine grows</h1>
<p>Minhang District has more than 600 biomedicine companies, and their output reached
12 billion yuan in 2024, up 8 percent.</p></article>
</body></html>
"""


@pytest.mark.parametrize("name, content", [
    ("page.txt", HTML_PAGE),
    ("plain.txt", "Wuxi news\nWuxi has more than 2,000 IoT companies.\n"),
    ("invisible.txt", "Wuxi news\n\u200bWuxi has more than 2\u200b500 IoT companies.\n"),
])
def test_extract_and_load_give_the_same_offsets_spans_and_ids(tmp_path, capsys, name, content):
    folder = tmp_path / "articles"
    folder.mkdir()
    path = folder / name
    path.write_text(content, encoding="utf-8")

    assert main(["extract", str(path)]) == 0
    extracted = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert extracted, "the page has facts"

    database = tmp_path / "w.duckdb"
    load([str(folder)], database)
    conn = duckdb.connect(str(database), read_only=True)
    try:
        loaded = conn.execute("select fact_id, char_start, char_end, span from raw.facts order by char_start").fetchall()
    finally:
        conn.close()

    assert [(f["char_start"], f["char_end"], f["span"]) for f in extracted] == [row[1:] for row in loaded]
    analysed = analyse(str(path), path.read_bytes())
    assert isinstance(analysed, Analysed)
    assert sorted(f.fact_id for f in analysed.facts) == sorted(row[0] for row in loaded)
    text = analysed.article.text
    assert all(text[f["char_start"]:f["char_end"]] == f["span"] for f in extracted)


def test_an_html_page_is_read_as_its_visible_text_by_extract_too(tmp_path, capsys):
    path = tmp_path / "page.txt"
    path.write_text(HTML_PAGE, encoding="utf-8")
    main(["extract", str(path)])
    spans = [json.loads(line)["span"] for line in capsys.readouterr().out.splitlines()]
    assert "more than 600" in spans and "12 billion yuan" in spans
    assert not any("color" in span for span in spans)


def test_extract_prints_valid_json_lines_whatever_the_numbers(tmp_path, capsys):
    path = tmp_path / "absurd.txt"
    path.write_text("Absurd\n\nSales of " + "9" * 400 + " yuan, 3 billion billion yuan, and "
                    + "1" + " billion" * 500 + " dollars; Hefei has 80 firms.\n", encoding="utf-8")
    main(["extract", str(path)])
    lines = capsys.readouterr().out.splitlines()
    facts = [json.loads(line, parse_constant=lambda name: pytest.fail(f"{name} is not JSON")) for line in lines]
    assert [fact["span"] for fact in facts] == ["80"]


def dense_text(megabytes: float) -> str:
    """News words and numbers without a full stop: the hardest text for the extractor, per byte."""
    words = "Wuxi has 2,500 IoT companies and 12 billion yuan of output, up 8 percent by 2025 in Jiangsu".split()
    return "Dense\n\n" + " ".join(words[i % len(words)] for i in range(int(megabytes * 1e6 / 6)))


def test_an_article_past_its_time_limit_is_rejected_as_too_slow():
    started = time.perf_counter()
    result = analyse("dense.txt", dense_text(2).encode(), seconds=0.3)
    assert isinstance(result, Rejection) and result.reason == "too_slow"
    assert result.detail == "too slow to extract: gave up after 0.3 s"
    assert time.perf_counter() - started < 10  # it stopped, rather than reading on to the end


def test_a_slow_article_is_rejected_and_the_load_goes_on(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a_dense.txt").write_text(dense_text(2), encoding="utf-8")
    (folder / "b_plain.txt").write_text("Wuxi news\n\nWuxi has more than 2,000 IoT companies.\n", encoding="utf-8")
    monkeypatch.setattr(config, "settings", lambda: dataclasses.replace(SETTINGS, extract_seconds=0.3))
    monkeypatch.setattr(pipeline, "settings", config.settings)
    summary = load([str(folder)], tmp_path / "w.duckdb", validate=False, workers=1)
    assert summary.loaded == 1 and summary.rejected == 1
    assert [(path.rsplit("/", 1)[-1], reason) for path, reason, _ in summary.rejections] == [("a_dense.txt", "too_slow")]
