"""Scans written for speed find what the plain regex they replace finds, on texts built to trip them."""

import hashlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from clusterfacts.extract.fingerprints import MIN_WORDS, WORD, sentence_hashes
from clusterfacts.extract.gazetteer import (COMPANY_EXAMPLES, PERSON_QUOTED, PERSON_QUOTED_CUES, PERSON_WITH_TITLE,
                                    _company_examples, _person_quoted, _person_with_title)
from clusterfacts.extract.layout import _content_lines_by_regex, _content_lines_split_on_newlines, read_layout
from clusterfacts.extract.linking import (COMPANY_ANAPHORA, NOT_THE_SUBJECT_BEFORE, ORIGIN_BEFORE, PERCENT_CUES,
                                  PLACE_AFTER_CUE, PLAN_ORDINAL, RELATIVE_YEAR, _clause_breaks, _company_anaphora,
                                  _company_anaphora_in, build_context, money_cues)
from clusterfacts.extract.patterns import find_at, find_where, search_where, starts_a_name, starts_a_word, vocabulary_key
from clusterfacts.extract.quantities import (FRACTION, QUALIFIER_BEFORE, QUALIFIER_OF, _fraction_starts, _qualifier_before,
                                     _scale_label_starts, grammar)
from clusterfacts.extract.reference import load_reference
from clusterfacts.extract.vocabulary import read_text
from conftest import texts_and_ranges

REFERENCE = load_reference()


CLAUSE_BREAK_AS_ONE_REGEX = re.compile(r";|—|,\s+(?:and|while|but|whereas)\s+|,?\s+as well as\s+")


@settings(max_examples=500, deadline=None)
@given(texts_and_ranges([" ", "  ", ",", ";", "—", "and", "as well as", "but", "x", "\n", "whereas", "has"]))
def test_clause_breaks(case):
    text, start, end = case
    assert _clause_breaks(text, start, end) == [m.span() for m in CLAUSE_BREAK_AS_ONE_REGEX.finditer(text, start, end)]


PEOPLE_PIECES = ["Wang", "Lei", "Li", " ", "  ", ",", ", ", "director", "Director", "the ", "vice ", "said ", "says",
                 "according to", "x", "CEO", "Directorate", "unsaid", "\n", "Mr", "é", "General Manager"]


@settings(max_examples=800, deadline=None)
@given(texts_and_ranges(PEOPLE_PIECES))
def test_people_with_titles_and_quoted(case):
    text, start, end = case
    def quoted(text, pos, end):  # each cue's next place, as _people keeps them from one call to the next
        return _person_quoted(text, pos, end, {cue: text.find(cue, pos, end) for cue in PERSON_QUOTED_CUES})

    for fast, pattern in ((quoted, PERSON_QUOTED), (_person_with_title, PERSON_WITH_TITLE)):
        expected = search_where(pattern, text, start, end, starts_a_word)
        got = fast(text, start, end)
        assert (got and got.span("name")) == (expected and expected.span("name"))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "b c", " ", "\t", "\n", "\n\n", "\x0b", "\u2028", "\x85"]), max_size=20))
def test_content_lines_split_on_newlines(pieces):
    text = "".join(pieces)
    assert _content_lines_split_on_newlines(text) == _content_lines_by_regex(text)


@settings(max_examples=500, deadline=None)
@given(texts_and_ranges(["firms", "companies", "xfirms", " ", "  ", "\n", "like", "such as", "such  as", "including",
                         "Huawei", "ZTE", ",", " and ", "(Shanghai)", "x", "players"]))
def test_company_examples(case):
    text, start, end = case
    assert [m.span() for m in _company_examples(text, start, end)] == \
        [m.span() for m in find_where(COMPANY_EXAMPLES, text, start, end, starts_a_word)]


@settings(max_examples=500, deadline=None)
@given(texts_and_ranges(["The", "the", "It", "its", "Its", "it", " ", "\n", "company", "firm", "firms", "x", "sIt",
                         "group", ".", "-"]))
def test_company_anaphora(case):
    text, start, end = case
    assert [m.span() for m in _company_anaphora(text, start, end)] == \
        [m.span() for m in find_where(COMPANY_ANAPHORA, text, start, end, starts_a_word)]


@settings(max_examples=500, deadline=None)
@given(texts_and_ranges(["trillion", "billion", "hundred", "-", "yuan", "dollar", "dollars", "-level", " level",
                         " threshold", "mark", "x", " ", "the "]))
def test_scale_labels(case):
    text, start, end = case
    g = grammar()
    assert [m.span() for m in find_at(g.scale_label, text, _scale_label_starts(g, text, start, end), end,
                                      starts_a_name)] == \
        [m.span() for m in find_where(g.scale_label, text, start, end, starts_a_name)]


@settings(max_examples=500, deadline=None)
@given(texts_and_ranges(["half", "a third", "one-third", "thirds", "two", "three", "quarter", "quarters", " of",
                         " ", "-", "one", "a", "x", "of"]))
