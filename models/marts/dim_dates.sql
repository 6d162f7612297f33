-- one row per day over the years facts and targets can refer to
with bounds as (
    select
        least(
            coalesce((select min(published_date) from {{ ref('stg_articles') }}), date '2000-01-01'),
            date '2000-01-01'
        ) as first_day,
        greatest(
            coalesce((select make_date(max(target_year), 12, 31) from {{ ref('stg_facts') }}), date '2040-12-31'),
            date '2040-12-31'
        ) as last_day
),

days as (
    select unnest(generate_series(bounds.first_day, bounds.last_day, interval 1 day))::date as date_day
    from bounds
)

select
    date_day,
    year(date_day) as calendar_year,
    quarter(date_day) as calendar_quarter,
    month(date_day) as calendar_month,
    day(date_day) as day_of_month,
    strftime(date_day, '%Y-%m') as calendar_year_month,
    (
        select five_year_plans.plan_name from {{ ref('plan_periods') }} as five_year_plans
        where year(days.date_day) between five_year_plans.first_year and five_year_plans.last_year
    ) as five_year_plan
from days
