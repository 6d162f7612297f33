-- canonical clusters with their parent, for drill-down
select
    clusters.cluster_id,
    clusters.cluster_name,
    clusters.parent_cluster_id,
    parents.cluster_name as parent_cluster_name,
    coalesce(clusters.parent_cluster_id, clusters.cluster_id) as top_cluster_id,
    clusters.parent_cluster_id is null as is_top_level
from {{ ref('clusters') }} as clusters
left join {{ ref('clusters') }} as parents on clusters.parent_cluster_id = parents.cluster_id
