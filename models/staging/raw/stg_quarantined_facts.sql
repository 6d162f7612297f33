select
    fact_id,
    content_hash as article_id,
    article as file_name,
    span,
    kind,
    value,
    unit,
    metric as metric_id,
    reasons as quarantine_reasons,
    batch_number,
    run_id
from {{ source('raw', 'quarantined_facts') }}
