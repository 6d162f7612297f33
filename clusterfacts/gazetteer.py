"""Entity mentions: places, clusters, companies, people and policy documents, with their offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from clusterfacts.patterns import (ASCII_LETTERS, end_of_empty_match, find_at, find_first_of, find_where, lowered,
                                   name_starts_at, occurrences, search_where, start_of_spaces_before, starts_a_word,
                                   trie_alternation)
from clusterfacts.reference import Reference, load_reference
from clusterfacts.vocabulary import CLUSTERS, PLACES, words_in

COMPANY_SUFFIXES = (
    "Co", "Co.", "Ltd", "Ltd.", "Limited", "Corporation", "Corp", "Corp.", "Inc", "Inc.", "Holding", "Holdings",
    "Group", "SA", "AG", "SE", "GmbH", "PLC", "plc", "LLC", "Technology", "Technologies", "Tech", "Biologics",
    "Biotech", "Biotechnology", "Pharmaceutical", "Pharmaceuticals", "Pharma", "Electric", "Electronics", "Motor",
    "Motors", "Semiconductor", "Semiconductors", "Bank", "Clinic", "Therapeutics", "Medical", "Robotics", "Dairy",
    "Display")
# A suffix ends the name: no word goes on, unless the suffix ends in a full stop.
_SUFFIX_ENDS = r"(?![\w-])(?:(?<=\.)|(?![ ]+[A-Z]))"
COMPANY_SUFFIX_AT = re.compile(trie_alternation(COMPANY_SUFFIXES) + _SUFFIX_ENDS)
# "Co., Ltd." is one suffix. Wherever it stands "Co." or "Co" matches too, so it is tried there.
CO_LTD_AT = re.compile(r"Co\.?,\s*Ltd\.?" + _SUFFIX_ENDS)
CAPITALISED_WORDS_BEFORE = re.compile(r"(?:[A-Z][\w&'’-]*\.?[ ]+){1,6}$")
LEADING_FUNCTION_WORDS = re.compile(
    r"^(?:(?:The|A|An|Consider|Including|Like|And|As|By|In|At|For|From|With|Both|Also|Even|Of|On|To)[ ]+)+")
# "M-Fine, a science and technology company": found from the comma, then the name before it.
APPOSITION_TAIL = re.compile(
    r",\s+an?\s+(?:[\w-]+\s+){0,6}?(?:company|firm|manufacturer|producer|supplier|developer|maker|startup|"
    r"enterprise|group)\b")
NAME_BEFORE_COMMA = re.compile(r"(?<![\w&'’.-])[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3}$")
EXAMPLE_CUES = ("like", "such as", "including")
EXAMPLE_NOUNS = ("companies", "enterprises", "firms", "giants", "players", "brands")  # none ends another
COMPANY_EXAMPLES = re.compile(
    rf"{trie_alternation(EXAMPLE_NOUNS)}\s+"
    rf"{trie_alternation(EXAMPLE_CUES)}\s+"
    r"(?P<names>[A-Z][\w&'’.()-]*(?:\s*(?:,|and|,\s*and)?\s*[A-Z][\w&'’.()-]*){0,8})")
EXAMPLE_NAME = re.compile(r"[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*(?:\s*\([^)]*\))?")
PERSON_NAME = r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})"
PERSON_QUOTED_CUES = ("said", "says", "according to")
PERSON_QUOTED = re.compile(rf"(?:{'|'.join(PERSON_QUOTED_CUES)})\s+{PERSON_NAME}")
TITLE_AFTER_NAME = (
    r",\s+(?:the\s+)?(?:deputy\s+|vice\s+|executive\s+)?"
    r"(?:[Dd]irector|[Cc]hairman|[Cc]hairwoman|[Mm]anager|[Ss]ecretary|[Pp]resident|[Cc]hief|CEO|[Hh]ead|[Mm]ayor|"
    r"[Pp]rofessor|[Ff]ounder|[Dd]octor|[Gg]eneral [Mm]anager|Party [Ss]ecretary)")
PERSON_WITH_TITLE = re.compile(PERSON_NAME + TITLE_AFTER_NAME)
TITLE = re.compile(TITLE_AFTER_NAME)
CAPITALISED_WORD_AFTER = re.compile(r"\s+([A-Z][\w-]*)")
POLICY_KEYWORD = re.compile(
    r"(?:Five-Year\s+Plan|Action\s+Plan|Plan|Opinions|Measures|Guidelines|Regulations|Program|Programme|Policy)\b")
POLICY_HEAD = re.compile(r"(?:\d+(?:st|nd|rd|th)\s+|(?:[A-Z][\w-]*\s+){1,4})$")
POLICY_TAIL = re.compile(r"(?:\s+(?:(?:for|to|on|of|in|and|the|with|a|an)\s+){0,2}[A-Z][\w-]*)*")


class Mention(NamedTuple):  # a tuple: an article has thousands, and tuples are quicker to make than frozen dataclasses
    entity_type: str   # geography, cluster, company, person, policy
    entity: str        # canonical id for places and clusters, the name as written otherwise
    start: int
    end: int
    text: str


@dataclass(frozen=True, eq=False)  # hashed by identity: cached per instance
class Gazetteer:
    ref: Reference
    places: re.Pattern
    place_anaphora: re.Pattern


@lru_cache(maxsize=4)
def gazetteer(ref: Reference | None = None) -> Gazetteer:
    ref = ref or load_reference()
    place_aliases = sorted(ref.geography_aliases, key=len, reverse=True)
    return Gazetteer(
        ref=ref,
        places=re.compile(r"(" + trie_alternation(place_aliases) + r")(?![\w-])"),
        place_anaphora=re.compile(
            r"[Tt]he\s+(?:(?:development|industrial|economic|pilot|free\s+trade)\s+)?(?P<kind>zone|park|district)\b"),
    )


def find_mentions(text: str, start: int = 0, end: int | None = None, ref: Reference | None = None) -> list[Mention]:
    """Every entity mention in text[start:end], in order; offsets index text."""
    g = gazetteer(ref)
    end = len(text) if end is None else end
    mentions = _places(g, text, start, end) + _clusters(g, text, start, end)
    mentions += _companies(text, start, end) + _people(text, start, end) + _policies(text, start, end)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


def _places(g: Gazetteer, text: str, start: int, end: int) -> list[Mention]:
    found: list[Mention] = []
    aliases = g.ref.geography_aliases

    def is_alias_ending_a_word(at: int, stop: int) -> bool:  # the regex (alias)(?![\w-]), case and all
        return text[at:stop] in aliases and (stop == end or not _word_char(text, stop))

    # A place named, as a span, or a match of "the zone"-like words that refer to one, in order.
    events: list[tuple[int, tuple[int, int] | re.Match]] = [
        (at, (at, stop))
        for at, stop in words_in(text, g.ref)[PLACES].find(start, end, is_alias_ending_a_word,
                                                           lambda at: name_starts_at(text, at))]
    events += [(m.start(), m) for m in find_where(g.place_anaphora, text, start, end, starts_a_word)]
    for _, event in sorted(events, key=lambda e: e[0]):
        if isinstance(event, tuple):
            at, stop = event
            if not _inside_a_name(text, stop, g):
                found.append(Mention("geography", aliases[text[at:stop]], at, stop, text[at:stop]))
        elif referent := _last_place_of_level(found, g, event.group("kind")):
            found.append(Mention("geography", referent, event.start(), event.end(), event.group(0)))
    return found


def _inside_a_name(text: str, name_end: int, g: Gazetteer) -> bool:
    """'Shanghai Aerospace Innovation Center' names an organisation, not the city."""
    after = CAPITALISED_WORD_AFTER.match(text, name_end, name_end + 40)
    if not after:
        return False
    return not g.places.match(text, after.start(1)) and after.group(1) not in ("District", "Province", "City", "Town")


def _last_place_of_level(found: list[Mention], g: Gazetteer, kind: str) -> str | None:
    """'the zone' is the last place named a zone; failing that, the last place of a zone's level."""
    level = "district" if kind == "district" else "zone"
    candidates = [m for m in reversed(found) if g.ref.geography_levels.get(m.entity) == level]
    for mention in candidates:
        if kind in mention.entity.lower() or kind in mention.text.lower():
            return mention.entity
    return candidates[0].entity if candidates else None


