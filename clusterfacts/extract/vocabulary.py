"""The words the extractor looks for in an article, found in one pass over its lower-cased text.

`read_text` makes an article's `ArticleText` once, before any rule reads it: the text, its
lower-case copy at the same offsets, and each vocabulary's words in it. Place and cluster
aliases (from the seeds), the first words of numbers in words and the cues of a target
share one automaton; the gazetteer, the grammar and the linker each read their
vocabulary's words from the one scan the article carries, and `CaseFreeWords` patterns
scan its lower-case copy.
"""

from __future__ import annotations

from functools import lru_cache

from clusterfacts.extract.numbers import FIRST_NUMBER_WORDS
import re
from collections.abc import Iterator
from dataclasses import dataclass

from clusterfacts.extract.patterns import (
    IGNORECASE_TWINS,
    find_where,
    has_ignorecase_twins,
    lower_keeping_offsets,
    search_where,
    starts_a_word,
)
from clusterfacts.extract.reference import Reference
from clusterfacts.extract.word_scan import FoundWords, VocabularyScanner

PLACES, CLUSTERS, NUMBER_WORDS, TARGET_CUES = "places", "clusters", "number_words", "target_cues"

TARGET_CUE_WORDS = (
    "will", "shall", "aim", "aims", "aiming", "aimed", "should", "plan to", "plans to", "planned", "the plan is",
    "goal", "goals", "target", "targets", "targeting", "expected to", "projected", "is set to", "seek to",
    "seeks to", "intend to", "intends to", "paving the way", "building", "to build", "creating", "to create",
    "to establish", "to cultivate", "to foster", "to reach", "strive", "strives", "striving", "strived",
    "forecast", "forecasts", "forecasting", "predicts", "predicted", "anticipating", "anticipates", "anticipated",
    "on the agenda", "envisages", "envisions", "is due to", "are due to", "is slated to", "are slated to")


@lru_cache(maxsize=4)
def vocabulary_scanner(ref: Reference) -> VocabularyScanner:
    return VocabularyScanner({
        PLACES: [alias.lower() for alias in [*ref.geography_aliases, *ref.place_choices]],
        CLUSTERS: ref.cluster_aliases,  # already lower case
        NUMBER_WORDS: FIRST_NUMBER_WORDS,
        TARGET_CUES: TARGET_CUE_WORDS,
    })


@dataclass(frozen=True, slots=True)
class ArticleText:
    """The text the rules read, with what their scans of it share, made once an article by read_text.

    lower is the text in lower case at the same offsets (lower_keeping_offsets);
    ignorecase_twins says whether re.IGNORECASE would take one of its letters for another
    ASCII one, when a lower-case scan would differ from a case-insensitive one; words holds
    each vocabulary's words in it (PLACES, CLUSTERS, NUMBER_WORDS, TARGET_CUES).
    """

    text: str
    lower: str
    ignorecase_twins: bool
    words: dict[str, FoundWords]


def read_text(text: str, ref: Reference) -> ArticleText:
    """An article's text ready for the rules: lowered once and scanned once for every vocabulary."""
    lower = lower_keeping_offsets(text)
    return ArticleText(text, lower, has_ignorecase_twins(text), vocabulary_scanner(ref).scan(lower))


class CaseFreeWords:
    """The regex `\\b(?:body)` with re.IGNORECASE, found the fast way in lower-cased text.

    body is lower case and begins with a word character. Case-insensitive and led by
    \\b, the regex is tried at every character; its body without the \\b, matched in the
    lower-cased text, lets re skip ahead to its first letters, and the word start is
    checked on the few matches (find_where). A text with one of the letters that
    re.IGNORECASE takes for an ASCII one ('ſ' for 's') is scanned case-insensitively.
    Matches are in the lower-cased text, at the offsets of the original.
    """

    def __init__(self, body: str) -> None:
        self.pattern = re.compile(rf"\b(?:{body})", re.IGNORECASE)  # what it finds
        self._in_lower_case = re.compile(body)
        self._ignoring_case = re.compile(body, re.IGNORECASE)

    def finditer(self, article: ArticleText, start: int, end: int) -> Iterator[re.Match]:
        """self.pattern.finditer(article.text, start, end), in the article's lower-case copy."""
        if article.ignorecase_twins:
            return find_where(self._ignoring_case, article.text, start, end, starts_a_word)
        return find_where(self._in_lower_case, article.lower, start, end, starts_a_word)

    def search(self, article: ArticleText, start: int, end: int) -> re.Match | None:
        """self.pattern.search(article.text, start, end), in the article's lower-case copy."""
        if article.ignorecase_twins:
            return search_where(self._ignoring_case, article.text, start, end, starts_a_word)
        return search_where(self._in_lower_case, article.lower, start, end, starts_a_word)

    def finditer_in_piece(self, piece: str):
        """self.pattern.finditer(piece), for a piece cut from a text: lowered here, not kept."""
        if not piece.isascii() and any(twin in piece for twin in IGNORECASE_TWINS):
            return find_where(self._ignoring_case, piece, 0, len(piece), starts_a_word)
        return find_where(self._in_lower_case, lower_keeping_offsets(piece), 0, len(piece), starts_a_word)

