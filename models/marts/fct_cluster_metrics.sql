-- cluster x place x metric x year, reported figures apart from targets
-- (suppressed facts left out; a year is the figure's own, else its story's publication year)
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
    -- latest by publication; fact ids break ties so a rebuild picks the same figure
    max_by(facts.value, struct_pack(published := facts.published_date, fact := facts.fact_id)) as latest_value,
    max_by(facts.qualifier, struct_pack(published := facts.published_date, fact := facts.fact_id)) as latest_qualifier,
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
