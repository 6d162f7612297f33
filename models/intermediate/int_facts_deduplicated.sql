-- a fact counted once per story: copies of it in other articles of the same story
-- (same kind, value and unit, and the same words around it) collapse into the canonical
-- article's copy, which takes what the other copies know (a year resolved through another
-- copy's date line)
with ranked as (
    select
        *,
        row_number() over (
            partition by story_id, kind, value, unit, context_hash
            order by from_canonical_article desc, article_id asc, char_start asc
        ) as rank_in_story,
        count(*) over (partition by story_id, kind, value, unit, context_hash) as copies_in_story,
        max(fact_year) over (partition by story_id, kind, value, unit, context_hash) as any_copy_year
    from {{ ref('int_facts_normalised') }}
)

select
    * exclude (rank_in_story, any_copy_year, fact_year),
    coalesce(fact_year, case when not is_target then any_copy_year end) as fact_year,
    case
        when is_target then target_year
        else coalesce(fact_year, any_copy_year, year(story_published_date))
    end as reference_year
from ranked
where rank_in_story = 1
