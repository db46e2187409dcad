-- Distinct leads per working day at a year of calls (issue 15, section 3): callMetrics by campaign x DAY
-- counted uniqueLeads and leadsConverted with DISTINCT over the call fact.
--
--   lead_day_rollup   one row per lead, working day (in the rollups' time zone), campaign and advertiser
--                     with the lead-level flags of that day's calls; written by ingest with the other
--                     rollups (RollupMaintenance.leadDayUpsert).
--     .shared         true on every row of a lead and day with more than one row (two campaigns or
--                     advertisers that day); such rows are counted by DISTINCT, the others by rows.
--   lead_day_count    the rows that are not shared, counted per day, campaign and advertiser: a day's
--                     distinct leads by campaign or advertiser without DISTINCT. Kept by statement
--                     triggers on lead_day_rollup, like lead_span_rollup (V058).

CREATE TABLE lead_day_rollup (
    lead_key                integer NOT NULL,
    work_day                date NOT NULL,
    campaign_key            integer NOT NULL,
    advertiser_key          integer,
    any_connected           boolean NOT NULL,
    converted               boolean NOT NULL,
    qualified               boolean NOT NULL,
    lost                    boolean NOT NULL,
    shared                  boolean NOT NULL DEFAULT false,
    CONSTRAINT lead_day_rollup_grain UNIQUE NULLS NOT DISTINCT (lead_key, work_day, campaign_key, advertiser_key)
);
CREATE INDEX lead_day_rollup_shared_idx ON lead_day_rollup (work_day) WHERE shared;

CREATE TABLE lead_day_count (
    work_day                date NOT NULL,
    campaign_key            integer NOT NULL,
    advertiser_key          integer,
    leads                   bigint NOT NULL,
    any_connected           bigint NOT NULL,
    converted               bigint NOT NULL,
    qualified               bigint NOT NULL,
    lost                    bigint NOT NULL,
    CONSTRAINT lead_day_count_grain UNIQUE NULLS NOT DISTINCT (work_day, campaign_key, advertiser_key)
);
CREATE INDEX lead_day_count_empty_idx ON lead_day_count (work_day) WHERE leads = 0;

-- Adds signed lead_day_rollup rows (a query giving `sign` then the table's columns) into lead_day_count.
CREATE FUNCTION lead_day_count_upsert_sql(delta text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT 'INSERT INTO lead_day_count AS s (work_day, campaign_key, advertiser_key, leads, any_connected, converted, '
        || 'qualified, lost) SELECT d.work_day, d.campaign_key, d.advertiser_key, sum(d.sign), '
        || 'coalesce(sum(d.sign) FILTER (WHERE d.any_connected), 0), coalesce(sum(d.sign) FILTER (WHERE d.converted), 0), '
        || 'coalesce(sum(d.sign) FILTER (WHERE d.qualified), 0), coalesce(sum(d.sign) FILTER (WHERE d.lost), 0) '
        || 'FROM (' || delta || ') d WHERE NOT d.shared GROUP BY 1, 2, 3 '
        || 'ON CONFLICT ON CONSTRAINT lead_day_count_grain DO UPDATE SET leads = s.leads + EXCLUDED.leads, '
        || 'any_connected = s.any_connected + EXCLUDED.any_connected, converted = s.converted + EXCLUDED.converted, '
        || 'qualified = s.qualified + EXCLUDED.qualified, lost = s.lost + EXCLUDED.lost'
$$;

CREATE FUNCTION lead_day_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE lead_day_count_upsert_sql('SELECT 1 AS sign, n.* FROM ld_new n');
    UPDATE lead_day_rollup r SET shared = true
    FROM (SELECT DISTINCT n.lead_key, n.work_day FROM ld_new n
          WHERE EXISTS (SELECT 1 FROM lead_day_rollup o WHERE o.lead_key = n.lead_key AND o.work_day = n.work_day
                        AND (o.campaign_key <> n.campaign_key OR o.advertiser_key IS DISTINCT FROM n.advertiser_key))) p
    WHERE NOT r.shared AND r.lead_key = p.lead_key AND r.work_day = p.work_day;
    DELETE FROM lead_day_count WHERE leads = 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION lead_day_rollup_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE lead_day_count_upsert_sql('SELECT 1 AS sign, n.* FROM ld_new n UNION ALL SELECT -1 AS sign, o.* FROM ld_old o');
    DELETE FROM lead_day_count WHERE leads = 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION lead_day_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE lead_day_count_upsert_sql('SELECT -1 AS sign, o.* FROM ld_old o');
    DELETE FROM lead_day_count WHERE leads = 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION lead_day_rollup_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE lead_day_count;
    RETURN NULL;
END
$$;

-- The days there are now (before the triggers: shared is computed here). The qualified flag as
-- io.callsight.calls.Qualification.MEETS_CRITERIA has it.
INSERT INTO lead_day_rollup (lead_key, work_day, campaign_key, advertiser_key, any_connected, converted, qualified,
        lost, shared)
SELECT d.*, count(*) OVER (PARTITION BY d.lead_key, d.work_day) > 1
FROM (SELECT c.lead_key, (c.dial_time AT TIME ZONE lead_span_zone())::date AS work_day, c.campaign_key, c.advertiser_key,
             coalesce(bool_or(c.call_status = 'Answered'), false),
             coalesce(bool_or(c.lead_status = 'Interested'), false),
             coalesce(bool_or(c.lead_status = 'Interested'
                 AND (a.min_customer_talk_s IS NULL OR c.customer_call_duration_s >= a.min_customer_talk_s)
                 AND (a.max_attempt_no IS NULL OR c.attempt_no <= a.max_attempt_no)
                 AND (a.max_lead_age_hours IS NULL OR (c.lead_created_at IS NOT NULL
                      AND c.dial_time - c.lead_created_at <= a.max_lead_age_hours * interval '1 hour'))), false),
             coalesce(bool_or(c.lead_status = 'Not Interested'), false)
      FROM call c LEFT JOIN advertiser a ON a.advertiser_key = c.advertiser_key
      GROUP BY 1, 2, 3, 4) d;

INSERT INTO lead_day_count (work_day, campaign_key, advertiser_key, leads, any_connected, converted, qualified, lost)
SELECT work_day, campaign_key, advertiser_key, count(*), count(*) FILTER (WHERE any_connected),
       count(*) FILTER (WHERE converted), count(*) FILTER (WHERE qualified), count(*) FILTER (WHERE lost)
FROM lead_day_rollup WHERE NOT shared GROUP BY 1, 2, 3;

CREATE TRIGGER lead_day_rollup_insert AFTER INSERT ON lead_day_rollup REFERENCING NEW TABLE AS ld_new
    FOR EACH STATEMENT EXECUTE FUNCTION lead_day_rollup_insert();
CREATE TRIGGER lead_day_rollup_update AFTER UPDATE ON lead_day_rollup REFERENCING OLD TABLE AS ld_old NEW TABLE AS ld_new
    FOR EACH STATEMENT EXECUTE FUNCTION lead_day_rollup_update();
CREATE TRIGGER lead_day_rollup_delete AFTER DELETE ON lead_day_rollup REFERENCING OLD TABLE AS ld_old
    FOR EACH STATEMENT EXECUTE FUNCTION lead_day_rollup_delete();
CREATE TRIGGER lead_day_rollup_truncate AFTER TRUNCATE ON lead_day_rollup
    FOR EACH STATEMENT EXECUTE FUNCTION lead_day_rollup_truncate();

