{{ config(materialized='view') }}

-- one row per article, with the story it belongs to and what the story knows. a view:
-- rewriting a million rows each daily build costs more than the join costs a reader
select
    articles.article_id,
    articles.file_name,
    articles.source_path,
    articles.title,
    articles.published_date,
    articles.published_date_source,
    articles.credit,
    articles.credit_kind,
    articles.encoding,
    articles.size_bytes,
    articles.body_length,
    stories.story_id,
    stories.is_canonical,
    stories.member_articles as story_articles,
    stories.story_published_date,
    stories.story_title,
    articles.loaded_at
from {{ ref('stg_articles') }} as articles
inner join {{ ref('int_story_groups') }} as stories on articles.article_id = stories.article_id
