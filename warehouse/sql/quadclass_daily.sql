-- Grain: one row per day x QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal
-- conflict, 4 material conflict), over asserted consolidated events with a date.
-- Units: events (count), mentions (their mentions summed), share = the day's events in this class
-- / all the day's events (0-1), avg_goldstein = mean Goldstein score per event (-10..+10).
-- Historical events (dated more than a year before their story: background) are left out; query events for them.
with classified as (
    select date_start as day, quad_class, num_mentions, goldstein
    from events
    where date_start is not null and quad_class is not null and modality = 'asserted' and historical is not true
),

daily as (
    select day, quad_class, count(*) as events, sum(num_mentions) as mentions, avg(goldstein) as avg_goldstein
    from classified
    group by day, quad_class
),

final as (
    select
        day,
        quad_class,
        case quad_class
            when 1 then 'verbal cooperation'
            when 2 then 'material cooperation'
            when 3 then 'verbal conflict'
            when 4 then 'material conflict'
        end as quad_label,
        events,
        mentions,
        events::double / sum(events) over (partition by day) as share,
        avg_goldstein
    from daily
    order by day, quad_class
)

select * from final
