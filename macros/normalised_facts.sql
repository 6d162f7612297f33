{#- Every fact of `facts` (int_facts_in_context's rows, or some of them) with its story,
    analysts' corrections applied, and its value in yuan and in dollars through the annual
    average rate of its year (the nearest year on record when its own is outside the
    seed's contiguous range of years). int_facts_normalised shows it for every fact;
    int_facts_deduplicated runs it on the facts of the stories it rebuilds, because
    DuckDB does not push a filter on the result below the left joins: filtering the
    view's output read every fact. -#}
{% macro normalised_facts(facts) %}
with facts as (
    select * from {{ facts }}
),

corrections as (
    select * from {{ ref('corrections') }}
),

rate_years as (
    select
        currency_code,
        min(year) as first_year,
        max(year) as last_year
    from {{ ref('fx_rates') }}
    group by currency_code
),

corrected as (
    select
        facts.fact_id,
        facts.article_id,
        facts.file_name,
        facts.char_start,
        facts.char_end,
        facts.span,
        facts.sentence,
        facts.context_hash,
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
        corrections.note as correction_note,
        case when corrections.fact_id is not null then {{ correction_hash('corrections') }} end as correction_hash
    from facts
    left join corrections on facts.fact_id = corrections.fact_id
),

with_story as (
    select
        corrected.*,
        stories.story_id,
        stories.is_canonical as from_canonical_article,
        stories.story_published_date,
        coalesce(corrected.fact_year, corrected.target_year, year(stories.story_published_date)) as rate_year
    from corrected
    inner join {{ ref('int_story_groups') }} as stories on corrected.article_id = stories.article_id
),

with_rate_year as (
    select
        with_story.*,
        case
            when with_story.kind = 'money'
                then greatest(
                    usd_years.first_year,
                    least(usd_years.last_year, coalesce(with_story.rate_year, usd_years.last_year))
                )
        end as fx_rate_year
    from with_story
    left join rate_years as usd_years on usd_years.currency_code = 'USD'
)

select
    with_rate_year.*,
    usd.cny_per_unit as cny_per_usd,
    case
        when with_rate_year.kind <> 'money' then null
        when with_rate_year.unit = 'CNY' then with_rate_year.value
        else with_rate_year.value * own_currency.cny_per_unit
    end as value_cny,
    case
        when with_rate_year.kind <> 'money' then null
        when with_rate_year.unit = 'USD' then with_rate_year.value
        when with_rate_year.unit = 'CNY' then with_rate_year.value / usd.cny_per_unit
        else with_rate_year.value * own_currency.cny_per_unit / usd.cny_per_unit
    end as value_usd,
    case when with_rate_year.kind = 'percent' then with_rate_year.value / 100 end as value_ratio
from with_rate_year
left join {{ ref('fx_rates') }} as usd
    on usd.currency_code = 'USD' and with_rate_year.fx_rate_year = usd.year
left join {{ ref('fx_rates') }} as own_currency
    on with_rate_year.unit = own_currency.currency_code and with_rate_year.fx_rate_year = own_currency.year
{% endmacro %}
