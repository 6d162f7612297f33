"""Extraction cost grows with a document's length, not its square: a long plan reads like its parts."""

import time

from clusterfacts.extract.pipeline import analyse
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


def _ratio(make, small: int, times: int = 4) -> tuple[float, float]:
    short = _seconds([make(small).encode()])
    long = _seconds([make(small * times).encode()])
    return short, long


def test_many_figures_in_one_clause_cost_what_they_would_apart():
    """15 percent of ..., 15 percent of ...: each figure is read within a bounded stretch of its clause."""
    short, long = _ratio(lambda n: "Shares\n\nThe share is " + ", ".join(["15 percent of output"] * n) + ".\n", 1000)
    assert long <= 4 * 2.0 * short, f"4x the figures in one clause: {long:.3f} s; 1x: {short:.3f} s"


def test_a_dense_text_without_full_stops_costs_in_proportion_to_its_length():
    """Names of places shared by two provinces, years, targets and numbers in one run-on text."""
    words = ("Taizhou has 2,500 IoT firms and 12 billion yuan of output in Jiangsu , up 8 percent by 2025 "
             "while Suzhou in Zhejiang will reach 30 percent and the zone 40 companies in 2023").split()

    def dense(n: int) -> str:
        return "Dense\n\n" + " ".join(words[i % len(words)] for i in range(n))

    short, long = _ratio(dense, 15_000)
    assert long <= 4 * 2.0 * short, f"4x the text: {long:.3f} s; 1x: {short:.3f} s"
