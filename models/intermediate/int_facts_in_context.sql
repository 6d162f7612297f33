{{ config(materialized='incremental', unique_key='fact_id') }}

-- each fact with the words around it, read once: the sentence for provenance, and a
-- hash of the context that tells copies of one fact apart from other facts. an
-- incremental run reads only the facts and articles of load runs not yet here: a run's
-- rows are final once it ends (builds wait for loads), and facts are never rewritten
{% if is_incremental() %}
    with runs_already_read as (
        select distinct run_id from {{ this }}
    ),

    new_facts as (
        select facts.*
        from {{ ref('stg_facts') }} as facts
        where facts.run_id not in (select runs_already_read.run_id from runs_already_read)
    ),

    new_articles as (
        select articles.*
        from {{ ref('stg_articles') }} as articles
        where articles.article_id in (select new_facts.article_id from new_facts)
    ),
{% else %}
    with new_facts as (
        select * from {{ ref('stg_facts') }}
    ),

    new_articles as (
        select * from {{ ref('stg_articles') }}
    ),
{% endif %}

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
    inner join new_articles as articles on new_facts.article_id = articles.article_id
)

select
    *,
    md5(lower(regexp_replace(span_context, '\s+', ' ', 'g'))) as context_hash
from in_context
