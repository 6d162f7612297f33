{{ config(
    materialized='incremental',
    unique_key='story_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    pre_hook="{% if is_incremental() %}{{ delete_facts_of_departed_articles() }}{% endif %}"
) }}

-- depends_on: {{ ref('stg_articles') }}

-- a fact counted once per story: copies of it in other articles of the same story
-- (same kind, value and unit, and the same words around it) collapse into the canonical
-- article's copy, which takes what the other copies know (a year resolved through another
-- copy's date line). incremental: only stories whose members changed since the last build
-- are rebuilt, and stories with an analyst's correction, which may have been edited
with
{% if is_incremental() %}
    stories_to_build as (
        select story_id from {{ ref('int_story_groups') }}
        where changed_at > (select coalesce(max(built_at), timestamp '-infinity') from {{ this }})
        union
        select stories.story_id
        from {{ ref('corrections') }} as corrections
        inner join {{ ref('int_facts_in_context') }} as facts on corrections.fact_id = facts.fact_id
        inner join {{ ref('int_story_groups') }} as stories on facts.article_id = stories.article_id
        union
        select story_id from {{ this }} where is_corrected
    ),

    facts_to_normalise as (
        -- the facts of those stories, picked before the normalising joins: a filter on
        -- their result would be applied after normalising every fact. they are found by
        -- article id, then read by row id, so the search reads one narrow column of every
        -- fact instead of every fact's sentence (1.4 s -> 0.15 s at a million articles)
        select facts.*
        from {{ ref('int_facts_in_context') }} as facts
        where facts.rowid in (
            select candidates.rowid
            from {{ ref('int_facts_in_context') }} as candidates
            where candidates.article_id in (
                select stories.article_id
                from {{ ref('int_story_groups') }} as stories
                where stories.story_id in (select stories_to_build.story_id from stories_to_build)
            )
        )
    ),
{% else %}
    facts_to_normalise as (
        select * from {{ ref('int_facts_in_context') }}
    ),
{% endif %}

normalised as (
    {{ normalised_facts('facts_to_normalise') }}
),

ranked as (
    select
        facts.*,
        row_number() over (
            partition by facts.story_id, facts.kind, facts.value, facts.unit, facts.context_hash
            order by facts.from_canonical_article desc, facts.article_id asc, facts.char_start asc
        ) as rank_in_story,
        count(*) over (
            partition by facts.story_id, facts.kind, facts.value, facts.unit, facts.context_hash
        ) as copies_in_story,
        max(facts.fact_year) over (
            partition by facts.story_id, facts.kind, facts.value, facts.unit, facts.context_hash
        ) as any_copy_year
    from normalised as facts
),

kept as (
    select
        * exclude (rank_in_story, any_copy_year, fact_year),
        coalesce(fact_year, case when not is_target then any_copy_year end) as fact_year,
        case
            when is_target then target_year
            else coalesce(fact_year, any_copy_year, year(story_published_date))
        end as reference_year
    from ranked
    where rank_in_story = 1
),

-- each fact also says whether it is its story's first in the groups the marts count
-- stories by, so a mart counts stories with a filtered count(*) instead of a
-- count(distinct) over every fact: exact, because a story is always rebuilt whole.
-- the windows sort only the keys; the wide rows are joined back
firsts_in_story as (
    select
        fact_id,
        row_number() over (
            partition by story_id, cluster_id, geography_id, metric_id, unit, is_target, reference_year, is_suppressed
            order by fact_id
        ) = 1 as is_first_in_story_for_metric_year,
        row_number() over (
            partition by
                story_id, cluster_id, geography_id, metric_id, is_target, is_suppressed,
                {{ is_other_currency_side() }}
            order by fact_id
        ) = 1 as is_first_in_story_for_metric,
        row_number() over (
            partition by
                story_id, cluster_id, geography_id, metric_id, is_target, value, is_suppressed,
                {{ is_other_currency_side() }}
            order by fact_id
        ) = 1 as is_first_in_story_for_value
    from kept
)

select
    kept.*,
    firsts_in_story.is_first_in_story_for_metric_year,
    firsts_in_story.is_first_in_story_for_metric,
    firsts_in_story.is_first_in_story_for_value,
    now() as built_at
from kept
inner join firsts_in_story on kept.fact_id = firsts_in_story.fact_id
