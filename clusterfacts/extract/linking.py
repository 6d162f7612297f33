"""Tying each quantity to what it measures: metric, place, cluster, company, year and target.

The rules read the text around a number the way an analyst would: the
clause first, then the sentences just before it, then the article as a
whole. Vocabulary (aliases, metric cues, counted nouns, plan periods) comes
from the dbt seeds through the gazetteer and reference modules.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from clusterfacts.extract.gazetteer import Mention, holds, main_place, places_holding
from clusterfacts.extract.layout import Layout
from clusterfacts.extract.patterns import (
    YEAR,
    find_where,
    is_word_char,
    iter_sentence_spans,
    sentence_spans,
    start_of_spaces_before,
    starts_a_word,
    trie_alternation,
    vocabulary_key,
)
from clusterfacts.extract.quantities import Quantity
from clusterfacts.extract.reference import Reference
from clusterfacts.extract.vocabulary import TARGET_CUES, ArticleText, CaseFreeWords
from clusterfacts.extract.word_scan import word_ends_at, word_starts_in

# ";", "—", ", and ", ... and ",? as well as ". The last is found by its words, then the comma and
# spaces before it: as one regex, its optional comma makes a scan try the whole pattern at every space.
CLAUSE_BREAK = re.compile(r";|—|,\s+(?:and|while|but|whereas)\s+")
AS_WELL_AS = re.compile(r"as well as\s+")
PREVIOUS_SENTENCES = 2
COMPANY_LOOKBACK_CHARS = 1000
AFTER_WINDOW_CHARS = 80

NOT_THE_SUBJECT_BEFORE = CaseFreeWords(
    r"(?:leads?|leading|than|ahead of|outpac\w*|surpass\w*|behind|borders?|bordering|near|next to|adjacent to|"
    r"governs|governing|oversees|administers|outside|beyond|except|excluding)\s+$")
# A counted noun phrase and where its things are: "eight cities in the ", "204 biopharmaceutical parks in ".
COUNTED_IN_PLACE = re.compile(r"(?:[\s-]+[A-Za-z][\w-]*){1,4}?\s+(?:in|across|within)\s+(?:the\s+)?")
COMPANY_HOME_AFTER = re.compile(r"['’]s\s+(?:[a-z-]+\s+)?[A-Z]")
WHOLE_BEFORE_PLACE = re.compile(r",|\bof\b")
PLACE_AFTER_CUE = CaseFreeWords(r"(?:in|at|inside|within)\s+(?:the\s+)?$")
# "the company", "it": what a sentence says to name a company it named before.
COMPANY_ANAPHORA = re.compile(r"(?:(?:The|the)\s+(?:company|firm|factory|manufacturer|group|enterprise|producer)|It|its)\b")
# Its matches are found a regex a branch (_company_anaphora): each branch then begins with a literal
# word, which re finds far quicker than it tries the alternation at every 't' and 'i'.
_COMPANY_NOUN = r"\s+(?:company|firm|factory|manufacturer|group|enterprise|producer)\b"
COMPANY_ANAPHORA_BRANCHES = tuple(re.compile(branch) for branch in
                                  ("The" + _COMPANY_NOUN, "the" + _COMPANY_NOUN, r"It\b", r"its\b"))
EXAMPLES_BEFORE = re.compile(r"\b(?:such as|including|like)\s+$")
PRONOUN = re.compile(r"\b(?:It|its)\b")

# Matched in the lower-cased text.
BY_YEAR = re.compile(r"(?:by|by the end of|before)\s+(?P<y>(?:19|20)\d\d)\b")
INHERITS_PREVIOUS = re.compile(r"(?:This|These|It)\s+(?:comprises|includes|consists|covers|involves)\b")
EXPLICIT_YEAR = re.compile(
    r"\b(?:(?:in|In|during|During|for|For|as of|As of|throughout|by the end of|By the end of)\s+(?:(?:early|mid|late|"
    r"the (?:first|second|third|last) (?:half|quarter|two quarters|three quarters|\w+ months) of|the end of|"
    r"[A-Z][a-z]+)\s+)?|(?:[Oo]n\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+)(?P<y>(?:19|20)\d\d)\b(?![-–]\d)")
ORIGIN_BEFORE = CaseFreeWords(r"(?:founded|established|set\s+up|since|built|launched|opened|started|listed|"
                              r"born|formed|created|renamed)\b[^.;]{0,20}$")
OPENING_TIME = re.compile(r"(?:In|During|For|As of|Last|This|Since)\b[^,;.]{0,40}?\b(?:year|(?:19|20)\d\d)\b[^,;.]{0,20},")
RELATIVE_YEAR = CaseFreeWords(r"(?P<which>this|last|next|the\s+previous|the\s+past)\s+year\b")
PLAN_ORDINAL = CaseFreeWords(r"(?P<n>\d+(?:st|nd|rd|th))\s+five-year\s+(?:\(\d{4}-\d{4}\)\s+)?plan\b")
# "a year-end revenue", "this year": a target due in the year the article is dated.
YEAR_END = CaseFreeWords(r"(?:year-end|end\s+of\s+(?:this|the)\s+year|this\s+year)\b")
STAFF_SHARE = re.compile(r"\s*of\s+(?:its|their|the|all)?\s*(?:\w+\s+){0,2}?(?:engineers|staff|employees|workers|"
                         r"talents?|residents|people|population|graduates|researchers|students)\b", re.IGNORECASE)
PERCENT_CUES = {"growth_rate": CaseFreeWords(r"(?:growth|grew|grow|growing|increas\w+|rose|rise|up|year-on-year|"
                                             r"year\s+on\s+year|decline\w*|decreas\w+|fell|down|drop\w*)\b"),
                "other": CaseFreeWords(r"(?:stakes?|equity|holding)\b"),
                "output_share": CaseFreeWords(r"(?:share|accounted\s+for|accounting\s+for|accounts?\s+for|contribut\w+|"
                                              r"of\s+the\s+total|"
                                              r"proportion)\b")}


class Segment(NamedTuple):  # a tuple: quicker to make than a frozen dataclass, and articles have many
    start: int
    end: int


class SentenceFacts(NamedTuple):  # a tuple: quicker to make than a frozen dataclass
    clause_breaks: list[tuple[int, int]]
    target_cues: list[int]        # offsets of target cue words outside document names
    due_years: list[tuple[int, int, int]]  # (start, end, year) of each "by 2025" due after publication
    company_anaphora: list[re.Match]


class MentionIndex(NamedTuple):
    mentions: list[Mention]  # in order of start
    starts: list[int]
    disjoint: bool           # no two overlap, so their ends are in order too


NO_MENTIONS = MentionIndex([], [], True)


@dataclass
class ArticleContext:
    article: ArticleText
    text: str  # article.text
    layout: Layout
    ref: Reference
    mentions: list[Mention]
    sentences: list[Segment]
    paragraph_starts: list[int]
    main_place: str | None
    main_cluster: str | None
    company_sites: dict[str, str]
    publication_year: int | None
    by_kind: dict[str, MentionIndex]
    sentence_starts: list[int] = field(default_factory=list)
    sentence_facts: dict[int, SentenceFacts] = field(default_factory=dict)
    company_anaphora: list[re.Match] = field(default_factory=list)  # in the body, one scan
    company_anaphora_starts: list[int] = field(default_factory=list)
    cluster_subjects: dict[int, str | None] = field(default_factory=dict)  # by index in by_kind["cluster"]
    time_frames: dict[int, int | None] = field(default_factory=dict)  # by sentence: its paragraph's year after it
    own_frames: dict[int, bool] = field(default_factory=dict)  # by sentence: it sets the present or an unknown year
    time_marks: "TimeMarks | None" = None  # where the body names a year, a relative year, the present

    def __post_init__(self) -> None:
        self.sentence_starts = [s.start for s in self.sentences]
        self.company_anaphora = _company_anaphora(self.text, self.layout.body_start, self.layout.body_end)
        self.company_anaphora_starts = [m.start() for m in self.company_anaphora]

    def sentence_facts_of(self, index: int) -> SentenceFacts:
        """What a sentence says once, however many numbers it holds."""
        if index not in self.sentence_facts:
            self.sentence_facts[index] = _read_sentence(self, self.sentences[index])
        return self.sentence_facts[index]

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect_right(self.sentence_starts, pos) - 1)

    def paragraph_start(self, pos: int) -> int:
        index = bisect_right(self.paragraph_starts, pos) - 1
        return self.paragraph_starts[index] if index >= 0 else 0

    def mentions_of(self, kind: str, start: int, end: int) -> list[Mention]:
        """Mentions of a kind lying within [start, end), in order."""
        of_kind, starts, disjoint = self.by_kind.get(kind, NO_MENTIONS)
        first = bisect_left(starts, start)
        last = bisect_right(starts, end)
        if disjoint and (last == first or of_kind[last - 1].end <= end):
            return of_kind[first:last]  # disjoint and in order: only the last could reach past end
        return [m for m in of_kind[first:last] if m.end <= end]


def build_context(article: ArticleText, layout: Layout, mentions: list[Mention], ref: Reference) -> ArticleContext:
    """What the linker knows of an article before it reads any figure: its sentences and
    paragraphs, its main place and industry, where its companies' plants are."""
    text = article.text
    return ArticleContext(
        article=article, text=text, layout=layout, ref=ref, mentions=mentions,
        sentences=_sentences(text, layout.body_start, layout.body_end),
        paragraph_starts=_paragraph_starts(text, layout.body_start, layout.body_end),
        main_place=main_place(text, layout.body_start, layout.body_end, mentions, ref),
        main_cluster=_main_cluster(text, layout, mentions, ref),
        company_sites=_company_sites(text, mentions, ref),
        publication_year=layout.published_date.year if layout.published_date else None,
        by_kind=_index_by_kind(mentions),
    )


