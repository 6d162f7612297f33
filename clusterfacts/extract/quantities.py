"""The number grammar: every money amount, percentage, count and area stated in a text.

A quantity is anchored on a number (digits or words) and classified by what
stands around it: a currency before or after makes it money, a percent sign
or word a percentage, an area unit an area, and a counted noun phrase a count.
Qualifier words before the number ("nearly", "more than") and ranges
("20-30 percent", "between 5 and 8 billion yuan") are read on the way.
Scale labels without a number ("the trillion-yuan level") are read by their
own shape. Vocabulary that is reference data (scale words, currencies, area
units, counted nouns) comes from the dbt seeds.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from clusterfacts.extract.numbers import DIGIT_NUMBER, FRACTION_OF_SCALE, NUMBER, WORD_NUMBER, parse_number
from clusterfacts.extract.patterns import (
    ASCII_LETTERS,
    YEAR,
    end_of_empty_match,
    find_at,
    is_word_char,
    occurrences,
    search_where,
    start_of_spaces_before,
    starts_a_name,
    starts_a_word,
    trie_alternation,
    vocabulary_key,
)
from clusterfacts.extract.reference import Reference, load_reference
from clusterfacts.extract.vocabulary import NUMBER_WORDS, ArticleText

QUALIFIER_WORDS = {
    "approximate": ["nearly", "almost", "about", "around", "approximately", "roughly", "some",
                    "close to", "an estimated", "estimated", "circa", "approx."],
    "more_than": ["over", "more than", "exceeding", "exceeded", "exceeds", "exceed", "above",
                  "surpassed", "surpassing", "surpasses", "in excess of", "topped", "topping",
                  "beyond", "crossed", "upwards of", "greater than", "over a", "well over"],
    "at_least": ["at least", "no less than", "not less than", "a minimum of", "no fewer than"],
    "less_than": ["under", "fewer than", "less than", "below", "short of"],
    "at_most": ["up to", "no more than", "at most", "within", "not exceeding", "a maximum of",
                "not more than", "as many as", "as much as"],
}
QUALIFIER_OF = {word: name for name, words in QUALIFIER_WORDS.items() for word in words}
_QUALIFIER = trie_alternation(QUALIFIER_OF)
# What _qualifier_before finds, as a regex: the test of that function compares the two.
QUALIFIER_BEFORE = re.compile(rf"(?:^|(?<=[\s(\"“]))(?P<q>{_QUALIFIER})\s+$", re.IGNORECASE)
QUALIFIER_WINDOW = 20  # characters before a number that its qualifier may start in
QUALIFIER_OPENERS = "(\"“"  # besides white space, what may stand just before a qualifier


def _by_last_word(phrases) -> dict[str, list[str]]:
    """Phrases by their last word ("than": "no more than", "more than", ...), longest first."""
    found: dict[str, list[str]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        found.setdefault(phrase.split(" ")[-1], []).append(phrase)
    return found


QUALIFIERS_BY_LAST_WORD = _by_last_word(QUALIFIER_OF)
BETWEEN_BEFORE = re.compile(r"(?:^|(?<=\s))between\s+$", re.IGNORECASE)
QUALIFIER_AFTER = re.compile(r"(?P<plus>-plus\b|\+(?!\d))|\s+or more\b|\s+and above\b", re.IGNORECASE)

FRACTIONS = {"half": 50.0, "a third": 100 / 3, "one-third": 100 / 3, "one third": 100 / 3,
             "two-thirds": 200 / 3, "two thirds": 200 / 3, "a quarter": 25.0, "one-quarter": 25.0,
             "three-quarters": 75.0, "three quarters": 75.0}
# Matched in the lower-cased text, like the other vocabulary scans below.
FRACTION = re.compile(rf"(?P<f>{trie_alternation(FRACTIONS)})\s+of\b")
FRACTION_HEADS = ("half", "third", "quarter")
# Where in each fraction its head stands ("quarter" is 6 letters into "three quarters"): a fraction is
# looked for only that far before a head, not at every 'a', 'h', 'o' and 't' of a text.
FRACTION_HEAD_OFFSETS = {head: sorted({f.find(head) for f in FRACTIONS if head in f}) for head in FRACTION_HEADS}
FRACTION_LEAD = re.compile(rf"(?:^|(?<=[\s(\"“]))(?P<q>{_QUALIFIER}|one)\s+$", re.IGNORECASE)

DIGITS_AT = re.compile(rf"(?P<n>{DIGIT_NUMBER})")
NUMBER_WORDS_AT = re.compile(rf"(?P<n>{FRACTION_OF_SCALE}|{WORD_NUMBER})\b")
ARTICLE_BEFORE = re.compile(r"(?:^|(?<=\s))(?:a|an|three quarters of a)\s+$")
RANGE_TAIL = re.compile(rf"\s*(?:-|–|—|to|and)\s*(?:(?P<cur>us\$|\$|¥|rmb|€)\s*)?(?P<n>{NUMBER})\b", re.IGNORECASE)
DATE_TAIL = re.compile(r"[-/.]\d{1,2}[-/.]\d{1,4}\b|:\d\d\b")
PERCENT = re.compile(r"\s*(?P<u>%|percent\b|per cent\b|pct\b|percentage points?\b|pp\b)", re.IGNORECASE)
FOLLOWED_BY_LETTER = re.compile(r"[A-Za-z]")
# A number sharing the percent sign of the next: "8 and 10.5 percent", "71.3, 60 and 53.9 percent".
SHARED_PERCENT = re.compile(
    rf"(?:\s*(?:,|and|or)\s*{DIGIT_NUMBER})*\s*(?:,\s*)?(?:and|or)\s+{DIGIT_NUMBER}"
    r"\s*(?P<u>%|percent\b|per cent\b|percentage points?\b)", re.IGNORECASE)
def _list_goes_on(text: str, pos: int) -> bool:
    """LIST_GOES_ON.match(text, pos), read as characters: a comma, or 'and' or 'or' as a word, after spaces."""
    length = len(text)
    while pos < length and text[pos].isspace():
        pos += 1
    if text.startswith(",", pos):
        return True
    for word in ("and", "or"):
        if text.startswith(word, pos):
            after = pos + len(word)
            return after >= length or not is_word_char(text[after])
    return False


LIST_GOES_ON = re.compile(r"\s*(?:,|and\b|or\b)")
# What stands between the numbers of such a list, read back from the last one to the first.
LISTED_NUMBER_BEFORE = re.compile(rf"{DIGIT_NUMBER}\s*(?:,\s*)?(?:and|or|,)\s*$", re.IGNORECASE)
# A capitalised word before a number makes it part of a name: "Class 1", "Phase 3", "No. 5".
NAME_NUMBER_BEFORE = re.compile(
    r"\b(?:Class|Phase|Level|Grade|Type|No\.|Number|Line|Article|Chapter|Section|Room|Building|Gate|"
    r"Terminal|Block|Tier|Category|Stage|Route|Batch|Top|TOP|Version|Lot|Model|Item|Page|Figure|Table|Global)\s*$")
# Units of measure, not things counted: "6 billion tons" is no count (and no fact).
MEASURE_NOUNS = frozenset("ton tonne kilogram kg gram kilowatt kilowatt-hour kwh megawatt mw gigawatt gw watt "
                          "kilometer kilometre km meter metre mile liter litre barrel".split())
SCALE_LABEL_TAILS = ("level", "threshold", "mark")

STOP_WORDS = frozenset("""
in of at on for with from by to into across as than per including such like that which who whose
where when is are was were be been being have has had will would can could may might should must
do does did the a an these those this its their his her our all each every both while but so
because if also respectively among under over during via through after before since until about
around within between recognized based located
""".split())
ELIDED_NOUN_CUES = frozenset("were are was is have has had will would".split())
TIME_NOUNS = frozenset("second minute hour day week month year decade century time fold percent".split())
INVARIANT_NOUNS = {"aircraft": "aircraft", "people": "person", "staff": "staff", "personnel": "personnel",
                   "spacecraft": "spacecraft", "equipment": "equipment", "talents": "talent"}
NP_WINDOW_WORDS = 7
MAX_COMPOUND_MODIFIERS = 3  # words before a counted noun that a compound in the seeds may take
TOKEN = re.compile(r"\s*[\"“”‘’']?(?P<w>[A-Za-z][\w'’&.-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*)[\"“”‘’']?")


@dataclass(slots=True)
class Quantity:
    kind: str                 # money, percent, count, area
    start: int
    end: int
    number: float             # the number as stated
    number_max: float | None
    scale_word: str | None
    scale: float              # multiplier of the scale word (1 without one)
    unit_factor: float        # area unit to square metres; 1 otherwise
    qualifier: str
    unit: str
    stated_unit: str | None
    equivalent: "Quantity | None" = field(default=None, repr=False)

    @property
    def value(self) -> float:
        return self.number * self.scale * self.unit_factor

    @property
    def value_max(self) -> float | None:
        return None if self.number_max is None else self.number_max * self.scale * self.unit_factor


@dataclass(frozen=True, eq=False)  # hashed by identity: cached per instance
class Grammar:
    """The patterns built from the seeds' vocabulary."""

    ref: Reference
    scale: re.Pattern
    scale_abbrev: re.Pattern
    currency_after: re.Pattern
    currency_before: re.Pattern
    area_unit: re.Pattern
    scale_label: re.Pattern
    codes_on_digits: frozenset[str]    # currency codes that may be written onto digits: "EUR1bn"
    label_scales: tuple[str, ...]      # the scale words a scale label begins with


