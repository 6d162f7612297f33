"""The extractor scored against the hand-annotated gold of ../shared, held to floors that only rise."""

import json
import subprocess
import sys

import pytest

from conftest import BIN, REPO, SHARED

FLOORS_FILE = REPO / "tests" / "score_floors.json"
SCORER = SHARED / "tools" / "score_facts.py"


@pytest.fixture(scope="module")
def report() -> dict:
    assert SCORER.exists(), f"the scorer is missing: {SCORER} (shared/ must sit beside the repo)"
    result = subprocess.run(
        [sys.executable, str(SCORER), "--corpus", str(SHARED / "corpus"), "--gold", str(SHARED / "gold"),
         "--cmd", f"{BIN / 'clusterfacts'} extract", "--json"],
        capture_output=True, text=True, check=True)
    return json.loads(result.stdout.splitlines()[0])


def floors() -> dict:
    return json.loads(FLOORS_FILE.read_text())


def test_overall_f1_is_at_its_floor(report):
    assert not report["warnings"], report["warnings"]
    assert report["F1"] >= floors()["f1"]


@pytest.mark.parametrize("kind", ["money", "percent", "count", "area"])
def test_each_kind_is_at_its_floor(report, kind):
    assert report["per_kind"][kind]["f1"] >= floors()["per_kind_f1"][kind]


@pytest.mark.parametrize("attribute", ["qualifier", "unit", "metric", "geography", "cluster", "year",
                                       "is_target", "target_year"])
def test_each_attribute_is_at_its_floor(report, attribute):
    assert report["attributes"][attribute]["accuracy"] >= floors()["attribute_accuracy"][attribute]


def test_floors_never_go_down():
    committed = subprocess.run(["git", "show", "HEAD:tests/score_floors.json"], cwd=REPO,
                               capture_output=True, text=True)
    if committed.returncode != 0:
        return  # first commit of the floors: nothing to compare with
    before, now = json.loads(committed.stdout), floors()
    assert now["f1"] >= before["f1"]
    for group in ("per_kind_f1", "attribute_accuracy"):
        for name, value in before[group].items():
            assert now[group][name] >= value, f"floor {group}.{name} lowered from {value} to {now[group][name]}"