LEAD_MIN_WORDS = 4


def _main_cluster(text: str, layout: Layout, mentions: list[Mention], ref: Reference) -> str | None:
    """The industry an article is about: the one its first sentence names, when it names one family.

    Of several clusters of that family it names ('electric vehicle', 'vehicles'), the most specific,
    then the one the article names most.
    """
    lead_end = next((end for start, end in iter_sentence_spans(text, layout.body_start, layout.body_end)
                     if len(text[start:end].split()) >= LEAD_MIN_WORDS), None)  # not a date line
    if lead_end is None:
        return None
    lead = [m for m in mentions if m.entity_type == "cluster" and m.start < lead_end]
    if not lead or len({_family(ref, m.entity) for m in lead}) > 1:
        return None
    named = {m.entity for m in lead}
    counts: dict[str, int] = {}
    for mention in mentions:
        if mention.entity_type == "cluster" and mention.entity in named:
            counts[mention.entity] = counts.get(mention.entity, 0) + 1
    return max(counts, key=lambda cluster: (len(_clusters_holding(ref, cluster)), counts[cluster]))


def _clusters_holding(ref: Reference, cluster: str) -> list[str]:
    """The cluster and its parents, inner first: power_batteries, new_energy_vehicles, automobiles."""
    chain = [cluster]
    while (parent := ref.cluster_parents.get(chain[-1])) and len(chain) < MAX_CLUSTER_DEPTH:
        chain.append(parent)
    return chain


