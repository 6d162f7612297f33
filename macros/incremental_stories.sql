{% macro delete_facts_of_departed_articles() %}
    -- rows kept for an article that has since moved to another story: its old story may
    -- be gone, so the rebuild of changed stories would not replace them. such an article's
    -- story row changed since the last build, so only those articles are looked at
    delete from {{ this }} as kept
    where
        kept.article_id in (
            select changed.article_id
            from {{ ref('int_story_groups') }} as changed
            where changed.changed_at > (select coalesce(max(built.built_at), timestamp '-infinity') from {{ this }} as built)
        )
        and not exists (
            select 1
            from {{ ref('int_story_groups') }} as stories
            where stories.article_id = kept.article_id and stories.story_id = kept.story_id
        )
{% endmacro %}
