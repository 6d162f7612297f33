import datetime as dt

import pytest

from clusterfacts.extract.layout import read_layout
from conftest import read_article


def test_headline_is_the_title():
    layout = read_layout(read_article("000_63fa5289a803b129.txt"))
    assert layout.title == "Minhang speeds new industrialization with billion-yuan industrial clusters"
    assert layout.published_date is None


def test_date_label_gives_the_published_date():
    text = read_article("001_85b9cf696fb2a22b.txt")
    layout = read_layout(text)
    assert layout.published_date == dt.date(2024, 11, 29)
    assert layout.published_date_source == "date label"
    assert text[layout.published_date_start:].startswith("2024-11-29")
    assert layout.title is None  # the first line is a sentence, not a headline


def test_page_furniture_is_left_out_of_the_body():
    text = read_article("002_ef1cdc614e2d0932.txt")
    layout = read_layout(text)
    body = text[layout.body_start:layout.body_end]
    assert layout.title == "Jinshan's industrial transformation fuels city development"
    assert layout.published_date == dt.date(2022, 8, 18)
    assert body.startswith("Jinshan's industrial transformation")
    assert "Government News" not in body and "City News" not in body
    for furniture in ("Sign in", "Forgot password", "21315227", "Q: Is there a place", "Inquiry Status"):
        assert furniture not in body
    assert "deputy general manager of M-Fine" in body


def test_dates_in_other_shapes():
    layout = read_layout("Shanghai chips boom\nPublished: March 5, 2025\nThe city has 1,200 chip firms.")
    assert layout.published_date == dt.date(2025, 3, 5)
    layout = read_layout("Shanghai chips boom 5 Mar 2025\nThe city has 1,200 chip firms.")
    assert layout.published_date == dt.date(2025, 3, 5)


def test_an_impossible_date_is_not_a_date():
    assert read_layout("Report 2024-13-45\nText.").published_date is None


def test_text_without_content_has_an_empty_body():
    layout = read_layout("\n\n")
    assert layout.title is None and layout.body_start == 0


# The credit rules, each on lines written for it; (lines, credit, kind), credit None when none may be read.
CREDIT_CASES = [
    ("Harbin opens a robot park\nHARBIN, March 3 (Reuters) - The city opened a park for robot makers on Monday.",
     "Reuters", "dateline"),
    ("Suzhou chip output grows\nBy Li Wei\nSuzhou's chip makers produced more in 2024.", "Li Wei", "byline"),
    ("Hefei batteries\nby:Zhoumin     2023-05-04\nHefei's battery makers grew.", "Zhoumin", "byline"),
    ("Wuxi IoT\nWuxi has more than 2,000 IoT companies.\n\nSource: Jiangsu Daily\nPrint", "Jiangsu Daily",
     "source line"),
    ("Xi'an aerospace\nFrom: Shaanxi Provincial Government\nXi'an builds rockets.", "Shaanxi Provincial Government",
     "source line"),
    # sentences that begin like a credit are not one
    ("Plan for Ningbo\nBy 2025, Ningbo will have 50 ports.\nBy integrating chips, factories save.", None, None),
    ("Shenzhen drones\nThe city, May 5 (a Monday), saw 30 launches.\nSources said nothing.", None, None),
]


@pytest.mark.parametrize("text, credit, kind", CREDIT_CASES)
def test_the_credit_is_read_from_the_articles_own_lines(text, credit, kind):
    layout = read_layout(text)
    assert (layout.credit, layout.credit_kind) == (credit, kind)
    if credit is not None:
        assert text[layout.credit_start:layout.credit_start + len(credit)] == credit


def test_a_source_line_after_the_body_is_read_and_kept_out_of_it():
    text = read_article("002_ef1cdc614e2d0932.txt")
    layout = read_layout(text)
    assert (layout.credit, layout.credit_kind) == ("Shanghai Daily", "source line")
    assert layout.credit_start >= layout.body_end
