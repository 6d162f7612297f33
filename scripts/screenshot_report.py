"""Screenshots of the report for the README, taken in headless Chromium as the browser test opens it.

    .venv/bin/python scripts/screenshot_report.py warehouse/report docs/img

writes DIR/report.png (the top of the page: checks and the scorecard) and DIR/report_charts.png
(the charts of targets by due year and facts per cluster and place).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_report_browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (one way to start the browser)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the report's folder (clusterfacts report writes it)")
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    args = parser.parse_args()
    index = args.site / "index.html"
    if not index.exists():
        parser.error(f"{index} does not exist: run `make report` first")
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1100}, device_scale_factor=1)
        page.goto(index.resolve().as_uri())
        page.screenshot(path=str(args.out / "report.png"))
        first, last = page.locator("figure").first.bounding_box(), page.locator("figure").nth(1).bounding_box()
        top = first["y"] - 60
        page.screenshot(path=str(args.out / "report_charts.png"), full_page=True,
                        clip={"x": 0, "y": top, "width": 1200, "height": last["y"] + last["height"] - top + 10})
        browser.close()
    print(f"wrote {args.out / 'report.png'} and {args.out / 'report_charts.png'}")


if __name__ == "__main__":
    main()
