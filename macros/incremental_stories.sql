{% macro delete_facts_of_departed_articles() %}
    -- rows kept for an article that has since moved to another story: its old story may
    -- be gone, so the rebuild of changed stories would not replace them
    delete from {{ this }} as kept
    where not exists (
        select 1
        from {{ ref('int_story_groups') }} as stories
        where stories.article_id = kept.article_id and stories.story_id = kept.story_id
    )
{% endmacro %}
