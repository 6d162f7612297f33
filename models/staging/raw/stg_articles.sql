select
    content_hash as article_id,
    source_path,
    file_name,
    size_bytes,
    encoding,
    title,
    published_date,
    published_date_source,
    published_date_start,
    body_start,
    body_end,
    body_end - body_start as body_length,
    sentence_hashes,
    run_id,
    loaded_at
from {{ source('raw', 'articles') }}
