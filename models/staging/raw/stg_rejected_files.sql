select
    run_id,
    source_path,
    size_bytes,
    reason as rejection_reason,
    detail as rejection_detail,
    rejected_at
from {{ source('raw', 'rejected_files') }}
