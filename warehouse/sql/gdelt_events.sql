-- Grain: one row per asserted consolidated event (negated and hypothetical events left out, as
-- GDELT codes only reported events), in GDELT 2.0 event-table column order and names, so tools
-- built for GDELT exports read eventpipe output. The 61 GDELT 2.0 columns:
--   GLOBALEVENTID SQLDATE MonthYear Year FractionDate
--   Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code
--   Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code (the same 10 for Actor2)
--   IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources
--   NumArticles AvgTone
--   Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code
--   Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID (the same 8 for Actor2Geo_ and ActionGeo_)
--   DATEADDED SOURCEURL
-- Units and differences from GDELT: GLOBALEVENTID = the first 15 hex digits of event_id as BIGINT
-- (join back with ('0x' || substr(event_id, 1, 15))::bigint); SQLDATE (int YYYYMMDD), MonthYear
-- (YYYYMM), Year, FractionDate (year + share of the year elapsed) come from date_start, else the
-- date of first_seen; country codes are ISO3 (GDELT: CAMEO country codes for actors, FIPS 10-4
-- for geography); Actor1Geo_*/Actor2Geo_* come from the place that the actor's (target's) words name in
-- the event's first mention that names one ("Dover police", "Iraqi troops"), else null; *Geo_FeatureID is
-- a GeoNames id; ADM1/ADM2 codes, known-group,
-- ethnic and religion codes and AvgTone have no counterpart here and are null; IsRootEvent = 1 when
-- a mention is in the first three sentences (title and lead) of its article; DATEADDED (bigint
-- YYYYMMDDHHMMSS, UTC) = first_seen; SOURCEURL = the uri of the first mention's document.
with asserted as (
    select *, coalesce(date_start, cast(timezone('UTC', first_seen) as date)) as day
    from events
    where modality = 'asserted'
),

members as (
    select event_id, unnest(mention_ids) as mention_id, generate_subscripts(mention_ids, 1) as position
    from asserted
),

lead as (
    select
        members.event_id,
        max(case when mentions.sentence_index < 3 then 1 else 0 end) as is_root,
        arg_min(documents.uri, members.position) as source_url,
        -- the actors' geography: the place the first mention's actor (target) words name ("Dover police")
        arg_min({'name': mentions.actor_geo_name, 'country': mentions.actor_geo_country, 'admin1': mentions.actor_geo_admin1,
                 'feature': mentions.actor_geo_feature, 'lat': mentions.actor_geo_lat, 'lon': mentions.actor_geo_lon,
                 'geonameid': mentions.actor_geo_geonameid}, members.position)
            filter (where mentions.actor_geo_lat is not null) as actor1_geo,
        arg_min({'name': mentions.target_geo_name, 'country': mentions.target_geo_country, 'admin1': mentions.target_geo_admin1,
                 'feature': mentions.target_geo_feature, 'lat': mentions.target_geo_lat, 'lon': mentions.target_geo_lon,
                 'geonameid': mentions.target_geo_geonameid}, members.position)
            filter (where mentions.target_geo_lat is not null) as actor2_geo
    from members
    join mentions using (mention_id)
    join documents on documents.doc_id = mentions.doc_id
    group by members.event_id
),

