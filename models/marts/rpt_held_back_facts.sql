{{ config(materialized='view') }}

-- every fact kept out of the marts, and why: by the landing validation (the facts of a
-- failing batch) or by the checks on facts of macros/fact_checks.sql. kept, not
-- dropped, so an analyst can see what was held back and release it with a correction.
-- a view: both sources are small, and the checks' rows are rebuilt a story at a time
with stg_quarantined_facts as (
    select * from {{ ref('stg_quarantined_facts') }}
),

stg_load_runs as (
    select * from {{ ref('stg_load_runs') }}
),

int_facts_deduplicated as (
    select * from {{ ref('int_facts_deduplicated') }}
),

held_back_on_landing as (
    select
        quarantined.fact_id,
        quarantined.article_id,
        quarantined.file_name,
        quarantined.span,
        cast(null as varchar) as sentence,
        quarantined.kind,
        quarantined.metric_id,
        quarantined.value,
        quarantined.unit,
        'landing validation' as held_back_by,
        quarantined.quarantine_reasons as reasons,
        runs.started_at at time zone 'UTC' as held_back_at  -- started_at is UTC
    from stg_quarantined_facts as quarantined
    left join stg_load_runs as runs on quarantined.run_id = runs.run_id
),

held_back_by_checks as (
    select
        facts.fact_id,
        facts.article_id,
        facts.file_name,
        facts.span,
        facts.sentence,
        facts.kind,
        facts.metric_id,
        facts.value,
        facts.unit,
        'fact checks' as held_back_by,
        facts.failed_checks as reasons,
        facts.built_at as held_back_at
    from int_facts_deduplicated as facts
    where facts.failed_checks is not null
),

final as (
    select * from held_back_on_landing
    union all by name
    select * from held_back_by_checks
)

select * from final