def test_fractions(case):
    text, start, end = case
    assert [m.span() for m in find_at(FRACTION, text, _fraction_starts(text, start, end), end, starts_a_word)] == \
        [m.span() for m in find_where(FRACTION, text, start, end, starts_a_word)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["The", "the", "It", "its", " ", "\n", "company", "firm", "x", ". ", "? ", "A", "1",
                                 "\n\n", "—", "“"]), max_size=30))
def test_company_anaphora_of_each_sentence_from_one_scan_of_the_body(pieces):
    text = "".join(pieces)
    ref = load_reference()
    ctx = build_context(read_text(text, ref), read_layout(text), [], ref)
    for sentence in ctx.sentences:
        assert [m.span() for m in _company_anaphora_in(ctx, sentence)] == \
            [m.span() for m in find_where(COMPANY_ANAPHORA, text, sentence.start, sentence.end, starts_a_word)]


QUALIFIER_PIECES = ["more than", "More Than", "no more than", "than", "over", "over a", "well over", "approx.", "about",
                    "ABOUT", "ſome", "ıN EXCESS OF", "excess of", "up to", "at least", "a", " ", "  ", "\n", "\t", "(",
                    "\"", "“", "x", "-", ".", "5", "e.g.", "mostly", "nearly", "twenty characters long"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(QUALIFIER_PIECES), max_size=12))
def test_qualifier_before(pieces):
    text = "".join(pieces)
    for at in range(len(text) + 1):
        found = QUALIFIER_BEFORE.search(text, max(0, at - 20), at)
        expected = (QUALIFIER_OF[vocabulary_key(found.group("q"))], found.start("q")) if found else ("exact", at)
        assert _qualifier_before(text, at) == expected, at


SENTENCE_END_AFTER_THE_STOP = re.compile(r"(?<=[.!?])\s+|[\r\n]+")


def sentence_hashes_split_after_the_stop(body: str) -> list[int]:
    """fingerprints.sentence_hashes as it was, splitting after each stop."""
    seen: dict[int, None] = {}
    for sentence in SENTENCE_END_AFTER_THE_STOP.split(body):
        words = WORD.findall(sentence.lower())
        if len(words) >= MIN_WORDS:
            digest = hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest()
            seen.setdefault(int.from_bytes(digest, "big", signed=True), None)
    return list(seen)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["one", "Two", "3.5", "e.g.", "x", " ", "  ", ".", "!", "?", "?!", "\n", "\r\n", "\t",
                                 ". ", "!\n", "\u00a0", "\u2028", "-"]), max_size=60))
def test_sentence_fingerprints(pieces):
    body = "".join(pieces)
    assert sentence_hashes(body) == sentence_hashes_split_after_the_stop(body)


CASE_FREE_SCANS = [NOT_THE_SUBJECT_BEFORE, PLACE_AFTER_CUE, ORIGIN_BEFORE, RELATIVE_YEAR, PLAN_ORDINAL,
                   *PERCENT_CUES.values(), money_cues(load_reference())[1]]
CASE_FREE_PIECES = ["this", "This year", "THE PAST", "the  previous", "year", "years", "lead", "Leads", "than", "ahead of",
                    "outpaced", "14th", "1st Five-Year", " five-year plan", " Plan", "in", "In the", "at", "within",
                    "founded", "set up", "since", "growth", "GREW", "up",
                    "year-on-year", "share", "accounted for", "of the total", "output value", "investment", "revenue",
                    "x", "_", "5", " ", "  ", "\n", ".", ";", "-", "é", "ß", "Σ",
                    # letters re.IGNORECASE takes for ASCII ones, often enough to be met
                    "ſhare", "ſince", "ıN", "İn", "thİs", "laſt", "ſ", "ı", "İ", " ſhare", " ıN the", " laſt year"]


@settings(max_examples=1000, deadline=None)
@given(texts_and_ranges(CASE_FREE_PIECES, max_pieces=14))
def test_case_free_words(case):
    text, start, end = case
    piece = text[start:end]
    for scan in CASE_FREE_SCANS:
        article = read_text(text, REFERENCE)
        assert [(m.span(), vocabulary_key(m.group(0))) for m in scan.finditer(article, start, end)] == \
            [(m.span(), vocabulary_key(m.group(0))) for m in scan.pattern.finditer(text, start, end)]
        found, expected = scan.search(article, start, end), scan.pattern.search(text, start, end)
        assert (found and found.span()) == (expected and expected.span())
        assert [m.span() for m in scan.finditer_in_piece(piece)] == [m.span() for m in scan.pattern.finditer(piece)]



@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", ",", "and", "or", "andy", "ore", "x", "\n", "\x1c", "\u2028", "é", "1"]),
                max_size=6), st.integers(0, 12))
def test_a_list_goes_on_where_its_regex_says(pieces, pos):
    from clusterfacts.extract.quantities import LIST_GOES_ON, _list_goes_on
    text = "".join(pieces)
    pos = min(pos, len(text))
    assert _list_goes_on(text, pos) == bool(LIST_GOES_ON.match(text, pos))
