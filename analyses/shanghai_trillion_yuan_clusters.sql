-- The trillion-yuan clusters of Shanghai, in yuan and dollars, with the parent cluster
select
    c.cluster_name, c.parent_cluster_name, f.span, f.value_cny,
    round(f.value_usd / 1e9, 1) as usd_bn, f.reference_year, f.file_name, f.char_start, f.char_end
from marts.fct_facts as f
inner join marts.dim_clusters as c using (cluster_id)
where f.metric_id = 'output_value' and f.geography_id = 'Shanghai' and f.value_cny >= 1e12
order by f.value_cny desc, c.cluster_name;
