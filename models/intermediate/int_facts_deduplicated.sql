{{ config(
    materialized='incremental',
    unique_key='story_id',
    incremental_strategy='delete+insert',
    on_schema_change='append_new_columns',
    pre_hook="{% if is_incremental() %}{{ delete_facts_of_departed_articles() }}{% endif %}"
) }}

-- the articles are read by the pre-hook's macro, whose refs dbt does not see
-- depends_on: {{ ref('stg_articles') }}

-- every fact with its story, analysts' corrections applied and its value in yuan and in
-- dollars, counted once per story: copies of it in other articles of the same story
-- (same kind, value and unit, and the same words around it) collapse into the canonical
-- article's copy, which takes what the other copies know (a year resolved through another
-- copy's date line). incremental: only stories whose members changed since the last build
-- are rebuilt, and stories whose analysts' corrections were added, edited or removed
with
{% if is_incremental() %}
    corrections_now as (
        select
            corrections.fact_id,
            stories.story_id,
            {{ correction_hash('corrections') }} as correction_hash
        from {{ ref('corrections') }} as corrections
        inner join {{ ref('int_facts_in_context') }} as facts on corrections.fact_id = facts.fact_id
        inner join {{ ref('int_story_groups') }} as stories on facts.article_id = stories.article_id
    ),

    corrections_built as (
        {%- if 'correction_hash' in adapter.get_columns_in_relation(this) | map(attribute='name') %}
        select
            fact_id,
            story_id,
            correction_hash
        from {{ this }}
        where correction_hash is not null
        {%- else %}
        -- built before rows carried the number: each corrected story is rebuilt once
        select
            fact_id,
            story_id,
            null::ubigint as correction_hash
        from {{ this }}
        where is_corrected
        {%- endif %}
    ),

    stories_to_build as (
        select story_id from {{ ref('int_story_groups') }}
        where changed_at > (select coalesce(max(built_at), timestamp '-infinity') from {{ this }})
        union
        select coalesce(corrections_now.story_id, corrections_built.story_id) as story_id
        from corrections_now
        full outer join corrections_built on corrections_now.fact_id = corrections_built.fact_id
        where corrections_now.correction_hash is distinct from corrections_built.correction_hash
    ),

    facts_to_normalise as (
        -- the facts of those stories, picked before the normalising joins: a filter on
        -- their result would be applied after normalising every fact
        select facts.*
        from {{ ref('int_facts_in_context') }} as facts
        where facts.article_id in (
            select stories.article_id
            from {{ ref('int_story_groups') }} as stories
            where stories.story_id in (select stories_to_build.story_id from stories_to_build)
        )
    ),
{% else %}
    facts_to_normalise as not materialized (
        select * from {{ ref('int_facts_in_context') }}
    ),
{% endif %}

