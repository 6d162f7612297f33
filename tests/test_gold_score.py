"""The extractor scored against hand-annotated gold, held to floors that only rise.

The sample's gold lives in the repository (data/gold/, the FACTS.md annotation of
data/articles/) with its scorer (scripts/score_facts.py), so this runs anywhere.
The development set of real articles lives in ../shared/devset when the repo sits
beside shared/; without it those cases skip, saying what is missing.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ARTICLES, BIN, REPO, SHARED

FLOORS_FILE = REPO / "tests" / "score_floors.json"
SCORER = REPO / "scripts" / "score_facts.py"
SETS = {
    "sample": (ARTICLES, REPO / "data" / "gold"),
    "devset": (SHARED / "devset" / "corpus", SHARED / "devset" / "gold"),
}
ATTRIBUTES = ["qualifier", "unit", "metric", "geography", "cluster", "year", "is_target", "target_year"]


def score(corpus: Path, gold: Path) -> dict:
    result = subprocess.run(
        [sys.executable, str(SCORER), "--corpus", str(corpus), "--gold", str(gold),
         "--cmd", f"{BIN / 'clusterfacts'} extract", "--json"],
        capture_output=True, text=True, check=True)
    return json.loads(result.stdout.splitlines()[0])


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request) -> tuple[str, dict]:
    corpus, gold = SETS[request.param]
    if not gold.is_dir() or not corpus.is_dir():
        pytest.skip(f"{request.param}: {gold} is missing (the devset comes with shared/ beside the repo)")
    return request.param, score(corpus, gold)


def floors() -> dict:
    return json.loads(FLOORS_FILE.read_text())


def test_overall_f1_is_at_its_floor(scored):
    name, report = scored
    assert not report["warnings"], report["warnings"]
    assert report["F1"] >= floors()[name]["f1"]


@pytest.mark.parametrize("kind", ["money", "percent", "count", "area"])
def test_each_kind_is_at_its_floor(scored, kind):
    name, report = scored
    assert report["per_kind"][kind]["f1"] >= floors()[name]["per_kind_f1"][kind]


@pytest.mark.parametrize("attribute", ATTRIBUTES)
def test_each_attribute_is_at_its_floor(scored, attribute):
    name, report = scored
    assert report["attributes"][attribute]["accuracy"] >= floors()[name]["attribute_accuracy"][attribute]


@pytest.mark.parametrize("attribute", ATTRIBUTES)
def test_each_attribute_is_wrong_no_more_often_than_its_ceiling(scored, attribute):
    """A wrong value is worse than a null: how often a value set is wrong only falls."""
    name, report = scored
    wrong = report["attributes"][attribute]["wrong_rate"] or 0.0
    assert wrong <= floors()[name]["wrong_rate_ceiling"][attribute]


def test_floors_never_go_down():
    committed = subprocess.run(["git", "show", "HEAD:tests/score_floors.json"], cwd=REPO,
                               capture_output=True, text=True)
    if committed.returncode != 0:
        pytest.skip("no committed floors to compare with (not a git checkout, or the first commit of the floors)")
    before, now = json.loads(committed.stdout), floors()
    for name, set_floors in before.items():
        if name.startswith("_") or name not in now:
            continue
        assert now[name]["f1"] >= set_floors["f1"], f"{name}: f1 floor lowered"
        for group in ("per_kind_f1", "attribute_accuracy"):
            for key, value in set_floors[group].items():
                assert now[name][group][key] >= value, f"{name}: floor {group}.{key} lowered from {value}"
        for key, value in set_floors.get("wrong_rate_ceiling", {}).items():
            assert now[name]["wrong_rate_ceiling"][key] <= value, f"{name}: ceiling wrong_rate.{key} raised"
