"""The text the rules read: the article without characters that are there but not seen.

A zero-width space, a word joiner or a soft hyphen inside "1\u200b000 companies" is
invisible on the page but splits the number in two for a regex. The rules read the
text with such characters taken out; every offset they give is mapped back to the
article's own text, so spans, fact ids and mentions index what was landed.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Zero-width space, non-joiner and joiner, word joiner and the invisible operators, the
# zero-width no-break space (a byte-order mark inside a text) and the soft hyphen.
INVISIBLE = re.compile("[\u200b-\u200d\u2060-\u2064\ufeff\u00ad]+")


class VisibleText:
    """An article's text as the rules read it, and the way back to the article's offsets.

    >>> seen = VisibleText("1\u200b000 companies")
    >>> seen.text
    '1000 companies'
    >>> seen.start(0), seen.end(4)
    (0, 5)
    """

    __slots__ = ("original", "text", "_cuts", "_shifts")

    def __init__(self, original: str) -> None:
        self.original = original
        # Where each run of invisible characters was cut from the visible text, and how many
        # characters were cut up to and including it: a visible offset at or after a cut
        # moves right by them.
        self._cuts: list[int] = []
        self._shifts: list[int] = []
        if original.isascii() or INVISIBLE.search(original) is None:
            self.text = original
            return
        pieces, removed, last = [], 0, 0
        for run in INVISIBLE.finditer(original):
            pieces.append(original[last:run.start()])
            self._cuts.append(run.start() - removed)
            removed += run.end() - run.start()
            self._shifts.append(removed)
            last = run.end()
        pieces.append(original[last:])
        self.text = "".join(pieces)

    @property
    def is_original(self) -> bool:
        return not self._cuts

    def start(self, at: int) -> int:
        """The article's offset of a span that starts at `at` in the visible text."""
        index = bisect_right(self._cuts, at) - 1
        return at if index < 0 else at + self._shifts[index]

    def end(self, at: int) -> int:
        """The article's offset of a span that ends at `at`: invisible characters after it stay out."""
        index = bisect_right(self._cuts, at - 1) - 1
        return at if index < 0 else at + self._shifts[index]

    def span(self, start: int, end: int) -> str:
        """The article's own text of the visible text's [start, end)."""
        return self.original[self.start(start):self.end(end)]
