"""Entity mentions: places, clusters, companies, people and policy documents, with their offsets."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from clusterfacts.extract.patterns import (
    ASCII_LETTERS,
    end_of_empty_match,
    find_at,
    find_first_of,
    find_where,
    iter_sentence_spans,
    name_starts_at,
    occurrences,
    search_where,
    start_of_spaces_before,
    starts_a_word,
    trie_alternation,
)
from clusterfacts.extract.reference import Reference, load_reference
from clusterfacts.extract.vocabulary import CLUSTERS, PLACES, ArticleText

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
    place_anaphora: re.Pattern
    first_words: frozenset[str]  # the first words of place names: "Yangtze" of "Yangtze River Delta"
    capitalised: dict[str, str]  # "HEFEI" -> "Hefei", for names of five letters or more set in capitals


# "the zone", "the city", "the province": a place named before, found by its level.
PLACE_ANAPHORA = re.compile(
    r"[Tt]he\s+(?:(?:development|industrial|economic|pilot|free\s+trade|high-tech|new)\s+)?"
    r"(?P<kind>zone|park|district|city|province|municipality)\b")
# The levels a kind of anaphor may refer to, most likely first.
ANAPHOR_LEVELS = {"zone": ("zone",), "park": ("zone",), "district": ("district",), "city": ("city", "municipality"),
                  "municipality": ("municipality",), "province": ("province",)}
# Words that make a name a place in its own right when a place name begins it:
# "Chengdu Aviation Industrial Park" is in Chengdu, "Shanghai Electric" is a company.
PLACE_NOUNS = frozenset("Park Zone Base Valley Area Port Island Town City District Province Hub Corridor".split())
# "US$3bn", "U.S. dollars", "Hong Kong dollars": a currency, not a place.
CURRENCY_AFTER_PLACE = re.compile(r"\$|\s+dollars?\b", re.IGNORECASE)
CAPITALISED_RUN_AFTER = re.compile(r"(?:\s+[A-Z][\w-]*){1,6}")


@lru_cache(maxsize=4)
def gazetteer(ref: Reference | None = None) -> Gazetteer:
    ref = ref or load_reference()
    place_aliases = [*ref.geography_aliases, *ref.place_choices]
    return Gazetteer(
        ref=ref,
        place_anaphora=PLACE_ANAPHORA,
        first_words=frozenset(alias.split()[0] for alias in place_aliases),
        capitalised={alias.upper(): alias for alias in place_aliases
                     if len(alias) >= MIN_CAPITALISED_LENGTH and not alias.isupper()},
    )


def find_mentions(article: ArticleText, start: int = 0, end: int | None = None,
                  ref: Reference | None = None) -> list[Mention]:
    """Every entity mention in the article's text[start:end], in order; offsets index the text.

    ref is the reference the article's words were found with (vocabulary.read_text).
    """
    g = gazetteer(ref)
    text = article.text
    end = len(text) if end is None else end
    mentions = _places(g, article, start, end) + _clusters(g, article, start, end)
    mentions += _companies(g, text, start, end) + _people(text, start, end) + _policies(text, start, end)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


def _places(g: Gazetteer, article: ArticleText, start: int, end: int) -> list[Mention]:
    text = article.text
    found: list[Mention] = []
    aliases, choices = g.ref.geography_aliases, g.ref.place_choices

    def key(at: int, stop: int) -> str:
        """The alias a span writes, as written or in capitals ("HEFEI, Dec. 3 (Xinhua)")."""
        name = text[at:stop]
        return g.capitalised.get(name, name) if name.isupper() else name

    def is_alias_ending_a_word(at: int, stop: int) -> bool:  # the regex (alias)(?![\w-]), case and all
        name = key(at, stop)
        return ((name in aliases or name in choices) and (stop == end or not _word_char(text, stop))
                and not CURRENCY_AFTER_PLACE.match(text, stop))

    named = [(at, stop) for at, stop in article.words[PLACES].find(
        start, end, is_alias_ending_a_word, lambda at: name_starts_at(text, at))
        if not _inside_a_name(text, stop, g) and not _ends_a_personal_name(g, text, at)]
    # A name two places share is the one in a province the article names otherwise.
    named_provinces: set[str] = set()
    if any(key(at, stop) in choices for at, stop in named):
        for at, stop in named:
            named_provinces.update(places_holding(g.ref, aliases.get(key(at, stop))))

    main: list[str | None] = []  # the article's place, found when an anaphor first needs it

    def article_place() -> str | None:
        if not main:
            named_mentions = [Mention("geography", place, at, stop, text[at:stop]) for at, stop in named
                              if (place := aliases.get(key(at, stop))) is not None]
            main.append(main_place(text, start, end, named_mentions, g.ref))
        return main[0]

    # A place named, as a span, or a match of "the zone"-like words that refer to one, in order.
    events: list[tuple[int, tuple[int, int] | re.Match]] = [(at, (at, stop)) for at, stop in named]
    events += [(m.start(), m) for m in find_where(g.place_anaphora, text, start, end, starts_a_word)]
    for _, event in sorted(events, key=lambda e: e[0]):
        if isinstance(event, tuple):
            at, stop = event
            name = key(at, stop)
            place = aliases.get(name)
            if place is None:
                place = _nearest_fit(g, choices[name], named, key, at, stop) or _one_of(
                    g, choices[name], named_provinces)
            if place is not None:
                found.append(Mention("geography", place, at, stop, text[at:stop]))
        elif referent := _referent(found, g, event, article_place, text):
            found.append(Mention("geography", referent, event.start(), event.end(), event.group(0)))
    return found


MIN_CAPITALISED_LENGTH = 5  # shorter names in capitals are acronyms more often than places
# Capitalised words that may stand before a place without making it part of a name.
PLACE_LEADERS = frozenset("""
The A An In At For From With By Of On To And As Both Also Even Including Like Consider Across Within Inside
Outside Near Around Throughout Via Into Unlike Besides Beyond Since Until While When Where Meanwhile Moreover
However Today Yesterday Now Then Here There Only Central East West North South Northeast Northwest Southeast
Southwest Eastern Western Northern Southern Greater Coastal Inland Rural Urban Downtown Mainland Neighbouring
Neighboring Nearby Said Says Visit Visiting Welcome
""".split())
WORD_BEFORE = re.compile(r"([A-Z][a-z]+) $")


def _ends_a_personal_name(g: Gazetteer, text: str, at: int) -> bool:
    """'Yang Jian', 'Chen Anda': a place name right after a capitalised word that is no place and no
    preposition is the given name of a person (or the end of another name), unless the line is set in
    title case."""
    before = WORD_BEFORE.search(text, max(0, at - 20), at)
    if before is None or before.group(1) in PLACE_LEADERS or before.group(1) in g.first_words:
        return False
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    words = text[line_start:line_end if line_end >= 0 else len(text)].split()
    return sum(1 for word in words if word[:1].isupper()) < TITLE_CASE_SHARE * len(words)


TITLE_CASE_SHARE = 0.6  # a line with this share of capitalised words is a headline in title case


NEAR_CHARS = 80  # how far from a shared name ("Taizhou in Zhejiang province") its province is looked for


def _nearest_fit(g: Gazetteer, choices: tuple[str, ...], named: list[tuple[int, int]], key, at: int,
                 stop: int) -> str | None:
    """Of the places a shared name may be, the one whose province is named nearest it, within NEAR_CHARS
    ("Jiangsu leads. Taizhou in Zhejiang province ..." is Taizhou, Zhejiang). named is in order and
    its spans do not overlap, so only the few within reach are looked at."""
    best: tuple[int, str] | None = None
    tie = False
    for index in range(bisect_left(named, at - NEAR_CHARS, key=lambda span: span[1]), len(named)):
        start, end = named[index]
        distance = start - stop if start >= stop else at - end
        if start >= stop and distance > NEAR_CHARS:
            break
        if (start, end) == (at, stop) or distance > NEAR_CHARS:
            continue
        holders = places_holding(g.ref, g.ref.geography_aliases.get(key(start, end)))
        for choice in choices:
            if g.ref.geography_parents.get(choice) in holders:
                if best is None or distance < best[0]:
                    best, tie = (distance, choice), False
                elif distance == best[0] and choice != best[1]:
                    tie = True
    return None if best is None or tie else best[1]


def _one_of(g: Gazetteer, choices: tuple[str, ...], provinces: set[str]) -> str | None:
    fits = [choice for choice in choices if g.ref.geography_parents.get(choice) in provinces]
    return fits[0] if len(fits) == 1 else None


def _inside_a_name(text: str, name_end: int, g: Gazetteer) -> bool:
    """'Shanghai Aerospace Innovation Center' names an organisation, not the city; a zone's name is a place.

    So does 'Volkswagen (Anhui) Automotive Company'.
    """
    if text.startswith(")", name_end):
        name_end += 1
    after = CAPITALISED_WORD_AFTER.match(text, name_end, name_end + 40)
    if not after:
        return False
    if after.group(1) in g.first_words or after.group(1) in ("District", "Province", "City", "Town"):
        return False
    run = CAPITALISED_RUN_AFTER.match(text, name_end, name_end + 80)
    return not (run and any(word in PLACE_NOUNS for word in run.group(0).split()))


LEAD_SENTENCES = 2  # sentences naming a place, from the top, that say where an article is
SENTENCE_LOOKBACK_CHARS = 1000  # how far back an anaphor's sentence may begin
ANAPHOR_LOOKBACK_MENTIONS = 200  # how many places back an anaphor may refer


def main_place(text: str, start: int, end: int, mentions: list[Mention], ref: Reference) -> str | None:
    """Where an article is: of the places its title and lead name, the one it names most often.

    The title and lead are the first LEAD_SENTENCES sentences that name a place. A place
    that holds another of them gives way to it (the lead "in the city of Hefei in China's
    Anhui province" is about Hefei); a tie goes to the earlier place. A place inside the
    lead's that the article names more often than the lead's is where it is.
    """
    places = [m for m in mentions if m.entity_type == "geography"]
    if not places:
        return None
    counts: dict[str, int] = {}
    for mention in places:
        counts[mention.entity] = counts.get(mention.entity, 0) + 1
    lead: list[str] = []
    sentences, index = 0, 0
    for sentence_start, sentence_end in iter_sentence_spans(text, start, end):
        named = False
        while index < len(places) and places[index].start < sentence_end:
            if places[index].start >= sentence_start:
                lead.append(places[index].entity)
                named = True
            index += 1
        sentences += named
        if sentences == LEAD_SENTENCES or index == len(places):
            break
    candidates = [p for p in dict.fromkeys(lead) if not any(holds(ref, p, other) for other in lead)]
    if not candidates:
        return None
    main = max(candidates, key=lambda place: (counts[place], -candidates.index(place)))
    # An article about Minhang that is mostly about its South Hongqiao CBD is about the CBD.
    most_named = max(counts, key=lambda place: counts[place])
    return most_named if holds(ref, main, most_named) and counts[most_named] > counts[main] else main


def places_holding(ref: Reference, place: str | None) -> list[str]:
    """The place and the places that hold it, inner first: Minhang, Shanghai, Yangtze River Delta, China."""
    chain: list[str] = []
    while place is not None and len(chain) < MAX_PLACE_DEPTH:
        chain.append(place)
        place = ref.geography_parents.get(place)
    return chain


MAX_PLACE_DEPTH = 10  # deeper than any chain of the seeds: a loop in them cannot hang the walk


def holds(ref: Reference, outer: str, inner: str) -> bool:
    """Whether `outer` is one of the places that hold `inner` (Shanghai holds Minhang and Zhangjiang)."""
    return outer in places_holding(ref, inner)[1:]


def _referent(found: list[Mention], g: Gazetteer, anaphor: re.Match, article_place: Callable[[], str | None],
              text: str) -> str | None:
    """'the city' is the city its own sentence names, else the article's, else the last one named."""
    kind = anaphor.group("kind")
    if kind in ("city", "province", "municipality", "district"):
        floor = max(0, anaphor.start() - SENTENCE_LOOKBACK_CHARS)
        sentence_start = max(text.rfind(". ", floor, anaphor.start()), text.rfind("\n", floor, anaphor.start())) + 1
        in_sentence = []
        for mention in reversed(found):
            if mention.start < sentence_start:
                break
            in_sentence.append(mention)
        in_sentence.reverse()
        if (here := _last_place_of_level(in_sentence, g, kind)) is not None:
            return here
        main = article_place()
        if main is not None and (of_main := _last_place_of_level(
                [Mention("geography", main, 0, 0, main)], g, kind)) is not None:
            return of_main
    return _last_place_of_level(found, g, kind)


def _last_place_of_level(found: list[Mention], g: Gazetteer, kind: str) -> str | None:
    """What 'the zone', 'the city', 'the province' refer to.

    'the zone' or 'the park' is the last place named with that word ("Suzhou Industrial
    Park" is named as its city, Suzhou), else the last zone. 'the city', 'the district'
    and 'the province' are the last place of that level or the one of that level that
    holds it: after "Jinshan", 'the city' is Shanghai.
    """
    recent = found[-ANAPHOR_LOOKBACK_MENTIONS:]
    if kind in ("zone", "park"):
        for mention in reversed(recent):
            if kind in mention.text.lower().split() and mention.text[:1].isupper():
                return mention.entity
    levels = ANAPHOR_LEVELS[kind]
    for mention in reversed(recent):
        # a zone holds no zone: 'the zone' is the place itself or nothing
        chain = [mention.entity] if kind in ("zone", "park") else places_holding(g.ref, mention.entity)
        for place in chain:
            if g.ref.geography_levels.get(place) in levels:
                return place
    return None


ACRONYM_ALIASES = frozenset({"ai", "pv", "ev", "evs"})
ORGANISATION_NOUNS = frozenset(
    "Administration Bureau Commission Ministry Department Association Institute University Academy Office "
    "Committee Federation Alliance Council".split())  # a company's name does say its industry


def _names_an_organisation(text: str, alias_end: int) -> bool:
    """A capitalised industry word followed by capitalised words naming a public body."""
    run = CAPITALISED_RUN_AFTER.match(text, alias_end, alias_end + 80)
    return run is not None and any(word.strip(",") in ORGANISATION_NOUNS for word in run.group(0).split())


def _clusters(g: Gazetteer, article: ArticleText, start: int, end: int) -> list[Mention]:
    mentions = []
    text, low = article.text, article.lower

    def ends_a_name(at: int, stop: int) -> bool:  # the regex's (?![\w+-])
        return stop == end or not (_word_char(low, stop) or low[stop] == "+")

    def starts_or_ends_a_compound(at: int) -> bool:  # "satellite" heads "IP-over-satellite industry"
        return name_starts_at(low, at) or (at >= 2 and low[at - 1] == "-" and low[at - 2].isalpha())

    for at, stop in article.words[CLUSTERS].find(start, end, ends_a_name, starts_or_ends_a_compound):
        alias = text[at:stop]
        if low[at:stop] in ACRONYM_ALIASES and not alias[:2].isupper():
            continue  # only the capitalised acronym: "ai", "pv" are no industry
        if alias[:1].isupper() and _names_an_organisation(text, stop):
            continue  # "Civil Aviation Administration" is no aviation figure
        mentions.append(Mention("cluster", g.ref.cluster_aliases[low[at:stop]], at, stop, alias))
    return mentions


def _person_quoted(text: str, pos: int, end: int, next_at: dict[str, int]) -> re.Match | None:
    """search_where(PERSON_QUOTED, ...), tried only where a cue word stands: a scan would try every 's' and 'a'.

    next_at holds each cue's next place and is kept by the caller from one call to the next: a
    cue is found again only once it is passed, so a cue the text lacks is looked for once, not
    once a match (which made a long document cost its square).
    """
    while True:
        for cue, found in next_at.items():
            if 0 <= found < pos:
                next_at[cue] = text.find(cue, pos, end)
        places = [found for found in next_at.values() if found >= 0]
        if not places:
            return None
        at = min(places)
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


def _companies(g: Gazetteer, text: str, start: int, end: int) -> list[Mention]:
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
    spans.update(_repeated_names(g, text, start, end, set(spans.values())))
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


def _repeated_names(g: Gazetteer, text: str, start: int, end: int, known: set[str]) -> dict[tuple[int, int], str]:
    """A company once named by shape ('M-Fine, a ... company', 'Tesla Inc.') is recognised wherever it
    recurs, by its name or by its name without the legal form ('Tesla')."""
    found: dict[tuple[int, int], str] = {}
    # The fullest name wins where two share a form ('X Co.' and 'X Co., Ltd.'), whatever the set's order.
    for name in sorted(known, key=lambda n: (-len(n), n)):
        forms = [name.split(",")[0]]
        if (bare := _without_legal_form(forms[0])) and bare not in g.ref.geography_aliases:
            forms.append(bare)
        for short in forms:
            at = text.find(short, start, end)
            while at >= 0:
                after = at + len(short)
                if not _word_char(text, at - 1) and not _word_char(text, after):
                    found.setdefault((at, after), name)
                at = text.find(short, after, end)
    return found


LEGAL_FORMS = frozenset("Inc. Inc Co. Co Ltd. Ltd Corporation Corp. Corp Group Holdings Holding Limited SA AG SE GmbH "
                        "PLC plc LLC".split())


def _without_legal_form(name: str) -> str | None:
    """'Tesla Inc.' -> 'Tesla', 'Volkswagen Group' -> 'Volkswagen'; None when nothing is left or nothing is cut."""
    words = name.split()
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    bare = " ".join(words)
    return bare if bare != name and bare[:1].isupper() and len(bare) > 2 else None


def _word_char(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] in "_-")


def _people(text: str, start: int, end: int) -> list[Mention]:
    next_at = {cue: text.find(cue, start, end) for cue in PERSON_QUOTED_CUES}

    def quoted(text: str, pos: int, end: int) -> re.Match | None:
        return _person_quoted(text, pos, end, next_at)

    return [Mention("person", match.group("name"), match.start("name"), match.end("name"), match.group("name"))
            for match in find_first_of((quoted, _person_with_title), text, start, end)]


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
