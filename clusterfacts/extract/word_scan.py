"""Finding the words of vocabularies in a text: one Aho–Corasick pass instead of regex scans.

A regex alternation of hundreds of aliases is tried at nearly every position of
a text, because nearly every letter starts some alias; an Aho–Corasick automaton
(pyahocorasick, in C) reads each character once. Several vocabularies share one
automaton, so one pass finds the words of all of them (`VocabularyScanner`).
`FoundWords.find` gives the matches that `patterns.find_where` gives for the
regex `(?:word|word|...)` followed by an assertion on what comes after it, so
the callers keep their rules.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping

import ahocorasick

from clusterfacts.extract.patterns import is_word_char, word_starts_at

# (start, end) -> whether a word may end at end: the regex's trailing look-ahead.
EndCheck = Callable[[int, int], bool]
StartCheck = Callable[[int], bool]


class FoundWords:
    """Every occurrence of one vocabulary's words in a text, overlapping ones too."""

    def __init__(self, ends_by_start: dict[int, list[int]]):
        self._ends_by_start = ends_by_start  # start -> ends, ascending
        self._starts = sorted(ends_by_start)

    def _within(self, start: int, end: int) -> Iterator[tuple[int, list[int]]]:
        """(start, ends) of the words lying wholly in [start, end), in order of start."""
        starts, ends_by_start = self._starts, self._ends_by_start
        for index in range(bisect_left(starts, start), len(starts)):
            at = starts[index]
            if at >= end:
                return
            ends = ends_by_start[at]
            if ends[0] <= end:
                yield at, ends if ends[-1] <= end else [stop for stop in ends if stop <= end]

    def starts(self, start: int, end: int) -> list[int]:
        """Where a word lying wholly in [start, end) begins, in order."""
        return [at for at, _ in self._within(start, end)]

    def find(self, start: int, end: int, may_end: EndCheck, accept: StartCheck) -> Iterator[tuple[int, int]]:
        """The (start, end) spans finditer would give in [start, end), leftmost first and without overlaps.

        At each start the longest word that may end where it ends is taken, as a regex
        alternation backtracks from its longest branch; accept, like find_where's, must
        refuse any match that follows a word character.
        """
        pos = start
        for at, ends in self._within(start, end):
            if at < pos:
                continue
            for stop in reversed(ends):
                if may_end(at, stop):
                    break
            else:
                continue
            if accept(at):
                yield at, stop
                pos = stop


class VocabularyScanner:
    """Named vocabularies in one automaton: one pass over a text finds the words of each."""

    def __init__(self, vocabularies: Mapping[str, Iterable[str]]):
        self._names = tuple(vocabularies)
        owners: dict[str, list[str]] = {}
        for name, words in vocabularies.items():
            for word in set(words):
                if not word:
                    raise ValueError(f"a word of the vocabulary {name!r} cannot be empty")
                owners.setdefault(word, []).append(name)
        self._automaton = ahocorasick.Automaton()
        for word, names in owners.items():
            self._automaton.add_word(word, (len(word), tuple(names)))
        self._automaton.make_automaton()

    def scan(self, text: str, start: int = 0, end: int | None = None) -> dict[str, FoundWords]:
        """Each vocabulary's words in text[start:end]."""
        found: dict[str, dict[int, list[int]]] = {name: {} for name in self._names}
        end = len(text) if end is None else end
        # Matches come in order of where they end, so each start's ends ascend.
        for last, (length, names) in self._automaton.iter(text, start, end):
            for name in names:
                found[name].setdefault(last + 1 - length, []).append(last + 1)
        return {name: FoundWords(ends_by_start) for name, ends_by_start in found.items()}


class WordScanner:
    """One vocabulary, scanned on its own."""

    def __init__(self, words: Iterable[str]):
        self._scanner = VocabularyScanner({"words": words})

    def find(self, text: str, start: int, end: int, may_end: EndCheck, accept: StartCheck
             ) -> Iterator[tuple[int, int]]:
        return self._scanner.scan(text, start, end)["words"].find(start, end, may_end, accept)


def word_ends_at(text: str, end: int) -> EndCheck:
    """The regex's \\b after a word ending in a letter, in a search that stops at end."""
    return lambda at, stop: stop == end or not is_word_char(text[stop])


def word_starts_in(text: str) -> StartCheck:
    """The regex's \\b before a word beginning with a letter."""
    return lambda at: word_starts_at(text, at)
