-- per cluster, place and metric: the latest reported figure and the latest target,
-- each with its source, and how many distinct stories state a figure for it
with usable as (
    select *
    from {{ ref('fct_facts') }}
    where
        cluster_id is not null
        and geography_id is not null
        and not is_suppressed
        -- the yuan side of a two-currency amount speaks for both
        and not (kind = 'money' and unit <> 'CNY' and equivalent_fact_id is not null)
),

ranked as (
    select
        *,
        row_number() over (
            partition by cluster_id, geography_id, metric_id, is_target
            order by reference_year desc nulls last, published_date desc nulls last, value desc, fact_id asc
        ) as recency,
        count(distinct story_id) over (
            partition by cluster_id, geography_id, metric_id, is_target, value
        ) as stories_stating_it
    from usable
),

latest as (
    select * from ranked
    where recency = 1
),

sources as (
    select
        cluster_id,
        geography_id,
        metric_id,
        count(distinct story_id) filter (where not is_target) as reporting_stories,
        count(distinct story_id) filter (where is_target) as target_stories
    from usable
    group by cluster_id, geography_id, metric_id
)

select
    sources.cluster_id,
    clusters.cluster_name,
    sources.geography_id,
    geographies.geography_path,
    sources.metric_id,
    latest_reported.value as reported_value,
    latest_reported.qualifier as reported_qualifier,
    latest_reported.unit as reported_unit,
    latest_reported.value_usd as reported_value_usd,
    latest_reported.reference_year as reported_year,
    latest_reported.span as reported_span,
    latest_reported.file_name as reported_source,
    latest_reported.stories_stating_it as reported_value_stories,
    sources.reporting_stories,
    latest_target.value as target_value,
    latest_target.qualifier as target_qualifier,
    latest_target.unit as target_unit,
    latest_target.value_usd as target_value_usd,
    latest_target.target_year,
    latest_target.span as target_span,
    latest_target.file_name as target_source,
    latest_target.stories_stating_it as target_value_stories,
    sources.target_stories,
    coalesce(latest_reported.is_corrected, false) or coalesce(latest_target.is_corrected, false) as has_corrected_facts
from sources
inner join {{ ref('dim_clusters') }} as clusters on sources.cluster_id = clusters.cluster_id
inner join {{ ref('dim_geographies') }} as geographies on sources.geography_id = geographies.geography_id
left join latest as latest_reported
    on
        sources.cluster_id = latest_reported.cluster_id
        and sources.geography_id = latest_reported.geography_id
        and sources.metric_id = latest_reported.metric_id
        and not latest_reported.is_target
left join latest as latest_target
    on
        sources.cluster_id = latest_target.cluster_id
        and sources.geography_id = latest_target.geography_id
        and sources.metric_id = latest_target.metric_id
        and latest_target.is_target
