"""`make docs`: dbt's documentation as one self-contained page, and the exposures in its lineage."""

import re

from conftest import run_dbt


def test_the_static_docs_page_stands_alone_and_shows_who_reads_the_marts(sample_warehouse, tmp_path):
    target = tmp_path / "target"
    run_dbt(["docs", "generate", "--static"], sample_warehouse, target_dir=target)
    page = (target / "static_index.html").read_text(encoding="utf-8")
    # everything inline: nothing to fetch, so it opens from file:// on a machine without internet
    assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)=[\"']https?:", page)
    assert "rpt_cluster_scorecard" in page and "exposure.clusterfacts.mart_exports" in page

    listed = run_dbt(["ls", "--resource-type", "exposure", "--quiet"], sample_warehouse, target_dir=target).stdout
    assert set(listed.split()) == {"exposure:clusterfacts.mart_exports", "exposure:clusterfacts.example_queries",
                                   "exposure:clusterfacts.report"}
