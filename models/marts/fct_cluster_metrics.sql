-- cluster x place x metric x year, reported figures apart from targets
-- (suppressed facts left out; a year is the figure's own, else its story's publication year)
with metric_years as (
    select
        facts.cluster_id,
        facts.geography_id,
        facts.metric_id,
        facts.unit,
        facts.is_target,
        facts.reference_year,
        count(*) as facts,
        count(*) filter (where facts.is_first_in_story_for_metric_year) as stories,
        min(facts.value) as min_value,
        max(facts.value) as max_value,
        median(facts.value) as median_value,
        -- latest by publication; fact ids break ties so a rebuild picks the same figure.
        -- one aggregate for both columns: the ranking is the costly part
        max_by(
            struct_pack(facts.value, facts.qualifier),
            struct_pack(published := facts.published_date, fact := facts.fact_id)
        ) as latest,
        max(facts.value_cny) as max_value_cny,
        max(facts.value_usd) as max_value_usd,
        max(facts.published_date) as latest_published_date,
        bool_or(facts.is_corrected) as has_corrected_facts
    from {{ ref('fct_facts') }} as facts
    where
        facts.cluster_id is not null
        and facts.geography_id is not null
        and not facts.is_suppressed
    group by
        facts.cluster_id, facts.geography_id, facts.metric_id, facts.unit, facts.is_target, facts.reference_year
)

select
    metric_years.cluster_id,
    metric_years.geography_id,
    metric_years.metric_id,
    metric_years.unit,
    metric_years.is_target,
    metric_years.reference_year,
    metric_years.facts,
    metric_years.stories,
    metric_years.min_value,
    metric_years.max_value,
    metric_years.median_value,
    metric_years.latest.value as latest_value,
    metric_years.latest.qualifier as latest_qualifier,
    metric_years.max_value_cny,
    metric_years.max_value_usd,
    metric_years.latest_published_date,
    metric_years.has_corrected_facts
from metric_years
