"""The words the extractor looks for in an article, found in one pass over its lower-cased text.

Place and cluster aliases (from the seeds), the first words of numbers in words
and the cues of a target share one automaton; the gazetteer, the grammar and
the linker each read their vocabulary's words from one scan of the article.
"""

from __future__ import annotations

from functools import lru_cache

from clusterfacts.extract.numbers import FIRST_NUMBER_WORDS
from clusterfacts.extract.patterns import lowered
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


@lru_cache(maxsize=1)
def words_in(text: str, ref: Reference) -> dict[str, FoundWords]:
    """Each vocabulary's words in lowered(text), scanned once however many steps read them."""
    return vocabulary_scanner(ref).scan(lowered(text))
