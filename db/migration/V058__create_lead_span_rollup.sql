-- Distinct-lead reports by campaign or advertiser at a year of calls (issue 15, section 3).
--
-- lead_rollup holds a row per lead, campaign and advertiser; counting distinct leads over it grouped by
-- campaign needed count(DISTINCT lead_key) over millions of rows. Almost every lead has a single row:
--   lead_rollup.shared  true on every row of a lead that has (or once had) more than one row; a lead
--                       whose rows are not shared has exactly one, so counting rows counts leads.
--                       Only shared rows need DISTINCT, and they are few (partial index below).
--   lead_span_rollup    the rows that are not shared, summed per campaign, advertiser and the working
--                       days (in the rollups' time zone, app_state rollup_time_zone) of their first and
--                       last dial. A lead lies wholly inside whole working days [d1, d2) exactly when
--                       first_day >= d1 and last_day < d2: a report over whole days reads this table.
-- Both are kept by statement triggers on lead_rollup (transition tables), so every writer of lead_rollup
-- (ingest, live events, retention, the rebuild, the qualified refresh) keeps them exact in its own
-- transaction. `shared` never goes back to false: a lead marked shared with one row left is still
-- counted exactly (by DISTINCT).

ALTER TABLE lead_rollup ADD COLUMN shared boolean NOT NULL DEFAULT false;

UPDATE lead_rollup r SET shared = true
FROM (SELECT lead_key FROM lead_rollup GROUP BY lead_key HAVING count(*) > 1) s
WHERE r.lead_key = s.lead_key;

CREATE INDEX lead_rollup_shared_idx ON lead_rollup (first_dial) WHERE shared;

CREATE TABLE lead_span_rollup (
    campaign_key            integer NOT NULL,
    advertiser_key          integer,
    first_day               date NOT NULL,
    last_day                date NOT NULL,
    leads                   bigint NOT NULL,
    any_connected           bigint NOT NULL,
    converted               bigint NOT NULL,
    qualified               bigint NOT NULL,
    lost                    bigint NOT NULL,
    calls                   bigint NOT NULL,
    connected               bigint NOT NULL,
    interested_calls        bigint NOT NULL,
    agent_sum               double precision NOT NULL,
    agent_n                 bigint NOT NULL,
    customer_sum            double precision NOT NULL,
    customer_n              bigint NOT NULL,
    aht_sum                 double precision NOT NULL,
    aht_n                   bigint NOT NULL,
    CONSTRAINT lead_span_rollup_grain UNIQUE NULLS NOT DISTINCT (campaign_key, advertiser_key, first_day, last_day)
);
-- groups whose last lead left (retention, a lead becoming shared): deleted by the trigger that emptied them
CREATE INDEX lead_span_rollup_empty_idx ON lead_span_rollup (campaign_key) WHERE leads = 0;

-- The time zone lead_span_rollup's days are cut in: the rollups' (RollupMaintenance sets it before it
-- rebuilds them).
CREATE FUNCTION lead_span_zone() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif((SELECT value FROM app_state WHERE key = 'rollup_time_zone'), ''), 'UTC')
$$;

