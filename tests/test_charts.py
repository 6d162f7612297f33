"""The report's SVG charts: one mark per value, sized by it, whatever the labels say."""

import doctest
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from clusterfacts.marts import charts
from clusterfacts.marts.charts import bar_chart, column_chart, line_chart, readable

labels = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=80)
values = st.floats(min_value=0, max_value=1e13, allow_nan=False)


def marks(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    assert root.tag == "svg" and root.get("class") == "chart"
    return [element for element in root if element.get("class") == "mark"]


@given(st.lists(st.tuples(labels, values), max_size=30))
def test_any_labels_give_well_formed_svg_with_one_bar_each(bars):
    assert len(marks(bar_chart("<Facts> & more", bars))) == len(bars)
    assert len(marks(column_chart("Targets", bars))) == len(bars)


def test_bars_are_as_long_as_their_values():
    drawn = marks(bar_chart("Facts", [("Biomedicine · Minhang", 6), ("Aerospace · Minhang", 3), ("none", 0)]))
    widths = [float(mark.get("width")) for mark in drawn]
    assert widths[0] == 2 * widths[1] and widths[2] == 1.0  # an empty bar still shows as a hairline
    assert drawn[0].find("title").text == "Biomedicine · Minhang: 6"


def test_a_series_over_the_years_has_a_point_per_year_in_order():
    svg = line_chart("automobiles · Shanghai · output_value", [(2024, 1.2e12), (2022, 0.9e12), (2023, 1e12)], "CNY")
    drawn = marks(svg)
    assert [mark.find("title").text for mark in drawn] == [
        "2022: 900 billion CNY", "2023: 1 trillion CNY", "2024: 1.2 trillion CNY"]
    xs = [float(mark.get("cx")) for mark in drawn]
    ys = [float(mark.get("cy")) for mark in drawn]
    assert xs == sorted(xs) and ys == sorted(ys, reverse=True)  # later and larger: right and up


def test_numbers_read_as_an_analyst_says_them():
    assert [readable(v) for v in (8e10, 1.17e10, 600, 15.5, 0.25)] == ["80 billion", "11.7 billion", "600", "15.5",
                                                                          "0.25"]


def test_the_examples_beside_the_code_hold():
    result = doctest.testmod(charts)
    assert result.attempted >= 3 and result.failed == 0
