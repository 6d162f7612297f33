-- How big is Minhang's biomedicine cluster, and who says so?
select
    metric_id, reported_qualifier, reported_value, reported_unit, reported_year,
    reported_span, reported_title, reported_published_date, reported_credit, reported_source,
    reporting_stories
from marts.rpt_cluster_scorecard
where cluster_id = 'biomedicine' and geography_id = 'Minhang'
order by metric_id;
