-- one row per article and sentence fingerprint; fingerprints shared by very many
-- articles are boilerplate (a site's footer sentence) and say nothing about the story
with fingerprints as (
    select
        article_id,
        unnest(sentence_hashes) as sentence_hash
    from {{ ref('stg_articles') }}
),

fingerprint_spread as (
    select
        sentence_hash,
        count(distinct article_id) as articles_with_it
    from fingerprints
    group by sentence_hash
)

select distinct
    fingerprints.article_id,
    fingerprints.sentence_hash
from fingerprints
inner join fingerprint_spread on fingerprints.sentence_hash = fingerprint_spread.sentence_hash
where fingerprint_spread.articles_with_it <= {{ var('boilerplate_min_articles', 50) }}
