{#- Generic data tests of our own (dbt packages cannot be installed here).
    Each returns the offending rows with the fact they concern, so a failure names it. -#}

{% test value_in_range(model, column_name, min_value, max_value, id_column='fact_id') %}
{#- narrow the rows with the test's `where` config: shares, growth rates ... -#}
select {{ id_column }} as failing_id, {{ column_name }} as failing_value
from {{ model }}
where {{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }}
{% endtest %}


{% test base_value_matches_stated(model, column_name='value', relative_tolerance=0.000001) %}
{#- base value = stated number x scale multiplier x unit factor, within rounding -#}
select fact_id as failing_id, {{ column_name }} as failing_value,
    stated_number * scale_multiplier * unit_factor as expected_value
from {{ model }}
where abs({{ column_name }} - stated_number * scale_multiplier * unit_factor)
    > {{ relative_tolerance }} * greatest(abs({{ column_name }}), 1)
{% endtest %}


{% test fx_pair_consistent(model, column_name='value_cny', tolerance=0.05) %}
{#- a yuan amount and its stated dollar equivalent imply a rate within tolerance of the year's reference rate -#}
with facts as (
    -- the model as the test's `where` narrows it, which dbt hands over as an aliased subquery
    select * from {{ model }}
)

select yuan.fact_id as failing_id, yuan.span as yuan_span, dollars.span as dollar_span,
    yuan.value / dollars.value as implied_rate, yuan.cny_per_usd as reference_rate, yuan.fx_rate_year
from facts as yuan
inner join facts as dollars on yuan.equivalent_fact_id = dollars.fact_id
where yuan.unit = 'CNY' and dollars.unit = 'USD' and dollars.value > 0 and yuan.cny_per_usd is not null
    and abs(yuan.value / dollars.value / yuan.cny_per_usd - 1) > {{ tolerance }}
{% endtest %}


{% test target_not_before_publication(model, column_name='target_year') %}
select fact_id as failing_id, {{ column_name }} as failing_value, published_date
from {{ model }}
where is_target and {{ column_name }} is not null and published_date is not null
    and {{ column_name }} < year(published_date)
{% endtest %}


{% test shares_of_one_whole_at_most_100(model, column_name='value') %}
{#- shares stated in one sentence of one story for one place and cluster cannot add up past the whole -#}
select min(fact_id) as failing_id, sum({{ column_name }}) as failing_value, story_id, sentence
from {{ model }}
where metric_id = 'output_share' and unit = 'percent' and not is_suppressed and qualifier in ('exact', 'approximate')
group by story_id, sentence, geography_id, cluster_id
having sum({{ column_name }}) > 100
{% endtest %}


{% test key_of_untested_rows(model, columns, untested_by='run_id') %}
{#- `unique` + `not_null` for a large model at the cost of its new rows: no two rows of the
    whole model, old rows included, share the key `columns` of a row not yet tested
    (macros/untested_facts.sql), and that row's first key column has a value. rows tested
    once never change, so old rows need not be grouped again. `untested_by`: `run_id` (the
    rows of load runs since the last passing build) or a build-time column (`built_at`: the
    facts rebuilt since). before any build has passed, every row is grouped in one pass -#}
{%- set key = columns | join(', ') %}
{%- set failing_key -%}
    struct_pack({% for column in columns %}{{ column }} := {{ column }}{{ ', ' if not loop.last }}{% endfor %})::varchar
{%- endset %}
{%- if no_rows_tested_yet() %}
select
    {{ failing_key }} as failing_key,
    count(*) as n_records
from {{ model }}
group by {{ key }}
having count(*) > 1 or {{ columns[0] }} is null
{%- else %}
with untested as (
    select {{ columns[0] }} as key_value
    from {{ model }}
    where
        {% if untested_by == 'run_id' %}{{ runs_not_yet_tested() }}{% else %}{{ facts_not_yet_tested(untested_by) }}{% endif %}
),

repeated as (
    select
        {{ failing_key }} as failing_key,
        count(*) as n_records
    from {{ model }}
    where {{ columns[0] }} in (select untested.key_value from untested)
    group by {{ key }}
    having count(*) > 1
),

missing as (
    select
        struct_pack({{ columns[0] }} := null)::varchar as failing_key,
        count(*) as n_records
    from untested
    where untested.key_value is null
    having count(*) > 0
)

select * from repeated
union all
select * from missing
{%- endif %}
{% endtest %}


{% test primary_key(model, column_name) %}
{#- `unique` and `not_null` in one test: every row has a value, and no two share one.
    one node rather than two matters: a build runs every test of a node before the models
    that read it, and each test costs dbt about 0.1 s however small its table -#}
select {{ column_name }} as failing_value, count(*) as n_records
from {{ model }}
group by {{ column_name }}
having {{ column_name }} is null or count(*) > 1
{% endtest %}


{% test unit_is_known(model, column_name) %}
{#- a currency the extractor knows, percent, percentage point or m2 (macros/fact_checks.sql) -#}
select fact_id as failing_id, {{ column_name }} as failing_value
from {{ model }}
where {{ column_name }} not in (select known_units.unit from {{ known_units() }} as known_units)
{% endtest %}


{% test none_held_back_by_checks(model) %}
{#- the facts a build held back by the checks of macros/fact_checks.sql, each reported by
    the first build that tested it: configured as a warning, since the build goes on
    without them (docs/data_tests.md) -#}
select fact_id, file_name, span, reasons
from {{ model }}
where held_back_by = 'fact checks' and {{ facts_not_yet_tested('held_back_at') }}
{% endtest %}


{% test grain(model, columns) %}
{#- a model's grain as a composite key: no two rows share the combination of `columns`
    (null equal to null, as group by has it). the columns' own not_null tests say which may be null -#}
select {{ columns | join(', ') }}, count(*) as n_records
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