def _alternation(words) -> str:
    return trie_alternation(words)


def _flexible_spaces(words) -> str:
    """'square meter' also matches 'square-meter' and 'square  meter'."""
    return _alternation(words).replace(r"\ ", r"[\s-]+")


@lru_cache(maxsize=4)
def grammar(ref: Reference | None = None) -> Grammar:
    ref = ref or load_reference()
    long_scales = [w for w in ref.scale_words if len(w) > 2]
    short_scales = [w for w in ref.scale_words if len(w) <= 2]
    after = [a for a, (_, pos, _, exact) in ref.currencies.items() if pos in ("after", "either") and not exact]
    before = [a for a, (_, pos, _, exact) in ref.currencies.items() if pos in ("before", "either") and not exact]
    # ISO codes that are also words (ALL, TOP, CUP) count only in capitals; before an amount, only when
    # no counted noun follows it ("TOP 50 companies" is a ranking: _read_anchor)
    codes_before = [code for code, pos, _, exact in ref.currencies.values() if exact and pos in ("before", "either")]
    codes_after = [code for code, pos, _, exact in ref.currencies.values() if exact and pos in ("after", "either")]
    word_currencies = [a for a in after if a.isalpha()]
    return Grammar(
        ref=ref,
        scale=re.compile(rf"(?:[\s-]+(?P<s>{_alternation(long_scales)})\b)+", re.IGNORECASE),
        scale_abbrev=re.compile(rf"\s?(?P<s>{_alternation(short_scales)})\b", re.IGNORECASE),
        currency_after=re.compile(
            rf"(?P<sep>[\s-]*)(?P<c>{_alternation(after)}|(?-i:{_alternation(codes_after)}))(?![\w$])", re.IGNORECASE),
        currency_before=re.compile(
            rf"(?:^|(?<=[^\w$]))(?P<c>{_alternation(before)}|(?-i:{_alternation(codes_before)}))\s?$", re.IGNORECASE),
        codes_on_digits=frozenset(a.upper() for a in before if len(a) == 3 and a.isalpha()),
        area_unit=re.compile(rf"[\s-]*(?P<u>{_flexible_spaces(ref.area_units)})(?![\w²])", re.IGNORECASE),
        scale_label=re.compile(  # matched in the lower-cased text
            rf"(?P<s>{_alternation(long_scales)})-(?P<c>{_alternation(word_currencies)})"
            rf"(?P<tail>[- ](?:{_alternation(SCALE_LABEL_TAILS)}))\b"),
        label_scales=tuple(long_scales),
    )


