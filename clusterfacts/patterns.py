"""Regular-expression building blocks shared by the grammar and the gazetteer."""

from __future__ import annotations

import re


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
