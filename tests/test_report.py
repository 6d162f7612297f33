"""`clusterfacts report`: a static site of the marts whose every figure links to the words
that state it, and which opens from file:// without fetching anything."""

import re
from html.parser import HTMLParser

from conftest import clusterfacts


class Page(HTMLParser):
    """The links, ids and external resources of a page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.external: list[str] = []
        self.marks: dict[str, str] = {}
        self._mark: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        for name in ("src", "href"):
            if tag != "a" and re.match(r"https?:", attributes.get(name) or ""):
                self.external.append(attributes[name])
        if tag == "mark":
            self._mark = attributes.get("id")
            self.marks[self._mark] = ""

    def handle_endtag(self, tag):
        if tag == "mark":
            self._mark = None

    def handle_data(self, data):
        if self._mark:
            self.marks[self._mark] += data


def test_every_figure_links_to_the_words_that_state_it(sample_warehouse, tmp_path):
    site = tmp_path / "site"
    result = clusterfacts("report", str(site), "--database", str(sample_warehouse))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("clusterfacts report: ") and "article pages" in result.stdout
    index_text = (site / "index.html").read_text(encoding="utf-8")
    index = Page(index_text)
    assert index.external == []
    for heading in ("Latest figure and target, per cluster and place", "Targets by the year they are due",
                    "Facts per cluster and place", "Figures over the years", "Tests and checks"):
        assert heading in index_text
    assert "more than 600 company" in index_text and "around 80 billion yuan" in index_text

    fact_links = [link for link in index.links if "#fact-" in link]
    assert len(fact_links) > 20
    for link in fact_links:
        path, anchor = link.split("#")
        article = Page((site / path).read_text(encoding="utf-8"))
        assert anchor in article.ids and article.external == [], link
    minhang = next(link for link in fact_links if ">more than 600 company<" in index_text.split(link, 1)[1][:40])
    path, anchor = minhang.split("#")
    assert Page((site / path).read_text(encoding="utf-8")).marks[anchor] == "over 600"


def test_a_warehouse_never_built_is_refused_in_one_line(unbuilt_warehouse, tmp_path):
    database = unbuilt_warehouse
    result = clusterfacts("report", str(tmp_path / "site"), "--database", str(database))
    assert result.returncode == 2 and result.stderr.strip().splitlines() == [
        f"clusterfacts report: the warehouse {database} has no marts: run `clusterfacts build` first"]
    assert not (tmp_path / "site").exists()
