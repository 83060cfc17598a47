-- Grain: one row per month x actor (country+sector) x target (country+sector), over asserted
-- consolidated events with a date and a Goldstein score. '' stands for an unknown actor or target.
-- Units: month = first day of the month of date_start (DATE); events (count); mentions (summed);
-- avg_goldstein = mean Goldstein score per event, weighted_goldstein = mean weighted by
-- num_mentions (as GDELT users weight by NumMentions), min/max: all on the -10..+10 scale.
-- Historical events (dated more than a year before their story: background) are left out; query events for them.
with scored as (
    select
        date_trunc('month', date_start)::date as month,
        coalesce(actor_country, '') || coalesce(actor_sector, '') as actor,
        coalesce(target_country, '') || coalesce(target_sector, '') as target,
        goldstein,
        num_mentions
    from events
    where date_start is not null and goldstein is not null and modality = 'asserted' and historical is not true
),

final as (
    select
        month,
        actor,
        target,
        count(*) as events,
        sum(num_mentions) as mentions,
        avg(goldstein) as avg_goldstein,
        sum(goldstein * num_mentions) / sum(num_mentions) as weighted_goldstein,
        min(goldstein) as min_goldstein,
        max(goldstein) as max_goldstein
    from scored
    group by month, actor, target
    order by month, actor, target
)

select * from final
