-- Grain: one row per day x actor (country+sector, e.g. IRQGOV) x target (country+sector) x CAMEO root,
-- over asserted consolidated events (negated and hypothetical events left out).
-- Units: events = consolidated events (duplicates across articles count once); mentions = their
-- mentions summed; day = the event's date_start. '' stands for an unknown actor or target.
-- Historical events (dated more than a year before their story: background) are left out; query events for them.
with dated as (
    select
        date_start as day,
        coalesce(actor_country, '') || coalesce(actor_sector, '') as actor,
        coalesce(target_country, '') || coalesce(target_sector, '') as target,
        cameo_root,
        quad_class,
        num_mentions
    from events
    where date_start is not null and modality = 'asserted' and historical is not true
),

final as (
    select
        day,
        actor,
        target,
        cameo_root,
        any_value(quad_class) as quad_class,
        count(*) as events,
        sum(num_mentions) as mentions
    from dated
    group by day, actor, target, cameo_root
    order by day, events desc, actor, target, cameo_root
)

select * from final
