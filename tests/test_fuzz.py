"""The whole extractor (layout, grammar, gazetteer, linking) over random and mutated text: no exception."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterfacts.extract.layout import read_layout
from clusterfacts.extract.pipeline import facts_of
from conftest import ARTICLES, read_article

SAMPLES = [read_article(path.name) for path in sorted(ARTICLES.glob("*.txt"))]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str) -> None:
    layout = read_layout(text)
    assert 0 <= layout.body_start <= layout.body_end <= len(text)
    for fact in facts_of(text, "fuzz.txt", "fuzz"):
        assert text[fact.char_start:fact.char_end] == fact.span
        assert fact.value == fact.value


@SETTINGS
@given(st.text(max_size=2000))
def test_random_text(text):
    check(text)


@st.composite
def mutated_articles(draw):
    text = draw(st.sampled_from(SAMPLES))
    for _ in range(draw(st.integers(1, 12))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "duplicate"]))
        piece = draw(st.text(max_size=12) | st.sampled_from(
            ["billion", "yuan", "US$", "%", "(", ")", "-", "by 2030", "last year", "the zone", " percent", "\n",
             "Co., Ltd.", "\"", "—", "one", "0", "1,2", "between", "Five-Year Plan",
             # letters re.IGNORECASE takes for ASCII ones, inside vocabulary words
             "ſome", "bıllion", "thırty", "thiſ year", "MİLLİON", "dollarſ", "\u212am"]))
        if action == "insert":
            text = text[:position] + piece + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 40)):]
        elif action == "replace":
            text = text[:position] + piece + text[position + len(piece):]
        else:
            text = text[:position] + text[position:position + 200] + text[position:]
    return text


@SETTINGS
@given(mutated_articles())
def test_mutated_articles(text):
    check(text)