final as (
    select
        ('0x' || substr(e.event_id, 1, 15))::bigint as GLOBALEVENTID,
        cast(strftime(e.day, '%Y%m%d') as integer) as SQLDATE,
        cast(strftime(e.day, '%Y%m') as integer) as MonthYear,
        cast(year(e.day) as integer) as "Year",
        round(year(e.day) + (dayofyear(e.day) - 1)
            / datediff('day', make_date(year(e.day), 1, 1), make_date(year(e.day) + 1, 1, 1)), 4) as FractionDate,
        e.actor_code as Actor1Code,
        upper(e.actor_text) as Actor1Name,
        e.actor_country as Actor1CountryCode,
        cast(null as varchar) as Actor1KnownGroupCode,
        cast(null as varchar) as Actor1EthnicCode,
        cast(null as varchar) as Actor1Religion1Code,
        cast(null as varchar) as Actor1Religion2Code,
        e.actor_sector as Actor1Type1Code,
        cast(null as varchar) as Actor1Type2Code,
        cast(null as varchar) as Actor1Type3Code,
        e.target_code as Actor2Code,
        upper(e.target_text) as Actor2Name,
        e.target_country as Actor2CountryCode,
        cast(null as varchar) as Actor2KnownGroupCode,
        cast(null as varchar) as Actor2EthnicCode,
        cast(null as varchar) as Actor2Religion1Code,
        cast(null as varchar) as Actor2Religion2Code,
        e.target_sector as Actor2Type1Code,
        cast(null as varchar) as Actor2Type2Code,
        cast(null as varchar) as Actor2Type3Code,
        coalesce(lead.is_root, 0) as IsRootEvent,
        e.cameo as EventCode,
        substr(e.cameo, 1, 3) as EventBaseCode,
        e.cameo_root as EventRootCode,
        e.quad_class as QuadClass,
        e.goldstein as GoldsteinScale,
        e.num_mentions as NumMentions,
        e.num_sources as NumSources,
        e.num_documents as NumArticles,
        cast(null as double) as AvgTone,
        cast(case
            when lead.actor1_geo.feature = 'country' then 1
            when lead.actor1_geo.feature = 'admin1' then case when lead.actor1_geo.country = 'USA' then 2 else 5 end
            when lead.actor1_geo.feature in ('city', 'admin2') then case when lead.actor1_geo.country = 'USA' then 3 else 4 end
        end as integer) as Actor1Geo_Type,
        nullif(concat_ws(', ', lead.actor1_geo.name, nullif(lead.actor1_geo.admin1, lead.actor1_geo.name), lead.actor1_geo.country), '') as Actor1Geo_FullName,
        cast(lead.actor1_geo.country as varchar) as Actor1Geo_CountryCode,
        cast(null as varchar) as Actor1Geo_ADM1Code,
        cast(null as varchar) as Actor1Geo_ADM2Code,
        cast(lead.actor1_geo.lat as double) as Actor1Geo_Lat,
        cast(lead.actor1_geo.lon as double) as Actor1Geo_Long,
        cast(lead.actor1_geo.geonameid as varchar) as Actor1Geo_FeatureID,
        cast(case
            when lead.actor2_geo.feature = 'country' then 1
            when lead.actor2_geo.feature = 'admin1' then case when lead.actor2_geo.country = 'USA' then 2 else 5 end
            when lead.actor2_geo.feature in ('city', 'admin2') then case when lead.actor2_geo.country = 'USA' then 3 else 4 end
        end as integer) as Actor2Geo_Type,
        nullif(concat_ws(', ', lead.actor2_geo.name, nullif(lead.actor2_geo.admin1, lead.actor2_geo.name), lead.actor2_geo.country), '') as Actor2Geo_FullName,
        cast(lead.actor2_geo.country as varchar) as Actor2Geo_CountryCode,
        cast(null as varchar) as Actor2Geo_ADM1Code,
        cast(null as varchar) as Actor2Geo_ADM2Code,
        cast(lead.actor2_geo.lat as double) as Actor2Geo_Lat,
        cast(lead.actor2_geo.lon as double) as Actor2Geo_Long,
        cast(lead.actor2_geo.geonameid as varchar) as Actor2Geo_FeatureID,
        case
            when e.location_feature = 'country' then 1
            when e.location_feature = 'admin1' then case when e.location_country = 'USA' then 2 else 5 end
            when e.location_feature = 'city' then case when e.location_country = 'USA' then 3 else 4 end
        end as ActionGeo_Type,
        nullif(concat_ws(', ', e.location_name, nullif(e.location_admin1, e.location_name), e.location_country), '') as ActionGeo_FullName,
        e.location_country as ActionGeo_CountryCode,
        cast(null as varchar) as ActionGeo_ADM1Code,
        cast(null as varchar) as ActionGeo_ADM2Code,
        e.lat as ActionGeo_Lat,
        e.lon as ActionGeo_Long,
        cast(e.geonameid as varchar) as ActionGeo_FeatureID,
        cast(strftime(timezone('UTC', e.first_seen), '%Y%m%d%H%M%S') as bigint) as DATEADDED,
        lead.source_url as SOURCEURL
    from asserted as e
    left join lead using (event_id)
    order by SQLDATE, GLOBALEVENTID
)

select * from final