def _clusters(g: Gazetteer, text: str, start: int, end: int) -> list[Mention]:
    mentions = []
    low = lowered(text)

    def ends_a_name(at: int, stop: int) -> bool:  # the regex's (?![\w+-])
        return stop == end or not (_word_char(low, stop) or low[stop] == "+")

    for at, stop in words_in(text, g.ref)[CLUSTERS].find(start, end, ends_a_name, lambda at: name_starts_at(low, at)):
        alias = text[at:stop]
        if low[at:stop] == "ai" and alias != "AI":
            continue  # only the capitalised acronym
        mentions.append(Mention("cluster", g.ref.cluster_aliases[low[at:stop]], at, stop, alias))
    return mentions


def _person_quoted(text: str, pos: int, end: int) -> re.Match | None:
    """search_where(PERSON_QUOTED, ...), tried only where a cue word stands: a scan would try every 's' and 'a'."""
    while True:
        found = [at for cue in PERSON_QUOTED_CUES if (at := text.find(cue, pos, end)) >= 0]
        if not found:
            return None
        at = min(found)
        match = PERSON_QUOTED.match(text, at, end)
        if match and starts_a_word(match):
            return match
        pos = at + 1


def _person_with_title(text: str, pos: int, end: int) -> re.Match | None:
    """search_where(PERSON_WITH_TITLE, ...), tried only before a title's comma.

    A name is letters and spaces, so a match begins in the run of them that ends
    at the comma of a title; a scan from pos would try every capital letter.
    """
    while (title := TITLE.search(text, pos, end)) is not None:
        at = title.start()
        while at > pos and (text[at - 1] in ASCII_LETTERS or text[at - 1].isspace()):
            at -= 1
        match = search_where(PERSON_WITH_TITLE, text, at, title.end(), starts_a_word)
        if match:
            return match
        pos = title.start() + 1
    return None


