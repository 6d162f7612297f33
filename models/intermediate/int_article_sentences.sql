{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}

-- the runs are read in the incremental branch only, which dbt does not parse for refs
-- depends_on: {{ ref('stg_load_runs') }}

-- one row per article and sentence fingerprint, and one with a null fingerprint for an
-- article without a sentence long enough to have one: every article is here, stamped
-- added_at, which tells int_story_groups the articles it has not grouped yet.
-- incremental: the articles of load runs not read yet are appended (an article's text
-- never changes under its content hash, so no article is read twice)
{% if is_incremental() %}
    with runs_not_yet_read as (
        -- a finished run that landed no article has nothing to read
        select
            load_runs.run_id,
            load_runs.started_at
        from {{ ref('stg_load_runs') }} as load_runs
        where
            coalesce(load_runs.files_loaded, 1) > 0
            and load_runs.run_id not in (select distinct already_read.run_id from {{ this }} as already_read)
    ),

    new_articles as (
        -- articles are stored in load order, and the time bound skips the old ones (with
        -- no run to read it is infinity: a null bound filters nothing out of the scan)
        select
            articles.article_id,
            articles.sentence_hashes,
            articles.run_id
        from {{ ref('stg_articles') }} as articles
        where
            articles.loaded_at >= (
                select coalesce(min(runs_not_yet_read.started_at), timestamp 'infinity') from runs_not_yet_read
            )
            and articles.run_id in (select runs_not_yet_read.run_id from runs_not_yet_read)
    )
{% else %}
    with new_articles as (
        select
            article_id,
            sentence_hashes,
            run_id
        from {{ ref('stg_articles') }}
    )
{% endif %}

select distinct
    article_id,
    unnest(
        case when len(sentence_hashes) = 0 then [null::bigint] else sentence_hashes end
    ) as sentence_hash,
    run_id,
    now() as added_at
from new_articles
