-- companies as named in articles, with how often and where they are named
with named as (
    select
        entity as company_name,
        article_id
    from {{ ref('stg_mentions') }}
    where entity_type = 'company'
    union all
    select
        company_name,
        article_id
    from {{ ref('stg_facts') }}
    where company_name is not null
),

named_in_article as (
    -- counted per article before the stories are joined: the join and the distinct
    -- stories then run on a third of the rows
    select
        company_name,
        article_id,
        count(*) as times_named
    from named
    group by company_name, article_id
)

select
    md5(lower(named_in_article.company_name)) as company_id,
    named_in_article.company_name,
    sum(named_in_article.times_named)::bigint as mentions,
    count(*) as articles,
    count(distinct stories.story_id) as stories
from named_in_article
inner join {{ ref('int_story_groups') }} as stories on named_in_article.article_id = stories.article_id
group by named_in_article.company_name
