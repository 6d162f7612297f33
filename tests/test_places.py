"""Places beyond the sample: the gazetteer of China and how a figure finds its place, one rule a test.

Each sentence is written for its rule, away from the sample's and the devset's.
"""

import subprocess
import sys

import pytest

from clusterfacts.extract.reference import load_reference
from conftest import REPO, fact_at, mentions_in


def place_of(text: str, span: str) -> str | None:
    return fact_at(text, span).geography


def places(text: str) -> list[str]:
    return [m.entity for m in mentions_in(text) if m.entity_type == "geography"]


def test_the_committed_place_seeds_are_what_the_gazetteer_script_builds():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "build_gazetteer.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name, place, parent, level", [
    ("Wuxi", "Wuxi", "Jiangsu", "city"),
    ("Xi'an", "Xi'an", "Shaanxi", "city"),
    ("Xi’an", "Xi'an", "Shaanxi", "city"),
    ("Xian", "Xi'an", "Shaanxi", "city"),
    ("Urumqi", "Urumqi", "Xinjiang", "city"),
    ("Nei Mongol", "Inner Mongolia", "China", "province"),
    ("Hunan Province", "Hunan", "China", "province"),
    ("Chongqing", "Chongqing", "China", "municipality"),
    ("Minhang District", "Minhang", "Shanghai", "district"),
    ("Germany", "Germany", None, "country"),
])
def test_every_level_of_china_is_in_the_gazetteer_with_its_parent(name, place, parent, level):
    ref = load_reference()
    assert ref.geography_aliases[name] == place
    assert ref.geography_parents.get(place) == parent
    assert ref.geography_levels[place] == level


def test_a_zone_outside_shanghai_is_named_as_its_city():
    assert places("Firms in Optics Valley and Suzhou Industrial Park grew.") == ["Wuhan", "Suzhou, Jiangsu"]


def test_a_name_two_cities_share_is_the_one_in_the_province_the_article_names():
    assert places("Taizhou, a city in Zhejiang, makes drugs.") == ["Taizhou, Zhejiang", "Zhejiang"]
    assert places("Jiangsu is home to Taizhou's medical city.") == ["Jiangsu", "Taizhou, Jiangsu"]


def test_a_name_two_cities_share_is_no_place_when_nothing_decides():
    assert places("Taizhou makes drugs.") == []
    assert place_of("Fuzhou has 300 drug makers.", "300") is None


def test_a_city_the_sample_never_saw_is_not_shanghai():
    assert place_of("Wuxi has more than 2,000 IoT companies.", "more than 2,000") == "Wuxi"
    assert place_of("Shanghai grows. Chengdu has 500 AI companies.", "500") == "Chengdu"


def test_a_figure_in_an_unknown_place_is_null_not_a_default():
    assert place_of("The county has 40 dairy farms.", "40") is None


def test_a_place_followed_by_the_places_that_hold_it_is_the_first():
    text = "Yangzhou City, east China's Jiangsu Province, reported output of 700 billion yuan."
    assert place_of(text, "700 billion yuan") == "Yangzhou"


def test_a_place_in_a_place_is_the_inner_one():
    assert place_of("Kunshan in Jiangsu now has 120 display makers.", "120") == "Kunshan"


def test_the_city_is_the_city_of_the_last_place_named():
    text = "Jinshan is in the south. The city's chemical parks employ 9,000 workers."
    assert place_of(text, "9,000") == "Shanghai"


def test_the_city_is_the_article_city_when_its_sentence_names_none():
    text = ("Yangzhou City leads Jiangsu in shipbuilding. Like Nanjing, Suzhou and Wuxi, it is a trillion club member.\n"
            "The city made 120 ships last year.")
    assert place_of(text, "120") == "Yangzhou"


def test_the_province_is_the_province_holding_the_place_named():
    assert place_of("Wuhan is a steel town. The province has 60 steel mills.", "60") == "Hubei"


def test_two_places_listed_share_the_place_that_holds_them():
    text = "Minhang and Pudong districts in the city's south will make up 40 percent of its output."
    assert place_of(text, "40 percent") == "Shanghai"


def test_a_place_a_figure_is_a_share_of_is_not_its_place():
    assert place_of("Yangzhou made 9,000 boats, 30 percent of those made in Jiangsu.", "30 percent") == "Yangzhou"


