"""The vocabulary scan finds what the regex alternation it replaces would find."""

import re

import pytest
from hypothesis import given, settings

from clusterfacts.extract.patterns import find_where, is_word_char, starts_a_name, starts_a_word, trie_alternation
from clusterfacts.extract.word_scan import VocabularyScanner, WordScanner, word_ends_at, word_starts_in
from conftest import texts_and_ranges

# Prefixes of each other, overlapping, multi-word and one-letter words: the shapes that make a scan go wrong.
WORDS = ["ai", "a", "new energy", "new energy vehicle", "energy", "bio", "biomedicine", "medicine", "it",
         "its", "one", "ones", "seven", "seventeen", "plan to", "plan"]
PIECES = WORDS + [" ", "-", "+", "said", "x", ", ", ".", "\n", "vehicles", "AI", "1"]


def regex_spans(pattern: re.Pattern, text: str, start: int, end: int, accept) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in find_where(pattern, text, start, end, accept)]


def not_name_char(text: str, index: int) -> bool:
    return not (is_word_char(text[index]) or text[index] in "+-")


@pytest.mark.parametrize("text, expected", [
    ("the new energy vehicle sector", [(4, 22)]),      # the longest word at a start wins
    ("new energy vehicles", [(0, 10)]),                # ... unless what follows rules it out
    ("said ai", [(5, 7)]),                             # no match inside a word
    ("seventeen", [(0, 9)]),
    ("biomedicine medicine", [(0, 11), (12, 20)]),
])
def test_examples(text, expected):
    scanner = WordScanner(WORDS)
    assert list(scanner.find(text, 0, len(text), word_ends_at(text, len(text)), word_starts_in(text))) == expected


def test_an_empty_word_is_refused():
    with pytest.raises(ValueError):
        WordScanner(["yuan", ""])


@settings(max_examples=400, deadline=None)
@given(texts_and_ranges(PIECES, max_pieces=25))
def test_same_spans_as_the_regex(case):
    text, start, end = case
    scanner = WordScanner(WORDS)
    alternation = trie_alternation(WORDS)

    # The target cues' shape: (?:words)\b with \b checked before the match.
    word_bounded = re.compile(rf"(?:{alternation})\b")
    assert list(scanner.find(text, start, end, word_ends_at(text, end), word_starts_in(text))) == \
        regex_spans(word_bounded, text, start, end, starts_a_word)

    # The clusters' shape: (alias)(?![\w+-]) with (?<![\w-]) checked before the match.
    name_bounded = re.compile(rf"(?:{alternation})(?![\w+-])")
    assert list(scanner.find(text, start, end, lambda at, stop: stop == end or not_name_char(text, stop),
                             lambda at: at == 0 or not (is_word_char(text[at - 1]) or text[at - 1] == "-"))) == \
        regex_spans(name_bounded, text, start, end, starts_a_name)


# Two vocabularies sharing words ("medicine", "it") and prefixes, scanned in one pass.
VOCABULARIES = {"first": WORDS[:9], "second": WORDS[5:]}


def test_a_shared_word_is_found_for_each_vocabulary():
    text = "its medicine and biomedicine"
    found = VocabularyScanner(VOCABULARIES).scan(text)
    checks = word_ends_at(text, len(text)), word_starts_in(text)
    assert list(found["first"].find(0, len(text), *checks)) == [(4, 12), (17, 28)]  # "it" ends inside "its"
    assert list(found["second"].find(0, len(text), *checks)) == [(0, 3), (4, 12), (17, 28)]
    assert found["second"].starts(5, len(text)) == [17, 20]  # every start, overlapping; "medicine" at 4 is out


@settings(max_examples=300, deadline=None)
@given(texts_and_ranges(PIECES, max_pieces=25))
def test_one_scan_of_the_whole_text_answers_for_any_part(case):
    """What a step reads from the article's one scan is what a scan of its own part would find."""
    text, start, end = case
    whole = VocabularyScanner(VOCABULARIES).scan(text)
    for name, words in VOCABULARIES.items():
        alone = VocabularyScanner({name: words}).scan(text, start, end)[name]
        checks = word_ends_at(text, end), word_starts_in(text)
        assert list(whole[name].find(start, end, *checks)) == list(alone.find(start, end, *checks)) == \
            list(WordScanner(words).find(text, start, end, *checks))
        assert whole[name].starts(start, end) == alone.starts(start, end)
