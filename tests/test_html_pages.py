"""Scraped HTML pages: the article's main content, headline and markup date, the same through
`extract` and `load`; page furniture ("Most read", navigation, footers) is no source of facts,
and .html files in a folder are articles."""

import datetime as dt
import json

import duckdb
import pytest

from clusterfacts.cli import main
from clusterfacts.extract.html_text import read_page
from clusterfacts.load.loading import load
from clusterfacts.extract.pipeline import Analysed, analyse

PAGE = """<!DOCTYPE html>
<html><head><title>Wuxi's IoT cluster keeps growing</title>
<meta name="viewport" content="width=device-width"></head>
<body>
<nav><a href="/">Home</a> | <a href="/business">Business</a> | 24 sections</nav>
<article>
<h1>Wuxi's IoT cluster keeps growing</h1>
<time datetime="2024-03-05T09:00:00+08:00">March 5, 2024</time>
<p>Wuxi, in Jiangsu province, has more than 2,000 IoT companies, officials said on Tuesday.
The cluster's output reached 400 billion yuan last year, up 12 percent.</p>
<p>The city plans to raise the output to 600 billion yuan by 2026.</p>
</article>
<aside><h3>Most read</h3><ul>
<li>Chengdu has 500 AI companies</li><li>Hefei sold 700,000 new energy vehicles</li></ul></aside>
<footer>Copyright 2025 City News. 12 offices worldwide.</footer>
</body></html>
"""


def facts_of(name: str, html: str) -> list[dict]:
    analysed = analyse(name, html.encode())
    assert isinstance(analysed, Analysed)
    return analysed.facts


def test_page_furniture_is_no_source_of_facts():
    spans = [fact.span for fact in facts_of("page.html", PAGE)]
    assert "more than 2,000" in spans and "400 billion yuan" in spans and "600 billion yuan" in spans
    assert not {"500", "700,000", "12", "24"} & set(spans), spans


def test_the_markup_date_is_the_articles_date_and_dates_its_facts():
    analysed = analyse("page.html", PAGE.encode())
    assert isinstance(analysed, Analysed)
    article = analysed.article
    assert article.published_date == dt.date(2024, 3, 5)
    assert article.published_date_source == "page markup" and article.published_date_start is None
    assert article.title == "Wuxi's IoT cluster keeps growing"
    output = next(fact for fact in analysed.facts if fact.span == "400 billion yuan")
    assert output.year == 2023  # "last year" of a page dated 2024


def test_a_copyright_year_is_no_date():
    page = read_page(PAGE.replace('<time datetime="2024-03-05T09:00:00+08:00">March 5, 2024</time>', ""))
    assert page.date is None


@pytest.mark.parametrize("html, reader", [
    ("<html><body><footer>Minhang has 600 firms</footer></body></html>", "visible text"),
    (PAGE, "main content"),
])
def test_a_page_without_main_content_keeps_its_visible_text(html, reader):
    page = read_page(html)
    assert page.reader == reader and "600" in page.text


def test_html_files_in_a_folder_are_loaded_and_read_as_extract_reads_them(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "wuxi.html").write_text(PAGE, encoding="utf-8")
    (folder / "hefei.htm").write_text(PAGE.replace("Wuxi", "Hefei"), encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    database = tmp_path / "w.duckdb"
    summary = load([str(folder)], database, validate=False)
    assert (summary.seen, summary.loaded, summary.rejected) == (2, 2, 0)

    assert main(["extract", str(folder / "wuxi.html")]) == 0
    extracted = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    conn = duckdb.connect(str(database), read_only=True)
    try:
        landed = conn.execute("""
            select facts.char_start, facts.char_end, facts.span from raw.facts as facts
            inner join raw.articles as articles on facts.content_hash = articles.content_hash
            where articles.file_name = 'wuxi.html' order by facts.char_start""").fetchall()
        encoding, date = conn.execute(
            "select encoding, published_date from raw.articles where file_name = 'wuxi.html'").fetchall()[0]
    finally:
        conn.close()
    assert [(f["char_start"], f["char_end"], f["span"]) for f in extracted] == landed
    assert encoding.endswith("html (main content)") and date == dt.date(2024, 3, 5)
