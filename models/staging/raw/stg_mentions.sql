select
    content_hash as article_id,
    entity_type,
    entity,
    char_start,
    char_end,
    text as mention_text,
    run_id
from {{ source('raw', 'mentions') }}
