"""Numbers as written: digits with separators, and English number words."""

from __future__ import annotations

import re

from clusterfacts.extract.patterns import trie_alternation, vocabulary_key

UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
MULTIPLIERS = {"hundred": 100, "thousand": 1000}

_UNIT_WORDS = trie_alternation(UNITS)
_TENS_WORDS = trie_alternation(TENS)
_ATOM = rf"(?:(?:{_TENS_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|{_UNIT_WORDS})"
# "two hundred and fifty", "one thousand", "twenty-five": million and up are scale words.
WORD_NUMBER = rf"{_ATOM}(?:[ -](?:and )?(?:hundred|thousand|{_ATOM}))*"
# Written to begin with a bare \d so that a scan can skip ahead to the next digit.
DIGIT_NUMBER = r"\d(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?)"
# "half a million", "a quarter billion": a fraction of the scale word that must follow it.
FRACTIONS_OF_SCALE = {"half a": 0.5, "half an": 0.5, "a half": 0.5, "a quarter": 0.25, "quarter": 0.25,
                      "a quarter of a": 0.25, "quarter of a": 0.25, "three quarters of a": 0.75}
FRACTION_OF_SCALE = (rf"(?:{trie_alternation(FRACTIONS_OF_SCALE)})"
                     r"(?=\s+(?:hundred|thousand|million|billion|trillion)\b)")
# The words a number in words begins with, for a scan to find its candidates ("a" is not one:
# a fraction of a scale is found from its "half" or "quarter", then read back over its "a").
FIRST_NUMBER_WORDS = tuple(UNITS) + tuple(TENS) + ("half", "quarter")
NUMBER = rf"(?:{DIGIT_NUMBER}|\b(?:{WORD_NUMBER})\b)"


def parse_number(text: str) -> float:
    """The value of a number as written: '2,914' -> 2914, 'twenty-five' -> 25."""
    text = text.strip()
    if text[:1].isdigit():
        return float(text.replace(",", ""))
    key = " ".join(vocabulary_key(text).split())
    if key in FRACTIONS_OF_SCALE:
        return FRACTIONS_OF_SCALE[key]
    return float(_parse_words(key))


def _parse_words(text: str) -> int:
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text):
        if word == "and" or not word:
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            raise ValueError(f"not a number word: {word!r}")
    return total + current
