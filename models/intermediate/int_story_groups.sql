{{ config(materialized='incremental', unique_key='article_id', on_schema_change='fail') }}

-- each article's story: the connected component of same-story pairs, named by its
-- smallest article id; the canonical article is the member with the longest body.
-- incremental: new articles are grouped with the stories they may join, and only rows
-- whose story changed are written, stamped with changed_at, which tells the fact models
-- downstream which stories to rebuild. pairs outside the regrouped stories cannot have
-- changed: their articles and, below the boilerplate bound, their fingerprints' spread
-- are the same as before
with recursive
{% if is_incremental() %}
    last_grouping as (
        -- the last build that changed a story (every new article changes one: its own)
        select coalesce(max(grouped.changed_at), timestamp '-infinity') as changed_at
        from {{ this }} as grouped
    ),

    new_sentences as (
        -- the articles fingerprinted since
        select
            article_id,
            sentence_hash
        from {{ ref('int_article_sentences') }}
        where added_at > (select last_grouping.changed_at from last_grouping)
    ),

    spread_of_new_fingerprints as (
        select
            sentences.sentence_hash,
            count(*) as articles_with_it,
            count(*) filter (where sentences.added_at > (select last_grouping.changed_at from last_grouping))
                as new_articles_with_it
        from {{ ref('int_article_sentences') }} as sentences
        where sentences.sentence_hash in (select new_sentences.sentence_hash from new_sentences)
        group by sentences.sentence_hash
    ),

    regrouped_articles as (
        -- the new articles and the old ones with a fingerprint the new ones made
        -- boilerplate, whose pairs may have broken; the articles sharing a telling
        -- fingerprint with those, whose stories may merge; and every member of all
        -- their stories
        with changed_articles as (
            select new_sentences.article_id from new_sentences
            union
            select sentences.article_id
            from {{ ref('int_article_sentences') }} as sentences
            where sentences.sentence_hash in (
                select spread.sentence_hash
                from spread_of_new_fingerprints as spread
                where
                    spread.articles_with_it > {{ var('boilerplate_min_articles') }}
                    and spread.articles_with_it - spread.new_articles_with_it <= {{ var('boilerplate_min_articles') }}
            )
        ),

        fingerprints_of_changed as (
            select distinct sentences.sentence_hash
            from {{ ref('int_article_sentences') }} as sentences
            where
                sentences.article_id in (select changed_articles.article_id from changed_articles)
                and sentences.sentence_hash is not null
        ),

        telling_fingerprints_of_changed as (
            select sentences.sentence_hash
            from {{ ref('int_article_sentences') }} as sentences
            where sentences.sentence_hash in (select fingerprints_of_changed.sentence_hash from fingerprints_of_changed)
            group by sentences.sentence_hash
            having count(*) between 2 and {{ var('boilerplate_min_articles') }}
        ),

        touched_articles as (
            select changed_articles.article_id from changed_articles
            union
            select sentences.article_id
            from {{ ref('int_article_sentences') }} as sentences
            where sentences.sentence_hash in (
                select telling_fingerprints_of_changed.sentence_hash from telling_fingerprints_of_changed
            )
        )

        select touched_articles.article_id from touched_articles
        union
        select grouped.article_id
        from {{ this }} as grouped
        where grouped.story_id in (
            select previous.story_id
            from {{ this }} as previous
            where previous.article_id in (select touched_articles.article_id from touched_articles)
        )
    ),

{% endif %}

sentences_to_group as (
    select
        sentences.article_id,
        sentences.sentence_hash
    from {{ ref('int_article_sentences') }} as sentences
    {% if is_incremental() %}
        where sentences.article_id in (select regrouped_articles.article_id from regrouped_articles)
    {% endif %}
),

articles_to_group as (
    select
        articles.article_id,
        articles.body_length,
        articles.published_date,
        articles.title,
        articles.loaded_at
    from {{ ref('stg_articles') }} as articles
    {% if is_incremental() %}
        where articles.article_id in (select regrouped_articles.article_id from regrouped_articles)
    {% endif %}
),

fingerprint_spread as (
    -- over the whole warehouse, for the fingerprints of the articles grouped
    select
        sentences.sentence_hash,
        count(*) as articles_with_it
    from {{ ref('int_article_sentences') }} as sentences
    {% if is_incremental() %}
        where sentences.sentence_hash in (select sentences_to_group.sentence_hash from sentences_to_group)
    {% else %}
        where sentences.sentence_hash is not null
    {% endif %}
    group by sentences.sentence_hash
),

pairs as (
    -- pairs of the articles grouped that tell the same story: most of the shorter one's
    -- sentences, and more than one, appear in the longer one (a trimmed copy, or the same
    -- text in other page furniture); one shared stock sentence does not make two stories
    -- one. fingerprints shared by very many articles of the whole warehouse are
    -- boilerplate (a site's footer) and say nothing. the join is on fingerprints, so cost
    -- grows with shared sentences, not with all pairs
    with telling_sentences as (
        select
            sentences.article_id,
            sentences.sentence_hash,
            spread.articles_with_it
        from sentences_to_group as sentences
        inner join fingerprint_spread as spread on sentences.sentence_hash = spread.sentence_hash
        where spread.articles_with_it <= {{ var('boilerplate_min_articles') }}
    ),

    sentence_counts as (
        select
            article_id,
            count(*) as sentences
        from telling_sentences
        group by article_id
    ),

    shared as (
        select
            left_side.article_id,
            right_side.article_id as other_article_id,
            count(*) as shared_sentences
        from telling_sentences as left_side
        inner join telling_sentences as right_side
            on
                left_side.sentence_hash = right_side.sentence_hash
                and left_side.article_id < right_side.article_id
        where left_side.articles_with_it > 1
        group by left_side.article_id, right_side.article_id
    )

    select
        shared.article_id,
        shared.other_article_id,
        shared.shared_sentences,
        shared.shared_sentences / least(left_counts.sentences, right_counts.sentences) as containment
    from shared
    inner join sentence_counts as left_counts on shared.article_id = left_counts.article_id
    inner join sentence_counts as right_counts on shared.other_article_id = right_counts.article_id
    where
        shared.shared_sentences >= {{ var('same_story_min_shared_sentences') }}
        and shared.shared_sentences / least(left_counts.sentences, right_counts.sentences)
        >= {{ var('same_story_min_containment') }}
),

article_numbers as (
    -- the walk below runs on small integers: a million 64-character ids in a recursive
    -- working set ran out of memory beside a concurrent model
    select
        article_id,
        row_number() over (order by article_id) as article_number
    from articles_to_group
),

edges as (
    select
        left_numbers.article_number,
        right_numbers.article_number as other_article_number
    from pairs
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
    inner join articles_to_group as articles on story_of_article.article_id = articles.article_id
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
