"""Invisible characters inside a figure: the rules read past them, the rows index the article's own text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterfacts.extract.pipeline import Analysed, analyse
from clusterfacts.extract.visible_text import INVISIBLE, VisibleText

INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


@pytest.mark.parametrize("text, span, value", [
    ("Hefei has 1\u200b000 companies in the sector.", "1\u200b000", 1000),
    ("Wuxi drew 3\u200d000 yuan per worker.", "3\u200d000 yuan", 3000),
    ("There are 2\u2060500 firms in Changzhou.", "2\u2060500", 2500),
    ("Output reached 12 bil\u00adlion yuan.", "12 bil\u00adlion yuan", 12e9),
])
def test_a_figure_split_by_an_invisible_character_is_read_whole(text, span, value):
    analysed = analyse("test.txt", f"Title\n\n{text}\n".encode())
    assert isinstance(analysed, Analysed)
    [fact] = analysed.facts
    assert (fact.span, fact.value) == (span, value)
    own = analysed.article.text
    assert own[fact.char_start:fact.char_end] == fact.span


def test_mentions_and_the_body_index_the_articles_own_text():
    text = "Title\n\n\u200bWuxi\u200b has 2\u200b500 IoT companies.\n"
    analysed = analyse("test.txt", text.encode())
    own = analysed.article.text
    assert own == text
    for mention in analysed.mentions:
        assert own[mention.char_start:mention.char_end] == mention.text
    assert "Wuxi" in [m.text for m in analysed.mentions]
    assert own[analysed.article.body_start:analysed.article.body_end].strip("\u200b\n") \
        == "Wuxi\u200b has 2\u200b500 IoT companies."


def test_a_text_without_invisible_characters_is_read_as_it_is():
    seen = VisibleText("Wuxi has 2,000 IoT companies — a “cluster”.")
    assert seen.is_original and seen.text is seen.original
    assert (seen.start(5), seen.end(9)) == (5, 9)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 1.") + INVISIBLES), max_size=40), st.data())
def test_offsets_map_back_to_the_same_visible_characters(text, data):
    seen = VisibleText(text)
    assert seen.text == INVISIBLE.sub("", text)
    start = data.draw(st.integers(0, len(seen.text)))
    end = data.draw(st.integers(start, len(seen.text)))
    assert INVISIBLE.sub("", seen.span(start, end)) == seen.text[start:end]
    if end > start:  # a span starts and ends on a visible character
        assert not INVISIBLE.match(text, seen.start(start)) and not INVISIBLE.match(text[seen.end(end) - 1])
