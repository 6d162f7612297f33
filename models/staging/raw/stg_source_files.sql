select
    source_path,
    size_bytes,
    mtime_ns,
    content_hash as article_id,
    run_id
from {{ source('raw', 'source_files') }}
