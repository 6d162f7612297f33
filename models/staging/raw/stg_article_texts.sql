select
    content_hash as article_id,
    text as article_text,
    loaded_at
from {{ source('raw', 'article_texts') }}