def find_quantities(article: ArticleText, start: int = 0, end: int | None = None,
                    ref: Reference | None = None) -> list[Quantity]:
    """Every quantity in the article's text[start:end], in order of position; offsets index the text.

    ref is the reference the article's words were found with (vocabulary.read_text).
    """
    g = grammar(ref)
    text = article.text
    end = len(text) if end is None else end
    found: list[Quantity] = []
    taken_until = start
    for match in _anchors(g, article, start, end):
        if match.start() < taken_until:
            continue
        quantity = _read_anchor(g, text, match, end, found)
        if quantity is not None and not _is_plausible(quantity):
            quantity = None
            taken_until = match.end()  # the number is read, and no part of it is a figure
        if quantity is not None:
            found.append(quantity)
            taken_until = quantity.end
        elif _is_range_or_date(text, match) and not _year_then_amount(text, match):
            taken_until = _skip_range(text, match)
    found.extend(_scale_labels(g, article, start, end, found))
    found.extend(_fractions(article, start, end, found))
    found.sort(key=lambda q: q.start)
    _pair_equivalents(text, found)
    return found


# No figure of an economy, a cluster or a company comes near a quintillion: world output is about
# 1e14 US dollars a year. A larger value is a misreading ("9999...9 yuan", a typo of scale words),
# and a wrong value is worse than none.
LARGEST_VALUE = 1e18


