-- What targets are set, for when, and in which sentence?
select cluster_id, geography_id, span, value_usd, target_year, sentence
from marts.fct_facts
where is_target and target_year is not null
order by target_year, cluster_id, span;
