"""From an article's text to its facts: quantities tied to what they measure."""

from __future__ import annotations

import hashlib

from clusterfacts.extract.gazetteer import Mention
from clusterfacts.extract.layout import Layout
from clusterfacts.extract.linking import build_context, link_quantities
from clusterfacts.extract.quantities import Quantity, find_quantities
from clusterfacts.extract.reference import Reference
from clusterfacts.extract.visible_text import VisibleText
from clusterfacts.extract.vocabulary import ArticleText
from clusterfacts.records import Fact

# The major version is part of every fact id; bump it when spans or values change meaning.
EXTRACTOR_VERSION = "1.0.0"


def fact_id(content_hash: str, quantity: Quantity, where: tuple[int, int] | None = None) -> str:
    """Stable across reloads: the same article, span and extractor major version give the same id.

    where is the span in the article's own text, when the rules read another (VisibleText).
    """
    major = EXTRACTOR_VERSION.split(".")[0]
    start, end = where or (quantity.start, quantity.end)
    key = f"{content_hash}:{start}:{end}:{quantity.kind}:{major}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def extract_facts(read: ArticleText, article: str, content_hash: str, layout: Layout, mentions: list[Mention],
                  ref: Reference, seen: VisibleText | None = None) -> list[Fact]:
    """Every fact in the article's body, as rows of raw.facts.

    read is the text the rules read (vocabulary.read_text), laid out in layout, with the
    mentions the gazetteer found in its body; when it is an article's visible text
    (seen.text), offsets and spans in the rows are the article's own (seen.original).
    """
    text = read.text
    quantities = find_quantities(read, layout.body_start, layout.body_end, ref)
    links = link_quantities(build_context(read, layout, mentions, ref), quantities)
    own = text if seen is None else seen.original
    # Where each quantity is in the article's own text: where the rules found it, unless
    # invisible characters were taken out before they read it.
    where = {id(q): (q.start, q.end) if seen is None or seen.is_original else (seen.start(q.start), seen.end(q.end))
             for q in quantities}
    ids = {id(q): fact_id(content_hash, q, where[id(q)]) for q in quantities}
    facts = []
    for quantity, link in zip(quantities, links):
        equivalent = quantity.equivalent
        start, end = where[id(quantity)]
        facts.append(Fact(
            fact_id=ids[id(quantity)],
            content_hash=content_hash,
            article=article,
            char_start=start,
            char_end=end,
            span=own[start:end],
            sentence_start=link.sentence_start,
            sentence_end=link.sentence_end,
            kind=quantity.kind,
            stated_number=quantity.number,
            stated_number_max=quantity.number_max,
            scale_word=quantity.scale_word,
            scale_multiplier=quantity.scale,
            unit_factor=quantity.unit_factor,
            stated_unit=quantity.stated_unit,
            value=quantity.value,
            value_max=quantity.value_max,
            qualifier=quantity.qualifier,
            unit=quantity.unit,
            equivalent_span=own[slice(*where[id(equivalent)])] if equivalent else None,
            equivalent_fact_id=ids[id(equivalent)] if equivalent else None,
            metric=link.metric,
            geography=link.geography,
            cluster=link.cluster,
            company=link.company,
            year=link.year,
            is_target=link.is_target,
            target_year=link.target_year,
            extractor_version=EXTRACTOR_VERSION,
        ))
    return facts

