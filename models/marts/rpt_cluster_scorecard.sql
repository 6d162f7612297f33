-- per cluster, place and metric: the latest reported figure and the latest target, each
-- traceable to its fact, sentence, characters and article (title, date, file), and how
-- many distinct stories state a figure for it. only the columns that rank and count go
-- through the aggregates, and the winning facts' text is read at the end, for their ids
-- alone; stories are counted by the facts that are their story's first

with facts as not materialized (
    select * from {{ ref('fct_facts') }}
),

clusters as (
    select * from {{ ref('dim_clusters') }}
),

geographies as (
    select * from {{ ref('dim_geographies') }}
),

articles as (
    select * from {{ ref('dim_articles') }}
),

usable as not materialized (
    -- read by each aggregate for its own columns: kept, it held every fact's columns at once
    select
        fact_id,
        cluster_id,
        geography_id,
        metric_id,
        is_target,
        value,
        reference_year,
        published_date,
        is_first_in_story_for_metric,
        is_first_in_story_for_value
    from facts
    where
        cluster_id is not null
        and geography_id is not null
        and not is_suppressed
        and not {{ is_other_currency_side() }}
),

latest_picks as (
    -- the latest year, then the latest publication, then the larger value; unknown years
    -- and dates rank last, and the larger fact id breaks a tie so a rebuild picks the same
    select
        cluster_id,
        geography_id,
        metric_id,
        is_target,
        -- the winner's fields become columns of their own names
        unnest(max(struct_pack(  -- noqa: AL03
            ranked_year := coalesce(reference_year, -1),
            ranked_date := coalesce(published_date, date '0001-01-01'),
            latest_value := value,
            latest_fact_id := fact_id
        )))
    from usable
    group by cluster_id, geography_id, metric_id, is_target
),

latest as (
    select
        facts.fact_id,
        facts.cluster_id,
        facts.geography_id,
        facts.metric_id,
        facts.is_target,
        facts.value,
        facts.qualifier,
        facts.unit,
        facts.value_usd,
        facts.reference_year,
        facts.target_year,
        facts.span,
        facts.sentence,
        facts.char_start,
        facts.char_end,
        facts.article_id,
        facts.file_name,
        facts.is_corrected
    from facts
    where facts.fact_id in (select latest_picks.latest_fact_id from latest_picks)
),

stories_stating_latest as (
    select
        latest_picks.latest_fact_id as fact_id,
        count(*) filter (where usable.is_first_in_story_for_value) as stories
    from usable
    inner join latest_picks
        on
            usable.cluster_id = latest_picks.cluster_id
            and usable.geography_id = latest_picks.geography_id
            and usable.metric_id = latest_picks.metric_id
            and usable.is_target = latest_picks.is_target
            and usable.value = latest_picks.latest_value
    group by latest_picks.latest_fact_id
),

sources as (
    select
        cluster_id,
        geography_id,
        metric_id,
        count(*) filter (where is_first_in_story_for_metric and not is_target) as reporting_stories,
        count(*) filter (where is_first_in_story_for_metric and is_target) as target_stories
    from usable
    group by cluster_id, geography_id, metric_id
)
,

final as (
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
        latest_reported.fact_id as reported_fact_id,
        latest_reported.sentence as reported_sentence,
        latest_reported.char_start as reported_char_start,
        latest_reported.char_end as reported_char_end,
        reported_articles.title as reported_title,
        reported_articles.published_date as reported_published_date,
        reported_articles.credit as reported_credit,
        reported_stating.stories as reported_value_stories,
        sources.reporting_stories,
        latest_target.value as target_value,
        latest_target.qualifier as target_qualifier,
        latest_target.unit as target_unit,
        latest_target.value_usd as target_value_usd,
        latest_target.target_year,
        latest_target.span as target_span,
        latest_target.file_name as target_source,
        latest_target.fact_id as target_fact_id,
        latest_target.sentence as target_sentence,
        latest_target.char_start as target_char_start,
        latest_target.char_end as target_char_end,
        target_articles.title as target_title,
        target_articles.published_date as target_published_date,
        target_articles.credit as target_credit,
        target_stating.stories as target_value_stories,
        sources.target_stories,
        coalesce(latest_reported.is_corrected, false)
        or coalesce(latest_target.is_corrected, false) as has_corrected_facts
    from sources
    inner join clusters on sources.cluster_id = clusters.cluster_id
    inner join geographies on sources.geography_id = geographies.geography_id
    left join latest as latest_reported
        on
            sources.cluster_id = latest_reported.cluster_id
            and sources.geography_id = latest_reported.geography_id
            and sources.metric_id = latest_reported.metric_id
            and not latest_reported.is_target
    left join stories_stating_latest as reported_stating on latest_reported.fact_id = reported_stating.fact_id
    left join articles as reported_articles on latest_reported.article_id = reported_articles.article_id
    left join latest as latest_target
        on
            sources.cluster_id = latest_target.cluster_id
            and sources.geography_id = latest_target.geography_id
            and sources.metric_id = latest_target.metric_id
            and latest_target.is_target
    left join stories_stating_latest as target_stating on latest_target.fact_id = target_stating.fact_id
    left join articles as target_articles on latest_target.article_id = target_articles.article_id
)

select * from final
