"""The rows each file lands as are those of the committed baseline (scripts/row_baseline.py).

A refactoring of the extractor or the loader's records must keep every article, fact and
mention row as it was; a change meant to change facts rewrites the baseline in its commit.
"""

import json
import sys

import pytest

from conftest import REPO, SHARED

sys.path.insert(0, str(REPO / "scripts"))
import row_baseline  # noqa: E402

EXPECTED = json.loads(row_baseline.BASELINE.read_text(encoding="utf-8"))
CASES = list(row_baseline.cases())


@pytest.mark.parametrize(("name", "data"), CASES, ids=[name for name, _ in CASES])
def test_a_file_gives_the_rows_of_the_baseline(name, data):
    assert row_baseline.digest(name, data) == EXPECTED[name], (
        f"{name} lands other rows than the baseline: if the change means to change facts, "
        "run `python scripts/row_baseline.py --write` and say so in the commit")


def test_the_baseline_covers_every_set():
    names = {name.split("/")[0] for name in EXPECTED}
    assert names == {"sample", "mutated", "synthetic", "devset"}
    if not (SHARED / "devset" / "corpus").is_dir():
        pytest.skip(f"{SHARED / 'devset' / 'corpus'} is missing: the devset's {sum(n.startswith('devset/') for n in EXPECTED)} "
                    "digests are not checked")
    assert sorted(name for name, _ in CASES) == sorted(EXPECTED)
