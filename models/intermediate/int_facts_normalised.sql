-- every extracted fact with its story, analysts' corrections applied, and its value
-- in yuan and in dollars through the annual average rate of the nearest year on record
with facts as (
    select * from {{ ref('stg_facts') }}
),

corrections as (
    select * from {{ ref('corrections') }}
),

articles as (
    select
        articles.article_id,
        articles.article_text,
        articles.published_date,
        stories.story_id,
        stories.is_canonical,
        stories.story_published_date
    from {{ ref('stg_articles') }} as articles
    inner join {{ ref('int_story_groups') }} as stories on articles.article_id = stories.article_id
),

corrected as (
    select
        facts.fact_id,
        facts.article_id,
        facts.file_name,
        facts.char_start,
        facts.char_end,
        facts.span,
        facts.sentence_start,
        facts.sentence_end,
        facts.kind,
        facts.stated_number,
        facts.stated_number_max,
        facts.scale_word,
        facts.scale_multiplier,
        facts.unit_factor,
        facts.stated_unit,
        facts.qualifier,
        facts.unit,
        facts.equivalent_span,
        facts.equivalent_fact_id,
        facts.company_name,
        facts.extractor_version,
        facts.value as extracted_value,
        -- the fact model names this column value
        coalesce(corrections.value, facts.value) as value,  -- noqa: RF04
        facts.value_max,
        coalesce(corrections.metric, facts.metric_id) as metric_id,
        coalesce(corrections.geography, facts.geography_id) as geography_id,
        coalesce(corrections.cluster, facts.cluster_id) as cluster_id,
        coalesce(corrections.year, facts.fact_year) as fact_year,
        coalesce(corrections.is_target, facts.is_target) as is_target,
        coalesce(corrections.target_year, facts.target_year) as target_year,
        corrections.fact_id is not null as is_corrected,
        coalesce(corrections.action = 'suppress', false) as is_suppressed,
        corrections.note as correction_note
    from facts
    left join corrections on facts.fact_id = corrections.fact_id
),

with_story as (
    select
        corrected.*,
        articles.story_id,
        articles.is_canonical as from_canonical_article,
        articles.story_published_date,
        substring(
            articles.article_text, corrected.sentence_start + 1, corrected.sentence_end - corrected.sentence_start
        ) as sentence,
        substring(
            articles.article_text,
            greatest(corrected.char_start - 40, corrected.sentence_start) + 1,
            least(corrected.char_end + 40, corrected.sentence_end)
            - greatest(corrected.char_start - 40, corrected.sentence_start)
        ) as span_context,
        coalesce(corrected.fact_year, corrected.target_year, year(articles.story_published_date)) as rate_year
    from corrected
    inner join articles on corrected.article_id = articles.article_id
),

nearest_rates as (
    select
        with_story.fact_id,
        fx.cny_per_unit,
        fx.year as rate_year_used,
        row_number() over (
            partition by with_story.fact_id
            order by abs(fx.year - coalesce(with_story.rate_year, 9999)), fx.year desc
        ) as nearness
    from with_story
    inner join {{ ref('fx_rates') }} as fx on fx.currency_code = 'USD'
    where with_story.kind = 'money'
),

own_currency_rates as (
    select
        with_story.fact_id,
        fx.cny_per_unit
    from with_story
    inner join nearest_rates on with_story.fact_id = nearest_rates.fact_id and nearest_rates.nearness = 1
    inner join {{ ref('fx_rates') }} as fx
        on with_story.unit = fx.currency_code and nearest_rates.rate_year_used = fx.year
)

select
    with_story.*,
    nearest_rates.rate_year_used as fx_rate_year,
    nearest_rates.cny_per_unit as cny_per_usd,
    case
        when with_story.kind <> 'money' then null
        when with_story.unit = 'CNY' then with_story.value
        else with_story.value * own_currency_rates.cny_per_unit
    end as value_cny,
    case
        when with_story.kind <> 'money' then null
        when with_story.unit = 'USD' then with_story.value
        when with_story.unit = 'CNY' then with_story.value / nearest_rates.cny_per_unit
        else with_story.value * own_currency_rates.cny_per_unit / nearest_rates.cny_per_unit
    end as value_usd,
    case when with_story.kind = 'percent' then with_story.value / 100 end as value_ratio,
    case
        when with_story.is_target then with_story.target_year
        else coalesce(with_story.fact_year, year(with_story.story_published_date))
    end as reference_year
from with_story
left join nearest_rates on with_story.fact_id = nearest_rates.fact_id and nearest_rates.nearness = 1
left join own_currency_rates on with_story.fact_id = own_currency_rates.fact_id
