{{ config(materialized='incremental', unique_key='fact_id') }}

-- each fact with the words around it, read once: the sentence for provenance, and a
-- hash of the context that tells copies of one fact apart from other facts. only facts
-- not yet here are read on an incremental run (a fact's article text never changes)
with new_facts as (
    select facts.*
    from {{ ref('stg_facts') }} as facts
    {% if is_incremental() %}
        where facts.fact_id not in (select existing.fact_id from {{ this }} as existing)
    {% endif %}
),

in_context as (
    select
        new_facts.*,
        substring(
            articles.article_text, new_facts.sentence_start + 1, new_facts.sentence_end - new_facts.sentence_start
        ) as sentence,
        substring(
            articles.article_text,
            greatest(new_facts.char_start - 40, new_facts.sentence_start) + 1,
            least(new_facts.char_end + 40, new_facts.sentence_end)
            - greatest(new_facts.char_start - 40, new_facts.sentence_start)
        ) as span_context
    from new_facts
    inner join {{ ref('stg_articles') }} as articles on new_facts.article_id = articles.article_id
)

select
    *,
    md5(lower(regexp_replace(span_context, '\s+', ' ', 'g'))) as context_hash
from in_context
