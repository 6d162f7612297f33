"""Industries beyond the sample: the revised cluster list and how a figure finds its cluster, one rule a test."""

import pytest

from clusterfacts.extract.reference import load_reference
from conftest import fact_at


def cluster_of(text: str, span: str) -> str | None:
    return fact_at(text, span).cluster


@pytest.mark.parametrize("sentence, span, cluster", [
    ("Wuxi has more than 2,000 IoT companies.", "more than 2,000", "internet_of_things"),
    ("The robotics park has 300 companies.", "300", "robotics"),
    ("Its laser industry earned 9 billion yuan.", "9 billion yuan", "optoelectronics"),
    ("The hydrogen sector drew 4 billion yuan.", "4 billion yuan", "hydrogen_energy"),
    ("Solar makers shipped 40 percent more.", "40 percent", "photovoltaics"),
    ("Lithium battery output rose 12 percent.", "12 percent", "power_batteries"),
    ("Medical device exports reached 3 billion yuan.", "3 billion yuan", "medical_devices"),
    ("Construction machinery sales hit 70 billion yuan.", "70 billion yuan", "construction_machinery"),
    ("Its digital economy grew 9 percent.", "9 percent", "digital_economy"),
    ("Cosmetics brands opened 45 stores.", "45", "fashion_consumer_goods"),
])
def test_each_new_cluster_is_found_by_its_words(sentence, span, cluster):
    assert cluster_of(sentence, span) == cluster


def test_new_clusters_have_the_parents_of_facts_md():
    parents = load_reference().cluster_parents
    assert parents["power_batteries"] == "new_energy_vehicles"
    assert parents["hydrogen_energy"] == "advanced_energy"
    assert parents["robotics"] == "high_end_equipment"


def test_an_industry_no_cluster_names_is_null_not_the_nearest():
    assert cluster_of("Textile mills employ 8,000 workers.", "8,000") is None


def test_a_figure_of_a_whole_economy_has_no_cluster():
    text = "Known for new energy, the city reported GDP of 900 billion yuan."
    assert cluster_of(text, "900 billion yuan") is None


def test_a_clause_naming_industries_of_several_families_gives_none():
    assert cluster_of("Chips and biomedicine drew 6 billion yuan.", "6 billion yuan") is None


def test_a_list_whose_items_add_words_is_a_list():
    text = ("Its three new industries - chips and sensing, electric vehicles and smart cars, and "
            "robots and automation - made 20 billion yuan.")
    assert cluster_of(text, "20 billion yuan") is None


def test_an_industry_word_naming_a_public_body_is_no_industry():
    assert cluster_of("The Civil Aviation Administration expects 400 airports.", "400") is None


def test_a_figure_with_no_industry_near_it_takes_the_article_industry_from_its_first_sentence():
    text = "Hydrogen makers flock to Jiaxing.\n\nThe town now has 30 refuelling stations."
    assert cluster_of(text, "30") == "hydrogen_energy"


def test_the_parent_of_the_article_industry_narrows_to_it():
    text = "An electric vehicle plant rises in Hefei.\n\nThe automotive venture will cost 2 billion yuan."
    assert cluster_of(text, "2 billion yuan") == "new_energy_vehicles"


def test_the_industry_in_the_counted_noun_phrase_comes_first():
    text = "Ordos plans 10 solar parks and 50 hydrogen refuelling stations by 2025."
    assert cluster_of(text, "50") == "hydrogen_energy"


def test_the_article_industry_is_the_most_specific_its_first_sentence_names():
    text = "Volkswagen builds an electric vehicle plant as vehicles sell.\n\nCars, cars, cars: it will cost 2 billion yuan."
    assert cluster_of(text, "2 billion yuan") == "new_energy_vehicles"


def test_biotech_is_biomedicine_and_vehicles_are_automobiles():
    assert cluster_of("Its biotech firms raised 3 billion yuan.", "3 billion yuan") == "biomedicine"
    assert cluster_of("Hubei made 2.1 million vehicles.", "2.1 million") == "automobiles"
