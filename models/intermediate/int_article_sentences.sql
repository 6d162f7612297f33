{{ config(materialized='incremental', unique_key=['article_id', 'sentence_hash']) }}

-- one row per article and sentence fingerprint; only new articles are read on an
-- incremental run, since an article's text never changes under its content hash
with new_articles as (
    select
        article_id,
        sentence_hashes
    from {{ ref('stg_articles') }}
    {% if is_incremental() %}
        where article_id not in (select distinct existing.article_id from {{ this }} as existing)
    {% endif %}
)

select distinct
    article_id,
    unnest(sentence_hashes) as sentence_hash
from new_articles
