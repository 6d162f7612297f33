-- canonical places with their chain of parents: China > region > Shanghai > district > zone
with recursive ancestry as (
    select
        geography,
        geography as ancestor,
        geography_level as ancestor_level,
        0 as distance
    from {{ ref('geographies') }}
    union all
    select
        ancestry.geography,
        next_up.geography as ancestor,
        next_up.geography_level as ancestor_level,
        ancestry.distance + 1 as distance
    from ancestry
    inner join {{ ref('geographies') }} as current_place on ancestry.ancestor = current_place.geography
    inner join {{ ref('geographies') }} as next_up on current_place.parent_geography = next_up.geography
),

paths as (
    select
        geography,
        string_agg(ancestor, ' > ' order by distance desc) as geography_path,
        max(case when ancestor_level = 'region' then ancestor end) as region,
        max(case when ancestor_level in ('province', 'municipality') then ancestor end) as province,
        max(case when ancestor_level = 'city' then ancestor end) as city,
        max(case when ancestor_level = 'district' then ancestor end) as district,
        max(distance) as levels_below_china
    from ancestry
    group by geography
)

select
    geographies.geography as geography_id,
    geographies.parent_geography as parent_geography_id,
    geographies.geography_level,
    paths.geography_path,
    paths.region,
    paths.province,
    paths.city,
    paths.district,
    paths.levels_below_china
from {{ ref('geographies') }} as geographies
inner join paths on geographies.geography = paths.geography
