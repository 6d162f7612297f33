"""Regular-expression building blocks shared by the grammar and the gazetteer."""

from __future__ import annotations

import re
from collections.abc import Iterator


def trie_alternation(words) -> str:
    """A regex matching any of words, as a trie of shared prefixes.

    Python's re tries each branch of a flat alternation in turn at every
    position; sharing prefixes makes a list of hundreds of aliases cost about
    as much as one word. Longer words win over their prefixes, as in a flat
    alternation sorted by length.
    """
    trie: dict = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _render(trie)


def _render(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _render(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


WORD_RUN = re.compile(r"\w*")
ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")  # what [A-Za-z] matches
# A year as this genre writes them; every year-bearing phrase holds one, so a text without one is not scanned.
YEAR = re.compile(r"(?:19|20)\d\d")


def lower_keeping_offsets(text: str) -> str:
    """The text in lower case with the same offsets.

    Scanning a lower-cased copy without re.IGNORECASE lets Python's re skip
    ahead on a pattern's first characters; case-insensitive patterns cannot.
    The few characters whose lower case is longer ('İ') are kept as they are.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(char if len(char.lower()) != 1 else char.lower() for char in text)


# The only non-ASCII letters that re.IGNORECASE takes for ASCII ones: 'ſome' matches 'some'.
_IGNORECASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def vocabulary_key(matched: str) -> str:
    """The lower-case vocabulary word that a case-insensitive match stands for."""
    return matched.lower() if matched.isascii() else matched.translate(_IGNORECASE_TWINS).lower()


def has_ignorecase_twins(text: str) -> bool:
    """Whether re.IGNORECASE would take a letter of the text for another ASCII one than its lower case."""
    return not text.isascii() and any(twin in text for twin in IGNORECASE_TWINS)


IGNORECASE_TWINS = "".join(chr(code) for code in _IGNORECASE_TWINS)


def end_of_empty_match(pattern: re.Pattern, text: str, pos: int, end: int | None = None) -> int:
    """Where a match of pattern at pos ends, for a pattern that also matches the empty string."""
    match = pattern.match(text, pos) if end is None else pattern.match(text, pos, end)
    if match is None:
        raise ValueError(f"{pattern.pattern!r} must match the empty string")
    return match.end()


def is_word_char(char: str) -> bool:
    """What re's \\w matches."""
    return char.isalnum() or char == "_"


def word_starts_at(text: str, index: int) -> bool:
    """re's \\b before text[index], when text[index] is a word character."""
    return index == 0 or not is_word_char(text[index - 1])


def starts_a_word(match: re.Match) -> bool:
    """re's \\b before a match that begins with a word character."""
    return word_starts_at(match.string, match.start())


def name_starts_at(text: str, index: int) -> bool:
    """No word character or hyphen just before text[index]: '(?<![\\w-])'."""
    return index == 0 or not (is_word_char(text[index - 1]) or text[index - 1] == "-")


def starts_a_name(match: re.Match) -> bool:
    """name_starts_at for the start of a match."""
    return name_starts_at(match.string, match.start())


def search_where(pattern: re.Pattern, text: str, pos: int, end: int, accept) -> re.Match | None:
    """The first match of pattern in text[pos:end] that accept(match) takes.

    A leading look-behind or \\b stops re from skipping ahead to a pattern's
    first characters, so a scan would try the whole pattern at every position;
    leaving it out of the pattern and checking it here, on the few matches,
    finds the same matches much faster. accept must refuse any match that
    follows a word character: a refused match then rules out the rest of its
    word, which is skipped.
    """
    while True:
        match = pattern.search(text, pos, end)
        if match is None or accept(match):
            return match
        at = match.start()
        pos = end_of_empty_match(WORD_RUN, text, at + 1) if is_word_char(text[at]) else at + 1


def find_where(pattern: re.Pattern, text: str, start: int, end: int, accept):
    """pattern.finditer(text, start, end) for a pattern whose leading assertion is accept(match)."""
    pos = start
    while (match := search_where(pattern, text, pos, end, accept)) is not None:
        yield match
        pos = max(match.end(), match.start() + 1)


def find_at(pattern: re.Pattern, text: str, starts, end: int, accept):
    """find_where(pattern, text, start, end, accept) for a pattern that can only begin at one of starts.

    starts must hold every place at or after start where a match could begin; a scan
    that tries the pattern only there skips the text between them.
    """
    reach = -1
    for at in sorted(set(starts)):
        if at < reach:
            continue
        match = pattern.match(text, at, end)
        if match is not None and accept(match):
            yield match
            reach = max(match.end(), at + 1)


def start_of_spaces_before(text: str, at: int, floor: int) -> int:
    """Where the run of white space that ends at `at` begins, not before floor (`at` itself without one)."""
    while at > floor and text[at - 1].isspace():
        at -= 1
    return at


def occurrences(text: str, word: str, start: int, end: int):
    """Where word begins in text[start:end], overlapping occurrences too."""
    at = text.find(word, start, end)
    while at >= 0:
        yield at
        at = text.find(word, at + 1, end)


def find_first_of(searchers, text: str, start: int, end: int):
    """The matches finditer would give for an alternation of several searches.

    A searcher is a function (text, pos, end) -> the first match at or after pos.
    Where two match at the same position the earlier searcher wins, as in a regex
    alternation; each runs on its own so each can skip ahead on its first characters.
    """
    pending: list = [None] * len(searchers)
    pos = start
    while True:
        for index, search in enumerate(searchers):
            if pending[index] is not False and (pending[index] is None or pending[index].start() < pos):
                pending[index] = search(text, pos, end) or False
        found = [(match.start(), index) for index, match in enumerate(pending) if match]
        if not found:
            return
        _, index = min(found)
        match = pending[index]
        yield match
        pos = max(match.end(), match.start() + 1)


# A break is its group "gap" where it has one: a sentence ends after its full stop, before the
# space. Starting on the stop rather than looking behind for it lets the scan skip ahead.
SENTENCE_BREAK = re.compile(r"[.!?\n](?:(?<=\n)\n*|(?<=[.!?])(?P<gap>[\"”’]?\s+)(?=[\"“‘(]?[A-Z0-9]))")


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of text[start:end] as (start, end), the stop kept and the spaces after it left out."""
    return list(iter_sentence_spans(text, start, end)) or [(start, end)]


def iter_sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """sentence_spans one at a time, for a reader that needs only the first few."""
    pos = start
    for match in SENTENCE_BREAK.finditer(text, start, end):
        gap_start = match.start("gap")
        if gap_start < 0:
            gap_start = match.start()
        if gap_start > pos:
            yield pos, gap_start
        pos = match.end()
    if pos < end:
        yield pos, end
