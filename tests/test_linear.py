"""Extraction cost grows with a document's length, not its square: a long plan reads like its parts."""

import time

from clusterfacts.pipeline import analyse
from conftest import read_article

COPIES = 16


def _seconds(data: list[bytes]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for item in data:
            analyse("x.txt", item)
        best = min(best, time.perf_counter() - started)
    return best


def test_a_document_of_n_copies_costs_about_n_single_documents():
    """A ratio measured in one process, not a time limit: the machine's speed cancels out. make bench
    prints the ratio for a 1.6 MB document (target 1.4); this bound only has to catch a square."""
    text = read_article("000_63fa5289a803b129.txt")
    single = _seconds([text.encode()] * COPIES)
    joined = _seconds([("\n\n".join([text] * COPIES)).encode()])
    assert joined <= 2.0 * single, f"{COPIES} copies in one document: {joined:.3f} s; apart: {single:.3f} s"
