"""The report as an analyst sees it: opened from file:// in headless Chromium, offline.

Playwright drives Debian's Chromium (/usr/bin/chromium; `make test` installs the package
when it is missing, see the Makefile's `browser` target). Playwright's own browser downloads
are never used: the executable is given.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import clusterfacts

CHROMIUM = os.environ.get("CLUSTERFACTS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# as the machine's own probe starts it: no sandbox as root, and no background connections,
# which this machine's closed network would refuse
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(sample_warehouse, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    result = clusterfacts("report", str(folder), "--database", str(sample_warehouse))
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), (
        f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium package when it runs as root; "
        "otherwise install it (apt-get install chromium) or set CLUSTERFACTS_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_the_report_opens_offline_and_shows_its_figures_and_charts(site, browser, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    page = context.new_page()
    requests, failed = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failed.append(f"{request.url}: {request.failure}"))
    page.goto((site / "index.html").as_uri())
    page.wait_for_load_state("load")
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)

    assert failed == []
    assert requests and all(url.startswith("file://") for url in requests), requests
    assert shot.stat().st_size > 50_000
    # Minhang's biomedicine cluster, and the low-altitude economy's 2028 target, as a reader sees them
    minhang = page.locator("tr", has_text="Biomedicine").filter(has_text="Minhang").filter(has_text="enterprise_count")
    assert minhang.first.is_visible() and "more than 600 company" in minhang.first.inner_text()
    low_altitude = page.locator("tr", has_text="Low-altitude economy").filter(has_text="about 80 billion CNY")
    assert low_altitude.first.is_visible() and "by 2028" in low_altitude.first.inner_text()

    charts = page.locator("svg.chart")
    assert charts.count() >= 2
    for index in range(charts.count()):
        chart = charts.nth(index)
        marks = chart.locator(".mark")
        assert marks.count() > 0, chart.get_attribute("aria-label")
        boxes = [marks.nth(i).bounding_box() for i in range(marks.count())]
        assert all(box and box["width"] > 0 and box["height"] > 0 for box in boxes), chart.get_attribute("aria-label")
    targets = page.locator('svg.chart[aria-label="Targets by due year"] .mark title').all_text_contents()
    assert "2028: 1" in targets

    # a figure's link lands on its words in the article's page
    page.locator("tr", has_text="Minhang").get_by_text("more than 600 company").first.click()
    page.wait_for_load_state("load")
    assert page.locator("mark:target").inner_text() == "over 600"
    assert failed == []
    context.close()