def test_the_article_place_comes_from_its_title_and_lead():
    text = ("Hefei bets on batteries\n\nThe city of Hefei in Anhui province hosts a new plant. "
            "Anhui also funds research. Anhui wants growth. Output reached 80 billion yuan.")
    assert place_of(text, "80 billion yuan") == "Hefei"


def test_a_place_bordering_another_is_the_subject_not_the_neighbour():
    text = "Zhuhai, the city that borders Macao, contributed 9 billion yuan."
    assert place_of(text, "9 billion yuan") == "Zhuhai"


def test_a_currency_named_after_a_place_is_not_a_place():
    assert places("It cost US$3 billion, or 3 billion U.S. dollars.") == []


def test_a_place_beginning_a_zone_name_is_a_place_and_one_beginning_a_company_name_is_not():
    assert places("Work began on the Xiamen Aviation Industrial Park.") == ["Xiamen"]
    assert places("Xiamen Airlines bought jets.") == []


def test_things_counted_in_a_place_are_in_that_place():
    text = "Songjiang will link up with eight cities in the Yangtze River Delta."
    assert place_of(text, "eight") == "Yangtze River Delta"
    assert place_of("Last year the zone ranked third among 120 chip parks in China.", "120") == "China"


def test_a_company_named_with_its_legal_form_is_found_by_its_bare_name_too():
    text = "Xpeng drives growth. Xpeng Inc. said so."
    assert [m.text for m in mentions_in(text) if m.entity_type == "company"] == ["Xpeng", "Xpeng Inc."]


def test_a_company_figure_is_where_its_plant_is():
    text = ("Anhui's carmakers thrive\n\nAnhui wants more cars. Nio Inc., whose factory based in Hefei opened "
            "in 2020, leads them.\nNio has hired 9,000 workers. The Nio plant in Anhui makes 300,000 cars a year. "
            "Nio has lifted Anhui's output by 2 percent.")
    assert place_of(text, "9,000") == "Hefei"
    assert place_of(text, "300,000") == "Hefei"   # Anhui holds Hefei: the plant is the more specific place
    assert place_of(text, "2 percent") == "Anhui"  # Anhui's own output


def test_a_place_name_that_is_a_persons_given_name_is_no_place():
    assert places("The report by Yang Jian says Wuxi grew.") == ["Wuxi"]
    assert places("In Ji'an, East China's factories grew.") == ["Ji'an", "China"]


def test_a_place_set_in_capitals_in_a_dateline_is_a_place():
    assert places("HEFEI, Dec. 3 (Xinhua) -- The city grew.") == ["Hefei", "Hefei"]


def test_a_neighbouring_place_named_as_the_subject_is_the_place():
    text = "Shenzhen grows.\nIn neighbouring Dongguan, makers shipped 300 drones."
    assert place_of(text, "300") == "Dongguan"


def test_a_figure_stated_for_the_whole_nation_is_china():
    assert place_of("Shenzhen grows. Nationwide, output will reach 1 trillion yuan.", "1 trillion yuan") == "China"


def test_a_shared_name_is_the_one_in_the_province_named_beside_it():
    text = "Jiangsu leads. Taizhou in Zhejiang province reported 85 makers."
    assert place_of(text, "85") == "Taizhou, Zhejiang"


def test_a_foreign_companys_home_is_not_where_its_money_goes():
    text = "Suzhou Industrial Park draws drugmakers. Japan's Takeda committed 3 billion yen."
    assert place_of(text, "3 billion yen") == "Suzhou, Jiangsu"


def test_a_place_outside_which_something_stands_is_not_its_place():
    text = "Samsung's Xi'an plant, its only chip factory outside South Korea, makes 40 percent of its chips."
    assert place_of(text, "40 percent") == "Xi'an"


def test_the_place_whose_figure_a_clause_began_goes_on_after_while():
    text = "Xi'an grows.\nIn 2024, the province's chip output rose 12 percent, while exports fell 3 percent."
    assert place_of(text, "3 percent") == "Shaanxi"


def test_places_listed_together_give_the_place_holding_them_all():
    assert place_of("Chongqing, Sichuan and Hubei together made 2.1 million cars.", "2.1 million") == "China"