-- The statement adding signed lead_rollup rows (a query giving `sign` then lead_rollup's columns) into
-- lead_span_rollup; $1: the time zone. Run by the triggers below with EXECUTE, which sees their transition
-- tables.
CREATE FUNCTION lead_span_upsert_sql(delta text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT 'INSERT INTO lead_span_rollup AS s (campaign_key, advertiser_key, first_day, last_day, leads, '
        || 'any_connected, converted, qualified, lost, calls, connected, interested_calls, agent_sum, agent_n, '
        || 'customer_sum, customer_n, aht_sum, aht_n) '
        || 'SELECT d.campaign_key, d.advertiser_key, (d.first_dial AT TIME ZONE $1)::date, '
        || '(d.last_dial AT TIME ZONE $1)::date, sum(d.sign), '
        || 'coalesce(sum(d.sign) FILTER (WHERE d.any_connected), 0), coalesce(sum(d.sign) FILTER (WHERE d.converted), 0), '
        || 'coalesce(sum(d.sign) FILTER (WHERE d.qualified), 0), coalesce(sum(d.sign) FILTER (WHERE d.lost), 0), '
        || 'sum(d.sign * d.calls), sum(d.sign * d.connected), sum(d.sign * d.interested_calls), '
        || 'sum(d.sign * d.agent_sum), sum(d.sign * d.agent_n), sum(d.sign * d.customer_sum), '
        || 'sum(d.sign * d.customer_n), sum(d.sign * d.aht_sum), sum(d.sign * d.aht_n) '
        || 'FROM (' || delta || ') d GROUP BY 1, 2, 3, 4 '
        || 'ON CONFLICT ON CONSTRAINT lead_span_rollup_grain DO UPDATE SET '
        || 'leads = s.leads + EXCLUDED.leads, any_connected = s.any_connected + EXCLUDED.any_connected, '
        || 'converted = s.converted + EXCLUDED.converted, qualified = s.qualified + EXCLUDED.qualified, '
        || 'lost = s.lost + EXCLUDED.lost, calls = s.calls + EXCLUDED.calls, '
        || 'connected = s.connected + EXCLUDED.connected, interested_calls = s.interested_calls + EXCLUDED.interested_calls, '
        || 'agent_sum = s.agent_sum + EXCLUDED.agent_sum, agent_n = s.agent_n + EXCLUDED.agent_n, '
        || 'customer_sum = s.customer_sum + EXCLUDED.customer_sum, customer_n = s.customer_n + EXCLUDED.customer_n, '
        || 'aht_sum = s.aht_sum + EXCLUDED.aht_sum, aht_n = s.aht_n + EXCLUDED.aht_n'
$$;

-- New rows: add those not shared; then every row of a lead that now has more than one row is marked shared
-- (the update trigger takes those out of the span rollup again).
CREATE FUNCTION lead_rollup_span_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE lead_span_upsert_sql('SELECT 1 AS sign, n.* FROM span_new n WHERE NOT n.shared') USING lead_span_zone();
    UPDATE lead_rollup r SET shared = true
    WHERE NOT r.shared AND r.lead_key IN (
        SELECT n.lead_key FROM span_new n
        WHERE EXISTS (SELECT 1 FROM lead_rollup o WHERE o.lead_key = n.lead_key
                      AND (o.campaign_key <> n.campaign_key OR o.advertiser_key IS DISTINCT FROM n.advertiser_key)));
    DELETE FROM lead_span_rollup WHERE leads = 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION lead_rollup_span_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE lead_span_upsert_sql('SELECT 1 AS sign, n.* FROM span_new n WHERE NOT n.shared '
        || 'UNION ALL SELECT -1 AS sign, o.* FROM span_old o WHERE NOT o.shared') USING lead_span_zone();
    DELETE FROM lead_span_rollup WHERE leads = 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION lead_rollup_span_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE lead_span_upsert_sql('SELECT -1 AS sign, o.* FROM span_old o WHERE NOT o.shared') USING lead_span_zone();
    DELETE FROM lead_span_rollup WHERE leads = 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION lead_rollup_span_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE lead_span_rollup;
    RETURN NULL;
END
$$;

CREATE TRIGGER lead_rollup_span_insert AFTER INSERT ON lead_rollup REFERENCING NEW TABLE AS span_new
    FOR EACH STATEMENT EXECUTE FUNCTION lead_rollup_span_insert();
CREATE TRIGGER lead_rollup_span_update AFTER UPDATE ON lead_rollup REFERENCING OLD TABLE AS span_old NEW TABLE AS span_new
    FOR EACH STATEMENT EXECUTE FUNCTION lead_rollup_span_update();
CREATE TRIGGER lead_rollup_span_delete AFTER DELETE ON lead_rollup REFERENCING OLD TABLE AS span_old
    FOR EACH STATEMENT EXECUTE FUNCTION lead_rollup_span_delete();
CREATE TRIGGER lead_rollup_span_truncate AFTER TRUNCATE ON lead_rollup
    FOR EACH STATEMENT EXECUTE FUNCTION lead_rollup_span_truncate();

-- The rows there are now.
INSERT INTO lead_span_rollup (campaign_key, advertiser_key, first_day, last_day, leads, any_connected, converted,
        qualified, lost, calls, connected, interested_calls, agent_sum, agent_n, customer_sum, customer_n, aht_sum, aht_n)
SELECT r.campaign_key, r.advertiser_key, (r.first_dial AT TIME ZONE lead_span_zone())::date,
       (r.last_dial AT TIME ZONE lead_span_zone())::date, count(*), count(*) FILTER (WHERE r.any_connected),
       count(*) FILTER (WHERE r.converted), count(*) FILTER (WHERE r.qualified), count(*) FILTER (WHERE r.lost),
       sum(r.calls), sum(r.connected), sum(r.interested_calls), sum(r.agent_sum), sum(r.agent_n), sum(r.customer_sum),
       sum(r.customer_n), sum(r.aht_sum), sum(r.aht_n)
FROM lead_rollup r WHERE NOT r.shared
GROUP BY 1, 2, 3, 4;
