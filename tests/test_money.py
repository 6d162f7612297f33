"""Money in any currency, from CLDR's names, codes and symbols; falls; fractions of a scale. One rule a test."""

import csv
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, quantities_in


def only(text: str):
    found = quantities_in(text)
    assert len(found) == 1, [(text[q.start:q.end], q.kind) for q in found]
    return found[0]


def test_the_committed_currency_seed_is_what_the_script_builds():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "build_currencies.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("text, value, unit", [
    ("It raised 50 million pounds.", 5e7, "GBP"),
    ("It paid £5 million.", 5e6, "GBP"),
    ("It cost 3 billion yen.", 3e9, "JPY"),
    ("They spent GBP 350 on it.", 350, "GBP"),
    ("A EUR1bn deal.", 1e9, "EUR"),
    ("It sold for 7 Swiss francs.", 7, "CHF"),
    ("A ₩300 billion plant.", 3e11, "KRW"),
    ("A C$40 million grant.", 4e7, "CAD"),
    ("A Mex$3 million loan.", 3e6, "MXN"),
    ("A S$12 million fund.", 1.2e7, "SGD"),
    ("Only 50 cents a unit.", 0.5, "USD"),
    ("It costs 30 pence.", 0.3, "GBP"),
    ("Just 2 fen each.", 0.02, "CNY"),
    ("A fee of half a million usd.", 5e5, "USD"),
    ("Worth a quarter million dollars.", 2.5e5, "USD"),
    ("A ¥3 billion fund.", 3e9, "CNY"),
    ("GDP of about 140.8 billion U.S. dollars.", 1.408e11, "USD"),
])
def test_a_currency_of_any_kind_is_money(text, value, unit):
    quantity = only(text)
    assert (quantity.kind, quantity.value, quantity.unit) == ("money", pytest.approx(value), unit)


def test_a_currency_word_after_an_amount_is_never_a_counted_noun():
    assert only("The fund has 50 million pounds.").kind == "money"


def test_each_amount_takes_its_own_currency():
    assert [q.unit for q in quantities_in("Sales were 10 rmb and 20 usd.")] == ["CNY", "USD"]


@pytest.mark.parametrize("text", ["The TOP 50 companies met.", "It made the TOP100 list.", "ALL 3 firms grew."])
def test_a_code_that_is_a_word_is_no_currency_before_a_counted_noun_or_on_digits(text):
    assert all(q.kind != "money" for q in quantities_in(text))


@pytest.mark.parametrize("text, value", [
    ("Output was down 6.3 percent year on year.", -6.3),
    ("Sales decreased by 35 percent.", -35),
    ("It saw a 4 percent drop.", -4),
    ("Exports rose 5 percent.", 5),
    ("The share fell to 20 percent.", 20),
])
def test_a_fall_is_negative(text, value):
    assert only(text).value == pytest.approx(value)


def test_a_year_followed_by_the_next_amount_is_not_a_range():
    found = quantities_in("It surged from 240.8 billion yuan in 2020 to 410 billion yuan in 2024.")
    assert [q.value for q in found] == [2.408e11, 4.1e11]


def _cldr_aliases() -> list[tuple[str, str, str]]:
    with open(REPO / "seeds" / "currency_aliases.csv", encoding="utf-8", newline="") as handle:
        return [(r["alias"], r["currency_code"], r["position"]) for r in csv.DictReader(handle)
                if r["unit_factor"] == "1" and r["case_sensitive"] == "false"]


CODES = sorted({code for _, code, _ in _cldr_aliases()})
NAMES = [(alias, code) for alias, code, position in _cldr_aliases() if position == "after"
         and alias.replace(" ", "").isalpha()]


@settings(max_examples=200, deadline=None)
@given(code=st.sampled_from(CODES), whole=st.integers(1, 999_999), cents=st.integers(0, 99),
       before=st.booleans())
def test_any_iso_code_with_an_amount_is_that_currency_and_amount(code, whole, cents, before):
    amount = f"{whole:,}.{cents:02d}"
    text = f"The deal was {code} {amount} in all." if before else f"The deal was {amount} {code} in all."
    quantity = only(text)
    assert (quantity.kind, quantity.unit, quantity.value) == ("money", code, pytest.approx(whole + cents / 100))


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(NAMES), whole=st.integers(1, 999), scale=st.sampled_from(["", " million", " billion"]))
def test_any_cldr_name_after_an_amount_is_that_currency_and_amount(name, whole, scale):
    alias, code = name
    text = f"It was valued at {whole}{scale} {alias.title()} last year."
    quantity = only(text)
    multiplier = {"": 1, " million": 1e6, " billion": 1e9}[scale]
    assert (quantity.kind, quantity.unit, quantity.value) == ("money", code, pytest.approx(whole * multiplier))
