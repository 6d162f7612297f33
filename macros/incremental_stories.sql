{% macro delete_facts_of_departed_articles() %}
    -- rows kept for an article that has since moved to another story: its old story may
    -- be gone, so the rebuild of changed stories would not replace them. such an article's
    -- story row changed since the last build, and it was loaded before that build (a
    -- newer one has no rows here yet), so only those articles' rows are looked for: on
    -- a day without such moves the set is empty and the million rows here are not read.
    -- loads and builds never overlap, and loaded_at is UTC, like built_at below
    with last_build as (
        select coalesce(max(built.built_at) at time zone 'UTC', timestamp '-infinity') as built_at
        from {{ this }} as built
    ),

    changed as (
        select
            stories.article_id,
            stories.story_id
        from {{ ref('int_story_groups') }} as stories
        where
            stories.changed_at at time zone 'UTC' > (select last_build.built_at from last_build)
            and stories.article_id not in (
                select articles.article_id
                from {{ ref('stg_articles') }} as articles
                where articles.loaded_at > (select last_build.built_at from last_build)
            )
    )

    delete from {{ this }} as kept
    where
        kept.article_id in (select changed.article_id from changed)
        and not exists (
            select 1
            from changed
            where changed.article_id = kept.article_id and changed.story_id = kept.story_id
        )
{% endmacro %}

{#- One number for an analyst's correction as it stands (seeds/corrections.csv): the
    rebuild compares it with the number stamped on the rows built from it, so a build
    after the seed changed rebuilds the story, and a build after it did not rebuilds nothing. -#}
{% macro correction_hash(corrections) -%}
    hash(
        {{ corrections }}.action, {{ corrections }}.value, {{ corrections }}.metric,
        {{ corrections }}.geography, {{ corrections }}.cluster, {{ corrections }}.year,
        {{ corrections }}.is_target, {{ corrections }}.target_year, {{ corrections }}.note
    )
{%- endmacro %}