def _companies(text: str, start: int, end: int) -> list[Mention]:
    spans: dict[tuple[int, int], str] = {}
    for suffix in _company_suffixes(text, start, end):
        if suffix.start() > 0 and (text[suffix.start() - 1].isalnum() or text[suffix.start() - 1] in "-_"):
            continue
        words = CAPITALISED_WORDS_BEFORE.search(text, max(start, suffix.start() - 120), suffix.start())
        if not words:
            continue
        name = LEADING_FUNCTION_WORDS.sub("", text[words.start():suffix.end()])
        if len(name.split()) >= 2:
            spans[(suffix.end() - len(name), suffix.end())] = name
    for tail in APPOSITION_TAIL.finditer(text, start, end):
        before_comma = NAME_BEFORE_COMMA.search(text, max(start, tail.start() - 60), tail.start())
        if before_comma:
            spans.setdefault((before_comma.start(), before_comma.end()), before_comma.group(0))
    for match in _company_examples(text, start, end):
        offset = match.start("names")
        for example in EXAMPLE_NAME.finditer(match.group("names")):
            spans.setdefault((offset + example.start(), offset + example.end()), example.group(0))
    spans.update(_repeated_names(text, start, end, set(spans.values())))
    return [Mention("company", name, s, e, text[s:e]) for (s, e), name in _outermost(spans).items()]


def _company_examples(text: str, start: int, end: int):
    """find_where(COMPANY_EXAMPLES, ..., starts_a_word), tried only where a noun and spaces precede a cue.

    A scan would try the pattern at every letter that begins one of the nouns.
    """
    starts = []
    for cue in EXAMPLE_CUES:
        for at in occurrences(text, cue, start, end):
            gap = start_of_spaces_before(text, at, start)
            if gap < at:
                starts += [gap - len(noun) for noun in EXAMPLE_NOUNS if text.endswith(noun, start, gap)]
    return find_at(COMPANY_EXAMPLES, text, starts, end, starts_a_word)


def _company_suffixes(text: str, start: int, end: int):
    pos = start
    while (suffix := COMPANY_SUFFIX_AT.search(text, pos, end)) is not None:
        suffix = CO_LTD_AT.match(text, suffix.start(), end) or suffix
        yield suffix
        pos = suffix.end()


def _outermost(spans: dict[tuple[int, int], str]) -> dict[tuple[int, int], str]:
    """Drop spans that lie inside a longer one ('... Co.' inside '... Co., Ltd.')."""
    ordered = sorted(spans, key=lambda se: (se[0], -se[1]))
    kept, reach = {}, -1
    for s, e in ordered:
        if e <= reach:
            continue
        kept[(s, e)] = spans[(s, e)]
        reach = max(reach, e)
    return kept


def _repeated_names(text: str, start: int, end: int, known: set[str]) -> dict[tuple[int, int], str]:
    """A company once named by shape ('M-Fine, a ... company') is recognised wherever it recurs."""
    found: dict[tuple[int, int], str] = {}
    # The fullest name wins where two share a form ('X Co.' and 'X Co., Ltd.'), whatever the set's order.
    for name in sorted(known, key=lambda n: (-len(n), n)):
        short = name.split(",")[0]
        at = text.find(short, start, end)
        while at >= 0:
            after = at + len(short)
            if not _word_char(text, at - 1) and not _word_char(text, after):
                found.setdefault((at, after), name)
            at = text.find(short, after, end)
    return found


def _word_char(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] in "_-")


def _people(text: str, start: int, end: int) -> list[Mention]:
    return [Mention("person", match.group("name"), match.start("name"), match.end("name"), match.group("name"))
            for match in find_first_of((_person_quoted, _person_with_title), text, start, end)]


def _policies(text: str, start: int, end: int) -> list[Mention]:
    """Capitalised document names around a keyword: 'Action Plan to Accelerate ...', '14th Five-Year Plan'."""
    mentions, reach = [], start
    for keyword in find_where(POLICY_KEYWORD, text, start, end, starts_a_word):
        if keyword.start() < reach:
            continue
        head = POLICY_HEAD.search(text, max(start, keyword.start() - 60), keyword.start())
        name_start = head.start() if head else keyword.start()
        name_end = end_of_empty_match(POLICY_TAIL, text, keyword.end(), end)
        name = LEADING_FUNCTION_WORDS.sub("", text[name_start:name_end])
        if not name[:1].isupper() and not name[:1].isdigit():
            continue
        name_start = name_end - len(name)
        mentions.append(Mention("policy", name, name_start, name_end, name))
        reach = name_end
    return mentions