normalised as not materialized (
    -- each fact with its story, analysts' corrections applied, and its value in yuan and
    -- in dollars through the annual average rate of its year (the nearest year on record
    -- when its own is outside the seed's contiguous range of years). written here, on the
    -- facts picked above, rather than in a view this model filters: DuckDB does not push
    -- a filter on the result below the left joins, so filtering such a view read every
    -- fact (docs/performance.md). read twice, narrow for the decisions and whole for the
    -- result, rather than kept: whole facts held for the second read spilled to disk at scale
    with facts as (
        select * from facts_to_normalise
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
),

-- the decisions are made on the columns that decide, and the wide rows joined back once:
-- aggregates, not windows, since a window sorts every row it carries. ids are grouped and
-- joined as 128-bit numbers (macros/hex_keys.sql): as strings, the five aggregates over
-- millions of facts outgrew memory and spilled. within a story they group by one 64-bit
-- hash of the columns that decide, not by the columns: nearly every fact is a group of
-- its own, and the narrower groups spill less (commit 49b529f). two groups of one story
-- with the same hash would be taken for one: a million articles have 7.3 * 10^7 pairs of
-- facts within a story, so four groupings of them against 2^64 hashes meet such a pair
-- about once in 6 * 10^10 warehouses of that size
deciding_columns as not materialized (
    -- read twice, not kept: eleven million rows of these columns outgrew memory and
    -- spilled, and reading them again costs less. each grouping's columns are hashed
    -- here, once, so that `kept` holds four hashes instead of the eight columns (commit
    -- 5a8de52 has the figures)
    select
        {{ hex_key('fact_id') }} as fact_key,
        {{ hex_key('story_id') }} as story_key,
        {{ hex_key('article_id') }} as article_key,
        from_canonical_article,
        char_start,
        fact_year,
        is_target,
        target_year,
        story_published_date,
        hash(context_hash, kind, value, unit) as copy_key,
        hash(cluster_id, geography_id, metric_id, unit, is_target, is_suppressed) as metric_unit_key,
        hash(
            cluster_id, geography_id, metric_id, is_target, is_suppressed, {{ is_other_currency_side() }}
        ) as metric_key,
        hash(
            cluster_id, geography_id, metric_id, is_target, value, is_suppressed, {{ is_other_currency_side() }}
        ) as value_key,
        -- what the checks of macros/fact_checks.sql read, null for the many facts they pass over
        nullif({{ failed_checks_of_one_fact() }}, []) as failed_checks_alone,
        {{ whole_share_key() }} as whole_share_key,
        case when kind = 'money' and equivalent_fact_id is not null then {{ hex_key('equivalent_fact_id') }} end
            as equivalent_key,
        case when kind = 'money' and unit = 'CNY' then cny_per_usd end as yuan_cny_per_usd,
        case when (kind = 'money' and unit in ('CNY', 'USD')) or metric_id = 'output_share' then value end
            as checked_value
    from normalised
),

copies as (
    -- copies of one fact in a story: same kind, value, unit and context. the canonical
    -- article's copy is kept (then the first article, then the first offset)
    select
        min(struct_pack(
            not_canonical := not from_canonical_article,
            article_key := article_key,
            char_start := char_start,
            fact_key := fact_key
        )).fact_key as kept_fact_key,
        count(*) as copies_in_story,
        max(fact_year) as any_copy_year
    from deciding_columns
    group by story_key, copy_key
),

kept as materialized (
    -- the kept copy takes the year another copy resolved
    select
        facts.fact_key,
        facts.story_key,
        facts.metric_unit_key,
        facts.metric_key,
        facts.value_key,
        copies.copies_in_story,
        coalesce(facts.fact_year, case when not facts.is_target then copies.any_copy_year end) as fact_year,
        case
            when facts.is_target then facts.target_year
            else coalesce(facts.fact_year, copies.any_copy_year, year(facts.story_published_date))
        end as reference_year,
        facts.failed_checks_alone,
        facts.whole_share_key,
        facts.equivalent_key,
        facts.yuan_cny_per_usd,
        facts.checked_value
    from deciding_columns as facts
    inner join copies on facts.fact_key = copies.kept_fact_key
),

-- the checks of macros/fact_checks.sql: a fact that fails one is held back from the marts
-- with the check's name, rather than failing the build for every other article
failed_checks as (
    select
        fact_key,
        unnest(failed_checks_alone) as failed_check
    from kept
    where failed_checks_alone is not null
    union all
    -- a yuan amount and its stated dollar equivalent imply a rate within 5 % of the
    -- year's reference rate; which side is wrong is unknown, so both are held back
    select
        unnest([yuan.fact_key, dollars.fact_key]) as fact_key,
        'fx_pair_consistent' as failed_check
    from kept as yuan
    inner join kept as dollars on yuan.equivalent_key = dollars.fact_key
    where
        yuan.yuan_cny_per_usd is not null and dollars.checked_value > 0
        and abs(yuan.checked_value / dollars.checked_value / yuan.yuan_cny_per_usd - 1) > 0.05
    union all
    -- shares of one whole stated in one sentence add up to at most 100, those held back
    -- on their own left out of the sum
    select
        unnest(list(fact_key)) as fact_key,
        'shares_of_one_whole_at_most_100' as failed_check
    from kept
    where whole_share_key is not null and failed_checks_alone is null
    group by story_key, whole_share_key
    having sum(checked_value) > 100
),

held_back as (
    select
        fact_key,
        list(distinct failed_check order by failed_check) as failed_checks
    from failed_checks
    group by fact_key
),

passing as (
    select * from kept
    where fact_key not in (select held_back.fact_key from held_back)
),

-- each fact also says whether it is its story's first, of the facts that pass the checks,
-- in the groups the marts count stories by, so a mart counts stories with a filtered count(*) instead of a
-- count(distinct) over every fact: exact (but for the hash above), because a story is
-- always rebuilt whole
firsts_for_metric_year as (
    select min(fact_key) as fact_key
    from passing
    group by story_key, hash(metric_unit_key, reference_year)  -- the year is known only once copies are merged
),

firsts_for_metric as (
    select min(fact_key) as fact_key
    from passing
    group by story_key, metric_key
),

firsts_for_value as (
    select min(fact_key) as fact_key
    from passing
    group by story_key, value_key
),

decisions as (
    select
        kept.fact_key,
        kept.copies_in_story,
        kept.fact_year,
        kept.reference_year,
        kept.fact_key in (select firsts_for_metric_year.fact_key from firsts_for_metric_year)
            as is_first_in_story_for_metric_year,
        kept.fact_key in (select firsts_for_metric.fact_key from firsts_for_metric) as is_first_in_story_for_metric,
        kept.fact_key in (select firsts_for_value.fact_key from firsts_for_value) as is_first_in_story_for_value,
        held_back.failed_checks
    from kept
    left join held_back on kept.fact_key = held_back.fact_key
)

select
    normalised.* exclude (normalised.fact_year),
    decisions.copies_in_story,
    decisions.fact_year,
    decisions.reference_year,
    decisions.is_first_in_story_for_metric_year,
    decisions.is_first_in_story_for_metric,
    decisions.is_first_in_story_for_value,
    decisions.failed_checks,
    now() as built_at
from normalised
inner join decisions on {{ hex_key('normalised.fact_id') }} = decisions.fact_key