def _is_plausible(quantity: Quantity) -> bool:
    values = (quantity.value,) if quantity.value_max is None else (quantity.value, quantity.value_max)
    return all(math.isfinite(value) and abs(value) <= LARGEST_VALUE for value in values)


def _compound_scale(multipliers: list[float]) -> float | None:
    """The scale of scale words in a row, or None when they are no number's scale.

    Each word must be larger than all before it taken together: "hundred million" is 1e8 and
    "hundred thousand" 1e5, but "billion billion" is no way of writing 1e18, and "million
    thousand" is no way of writing anything.
    """
    scale = 1.0
    for multiplier in multipliers:
        if multiplier <= scale:
            return None
        scale *= multiplier
    return scale


def _anchor_may_start(text: str, at: int, codes: frozenset[str] = frozenset()) -> bool:
    """A number starts at `at` unless it continues a word, a '+' or a decimal point, or ends 'A-1'.

    A currency code written onto it ("EUR1bn") does not make it part of a word.
    """
    if at == 0:
        return True
    before = text[at - 1]
    if before.isalpha() and text[max(0, at - 3):at] in codes and not (at > 3 and is_word_char(text[at - 4])):
        return True
    if is_word_char(before) or before in "+.":
        return False
    # "A-1" names a thing; "2025-07-28" is a date, "0551-65179860" a phone number
    return not (before == "-" and at >= 2 and (text[at - 2] in ASCII_LETTERS or text[at - 2].isdigit()))


def _digits_at(g: Grammar, text: str, pos: int, end: int) -> re.Match | None:
    return search_where(DIGITS_AT, text, pos, end, lambda match: _anchor_may_start(text, match.start(), g.codes_on_digits))


def _numbers_in_words(article: ArticleText, start: int, end: int) -> list[re.Match]:
    """Every number in words that may anchor a quantity: a first number word, then the whole number."""
    text, low = article.text, article.lower
    numbers = []
    for at in article.words[NUMBER_WORDS].starts(start, end):
        if low.startswith(("half", "quarter"), at):  # "a quarter million": read back over its "a"
            a_or_an = ARTICLE_BEFORE.search(low, max(start, at - 22), at)
            if a_or_an and (whole := NUMBER_WORDS_AT.match(low, a_or_an.start(), end)):
                numbers.append(whole)
                continue
        if _anchor_may_start(text, at) and (whole := NUMBER_WORDS_AT.match(low, at, end)):
            numbers.append(whole)
    return numbers


def _anchors(g: Grammar, article: ArticleText, start: int, end: int):
    """Numbers in digits or in words, in order: where the grammar anchors a quantity.

    Digits are searched on as the scan goes; no number starts with both a digit and
    a letter, so a number in digits and one in words never start at one place.
    """
    text = article.text
    digits, words = _digits_at(g, text, start, end), _numbers_in_words(article, start, end)
    next_word = 0
    while True:
        word = words[next_word] if next_word < len(words) else None
        if digits is not None and (word is None or digits.start() < word.start()):
            match = digits
        elif word is not None:
            match = word
        else:
            return
        yield match
        if digits is not None and digits.start() < match.end():
            digits = _digits_at(g, text, match.end(), end)
        while next_word < len(words) and words[next_word].start() < match.end():
            next_word += 1


def _is_range_or_date(text: str, match: re.Match) -> bool:
    return bool(RANGE_TAIL.match(text, match.end()) or DATE_TAIL.match(text, match.end()))


def _year_then_amount(text: str, match: re.Match) -> bool:
    """'from 240.8 billion yuan in 2020 to 410 billion yuan': a year, then the next amount, not a range."""
    tail = RANGE_TAIL.match(text, match.end())
    return bool(tail and YEAR.fullmatch(match.group("n")) and not YEAR.fullmatch(tail.group("n")))


