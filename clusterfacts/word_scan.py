"""Finding the words of a vocabulary in a text: one Aho–Corasick pass instead of a regex scan.

A regex alternation of hundreds of aliases is tried at nearly every position of
a text, because nearly every letter starts some alias; an Aho–Corasick automaton
(pyahocorasick, in C) reads each character once. `WordScanner.find` gives the
matches that `patterns.find_where` gives for the regex `(?:word|word|...)`
followed by an assertion on what comes after it, so the callers keep their
rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import ahocorasick

from clusterfacts.patterns import is_word_char, word_starts_at

# (start, end) -> whether a word may end at end: the regex's trailing look-ahead.
EndCheck = Callable[[int, int], bool]
StartCheck = Callable[[int], bool]


class WordScanner:
    def __init__(self, words: Iterable[str]):
        self._automaton = ahocorasick.Automaton()
        for word in set(words):
            if not word:
                raise ValueError("a vocabulary word cannot be empty")
            self._automaton.add_word(word, len(word))
        self._automaton.make_automaton()

    def ends_by_start(self, text: str, start: int, end: int) -> dict[int, list[int]]:
        """Every occurrence of a word in text[start:end], overlapping ones too: start -> ends."""
        found: dict[int, list[int]] = {}
        for last, length in self._automaton.iter(text, start, end):
            found.setdefault(last + 1 - length, []).append(last + 1)
        return found

    def find(self, text: str, start: int, end: int, may_end: EndCheck, accept: StartCheck
             ) -> Iterator[tuple[int, int]]:
        """The (start, end) spans finditer would give, leftmost first and without overlaps.

        At each start the longest word that may end where it ends is taken, as a regex
        alternation backtracks from its longest branch; accept, like find_where's, must
        refuse any match that follows a word character.
        """
        found = self.ends_by_start(text, start, end)
        pos = start
        for at in sorted(found):
            if at < pos:
                continue
            ends = found[at]
            if len(ends) > 1:
                ends.sort(reverse=True)
            for stop in ends:
                if may_end(at, stop):
                    break
            else:
                continue
            if accept(at):
                yield at, stop
                pos = stop


def word_ends_at(text: str, end: int) -> EndCheck:
    """The regex's \\b after a word ending in a letter, in a search that stops at end."""
    return lambda at, stop: stop == end or not is_word_char(text[stop])


def word_starts_in(text: str) -> StartCheck:
    """The regex's \\b before a word beginning with a letter."""
    return lambda at: word_starts_at(text, at)
