{#- Pairs of the articles in `sentences` (article_id, sentence_hash; a null hash for an
    article with none) that tell the same story: most of the shorter one's sentences, and
    more than one, appear in the longer one (a trimmed copy, or the same text in other
    page furniture); one shared stock sentence does not make two stories one.
    `spread` says how many articles of the whole warehouse have each fingerprint
    (sentence_hash, articles_with_it): fingerprints shared by very many articles are
    boilerplate (a site's footer) and say nothing. The join is on fingerprints, so cost
    grows with shared sentences, not with all pairs. int_article_pairs shows every pair;
    int_story_groups runs this on the articles whose stories it regroups. -#}
{% macro same_story_pairs(sentences, spread) %}
with telling_sentences as (
    select
        sentences.article_id,
        sentences.sentence_hash,
        spread.articles_with_it
    from {{ sentences }} as sentences
    inner join {{ spread }} as spread on sentences.sentence_hash = spread.sentence_hash
    where spread.articles_with_it <= {{ var('boilerplate_min_articles') }}
),

sentence_counts as (
    select
        article_id,
        count(*) as sentences
    from telling_sentences
    group by article_id
),

shared as (
    select
        left_side.article_id,
        right_side.article_id as other_article_id,
        count(*) as shared_sentences
    from telling_sentences as left_side
    inner join telling_sentences as right_side
        on
            left_side.sentence_hash = right_side.sentence_hash
            and left_side.article_id < right_side.article_id
    where left_side.articles_with_it > 1
    group by left_side.article_id, right_side.article_id
)

select
    shared.article_id,
    shared.other_article_id,
    shared.shared_sentences,
    shared.shared_sentences / least(left_counts.sentences, right_counts.sentences) as containment
from shared
inner join sentence_counts as left_counts on shared.article_id = left_counts.article_id
inner join sentence_counts as right_counts on shared.other_article_id = right_counts.article_id
where
    shared.shared_sentences >= {{ var('same_story_min_shared_sentences') }}
    and shared.shared_sentences / least(left_counts.sentences, right_counts.sentences)
    >= {{ var('same_story_min_containment') }}
{% endmacro %}
