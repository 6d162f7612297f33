"""The number grammar, one case per phrase shape, and properties over free text."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterfacts.extract.quantities import singular
from conftest import quantities_in


def only(text):
    found = quantities_in(text)
    assert len(found) == 1, [(text[q.start:q.end], q.kind) for q in found]
    q = found[0]
    return text[q.start:q.end], q


# (text, span, kind, value, value_max, qualifier, unit)
CASES = [
    # money: scale words, currencies before and after, hyphenated scales
    ("output reached 120 billion yuan in 2024", "120 billion yuan", "money", 1.2e11, None, "exact", "CNY"),
    ("a scale exceeding 1.8 trillion yuan", "exceeding 1.8 trillion yuan", "money", 1.8e12, None, "more_than", "CNY"),
    ("Behind the 1.1 trillion-yuan scale lies", "1.1 trillion-yuan", "money", 1.1e12, None, "exact", "CNY"),
    ("raised US$250 million last year", "US$250 million", "money", 2.5e8, None, "exact", "USD"),
    ("a fund of RMB 5 billion", "RMB 5 billion", "money", 5e9, None, "exact", "CNY"),
    ("a fund of 5 billion RMB", "5 billion RMB", "money", 5e9, None, "exact", "CNY"),
    ("sales of ¥300 million", "¥300 million", "money", 3e8, None, "exact", "CNY"),
    ("worth $2.5bn", "$2.5bn", "money", 2.5e9, None, "exact", "USD"),
    ("an order of 40 million US dollars", "40 million US dollars", "money", 4e7, None, "exact", "USD"),
    ("a deal of USD 12 million", "USD 12 million", "money", 1.2e7, None, "exact", "USD"),
    ("revenue of 3,500,000 yuan", "3,500,000 yuan", "money", 3.5e6, None, "exact", "CNY"),
    ("surpassed one trillion yuan in output", "surpassed one trillion yuan", "money", 1e12, None, "more_than", "CNY"),
    ("between 5 and 8 billion yuan", "between 5 and 8 billion yuan", "money", 5e9, 8e9, "range", "CNY"),
    ("5-8 billion yuan of new projects", "5-8 billion yuan", "money", 5e9, 8e9, "range", "CNY"),
    # scale labels: an amount without a number
    ("striving to reach the trillion-yuan level", "trillion-yuan level", "money", 1e12, None, "approximate", "CNY"),
    ("has crossed the trillion-yuan threshold", "crossed the trillion-yuan threshold", "money", 1e12, None,
     "more_than", "CNY"),
    # percent
    ("around 15 percent of Shanghai's output", "around 15 percent", "percent", 15, None, "approximate", "percent"),
    ("a 25% share of the national total", "25%", "percent", 25, None, "exact", "percent"),
    ("grew 7.5 per cent", "7.5 per cent", "percent", 7.5, None, "exact", "percent"),
    ("rose 2 percentage points", "2 percentage points", "percent", 2, None, "exact", "percentage point"),
    ("20-30 percent of output", "20-30 percent", "percent", 20, 30, "range", "percent"),
    ("over half of China's leading eVTOL companies", "over half", "percent", 50, None, "more_than", "percent"),
    ("nearly one-third of the city's output", "nearly one-third", "percent", 100 / 3, None, "approximate", "percent"),
    ("no more than 5 percent", "no more than 5 percent", "percent", 5, None, "at_most", "percent"),
    ("at least 40 percent", "at least 40 percent", "percent", 40, None, "at_least", "percent"),
    ("less than 3 percent", "less than 3 percent", "percent", 3, None, "less_than", "percent"),
    # area
    ("operates a 6,500-square-meter testing facility", "6,500-square-meter", "area", 6500, None, "exact", "m2"),
    ("a 200 sq m clinic", "200 sq m", "area", 200, None, "exact", "m2"),
    ("covers 3.5 square kilometers", "3.5 square kilometers", "area", 3.5e6, None, "exact", "m2"),
    ("a park of 120 hectares", "120 hectares", "area", 1.2e6, None, "exact", "m2"),
    ("land of 300 mu", "300 mu", "area", 300 * 10_000 / 15, None, "exact", "m2"),  # 1 mu is 1/15 ha
    ("a 5,000 m2 plant", "5,000 m2", "area", 5000, None, "exact", "m2"),
    # counts: digits, words, scale words, modifiers, quotes, compounds
    ("hosting over 600 companies", "over 600", "count", 600, None, "more_than", "company"),
    ("2,914 innovative SMEs", "2,914", "count", 2914, None, "exact", "sme"),
    ("117 national \"little giant\" enterprises", "117", "count", 117, None, "exact", "enterprise"),
    ("sold over 4 billion doses of vaccine", "over 4 billion", "count", 4e9, None, "more_than", "dose"),
    ("orders exceeding one thousand units", "exceeding one thousand", "count", 1000, None, "more_than", "unit"),
    ("each exceeding ten million units", "exceeding ten million", "count", 1e7, None, "more_than", "unit"),
    ("three policy documents were issued", "three", "count", 3, None, "exact", "policy document"),
    ("the city's five major new industrial growth points", "five", "count", 5, None, "exact", "growth point"),
    ("grown from 10 key industrial chains", "10", "count", 10, None, "exact", "industrial chain"),
    ("nearly 200 related upstream and downstream enterprises", "nearly 200", "count", 200, None, "approximate",
     "enterprise"),
    ("more than 20 domestically developed Class 1 innovative drugs", "more than 20", "count", 20, None,
     "more_than", "drug"),
    ("11 key industries", "11", "count", 11, None, "exact", "industry"),
    ("twenty-five new factories", "twenty-five", "count", 25, None, "exact", "factory"),
    ("a 600-plus companies cluster", "600-plus", "count", 600, None, "more_than", "company"),
]


@pytest.mark.parametrize("text, span, kind, value, value_max, qualifier, unit", CASES, ids=[c[1] for c in CASES])
def test_phrase_shapes(text, span, kind, value, value_max, qualifier, unit):
    got_span, q = only(text)
    assert got_span == span
    assert (q.kind, q.qualifier, q.unit) == (kind, qualifier, unit)
    assert q.value == pytest.approx(value)
    assert (q.value_max is None) == (value_max is None)
    if value_max is not None:
        assert q.value_max == pytest.approx(value_max)


NOT_FACTS = [
    "Founded in February 2012 and based in Minhang",
    "the 14th Five-Year Plan (2021-25)",
    "the Action Plan (2024–2026) was released",
    "The C919 enters large-scale operation",
    "ranking second in the TOP50 index",
    "a \"1+5\" core innovation system",
    "One standout example is the firm",
    "one of the nation's first test zones",
    "3D printing and auto parts",
    "a date line 2024-11-29 at the top",
    "2022-08-18\nProjects with a total investment",  # a date line's day is no count of what follows it
    "Published: 2024-11-29\n\nCompanies in the park",
    "billion-yuan industrial clusters",
    "after the COVID-19 resurgence",
    "during the first half of this year",
    "It took three days to get approval",
    "since 2021 it has grown",
    "Phase 3 of the park",
]


@pytest.mark.parametrize("text", NOT_FACTS)
def test_numbers_in_form_only_are_not_facts(text):
    assert quantities_in(text) == []


def test_two_coordinated_counts_share_their_noun():
    text = "The zone is home to 86 high-tech and 64 emerging-industry companies."
    assert [(q.value, q.unit) for q in quantities_in(text)] == [(86, "company"), (64, "company")]


def test_an_elided_noun_comes_from_the_sentence():
    text = "Several projects were signed this year, and 21 were signed last year."
    assert [(q.value, q.unit) for q in quantities_in(text)] == [(21, "project")]


def test_a_class_label_makes_its_number_a_count():
    text = "creating four trillion-yuan-level industrial clusters"
    found = [(text[q.start:q.end], q.kind, q.value) for q in quantities_in(text)]
    assert found == [("four", "count", 4), ("trillion-yuan-level", "money", 1e12)]


def test_an_amount_and_its_equivalent_name_each_other():
    text = "a total investment of 8 billion yuan (US$1.18 billion) was signed"
    first, second = quantities_in(text)
    assert (first.unit, second.unit) == ("CNY", "USD")
    assert first.equivalent is second and second.equivalent is first
    text = "worth nearly 100 billion yuan (about US$13.8 billion)."
    first, second = quantities_in(text)
    assert text[second.start:second.end] == "about US$13.8 billion"
    assert first.equivalent is second


def test_offsets_index_the_text_given():
    text = "xx\r\n" * 10 + "over 600 companies"
    q = quantities_in(text)[0]
    assert text[q.start:q.end] == "over 600"


def test_search_can_be_limited_to_a_body():
    text = "Sign in 21315227 Processing. Minhang hosts over 600 companies. Q: 5 questions"
    body_start = text.index("Minhang")
    body_end = text.index(" Q:")
    assert [q.value for q in quantities_in(text, body_start, body_end)] == [600]


@pytest.mark.parametrize("plural, noun", [("industries", "industry"), ("SMEs", "sme"), ("doses", "dose"),
                                          ("processes", "process"), ("branches", "branch"), ("aircraft", "aircraft")])
def test_singular(plural, noun):
    assert singular(plural) == noun


SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
CURRENCIES = {"yuan": "CNY", "RMB": "CNY", "dollars": "USD"}


@settings(max_examples=300, deadline=None)
@given(n=st.decimals(min_value="0.01", max_value="999999", places=2, allow_nan=False, allow_infinity=False),
       scale=st.sampled_from(sorted(SCALES)), currency=st.sampled_from(sorted(CURRENCIES)),
       separators=st.booleans())
def test_a_generated_amount_parses_to_n_times_scale(n, scale, currency, separators):
    number = f"{n:,}" if separators else f"{n}"
    text = f"The cluster reached {number} {scale} {currency} last year."
    found = quantities_in(text)
    assert len(found) == 1
    q = found[0]
    assert q.kind == "money" and q.unit == CURRENCIES[currency]
    assert q.value == pytest.approx(float(n) * SCALES[scale], rel=1e-9)
    assert text[q.start:q.end].endswith(currency)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=400))
def test_no_text_makes_the_grammar_raise(text):
    for q in quantities_in(text):
        assert 0 <= q.start < q.end <= len(text)


WORDS = ["over", "nearly", "600", "1.5", "billion", "yuan", "US$", "percent", "%", "companies", "three", "-",
         "square", "meter", "between", "and", "the", "trillion-yuan", "level", "(", ")", "2024", ",", "one",
         "thousand", "units", "mu", "half", "of", "+", "Class", "C919", "\n", "—"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_no_sequence_of_grammar_words_makes_it_raise(words):
    text = " ".join(words)
    for q in quantities_in(text):
        assert 0 <= q.start < q.end <= len(text)
        assert q.value == q.value  # never NaN


@pytest.mark.parametrize("text, span, value, qualifier, scale_word", [
    # re.IGNORECASE takes 'ſ', 'ı', 'İ' and the Kelvin sign for ASCII letters: each must find its vocabulary word.
    ("raised ſome 5 bıllion yuan", "ſome 5 bıllion yuan", 5e9, "approximate", "billion"),
    ("rose 20 to thırty percent", "20 to thırty percent", 20, "range", None),
    ("a site of 5 ſquare kilometers", "5 ſquare kilometers", 5e6, "exact", None),
    ("ABOUT 3 MİLLİON YUAN", "ABOUT 3 MİLLİON YUAN", 3e6, "approximate", "million"),
])
def test_letters_that_ignorecase_takes_for_ascii(text, span, value, qualifier, scale_word):
    found, q = only(text)
    assert (found, q.value, q.qualifier, q.scale_word) == (span, value, qualifier, scale_word)


# Scale words in a row make one scale only when each is larger than all before it together.
@pytest.mark.parametrize("text, value", [
    ("a fund of 3 hundred million yuan", 3e8),
    ("sales of 2 hundred thousand yuan", 2e5),
    ("a budget of 1.2 lakh crore rupees", 1.2e12),
])
def test_scale_words_in_a_row_multiply_when_each_is_larger(text, value):
    assert only(text)[1].value == pytest.approx(value)


@pytest.mark.parametrize("text", [
    "output of 3 billion billion billion yuan",
    "output of 3 million thousand yuan",
    "a scale of 5 billion billion",
])
def test_scale_words_that_do_not_grow_are_no_scale(text):
    assert quantities_in(text) == []


@pytest.mark.parametrize("text", [
    "sales of " + "9" * 400 + " yuan",
    "sales of " + "9" * 12 + " trillion yuan",
    "sales of 3" + " billion" * 2000 + " yuan",
])
def test_no_value_beyond_a_quintillion_or_infinite_is_a_fact(text):
    for quantity in quantities_in(text):
        assert math.isfinite(quantity.value) and quantity.value <= 1e18, text[quantity.start:quantity.end][:80]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["3", "1,000", "billion", "million", "trillion", "hundred", "thousand", "yuan",
                                 "dollars", "percent", "of", "and", "-", "9" * 30, "\u200b"]), max_size=40))
def test_generated_scale_words_never_give_an_absurd_value(words):
    for quantity in quantities_in(" ".join(words)):
        assert math.isfinite(quantity.value) and abs(quantity.value) <= 1e18
        assert quantity.value_max is None or (math.isfinite(quantity.value_max) and quantity.value_max <= 1e18)