MAX_CLUSTER_DEPTH = 5  # deeper than any chain of the seeds: a loop in them cannot hang the walk


def _index_by_kind(mentions: list[Mention]) -> dict[str, MentionIndex]:
    """Each kind's mentions in order, their starts, and whether no two of them overlap."""
    by_kind: dict[str, list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        by_kind.setdefault(mention.entity_type, []).append(mention)
    return {kind: MentionIndex(of_kind, [m.start for m in of_kind],
                               all(a.end <= b.start for a, b in zip(of_kind, of_kind[1:])))
            for kind, of_kind in by_kind.items()}


def _sentences(text: str, start: int, end: int) -> list[Segment]:
    return [Segment(a, b) for a, b in sentence_spans(text, start, end)]


def _paragraph_starts(text: str, start: int, end: int) -> list[int]:
    """Where each run of text between line breaks begins."""
    starts, pos = [], start
    while (at := text.find("\n", pos, end)) >= 0:
        if at > pos:
            starts.append(pos)
        pos = at + 1
    if pos < end:
        starts.append(pos)
    return starts or [start]


def link_quantities(context: ArticleContext, quantities: list[Quantity]) -> list[Link]:
    """The subject fields of each quantity, in the same order."""
    return [link(context, quantity) for quantity in quantities]


def _read_sentence(ctx: ArticleContext, sentence: Segment) -> SentenceFacts:
    names = [(m.start, m.end) for m in ctx.mentions_of("policy", sentence.start, sentence.end)]
    low = ctx.article.lower
    cues = [at for at, _ in ctx.article.words[TARGET_CUES].find(
                sentence.start, sentence.end, word_ends_at(low, sentence.end), word_starts_in(low))
            if not any(s <= at < e for s, e in names)]
    breaks = _clause_breaks(ctx.text, sentence.start, sentence.end)
    anaphora = _company_anaphora_in(ctx, sentence)
    return SentenceFacts(breaks, cues, _due_years(ctx, sentence), anaphora)


def _company_anaphora(text: str, start: int, end: int) -> list[re.Match]:
    """find_where(COMPANY_ANAPHORA, text, start, end, starts_a_word), from its branches' own scans.

    No match of a branch overlaps another of it, so each branch's finditer finds all of
    its matches; the leftmost win, and the earlier branch where two start together.
    """
    found = sorted((m.start(), index, m) for index, branch in enumerate(COMPANY_ANAPHORA_BRANCHES)
                   for m in branch.finditer(text, start, end) if starts_a_word(m))
    matches, reach = [], start
    for at, _, match in found:
        if at >= reach:
            matches.append(match)
            reach = match.end()
    return matches


def _company_anaphora_in(ctx: ArticleContext, sentence: Segment) -> list[re.Match]:
    """What a scan of the sentence alone finds: the body's matches within it, unless one crosses its edge
    ("the\ncompany" across a line break) or a word runs on past its end, where a scan of its own could differ."""
    matches, starts, text = ctx.company_anaphora, ctx.company_anaphora_starts, ctx.text
    first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
    crosses = (first > 0 and matches[first - 1].end() > sentence.start) or (
        last > 0 and matches[last - 1].end() > sentence.end)
    if crosses or (sentence.end < len(text) and is_word_char(text[sentence.end])):
        return _company_anaphora(text, sentence.start, sentence.end)
    return matches[first:last]


def _clause_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """What finditer would give for CLAUSE_BREAK or ",? as well as " in text[start:end]."""
    breaks = [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(text, start, end)]
    phrases = [(m.start(), m.end()) for m in AS_WELL_AS.finditer(text, start, end)]
    if not phrases:
        return breaks
    merged: list[tuple[int, int]] = []
    pos = start
    for at, stop, is_phrase in sorted([(s, e, False) for s, e in breaks] + [(s, e, True) for s, e in phrases]):
        begins = _comma_and_spaces_before(text, pos, at) if is_phrase else at if at >= pos else None
        if begins is not None:
            merged.append((begins, stop))
            pos = stop
    return merged


def _comma_and_spaces_before(text: str, pos: int, phrase: int) -> int | None:
    """Where ",?\\s+" ending at phrase begins, leftmost from pos; None without a space there."""
    at = start_of_spaces_before(text, phrase, pos)
    if at == phrase:
        return None
    return at - 1 if at > pos and text[at - 1] == "," else at


# A figure is read within this many characters either side of it. A sentence or clause longer
# than that is a table or a list run together, and a word further off says nothing of the figure;
# the bound also keeps the linker linear in a text's length however many figures a sentence holds.
READING_REACH = 500


class Link(NamedTuple):
    """What a quantity is tied to: its sentence and the subject fields of its fact."""

    sentence_start: int
    sentence_end: int
    metric: str | None
    geography: str | None
    cluster: str | None
    company: str | None
    year: int | None
    is_target: bool
    target_year: int | None


def link(ctx: ArticleContext, q: Quantity) -> Link:
    index = ctx.sentence_index(q.start)
    sentence = ctx.sentences[index]
    near = Segment(max(sentence.start, q.start - READING_REACH), min(sentence.end, q.end + READING_REACH))
    facts = ctx.sentence_facts_of(index)
    clause = _clause(facts, near, q.start)
    metric = _metric(ctx, q, clause)
    is_target = _is_target(ctx, index, q, clause, near)
    target_year = _target_year(ctx, index, q, clause, near) if is_target else None
    company = _company(ctx, q, clause, near, facts)
    return Link(
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        metric=metric,
        geography=_at_company_site(ctx, q, clause, company, _geography(ctx, q, clause, near)),
        cluster=None if metric == "cluster_count" else _narrowed(ctx, _cluster(ctx, q, clause, near)),
        company=company.text if company else None,
        year=None if is_target else _year(ctx, q, clause, sentence),
        is_target=is_target,
        target_year=target_year,
    )


def _clause(facts: SentenceFacts, near: Segment, pos: int) -> Segment:
    """The clause around pos: from the last clause break ending at or before it to the first starting
    at or after it, within the stretch read around the figure. Breaks are not empty and do not
    overlap, so both are found by one bisection."""
    breaks = facts.clause_breaks
    start, end = near.start, near.end
    after = bisect_left(breaks, (pos,))  # the first break starting at or after pos
    if after < len(breaks):
        end = min(end, breaks[after][0])
    before = after - 1
    if before >= 0 and breaks[before][1] > pos:  # pos lies within this break: the one before bounds the clause
        before -= 1
    if before >= 0:
        start = max(start, breaks[before][1])
    return Segment(start, end)


# --- metric ---------------------------------------------------------------

def _metric(ctx: ArticleContext, q: Quantity, clause: Segment) -> str:
    if q.kind == "area":
        return "area"
    if q.kind == "count":
        return ctx.ref.count_nouns.get(q.unit) or ctx.ref.count_nouns.get(q.unit.split()[-1], "other")
    if q.kind == "percent":
        return _percent_metric(ctx, q, clause)
    return _money_metric(ctx, q, clause)


def _money_metric(ctx: ArticleContext, q: Quantity, clause: Segment) -> str:
    """What an amount measures: 'other' for a threshold that describes companies ("companies with
    sales exceeding 50 billion yuan"); else the cue just after it ("47 billion yuan in profit"); an
    investment when a facility follows ("a US$3bn plant"); else the nearest money cue before it in
    its clause; output value by default."""
    cues, pattern = money_cues(ctx.ref)
    if THRESHOLD_BEFORE.search(ctx.text, max(clause.start, q.start - THRESHOLD_WINDOW), q.start):
        return "other"
    after = CUE_AFTER.match(ctx.text, q.end, clause.end)
    if after and (cue := pattern.search(ctx.article, after.end(), min(clause.end, after.end() + 30))) is not None \
            and cue.start() == after.end():
        return cues[vocabulary_key(cue.group(0))]
    if FACILITY_AFTER.match(ctx.text, q.end, clause.end):
        return "investment"
    last = None
    for last in pattern.finditer(ctx.article, clause.start, q.start):  # noqa: B007 (the loop keeps the last cue)
        pass
    return cues[vocabulary_key(last.group(0))] if last else "output_value"


THRESHOLD_WINDOW = 60
THRESHOLD_BEFORE = re.compile(
    r"\b(?:companies|enterprises|firms|manufacturers|businesses|those|ones)\s+(?:(?:with|whose)\b[^,;.–—]*|"
    r"(?:each\s+)?(?:worth|valued\s+at)\s+(?:over|more\s+than|at\s+least|above)?\s*)$")
CUE_AFTER = re.compile(r"\s+(?:(?:in|of|worth\s+of)\s+)?(?:(?:net|total|annual|industrial|fixed-asset)\s+)?")
FACILITY_AFTER = re.compile(
    r"[\s-]+(?:\w+[\s-]+)?(?:plant|factory|gigafactory|project|facility|base|campus)\b", re.IGNORECASE)


@lru_cache(maxsize=4)
def money_cues(ref: Reference) -> tuple[dict[str, str], CaseFreeWords]:
    cues = {cue: metric for cue, metric in ref.metric_cues.items() if ref.metric_kinds.get(metric) in ("money", "any")}
    return cues, CaseFreeWords(rf"(?:{trie_alternation(cue.lower() for cue in cues)})\b")


def _percent_metric(ctx: ArticleContext, q: Quantity, clause: Segment) -> str:
    if STAFF_SHARE.match(ctx.text, q.end, clause.end):
        return "other"
    if q.unit == "percentage point":
        return "growth_rate"
    window = ctx.text[max(clause.start, q.start - 80):min(clause.end, q.end + 40)]
    nearest, distance = "output_share", None
    for metric, cue in PERCENT_CUES.items():
        for match in cue.finditer_in_piece(window):
            d = abs(match.start() - (q.start - max(clause.start, q.start - 80)))
            if distance is None or d < distance:
                nearest, distance = metric, d
    return nearest


# --- place ----------------------------------------------------------------

def _geography(ctx: ArticleContext, q: Quantity, clause: Segment, sentence: Segment) -> str | None:
    """The place named in the figure's clause, else after it ("in the zone"), else earlier in its
    sentence, else where the article is."""
    if q.kind == "count" and _locative_ahead(ctx.text, q.end, clause.end) and (
            counted_in := COUNTED_IN_PLACE.match(ctx.text, q.end, clause.end)) is not None:
        inside = ctx.mentions_of("geography", counted_in.end(), min(clause.end, counted_in.end() + 60))
        if inside and inside[0].start == counted_in.end():
            return inside[0].entity  # "eight cities in the Yangtze River Delta", "204 parks in China"
    if (place := _subject_place(ctx, ctx.mentions_of("geography", clause.start, q.start))) is not None:
        return place
    for mention in ctx.mentions_of("geography", q.end, min(clause.end, q.end + AFTER_WINDOW_CHARS)):
        # "70 percent of those made in Jiangsu", "700,000 NEVs, accounting for ... in Jiangsu": not where it is
        if PLACE_AFTER_CUE.search(ctx.article, max(0, mention.start - 12), mention.start) and not (
                WHOLE_BEFORE_PLACE.search(ctx.text, q.end, mention.start)):
            return mention.entity
        break
    located = [m for m in ctx.mentions_of("geography", sentence.start, clause.start)
               if PLACE_AFTER_CUE.search(ctx.article, max(0, m.start - 12), m.start)
               or (m.text[:4].lower() == "the " and POSSESSIVE_AFTER.match(ctx.text, m.end))]
    # ("the province's chip output rose ..., while exports fell": the province's)
    if (place := _subject_place(ctx, located)) is not None:
        return place  # "... signed in the zone this year, and 21 were signed last year": in the zone
    return ctx.main_place


def _locative_ahead(text: str, start: int, end: int) -> bool:
    """Whether " in ", " across " or " within " stands in the next 60 characters: most counts have none,
    and the regex below is then not tried."""
    stop = min(end, start + 60)
    return text.find(" in ", start, stop) >= 0 or text.find(" across ", start, stop) >= 0 or text.find(
        " within ", start, stop) >= 0


def _subject_place(ctx: ArticleContext, before: list[Mention]) -> str | None:
    """The last place named before a figure that is not what it is compared with, nor a foreign
    company's home ("Japan's Takeda committed 3 billion yen" to a park in Suzhou)."""
    for index in range(len(before) - 1, -1, -1):
        mention = before[index]
        if ctx.ref.geography_levels.get(mention.entity) == "country" and mention.entity != "China" and (
                COMPANY_HOME_AFTER.match(ctx.text, mention.end)):
            continue
        if not NOT_THE_SUBJECT_BEFORE.search(ctx.article, max(0, mention.start - 20), mention.start):
            listed = [mention.entity]
            first = index
            while first > 0 and _listed_places(ctx, before[first - 1], before[first]):
                first -= 1
                listed.append(before[first].entity)
            if len(set(listed)) > 1:  # "Chongqing, Sichuan and Hubei together produced": all of them
                return _common_holder(ctx.ref, listed)
            return _most_specific(ctx, before[:index], mention.entity)
    return None


def _most_specific(ctx: ArticleContext, earlier: list[Mention], place: str) -> str:
    """'Changzhou City, east China's Jiangsu Province, reported': a place followed by the places
    that hold it is the first of them."""
    holder = place
    for index in range(len(earlier) - 1, -1, -1):
        mention = earlier[index]
        if mention.entity == place or holds(ctx.ref, place, mention.entity):
            if index > 0 and _listed_places(ctx, earlier[index - 1], mention):
                return holder  # "Baoshan and Jinshan districts in the city's north": the city's figure
            place = mention.entity
        elif not holds(ctx.ref, mention.entity, place):  # "east China's" within the apposition
            break
    return place


def _common_holder(ref: Reference, places: list[str]) -> str | None:
    """The smallest place holding every one of them (China for three provinces); None for none."""
    chains = [places_holding(ref, place) for place in places]
    return next((candidate for candidate in chains[0] if all(candidate in chain for chain in chains)), None)


PLACE_LIST_GAP = re.compile(r"^\s*(?:,|and|or|,\s*and)\s*$")


def _listed_places(ctx: ArticleContext, first: Mention, second: Mention) -> bool:
    return bool(PLACE_LIST_GAP.match(ctx.text[first.end:second.start]))


# --- cluster --------------------------------------------------------------

def _cluster(ctx: ArticleContext, q: Quantity, clause: Segment, sentence: Segment) -> str | None:
    """The industry named in the figure's clause, else just after it, else in the sentences just before.

    A figure about a whole economy (GDP) has none; so has one whose clause names
    industries of several families ("chips and biomedicine").
    """
    if q.kind == "count":  # "50 hydrogen refuelling stations": the industry the counted things belong to
        inside = ctx.mentions_of("cluster", q.end, min(clause.end, q.end + COUNTED_PHRASE_CHARS))
        if inside and COUNTED_PHRASE_GAP.match(ctx.text, q.end, inside[0].start):
            return inside[0].entity
    before = ctx.mentions_of("cluster", clause.start, q.start)
    if before:
        if WHOLE_ECONOMY.search(ctx.article, before[-1].end, q.start) or len(_families(ctx, before)) > 1:
            return None
        return _unless_a_list(ctx, before[-1])
    if WHOLE_ECONOMY.search(ctx.article, clause.start, q.start):
        return None
    after_end = min(clause.end, q.end + AFTER_WINDOW_CHARS)
    comma = ctx.text.find(",", q.end, after_end)
    after = ctx.mentions_of("cluster", q.end, comma if comma >= 0 else after_end)
    if after:
        return after[0].entity
    index = ctx.sentence_index(q.start)
    earliest = ctx.sentences[max(0, index - PREVIOUS_SENTENCES)].start
    earlier = ctx.mentions_of("cluster", max(earliest, ctx.paragraph_start(q.start)), clause.start)
    if earlier:
        return _unless_a_list(ctx, earlier[-1])
    if INDUSTRY_ANAPHOR.search(ctx.article, clause.start, q.start):
        return ctx.main_cluster  # "the industry's output": the article's industry
    if any(_is_zone(ctx, m) for m in ctx.mentions_of("geography", clause.start, q.start)):
        return None  # a zone's own figure ("the zone is home to 292 firms") is about no one industry
    return ctx.main_cluster


def _is_zone(ctx: ArticleContext, mention: Mention) -> bool:
    """A zone as the subject: "the zone", or a zone's name before a comma or verb ("Zhangjiang, a strip
    of land spanning 25 square kilometers"), not one naming where a plant is ("Tesla's Lingang facility")."""
    zone = ctx.ref.geography_levels.get(mention.entity) == "zone" or any(
        word in mention.text.lower().split() for word in ("zone", "park"))
    return zone and (mention.text[:4].lower() == "the " or bool(SUBJECT_AFTER.match(ctx.text, mention.end)))


SUBJECT_AFTER = re.compile(r"(?:,|\s+(?:is|was|has|had|have|saw|generated|contributed|reported|accounted|made|"
                           r"attracted|registered|recorded|hosts|houses)\b)")


def _narrowed(ctx: ArticleContext, cluster: str | None) -> str | None:
    """Automobiles in an article about new energy vehicles are its new energy vehicles."""
    main = ctx.main_cluster
    if cluster is not None and main is not None and cluster in _clusters_holding(ctx.ref, main)[1:]:
        return main
    return cluster


COUNTED_PHRASE_CHARS = 40
COUNTED_PHRASE_GAP = re.compile(r"(?:[\s-]+[a-z][\w-]*){0,2}[\s-]+$")  # at most two words before the industry
INDUSTRY_ANAPHOR = CaseFreeWords(r"the\s+(?:industry|sector|cluster)\b")
WHOLE_ECONOMY = CaseFreeWords(r"(?:gdp|gross\s+domestic\s+product|economic\s+output|economy)\b")


def _families(ctx: ArticleContext, mentions: list[Mention]) -> set[str]:
    """The clusters named, each taken to its top parent: 'hydrogen' and 'new energy' are one family."""
    return {_family(ctx.ref, mention.entity) for mention in mentions}


def _family(ref: Reference, cluster: str) -> str:
    return _clusters_holding(ref, cluster)[-1]


LIST_GAP = re.compile(r"^\s*(?:clusters?|industry|industries|sectors?)?\s*(?:,|and|or|,\s*and|as well as)\s*(?:the\s+)?$",
                      re.IGNORECASE)


def _unless_a_list(ctx: ArticleContext, mention: Mention) -> str | None:
    """A cluster named in a list of several ('A, B and C') is not the subject of one figure."""
    clusters, starts, _ = ctx.by_kind["cluster"]
    index = bisect_left(starts, mention.start)
    while clusters[index] is not mention:
        index += 1
    if index not in ctx.cluster_subjects:
        first = last = index
        while first > 0 and _listed_together(ctx, clusters[first - 1], clusters[first]):
            first -= 1
        while last < len(clusters) - 1 and _listed_together(ctx, clusters[last], clusters[last + 1]):
            last += 1
        listed = {m.entity for m in clusters[first:last + 1]}
        for member in range(first, last + 1):
            ctx.cluster_subjects[member] = clusters[member].entity if len(listed) == 1 else None
    return ctx.cluster_subjects[index]


def _listed_together(ctx: ArticleContext, first: Mention, second: Mention) -> bool:
    """'A, B and C', or a list whose items add words ('new energy vehicles and automobile
    intelligence, high-performance medical equipment and precision medicine')."""
    gap = ctx.text[first.end:second.start]
    return bool(LIST_GAP.match(gap)) or (len(gap) <= LOOSE_LIST_GAP_CHARS and bool(LOOSE_LIST_GAP.match(gap)))


LOOSE_LIST_GAP_CHARS = 40
LOOSE_LIST_GAP = re.compile(r"^[A-Za-z \-]*(?:,|\band\b)[A-Za-z ,\-]*$")


# --- company --------------------------------------------------------------

def _company(ctx: ArticleContext, q: Quantity, clause: Segment, sentence: Segment, facts: SentenceFacts
             ) -> Mention | None:
    named = [m for m in ctx.mentions_of("company", clause.start, q.start)
             if not EXAMPLES_BEFORE.search(ctx.text, max(0, m.start - 12), m.start)]
    if named:
        return named[-1]
    anaphora = next((m for m in facts.company_anaphora if m.end() <= clause.end), None)
    if not anaphora:
        return None
    if PRONOUN.fullmatch(anaphora.group(0)) and ctx.mentions_of("geography", sentence.start, anaphora.start()):
        return None  # "Minhang's drive ... its numbers": the pronoun is the place
    earlier = ctx.mentions_of("company", max(0, sentence.start - COMPANY_LOOKBACK_CHARS), sentence.start)
    return earlier[-1] if earlier else None


def _company_sites(text: str, mentions: list[Mention], ref: Reference) -> dict[str, str]:
    """Where each company's plant is, when the text says so: "Tesla's Lingang facility", "Tesla, whose
    gigafactory based in Lingang", "Volkswagen's Hefei plant"."""
    places = {m.start: m for m in mentions if m.entity_type == "geography"}
    sites: dict[str, str] = {}
    for company in (m for m in mentions if m.entity_type == "company"):
        lead = SITE_AFTER_COMPANY.match(text, company.end, company.end + 80)
        place = places.get(lead.end()) if lead else None
        if place is None or company.entity in sites:
            continue
        if lead is not None and lead.group(0).lstrip()[:1] in "'’" and not SITE_NOUN.match(text, place.end):
            continue  # "Tesla's Shanghai sales" says nothing of where its plant is
        sites[company.entity] = place.entity
    return sites


SITE_AFTER_COMPANY = re.compile(
    r"(?:['’]s\s+|,\s+whose\s+(?:[\w-]+\s+){0,3}?(?:(?:is|was|are|were)\s+)?(?:based|located|sited|built)?\s*"
    r"(?:in|at)\s+(?:the\s+)?)")
SITE_NOUN = re.compile(r"\s+(?:[\w-]+\s+)?(?:facility|plant|factory|gigafactory|base|campus|site)\b", re.IGNORECASE)
SITE_ANAPHOR = re.compile(r"\bthe\s+(?:gigafactory|plant|factory|facility)\b", re.IGNORECASE)
POSSESSIVE_AFTER = re.compile(r"['’]s\b")


def _at_company_site(ctx: ArticleContext, q: Quantity, clause: Segment, company: Mention | None,
                     place: str | None) -> str | None:
    """A company's figure is where its plant is, when the text has said so and the clause names no
    other place of its own: "Tesla has provided 700 billion yuan", "The Tesla facility in Shanghai
    employs 24,000" (Shanghai holds Lingang) are Lingang's; "Tesla has boosted Shanghai's output"
    stays Shanghai's. "the gigafactory" is the plant of the one company whose plant is known."""
    site = ctx.company_sites.get(company.entity) if company is not None else None
    if site is None and len(set(ctx.company_sites.values())) == 1 and SITE_ANAPHOR.search(
            ctx.text, clause.start, clause.end):
        site = next(iter(ctx.company_sites.values()))
    if site is None:
        return place
    for mention in ctx.mentions_of("geography", clause.start, clause.end):
        if POSSESSIVE_AFTER.match(ctx.text, mention.end) or not (
                mention.entity == site or holds(ctx.ref, mention.entity, site)):
            return place
    return site


# --- time -----------------------------------------------------------------

def _year(ctx: ArticleContext, q: Quantity, clause: Segment, sentence: Segment | None = None) -> int | None:
    """The year a reported figure describes: the nearest year expression in its clause."""
    candidates = [(_distance(match, q), year) for match, year in _years_named(ctx, clause)]
    if not candidates and sentence is not None and clause.start > sentence.start:
        return _year(ctx, q, Segment(sentence.start, _opening_adverbial_end(ctx.text, sentence)), sentence)
    if not candidates and sentence is not None:
        return _paragraph_year(ctx, sentence)
    return min(candidates)[1] if candidates else None


def _years_named(ctx: ArticleContext, segment: Segment) -> list[tuple[re.Match, int]]:
    """The years a stretch of text dates its figures by: "in 2023" (not "founded in 2003"), and
    "last year" against the article's date."""
    named: list[tuple[re.Match, int]] = []
    if YEAR.search(ctx.text, segment.start, segment.end):
        for match in EXPLICIT_YEAR.finditer(ctx.text, segment.start, segment.end):
            if not ORIGIN_BEFORE.search(ctx.article, max(segment.start, match.start() - 40), match.start()):
                named.append((match, int(match.group("y"))))
    if ctx.publication_year is not None and ctx.article.lower.find("year", segment.start, segment.end) >= 0:
        for match in RELATIVE_YEAR.finditer(ctx.article, segment.start, segment.end):
            which = " ".join(vocabulary_key(match.group("which")).split())
            named.append((match, ctx.publication_year + RELATIVE_YEAR_OFFSETS[which]))
    return named


def _paragraph_year(ctx: ArticleContext, sentence: Segment) -> int | None:
    """The time frame an earlier sentence of the paragraph set ("In 2023, Anhui made 868,000 NEVs.
    Exports rose 45.7 percent."), until another is set: a later year, or the present ("now",
    "currently"). A target's year is when it is due, and sets no frame for what is reported."""
    index = ctx.sentence_index(sentence.start)
    if index not in ctx.own_frames:
        marks = _time_marks(ctx)
        ctx.own_frames[index] = _marked(marks.present, sentence) or (
            ctx.publication_year is None and _marked(marks.relative, sentence))
    if ctx.own_frames[index]:
        return None  # its own frame: the present, or a "last year" the article's date cannot resolve
    return _frame_after(ctx, index - 1) if index > 0 and _same_paragraph(ctx, index - 1, index) else None


def _same_paragraph(ctx: ArticleContext, first: int, second: int) -> bool:
    return ctx.paragraph_start(ctx.sentences[first].start) == ctx.paragraph_start(ctx.sentences[second].start)


def _frame_after(ctx: ArticleContext, index: int) -> int | None:
    """The paragraph's time frame once sentence `index` is read; each sentence's is kept, so a
    paragraph of many sentences is read once, not once for each of its figures."""
    first = index
    while first >= 0 and first not in ctx.time_frames:
        first -= 1
    for current in range(first + 1, index + 1):
        frame = ctx.time_frames[current - 1] if current > 0 and _same_paragraph(ctx, current - 1, current) else None
        ctx.time_frames[current] = _frame_set_by(ctx, current, frame)
    return ctx.time_frames[index]


def _frame_set_by(ctx: ArticleContext, index: int, frame: int | None) -> int | None:
    """The time frame after a sentence: the present ends it, a reported year replaces it."""
    sentence = ctx.sentences[index]
    marks = _time_marks(ctx)
    if not (_marked(marks.years, sentence) or _marked(marks.present, sentence) or (
            ctx.publication_year is not None and _marked(marks.relative, sentence))):
        return frame  # most sentences name no time: the frame goes on
    if _marked(marks.present, sentence):
        return None
    facts = ctx.sentence_facts_of(index)
    if facts.target_cues or facts.due_years:
        return frame
    found = [(match.start(), year) for match, year in _years_named(ctx, sentence)]
    return max(found)[1] if found else frame


class TimeMarks(NamedTuple):
    years: list[int]     # where the body writes a year, a date's or a plain one
    relative: list[int]  # "this year", "last year"
    present: list[int]   # "now", "currently", "to date"


def _time_marks(ctx: ArticleContext) -> TimeMarks:
    """Where the body names a time, found once an article rather than once a sentence."""
    if ctx.time_marks is None:
        start, end = ctx.layout.body_start, ctx.layout.body_end
        ctx.time_marks = TimeMarks([m.start() for m in YEAR.finditer(ctx.text, start, end)],
                                   [m.start() for m in RELATIVE_YEAR.finditer(ctx.article, start, end)],
                                   [m.start() for m in PRESENT_FRAME.finditer(ctx.article, start, end)])
    return ctx.time_marks


def _marked(marks: list[int], sentence: Segment) -> bool:
    first = bisect_left(marks, sentence.start)
    return first < len(marks) and marks[first] < sentence.end


RELATIVE_YEAR_OFFSETS = {"this": 0, "last": -1, "next": 1, "the previous": -1, "the past": -1}
PRESENT_FRAME = CaseFreeWords(r"(?:now|currently|at\s+present|to\s+date|so\s+far|today|nowadays)\b")


def _opening_adverbial_end(text: str, sentence: Segment) -> int:
    """'In March of this year, ...': a time phrase that opens a sentence dates all of it."""
    match = OPENING_TIME.match(text, sentence.start, sentence.end)
    return match.end() if match else sentence.start


def _distance(match: re.Match, q: Quantity) -> int:
    return q.start - match.end() if match.end() <= q.start else match.start() - q.end


def _is_target(ctx: ArticleContext, index: int, q: Quantity, clause: Segment, near: Segment) -> bool:
    """A goal, plan or forecast: a due year in the figure's clause, or a target cue in its clause or
    before it in its sentence ("aims to", "will", "X will be built"), unless a reported past stands
    between the cue and the figure ("will be built by the venture, which was renamed after raising
    its stake from 50% to 75%")."""
    facts = ctx.sentence_facts_of(index)
    if _due_within(facts, clause) and not _achieved(ctx, clause):
        return True
    cues = facts.target_cues
    last_cue = bisect_left(cues, q.start) - 1
    if last_cue >= 0 and cues[last_cue] >= near.start and not PAST_MARKER.search(ctx.article, cues[last_cue], q.start):
        return True
    if MODAL_AFTER.pattern.search(ctx.text, q.end, min(clause.end, q.end + MODAL_WINDOW)):
        return True
    sentence = ctx.sentences[index]
    if index > 0 and INHERITS_PREVIOUS.match(ctx.text, sentence.start, sentence.end):
        return bool(ctx.sentence_facts_of(index - 1).target_cues)
    return False


# A reported past between a target cue and a figure: the figure is no longer the target's.
PAST_MARKER = CaseFreeWords(r"(?:was|were|had|did|which\s+was|after)\b")
# "By the end of 2022, Tesla has opened 20 classes": a due year already met.
ACHIEVED = CaseFreeWords(r"(?:has|have|had)\s+(?:\w+ly\s+)?(?:\w+ed|been|made|built|grown|seen|won|become)\b")
WILL = CaseFreeWords(r"(?:will|shall)\b")
MODAL_WINDOW = 80  # characters after a figure that its modal may stand in
# What makes the figure before it a target: "five stations will be built", "are on the agenda".
MODAL_AFTER = CaseFreeWords(r"(?:will|shall|should|(?:is|are)\s+(?:expected|set|due|slated|planned)\s+to|"
                            r"(?:is|are)\s+(?:also\s+)?on\s+the\s+agenda)\b")


def _achieved(ctx: ArticleContext, clause: Segment) -> bool:
    return bool(ACHIEVED.search(ctx.article, clause.start, clause.end)) and not WILL.search(
        ctx.article, clause.start, clause.end)


def _due_within(facts: SentenceFacts, segment: Segment) -> list[tuple[int, int, int]]:
    """The sentence's due years that start within segment: a slice found by bisection, as a long
    sentence may have many."""
    due = facts.due_years
    if not due:  # most sentences
        return due
    return due[bisect_left(due, segment.start, key=lambda d: d[0]):bisect_left(due, segment.end, key=lambda d: d[0])]


def _due_years(ctx: ArticleContext, sentence: Segment) -> list[tuple[int, int, int]]:
    due = []
    for match in find_where(BY_YEAR, ctx.article.lower, sentence.start, sentence.end, starts_a_word):
        year = int(match.group("y"))
        if ctx.publication_year is None or year >= ctx.publication_year:
            due.append((match.start(), match.end(), year))
    return due


def _target_year(ctx: ArticleContext, index: int, q: Quantity, clause: Segment, sentence: Segment) -> int | None:
    """When a target is due: the due year nearest the figure in its clause, else in its sentence, else
    a year its sentence names ("as of 2022"), else its plan period's last year, else the due year
    of the target just before ("by that time"). sentence is the stretch of it read around the figure."""
    facts = ctx.sentence_facts_of(index)
    in_clause = [(q.start - end if end <= q.start else start - q.end, year)
                 for start, end, year in _due_within(facts, clause)]
    if in_clause:
        return min(in_clause)[1]
    if facts.due_years:
        return facts.due_years[0][2]
    for match in PLAN_ORDINAL.finditer(ctx.article, sentence.start, sentence.end):
        period = ctx.ref.plan_periods.get(vocabulary_key(match.group("n")))
        if period:
            return period[1]
    named = [int(m.group("y")) for m in TARGET_YEAR_NAMED.finditer(ctx.text, sentence.start, sentence.end)
             if ctx.publication_year is None or int(m.group("y")) >= ctx.publication_year]
    if named:
        return named[0]
    if ctx.publication_year is not None and YEAR_END.search(ctx.article, sentence.start, sentence.end):
        return ctx.publication_year
    for earlier in range(index - 1, max(-1, index - 1 - PREVIOUS_SENTENCES), -1):
        if ctx.sentence_facts_of(earlier).due_years:
            return ctx.sentence_facts_of(earlier).due_years[-1][2]
    return None


TARGET_YEAR_NAMED = re.compile(r"\b(?:in|as of|for|during|within)\s+(?P<y>(?:19|20)\d\d)\b(?![-–]\d)")
