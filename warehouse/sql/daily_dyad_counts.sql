-- Grain: one row per day x actor (country/sector) x target (country/sector) x CAMEO root.
-- Units: counts of event mentions; day is the first day of the mention's date interval.
with dated as (
    select
        date_start as day,
        coalesce(actor_country, '') || coalesce(actor_sector, '') as actor,
        coalesce(target_country, '') || coalesce(target_sector, '') as target,
        cameo_root,
        quad_class
    from mentions
    where date_start is not null
),

final as (
    select day, actor, target, cameo_root, any_value(quad_class) as quad_class, count(*) as mentions
    from dated
    group by day, actor, target, cameo_root
    order by day, mentions desc
)

select * from final
