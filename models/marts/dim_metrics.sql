-- the metric vocabulary
select
    metric as metric_id,
    kind as metric_kind,
    description as metric_description
from {{ ref('metrics') }}
