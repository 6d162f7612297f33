{{ config(materialized='incremental', unique_key='article_id', on_schema_change='fail') }}

-- each article's story: the connected component of same-story pairs, named by its
-- smallest article id; the canonical article is the member with the longest body.
-- incremental: only articles whose story changed (new articles, and members of stories
-- they joined or split) are written, stamped with changed_at, which tells the fact
-- models downstream which stories to rebuild
with recursive article_numbers as (
    -- the walk below runs on small integers: a million 64-character ids in a recursive
    -- working set ran out of memory beside a concurrent model
    select
        article_id,
        row_number() over (order by article_id) as article_number
    from {{ ref('stg_articles') }}
),

edges as (
    select
        left_numbers.article_number,
        right_numbers.article_number as other_article_number
    from {{ ref('int_article_pairs') }} as pairs
    inner join article_numbers as left_numbers on pairs.article_id = left_numbers.article_id
    inner join article_numbers as right_numbers on pairs.other_article_id = right_numbers.article_id
),

both_directions as (
    select
        article_number,
        other_article_number
    from edges
    union all
    select
        other_article_number,
        article_number
    from edges
),

reachable (article_number, member_number) as (
    select
        article_number,
        article_number as member_number
    from article_numbers
    union
    select
        reachable.article_number,
        both_directions.other_article_number
    from reachable
    inner join both_directions on reachable.member_number = both_directions.article_number
),

smallest_member as (
    -- numbers follow article ids, so the smallest member number is the smallest article id
    select
        article_number,
        min(member_number) as story_number
    from reachable
    group by article_number
),

story_of_article as (
    select
        articles.article_id,
        stories.article_id as story_id
    from smallest_member
    inner join article_numbers as articles on smallest_member.article_number = articles.article_number
    inner join article_numbers as stories on smallest_member.story_number = stories.article_number
),

ranked as (
    select
        story_of_article.story_id,
        articles.article_id,
        articles.body_length,
        articles.published_date,
        articles.title,
        row_number() over (
            partition by story_of_article.story_id
            order by articles.body_length desc, articles.loaded_at asc, articles.article_id asc
        ) as rank_in_story
    from story_of_article
    inner join {{ ref('stg_articles') }} as articles on story_of_article.article_id = articles.article_id
),

story_facts as (
    select
        story_id,
        count(*) as member_articles,
        min(published_date) as earliest_published_date,
        max_by(title, body_length) filter (where title is not null) as longest_title
    from ranked
    group by story_id
),

stories as (
    select
        ranked.article_id,
        ranked.story_id,
        ranked.rank_in_story = 1 as is_canonical,
        story_facts.member_articles,
        coalesce(canonical.published_date, story_facts.earliest_published_date) as story_published_date,
        coalesce(canonical.title, story_facts.longest_title) as story_title
    from ranked
    inner join ranked as canonical
        on ranked.story_id = canonical.story_id and canonical.rank_in_story = 1
    inner join story_facts on ranked.story_id = story_facts.story_id
)

select
    stories.*,
    now() as changed_at
from stories
{% if is_incremental() %}
    left join {{ this }} as previous on stories.article_id = previous.article_id
    where
        previous.article_id is null
        or stories.story_id is distinct from previous.story_id
        or stories.is_canonical is distinct from previous.is_canonical
        or stories.member_articles is distinct from previous.member_articles
        or stories.story_published_date is distinct from previous.story_published_date
        or stories.story_title is distinct from previous.story_title
{% endif %}
