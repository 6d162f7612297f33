"""Counts in lists and stock phrases, shared percent signs, and numbers that count nothing. One rule a test."""

import pytest
from conftest import quantities_in


def found(text: str) -> list[tuple[str, str, float, str]]:
    return [(text[q.start:q.end], q.kind, q.value, q.unit) for q in quantities_in(text)]


def test_each_count_of_a_list_counts_its_own_noun():
    text = "The park hosts no less than 150 chip firms, 300 software companies and over 1,000 startups."
    assert found(text) == [("no less than 150", "count", 150, "firm"), ("300", "count", 300, "company"),
                           ("over 1,000", "count", 1000, "startup")]


@pytest.mark.parametrize("text, span, value", [
    ("Sixty-nine companies joined.", "Sixty-nine", 69),
    ("It has 2,000-plus suppliers.", "2,000-plus", 2000),
    ("There will be one to two testing institutions.", "one to two", 1),
])
def test_stock_phrases_count(text, span, value):
    assert [(s, v) for s, _, v, _ in found(text)] == [(span, value)]


@pytest.mark.parametrize("text", [
    "Call 0551-65179860 for details.",
    "Published 2025-07-28\nShanghai grows.",
    "Output rose sharply [1] as firms joined [2].",
    "It cut emissions by 6 billion tons.",
])
def test_numbers_that_count_nothing_are_no_facts(text):
    assert found(text) == []


def test_a_number_in_a_list_name_is_no_count():
    assert found("It hosts 18 Fortune Global 500 investors.") == [("18", "count", 18, "investor")]


def test_numbers_listed_before_a_percent_sign_share_it_and_its_fall():
    text = "Sales saw decreases of 8 and 10.5 percent, accounting for 71.3 and 53.9 percent of the total."
    assert found(text) == [("8", "percent", -8, "percent"), ("10.5 percent", "percent", -10.5, "percent"),
                           ("71.3", "percent", 71.3, "percent"), ("53.9 percent", "percent", 53.9, "percent")]


def test_a_range_keeps_its_one_percent_sign():
    assert found("Growth of between 5 and 8 percent.") == [("between 5 and 8 percent", "percent", 5, "percent")]


@pytest.mark.parametrize("text, unit", [
    ("There are 12 hydrogen refueling stations.", "hydrogen refueling station"),
    ("It sold 3,000 new energy vehicles.", "new energy vehicle"),
    ("It created 5,000 job opportunities.", "job opportunity"),
    ("The city has 40 leading companies.", "company"),
])
def test_a_counted_noun_keeps_the_longest_compound_the_seeds_name(text, unit):
    assert [u for _, kind, _, u in found(text) if kind == "count"] == [unit]