def _skip_range(text: str, match: re.Match) -> int:
    tail = RANGE_TAIL.match(text, match.end()) or DATE_TAIL.match(text, match.end())
    return tail.end() if tail else match.end()


def _read_anchor(g: Grammar, text: str, match: re.Match, limit: int, found: list[Quantity]) -> Quantity | None:
    number_text = match.group("n")
    pos = match.end()
    if DATE_TAIL.match(text, pos):
        return None
    number = parse_number(number_text)
    number_max = None
    qualifier, span_start = _qualifier_before(text, match.start())

    currency_before = g.currency_before.search(text, max(0, match.start() - 5), match.start())
    if currency_before:
        qualifier, span_start = _qualifier_before(text, currency_before.start())

    tail = RANGE_TAIL.match(text, pos)
    if tail and (tail.group(0).strip()[:3].lower() != "and" or _between_before(text, span_start)):
        number_max = parse_number(tail.group("n"))
        if number_max > number:
            pos = tail.end()
            between = BETWEEN_BEFORE.search(text, max(0, span_start - 10), span_start)
            if between:
                span_start = between.start()
            qualifier = "range"
        else:
            number_max = None

    scale_word, scale = None, 1.0
    scale_match = g.scale.match(text, pos) or (
        g.scale_abbrev.match(text, pos) if number_text[-1].isdigit() else None)
    if scale_match:
        words = SCALE_WORDS_IN.findall(scale_match.group(0))
        scale_word = " ".join(vocabulary_key(w) for w in words)
        compound = _compound_scale([g.ref.scale_words[vocabulary_key(word)] for word in words])
        if compound is None:
            return None
        scale = compound
        pos = scale_match.end()

    if currency_before and g.ref.currencies[vocabulary_key(currency_before.group("c"))][3] and (
            _noun_phrase_head(g, text, pos, limit, found) is not None):
        currency_before = None  # "TOP 50 companies"
        qualifier, span_start = _qualifier_before(text, match.start())
    if currency_before:
        code, _, factor, _ = g.ref.currencies[vocabulary_key(currency_before.group("c"))]
        return _finish(text, "money", span_start, pos, number, number_max, scale_word, scale, factor,
                       qualifier, code, currency_before.group("c"))

    currency_after = g.currency_after.match(text, pos)
    if currency_after and _is_class_label(text, number_text, currency_after, scale_word):
        label_end = end_of_empty_match(CLASS_LABEL_TAIL, text, currency_after.end()) - currency_after.end()
        unit = _counted_noun(g, text, currency_after.end() + label_end, limit, found, match.start())
        if unit is None:
            return None
        return _finish(text, "count", span_start, match.end(), number, None, None, 1.0, 1.0,
                       qualifier, unit, None)
    if currency_after:
        code, _, factor, _ = g.ref.currencies[vocabulary_key(currency_after.group("c"))]
        return _finish(text, "money", span_start, currency_after.end(), number, number_max, scale_word,
                       scale, factor, qualifier, code, currency_after.group("c"))

    shared = SHARED_PERCENT.match(text, pos) if _list_goes_on(text, pos) else None
    if shared and scale_word is None and number_max is None:  # "decreases of 8 and 10.5 percent"
        unit = "percentage point" if shared.group("u").lower().startswith(("percentage", "pp")) else "percent"
        return _finish(text, "percent", span_start, match.end(), number, None, None, 1.0, 1.0, qualifier,
                       unit, shared.group("u"))

    percent = PERCENT.match(text, pos)
    if percent:
        stated = percent.group("u").lower()
        unit = "percentage point" if stated.startswith(("percentage", "pp")) else "percent"
        return _finish(text, "percent", span_start, percent.end(), number, number_max, scale_word, scale,
                       1.0, qualifier, unit, percent.group("u"))

    area = g.area_unit.match(text, pos)
    if area:
        factor = g.ref.area_units[re.sub(r"[\s-]+", " ", vocabulary_key(area.group("u")))]
        return _finish(text, "area", span_start, area.end(), number, number_max, scale_word, scale, factor,
                       qualifier, "m2", area.group("u"))

    if not _may_count(text, match, number_text, match.end() if scale_word is None else pos, number_max is not None):
        return None
    unit = _counted_noun(g, text, pos, limit, found, match.start())
    if unit is None:
        return None
    return _finish(text, "count", span_start, pos, number, number_max, scale_word, scale, 1.0,
                   qualifier, unit, None)


