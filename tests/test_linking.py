"""One rule a test, each on a paragraph written for it, away from the sample's sentences."""

import shutil

from clusterfacts.extract.pipeline import facts_of
from clusterfacts.extract.reference import load_reference
from conftest import REPO, mentions_in


def facts(text: str) -> dict[str, dict]:
    return {f.span: f for f in facts_of(text, "test.txt", "hash")}


# --- places -------------------------------------------------------------------

def test_the_place_before_the_number_in_its_clause():
    got = facts("Songjiang now counts 45 robotics companies.")
    assert got["45"].geography == "Songjiang"


def test_without_a_place_in_the_sentence_the_article_main_place_holds():
    got = facts("Jiading is betting on cars. Jiading hosts a test track. Last month, 30 startups joined the park.")
    assert got["30"].geography == "Jiading"


def test_a_place_that_is_compared_with_is_not_the_subject():
    got = facts("Pudong leads Shanghai with 14 national labs.")
    assert got["14"].geography == "Pudong"


def test_a_place_after_the_number_counts_when_it_is_where():
    got = facts("There are 250 chip firms in Lingang.")
    assert got["250"].geography == "Lingang"


def test_a_place_inside_an_organisation_name_is_not_a_mention():
    text = "Based at the Shanghai Robotics Innovation Center in Xuhui, the lab has 40 engineers."
    places = [m.entity for m in mentions_in(text) if m.entity_type == "geography"]
    assert places == ["Xuhui"]


def test_the_zone_means_the_zone_last_named():
    text = ("Jinshan Industrial Park was renamed this spring. The development zone is home to 90 chemical "
            "companies.")
    assert facts(text)["90"].geography == "Shanghai Bay Area High-tech Industrial Development Zone"


# --- clusters -----------------------------------------------------------------

def test_the_cluster_named_before_the_number():
    got = facts("Its semiconductor output reached 20 billion yuan.")
    assert got["20 billion yuan"].cluster == "integrated_circuits"


def test_a_cluster_named_in_a_list_of_several_is_not_the_subject():
    got = facts("Output of biomedicine, aerospace and new materials rose to 60 billion yuan.")
    assert got["60 billion yuan"].cluster is None


def test_the_cluster_a_paragraph_introduces_carries_to_the_next_sentence():
    got = facts("In embodied intelligence, the district is moving fast. Xuhui has gathered 80 related firms.")
    assert got["80"].cluster == "embodied_intelligence"


def test_a_count_of_clusters_has_no_cluster():
    got = facts("The district builds 4 clusters in nuclear power.")
    assert got["4"].metric == "cluster_count" and got["4"].cluster is None


# --- companies ----------------------------------------------------------------

def test_a_company_recognised_by_its_name_shape():
    got = facts("Zhongke Lightwave Technology Co., Ltd. shipped 3,000 units.")
    assert got["3,000"].company == "Zhongke Lightwave Technology Co., Ltd."


def test_the_company_refers_back():
    got = facts("Huaxin Pharmaceutical Group moved to Minhang. The company employs 900 researchers.")
    assert got["900"].company == "Huaxin Pharmaceutical Group"


def test_its_is_the_place_when_a_place_comes_first():
    got = facts("Huaxin Pharmaceutical Group moved here. Minhang's strength shows in its numbers: 300 startups.")
    assert got["300"].company is None


def test_companies_given_as_examples_are_not_the_subject():
    got = facts("Moreover, 9 enterprises, such as Lumo Holding, have won 21 awards.")
    assert got["21"].company is None


def test_a_company_named_by_apposition_is_recognised_again():
    got = facts("Qubit-X, a quantum computing company in Xuhui, signed a contract worth 30 million yuan. "
                "Later Qubit-X added 12 staff.")
    assert got["30 million yuan"].company == "Qubit-X"



def test_a_short_form_of_a_company_name_stands_for_the_fullest_name_every_time():
    text = "Tianma Semiconductor Co., Ltd. opened a plant. Tianma Semiconductor Co. hired 40 engineers."
    companies = [m.entity for m in mentions_in(text) if m.entity_type == "company"]
    assert companies == ["Tianma Semiconductor Co., Ltd.", "Tianma Semiconductor Co., Ltd."]

# --- time ---------------------------------------------------------------------

def test_an_explicit_year_in_the_clause():
    got = facts("In 2023, Baoshan's new materials output reached 90 billion yuan.")
    assert got["90 billion yuan"].year == 2023


def test_last_year_resolves_against_the_date_line():
    got = facts("date 2023-06-01 Fengxian signed 14 projects last year.")
    assert got["14"].year == 2022


def test_last_year_without_a_date_line_stays_unknown():
    got = facts("Fengxian signed 14 projects last year.")
    assert got["14"].year is None


def test_a_founding_year_is_not_the_year_of_the_figure():
    got = facts("Founded in 2009 in Songjiang, the firm runs a 9,000-square-meter plant.")
    assert got["9,000-square-meter"].year is None


def test_an_opening_time_phrase_dates_the_whole_sentence():
    got = facts("date 2021-12-01 In May of this year, Qingpu launched a plan – two pillars – a total of 9 measures.")
    assert got["9"].year == 2021


# --- targets ------------------------------------------------------------------

def test_a_goal_with_its_due_year():
    got = facts("Chongming aims to host 50 green-energy companies by 2027.")
    assert got["50"].is_target is True
    assert got["50"].target_year == 2027
    assert got["50"].year is None


def test_a_plan_period_gives_the_due_year():
    got = facts("During the 15th Five-Year Plan period, Putuo will build 6 new parks.")
    assert got["6"].is_target is True and got["6"].target_year == 2030


def test_a_reported_figure_is_not_a_target():
    got = facts("Hongkou recorded 75 software firms.")
    assert got["75"].is_target is False and got["75"].target_year is None


def test_the_word_plan_inside_a_document_name_is_no_target_cue():
    got = facts("Xuhui released its Action Plan for Smart Health, listing 7 key tasks.")
    assert got["7"].is_target is False


# --- metrics ------------------------------------------------------------------

def test_money_metric_from_its_cue():
    got = facts("The park drew a total investment of 3 billion yuan and a contract worth 200 million yuan.")
    assert got["3 billion yuan"].metric == "investment"
    assert got["200 million yuan"].metric == "contract_value"


def test_percent_metrics():
    got = facts("Output grew 12 percent. The sector accounted for 30 percent of the total. "
                "About 40 percent of its engineers hold doctorates.")
    assert got["12 percent"].metric == "growth_rate"
    assert got["30 percent"].metric == "output_share"
    assert got["About 40 percent"].metric == "other"


def test_count_metric_from_the_counted_noun():
    got = facts("Yangpu has 8 incubators and 120 startups.")
    assert got["8"].metric == "facility_count"
    assert got["120"].metric == "enterprise_count"


# --- the gazetteer is the seeds -------------------------------------------------

def test_an_alias_added_to_the_seed_is_recognised(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    with open(seeds / "cluster_aliases.csv", "a", encoding="utf-8") as handle:
        handle.write("quantum computing,new_generation_it\n")
    text = "Its quantum computing output hit 5 billion yuan."
    before = [m.entity for m in mentions_in(text) if m.entity_type == "cluster"]
    after = [m.entity for m in mentions_in(text, ref=load_reference(seeds)) if m.entity_type == "cluster"]
    assert before == [] and after == ["new_generation_it"]
