{{ config(materialized='view') }}

-- every pair of articles that tell the same story (macros/same_story_pairs.sql). a view,
-- for analysts and tests: int_story_groups finds the pairs of the articles it regroups
with fingerprint_spread as (
    select
        sentence_hash,
        count(*) as articles_with_it
    from {{ ref('int_article_sentences') }}
    where sentence_hash is not null
    group by sentence_hash
),

pairs as (
    {{ same_story_pairs(ref('int_article_sentences'), 'fingerprint_spread') }}
)

select * from pairs