CLASS_LABEL_TAIL = re.compile(r"(?:[- ](?:level|class|scale)\b)?")
SCALE_WORDS_IN = re.compile(r"[^\W\d_]+")  # letters: re.IGNORECASE lets 'bıllion' be a scale word
HYPHEN_COMPOUND = re.compile(r"-[A-Za-z]")
NP_BREAK = re.compile(r"[,;:()!?—–.]")
NUMBER_NEXT = re.compile(rf"\s*(?P<n>{NUMBER})\b", re.IGNORECASE)


def _is_class_label(text: str, number_text: str, currency: re.Match, scale_word: str | None) -> bool:
    """'four trillion-yuan-level clusters' counts clusters: the hyphenated amount is their class."""
    if not scale_word or "-" not in currency.group("sep") or number_text[:1].isdigit():
        return False
    rest = text[currency.end():currency.end() + 40]
    return end_of_empty_match(CLASS_LABEL_TAIL, rest, 0) > 0 or _starts_with_plural(rest)


def _starts_with_plural(rest: str) -> bool:
    for token in TOKEN.finditer(rest[:60]):
        word = token.group("w").lower()
        if word in STOP_WORDS:
            return False
        if _is_plural(word):
            return True
    return False


def _between_before(text: str, at: int) -> re.Match | None:
    """BETWEEN_BEFORE.search(text, 0, at), read back from `at` over its spaces to where 'between' must
    end, so a text of many 'X and Y' is not scanned from its start once for each of them."""
    words_end = start_of_spaces_before(text, at, 0)
    return BETWEEN_BEFORE.search(text, max(0, words_end - len("between") - 1), at) if words_end < at else None


def _qualifier_before(text: str, at: int) -> tuple[str, int]:
    """The qualifier of a number at `at`, and where its span starts: QUALIFIER_BEFORE.search(text, at - 20, at).

    Read back from the number rather than searched for: the pattern's leading
    look-behind made re try every word of it at each of the twenty places before
    every number. A qualifier ends in the word just before the spaces that end at
    `at`, so only the qualifiers ending in that word are tried, longest (leftmost) first.
    """
    floor = max(0, at - QUALIFIER_WINDOW)
    end = start_of_spaces_before(text, at, floor)
    if end == at:
        return "exact", at
    word_start = end
    while word_start > floor and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    for qualifier in QUALIFIERS_BY_LAST_WORD.get(vocabulary_key(text[word_start:end]), ()):
        start = end - len(qualifier)
        if start >= floor and vocabulary_key(text[start:end]) == qualifier and (
                start == 0 or text[start - 1].isspace() or text[start - 1] in QUALIFIER_OPENERS):
            return QUALIFIER_OF[qualifier], start
    return "exact", at


# A fall is a negative change: "down 6.3 percent", "decreased by 35 percent", "a 4 percent drop".
FALL_BEFORE = re.compile(
    r"\b(?:down|fell|falls?|falling|dropp?(?:ed|ing|s)?|declin(?:ed|es|ing|e)|decreas(?:ed|es|ing|e)|shr[au]nk|"
    r"shrinking|contracted|slumped|slid|plunged|tumbled|dipped)"
    r"(?:\s+(?:by|of))?(?:\s+(?:about|around|nearly|almost|some|roughly|over|more than))?\s+$", re.IGNORECASE)
FALL_AFTER = re.compile(r"\s+(?:decline|decrease|drop|fall|contraction|dip)\b", re.IGNORECASE)
FALL_WINDOW = 40  # characters before a percentage that its fall word may start in


def _falls_before(text: str, at: int) -> bool:
    return FALL_BEFORE.search(text, max(0, at - FALL_WINDOW), at) is not None


def _list_start(text: str, start: int) -> int:
    """Where the list a number ends begins: "down 8 and 10.5 percent" falls by both."""
    for _ in range(4):
        listed = LISTED_NUMBER_BEFORE.search(text, max(0, start - 30), start)
        if listed is None:
            return start
        start = listed.start()
    return start


def _finish(text, kind, start, end, number, number_max, scale_word, scale, unit_factor, qualifier,
            unit, stated_unit) -> Quantity:
    after = QUALIFIER_AFTER.match(text, end)
    if after and qualifier == "exact":
        qualifier = "more_than" if after.group("plus") else "at_least"
        end = after.end()
    if kind == "percent" and (_falls_before(text, _list_start(text, start)) or FALL_AFTER.match(text, end)):
        number = -number
        number_max = None if number_max is None else -number_max
    return Quantity(kind, start, end, number, number_max, scale_word, scale, unit_factor, qualifier, unit,
                    stated_unit)


