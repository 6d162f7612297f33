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
)

select
    md5(lower(named.company_name)) as company_id,
    named.company_name,
    count(*) as mentions,
    count(distinct named.article_id) as articles,
    count(distinct stories.story_id) as stories
from named
inner join {{ ref('int_story_groups') }} as stories on named.article_id = stories.article_id
group by named.company_name
