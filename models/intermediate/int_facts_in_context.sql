{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}

-- the runs are read in the incremental branch only, which dbt does not parse for refs
-- depends_on: {{ ref('stg_load_runs') }}

-- each fact with the words around it, read once: the sentence for provenance, and a
-- hash of the context that tells copies of one fact apart from other facts. an
-- incremental run appends the facts of load runs not yet here: a run's rows are final
-- once it ends (builds wait for loads), and facts are never rewritten, so no fact is
-- read twice
{% if is_incremental() %}
    with unread_runs as (
        -- a finished run that landed no fact has nothing to read
        select
            load_runs.run_id,
            load_runs.started_at
        from {{ ref('stg_load_runs') }} as load_runs
        where
            coalesce(load_runs.facts_loaded, 1) > 0
            and load_runs.run_id not in (select distinct already_read.run_id from {{ this }} as already_read)
    ),

    new_facts as (
        -- filtered on the few unread runs' ids rather than on "not a run read": the scan then
        -- skips the row groups of the runs read before instead of reading every fact's
        -- columns
        select facts.*
        from {{ ref('stg_facts') }} as facts
        where facts.run_id in (select unread_runs.run_id from unread_runs)
    ),

    runs_with_new_facts as (
        -- the time bound below: an unread run without facts (one killed before its first
        -- batch landed) would otherwise hold it back at that run's start for good
        select unread_runs.started_at
        from unread_runs
        where unread_runs.run_id in (select new_facts.run_id from new_facts)
    ),

    new_texts as (
        -- a fact lands with its article, so its article was loaded after its run began:
        -- texts are stored in load order, and the time bound skips the old ones without
        -- reading them; with no run to read the
        -- bound is infinity, since a null one filters nothing out of the scan
        select texts.*
        from {{ ref('stg_article_texts') }} as texts
        where
            texts.loaded_at >= (
                select coalesce(min(runs_with_new_facts.started_at), timestamp 'infinity') from runs_with_new_facts
            )
            and texts.article_id in (select new_facts.article_id from new_facts)
    ),
{% else %}
    with new_facts as (
        select * from {{ ref('stg_facts') }}
    ),

    new_texts as (
        select * from {{ ref('stg_article_texts') }}
    ),
{% endif %}

in_context as (
    select
        new_facts.*,
        substring(
            texts.article_text, new_facts.sentence_start + 1, new_facts.sentence_end - new_facts.sentence_start
        ) as sentence,
        substring(
            texts.article_text,
            greatest(new_facts.char_start - 40, new_facts.sentence_start) + 1,
            least(new_facts.char_end + 40, new_facts.sentence_end)
            - greatest(new_facts.char_start - 40, new_facts.sentence_start)
        ) as span_context
    from new_facts
    inner join new_texts as texts on new_facts.article_id = texts.article_id
)

-- the context is hashed, not kept: nothing reads it, and writing it took a fifth of this
-- model's full refresh. the hash is md5 as a 128-bit number, which groups faster than
-- its 32 hex digits and takes half the room (commit 49b529f has the figures)
select
    * exclude (span_context),
    md5_number(lower({{ collapse_white_space('span_context') }})) as context_hash
from in_context