def _may_count(text: str, match: re.Match, number_text: str, pos: int, is_range: bool = False) -> bool:
    """Rules out what is a number in form only: years, 'one' as an article ('one to two' is a range),
    names, compounds, citation marks ('[1]')."""
    lowered = number_text.lower()
    if lowered == "one" and not is_range:
        return False
    if match.start() > 0 and text[match.start() - 1] == "[" and text.startswith("]", match.end()):
        return False
    if YEAR.fullmatch(number_text):
        return False
    if FOLLOWED_BY_LETTER.match(text, pos) or text.startswith("+", pos):
        return False
    if HYPHEN_COMPOUND.match(text, pos) and not text.startswith("-plus", pos):
        return False  # "Five-Year Plan", "10-day"
    if NAME_NUMBER_BEFORE.search(text, max(0, match.start() - 12), match.start()):
        return False
    return True


def _is_plural(word: str) -> bool:
    return (len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous", "ics"))
            and word not in STOP_WORDS) or word in INVARIANT_NOUNS


def singular(word: str) -> str:
    word = word.lower()
    if word in INVARIANT_NOUNS:
        return INVARIANT_NOUNS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def _counted_noun(g: Grammar, text: str, pos: int, limit: int, found: list[Quantity], anchor: int) -> str | None:
    """The noun a number counts: the head of the noun phrase after it, or an elided one."""
    head = _noun_phrase_head(g, text, pos, limit, found)
    if head is not None:
        return head
    first = TOKEN.match(text, pos)
    if first and (first.group("w").lower() in ELIDED_NOUN_CUES or first.group("w").lower().endswith("ly")):
        return _elided_noun(g, text, anchor, found)
    return None


def _noun_phrase_head(g: Grammar, text: str, pos: int, limit: int, found: list[Quantity]) -> str | None:
    modifiers: list[str] = []
    gap_start = 0
    window = text[pos:min(limit, pos + 160)]
    for index, token in enumerate(TOKEN.finditer(window)):
        if index >= NP_WINDOW_WORDS or _np_broken(window[gap_start:token.start("w")]):
            return None
        gap_start = token.end()
        word = token.group("w")
        lowered = word.lower()
        if lowered in ELIDED_NOUN_CUES:
            return None
        if lowered in ("and", "or"):
            if NUMBER_NEXT.match(window, token.end()):
                return _coordinated_noun(g, text, pos + token.end(), limit, found)
            continue
        if lowered in STOP_WORDS:
            return None
        if word[0].isdigit() or lowered in g.ref.scale_words:
            modifiers = []
            continue
        if _is_plural(lowered) or (word.isupper() and word.endswith("s") and len(word) > 2):
            noun = singular(lowered)
            if noun in TIME_NOUNS or noun in MEASURE_NOUNS:
                return None
            # the longest compound the seeds name: "hydrogen refueling station", "new energy vehicle"
            for size in range(min(len(modifiers), MAX_COMPOUND_MODIFIERS), 0, -1):
                compound = " ".join([*modifiers[-size:], noun])
                if compound in g.ref.count_nouns:
                    return compound
            return noun
        modifiers.append(lowered)
    return None


def _np_broken(gap: str) -> bool:
    """Punctuation between words ends the noun phrase (quotes and hyphens do not)."""
    return not gap.isspace() and bool(NP_BREAK.search(gap))  # most gaps are a space


def _coordinated_noun(g, text, pos, limit, found) -> str | None:
    """'86 high-tech and 64 emerging-industry companies': the first number counts the second's noun."""
    number = NUMBER_NEXT.match(text, pos)
    if number is None:
        return None
    return _counted_noun(g, text, number.end(), limit, found, number.start("n"))


def _elided_noun(g: Grammar, text: str, anchor: int, found: list[Quantity]) -> str | None:
    """'21 were signed': the noun is the one the sentence counted or named before."""
    sentence_start = max(text.rfind(". ", 0, anchor), text.rfind("\n", 0, anchor)) + 1
    for quantity in reversed(found):
        if quantity.start < sentence_start:
            break
        if quantity.kind == "count":
            return quantity.unit
    for token in reversed(list(TOKEN.finditer(text[sentence_start:anchor]))):
        word = token.group("w").lower()
        if _is_plural(word) and singular(word) in g.ref.count_nouns:
            return singular(word)
    return None


