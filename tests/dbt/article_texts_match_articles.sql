-- as many texts as articles (tests/dbt/_tests.yml says why a count). it reads the articles
-- as a source, so the models that read texts wait for it and the rest do not
with counts as (
    select
        (select count(*) from {{ source('raw', 'articles') }}) as articles,
        (select count(*) from {{ ref('stg_article_texts') }}) as texts
)

select
    counts.articles,
    counts.texts
from counts
where counts.articles <> counts.texts
