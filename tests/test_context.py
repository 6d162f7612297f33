"""Metric, year and target from context, one rule a test, each on a sentence written for it."""

import pytest

from conftest import fact_at as fact


# --- metric --------------------------------------------------------------------

@pytest.mark.parametrize("text, span, metric", [
    ("The county reported GDP of 90 billion yuan.", "90 billion yuan", "output_value"),
    ("Firms made 4 billion yuan in profit.", "4 billion yuan", "other"),
    ("The tax revenue of the sector was 2 billion yuan.", "2 billion yuan", "other"),
    ("A new US$2bn factory will rise in Xiamen.", "US$2bn", "investment"),
    ("It bought the stake at a cost of EUR3bn.", "EUR3bn", "investment"),
    ("It offers up to 5 million yuan in subsidies.", "up to 5 million yuan", "investment"),
    ("There are 40 companies with sales exceeding 1 billion yuan.", "exceeding 1 billion yuan", "other"),
    ("Its output reached 60 billion yuan, growing 8 percent year on year.", "8 percent", "growth_rate"),
    ("The automaker raised its stake to 75%.", "75%", "other"),
    ("The city produced 700,000 NEVs.", "700,000", "product_count"),
    ("A total of 45 automakers joined.", "45", "enterprise_count"),
    ("There are 12 hydrogen refueling stations.", "12", "facility_count"),
    ("It has 10 robotics companies.", "10", "enterprise_count"),
])
def test_the_metric_follows_the_words_around_the_figure(text, span, metric):
    assert fact(text, span).metric == metric


# --- year ------------------------------------------------------------------------

def test_a_year_set_by_an_earlier_sentence_of_the_paragraph_carries():
    text = "In 2021, Hubei made 300,000 cars. Exports rose 12 percent."
    assert fact(text, "12 percent").year == 2021


def test_a_year_is_not_carried_into_the_next_paragraph():
    text = "In 2021, Hubei made 300,000 cars.\nExports rose 12 percent."
    assert fact(text, "12 percent").year is None


def test_the_present_ends_a_time_frame():
    text = "In 2021, Hubei made 300,000 cars. It now has 40 carmakers."
    assert fact(text, "40").year is None


def test_a_target_year_sets_no_time_frame_for_what_is_reported():
    text = "The city aims to reach 9 billion yuan in 2030. There are 150 firms in the park."
    assert fact(text, "150").year is None


def test_a_full_date_gives_its_year():
    assert fact("On May 3, 2020, the park drew investment of 4 billion yuan.", "4 billion yuan").year == 2020


def test_part_of_a_year_gives_the_year():
    text = "In the first three quarters of 2023, exports rose 9 percent."
    assert fact(text, "9 percent").year == 2023


# --- targets ---------------------------------------------------------------------

def test_a_modal_after_the_figure_makes_it_a_target():
    got = fact("By 2027, the plan says, more than 30 charging stations will be built.", "more than 30")
    assert got.is_target and got.target_year == 2027


def test_a_cue_does_not_reach_past_a_reported_past():
    text = "The plant will be run by the venture, which was formed after a 40% stake was sold."
    assert fact(text, "40%").is_target is False


def test_a_due_year_already_met_is_no_target():
    assert fact("By the end of 2022, the firm has opened 20 stores.", "20").is_target is False


def test_the_due_year_nearest_the_figure_is_its_target_year():
    text = "Output will hit 1 trillion yuan by 2025 and expand to 3 trillion yuan by 2035."
    assert fact(text, "3 trillion yuan").target_year == 2035
    assert fact(text, "1 trillion yuan").target_year == 2025


def test_a_reported_figure_beside_a_target_clause_is_not_a_target():
    text = "Output reached 700 billion yuan last year, and the city aims to reach 1 trillion yuan by 2027."
    assert fact(text, "700 billion yuan").is_target is False


def test_a_target_with_no_year_of_its_own_takes_the_one_just_before():
    text = "Sales should reach 9 billion yuan by 2026. Over 30 stations will be built by that time."
    assert fact(text, "Over 30").target_year == 2026


def test_a_plan_period_written_with_its_years_gives_its_last_year():
    text = "During the 14th Five-Year (2021-2025) Plan period, a 500-mu park will be built."
    assert fact(text, "500-mu").target_year == 2025


def test_an_amount_right_before_its_cue_takes_the_cue():
    assert fact("AstraZeneca announced a 450 million US dollar investment.", "450 million US dollar").metric == \
        "investment"


def test_the_industry_named_as_the_industry_is_the_articles():
    text = "Hydrogen makers flock to Jiaxing.\n\nThe park aims to lift the industry's output to 9 billion yuan."
    assert fact(text, "9 billion yuan").cluster == "hydrogen_energy"


def test_a_threshold_of_worth_describing_companies_is_other():
    text = "The city will cultivate 20 biotech companies each worth over 10 billion yuan."
    assert fact(text, "over 10 billion yuan").metric == "other"