LABEL_VERB_BEFORE = re.compile(
    r"\b(?:crossed|surpassed|exceeded|topped|passed|broke through|broken through)\s+(?:(?:the|a)\s+)?$",
    re.IGNORECASE)


class _Covered:
    """Whether a position lies in one of the quantities found, by bisection: a scan of them all for
    each label made a long document cost its square."""

    def __init__(self, found: list[Quantity]) -> None:
        spans = sorted((q.start, q.end) for q in found)
        self.starts = [start for start, _ in spans]
        self.reach = []  # the furthest end of the spans up to each
        furthest = -1
        for _, end in spans:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def __call__(self, pos: int) -> bool:
        index = bisect_right(self.starts, pos) - 1
        return index >= 0 and self.reach[index] > pos


def _scale_labels(g: Grammar, article: ArticleText, start: int, end: int, found: list[Quantity]) -> list[Quantity]:
    """'reach the trillion-yuan level', 'crossed the trillion-yuan threshold': an amount without a number."""
    labels: list[Quantity] = []
    text, low = article.text, article.lower
    if not any(tail in low for tail in SCALE_LABEL_TAILS):
        return labels
    covered: _Covered | None = None
    for match in find_at(g.scale_label, low, _scale_label_starts(g, low, start, end), end, starts_a_name):
        covered = covered or _Covered(found)
        if covered(match.start("s")):
            continue
        verb = LABEL_VERB_BEFORE.search(text, max(start, match.start() - 30), match.start())
        qualifier = "more_than" if verb else "approximate"
        span_start = verb.start() if verb else match.start("s")
        code = g.ref.currencies[match.group("c")][0]
        labels.append(Quantity("money", span_start, match.end(), 1.0, None, match.group("s"),
                               g.ref.scale_words[match.group("s")], 1.0, qualifier, code,
                               text[match.start("c"):match.end("c")]))
    return labels


def _scale_label_starts(g: Grammar, low: str, start: int, end: int) -> list[int]:
    """Where a scale word stands before a hyphen: where a scale label can begin. Found by the few
    scale words rather than by the hundreds of currency words that may follow them."""
    return sorted(at for scale in g.label_scales for at in occurrences(low, scale + "-", start, end))


def _fractions(article: ArticleText, start: int, end: int, found: list[Quantity]) -> list[Quantity]:
    """'over half of', 'one-third of': a share stated as a fraction."""
    shares: list[Quantity] = []
    text, low = article.text, article.lower
    covered: _Covered | None = None
    for match in find_at(FRACTION, low, _fraction_starts(low, start, end), end, starts_a_word):
        lead = FRACTION_LEAD.search(text, max(start, match.start() - 20), match.start())
        if lead is None:
            continue
        covered = covered or _Covered(found)
        if covered(match.start()):
            continue
        qualifier = QUALIFIER_OF.get(vocabulary_key(lead.group("q")), "exact")
        shares.append(Quantity("percent", lead.start("q"), match.end("f"), FRACTIONS[match.group("f")],
                               None, None, 1.0, 1.0, qualifier, "percent", text[match.start("f"):match.end("f")]))
    return shares


def _fraction_starts(low: str, start: int, end: int) -> list[int]:
    return [at - offset for head, offsets in FRACTION_HEAD_OFFSETS.items()
            for at in occurrences(low, head, start, end) for offset in offsets if at - offset >= start]


EQUIVALENT_GAP = re.compile(
    r"\s*(?:\(\s*|,\s*|\bor\s+|\bequivalent to\s+)(?:(?:about|around|approximately|roughly|nearly|some|or)\s+)?$",
    re.IGNORECASE)


def _pair_equivalents(text: str, quantities: list[Quantity]) -> None:
    """'8 billion yuan (US$1.18 billion)': two amounts of money in two currencies, one figure."""
    for first, second in zip(quantities, quantities[1:]):
        if (first.kind == second.kind == "money" and first.unit != second.unit
                and second.start - first.end <= 25
                and EQUIVALENT_GAP.match(text[first.end:second.start])):
            first.equivalent, second.equivalent = second, first

