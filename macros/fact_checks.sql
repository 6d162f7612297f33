{#- The checks a fact must pass to reach the marts (docs/data_tests.md has the list and
    why). A fact that fails one is held back with the check's name, in
    rpt_held_back_facts, rather than failing the build: one article's absurd figure must
    not stop every other article's. The data tests on fct_facts state the same rules
    again, independently, so a fact these let through still fails the build. -#}

{#- The checks on one fact alone: the names of those it fails, an empty list when none. -#}
{% macro failed_checks_of_one_fact() -%}
    list_filter([
        case
            when metric_id = 'output_share' and unit = 'percent' and value not between 0 and 100
                then 'output_share_is_a_percent_of_a_whole'
        end,
        case
            when metric_id = 'growth_rate' and value not between -100 and 1000
                then 'growth_rate_in_a_sane_band'
        end,
        case
            when kind <> 'percent' and value not between 0 and 1e16
                then 'amounts_counts_and_areas_are_not_negative'
        end,
        case
            when kind <> 'count' and unit not in (select known_units.unit from {{ known_units() }} as known_units)
                then 'units_of_money_percent_and_area_are_known'
        end,
        case
            when is_target and target_year < year(story_published_date)
                then 'target_not_before_publication'
        end
    ], lambda failed_check: failed_check is not null)
{%- endmacro %}


{#- Units a money, percent or area fact may carry: every currency the extractor knows
    (seeds currency_aliases and curated_currency_aliases), percent, percentage point, m2. -#}
{% macro known_units() -%}
    (
        select currency_code as unit from {{ ref('currency_aliases') }}
        union
        select currency_code as unit from {{ ref('curated_currency_aliases') }}
        union
        select unnest(['percent', 'percentage point', 'm2']) as unit
    )
{%- endmacro %}


{#- Shares of one whole, stated in one sentence for one place and cluster, add up to at
    most 100: the facts whose shares are summed (the key groups them; null for others). -#}
{% macro whole_share_key() -%}
    case
        when metric_id = 'output_share' and unit = 'percent' and not is_suppressed
            and qualifier in ('exact', 'approximate')
            then hash(sentence, geography_id, cluster_id)
    end
{%- endmacro %}
