-- Drill down a place hierarchy: facts per district of Shanghai and cluster
select g.district, f.cluster_id, count(*) as facts
from marts.fct_facts as f
inner join marts.dim_geographies as g using (geography_id)
where g.geography_path like 'China > Yangtze River Delta > Shanghai%'
group by all
order by facts desc, g.district, f.cluster_id;
