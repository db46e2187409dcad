-- Leads converted per agent at a year of calls (issue 15, section 3), as V058 did for leads per campaign.
--
-- agentPerformance counts, per agent, the distinct leads with an Interested call in the window:
-- count(DISTINCT lead_key) over conversion_call. Almost every (agent, lead) pair has one such call:
--   conversion_call.repeated  true on every row of an (agent, lead) pair that has (or once had) more than one
--                             row; a pair not repeated has exactly one row, so counting rows counts pairs.
--   agent_conversion_day      the rows with an agent that are not repeated, counted per working day (in the
--                             rollups' time zone), agent, campaign, advertiser and call status: additive over
--                             days, so a window's whole working days are read from here.
-- Kept by statement triggers on conversion_call (transition tables) in the writer's transaction.

ALTER TABLE conversion_call ADD COLUMN repeated boolean NOT NULL DEFAULT false;

CREATE INDEX conversion_call_pair_idx ON conversion_call (lead_key, agent_key);

UPDATE conversion_call c SET repeated = true
FROM (SELECT lead_key, agent_key FROM conversion_call WHERE agent_key IS NOT NULL
      GROUP BY lead_key, agent_key HAVING count(*) > 1) p
WHERE c.lead_key = p.lead_key AND c.agent_key = p.agent_key;

CREATE INDEX conversion_call_repeated_idx ON conversion_call (dial_time) WHERE repeated;

CREATE TABLE agent_conversion_day (
    work_day                date NOT NULL,
    agent_key               integer NOT NULL,
    campaign_key            integer NOT NULL,
    advertiser_key          integer,
    call_status             text NOT NULL,
    leads                   bigint NOT NULL,
    CONSTRAINT agent_conversion_day_grain UNIQUE NULLS NOT DISTINCT
        (work_day, agent_key, campaign_key, advertiser_key, call_status)
);
CREATE INDEX agent_conversion_day_empty_idx ON agent_conversion_day (agent_key) WHERE leads = 0;

-- Adds signed conversion_call rows (a query giving `sign` then conversion_call's columns) into
-- agent_conversion_day, then drops the groups left empty; $1: the time zone (lead_span_zone(), the rollups').
CREATE FUNCTION agent_conversion_upsert_sql(delta text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT 'INSERT INTO agent_conversion_day AS s (work_day, agent_key, campaign_key, advertiser_key, call_status, leads) '
        || 'SELECT (d.dial_time AT TIME ZONE $1)::date, d.agent_key, d.campaign_key, d.advertiser_key, d.call_status, '
        || 'sum(d.sign) FROM (' || delta || ') d WHERE d.agent_key IS NOT NULL AND NOT d.repeated '
        || 'GROUP BY 1, 2, 3, 4, 5 '
        || 'ON CONFLICT ON CONSTRAINT agent_conversion_day_grain DO UPDATE SET leads = s.leads + EXCLUDED.leads'
$$;

-- New rows: add those not repeated; then every row of a pair that now has more than one row is marked
-- repeated (the update trigger takes those out again).
CREATE FUNCTION conversion_call_day_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE agent_conversion_upsert_sql('SELECT 1 AS sign, n.* FROM conv_new n') USING lead_span_zone();
    UPDATE conversion_call c SET repeated = true
    FROM (SELECT DISTINCT n.lead_key, n.agent_key FROM conv_new n
          WHERE n.agent_key IS NOT NULL
            AND (SELECT count(*) FROM conversion_call o WHERE o.lead_key = n.lead_key AND o.agent_key = n.agent_key) > 1) p
    WHERE NOT c.repeated AND c.lead_key = p.lead_key AND c.agent_key = p.agent_key;
    DELETE FROM agent_conversion_day WHERE leads = 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION conversion_call_day_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE agent_conversion_upsert_sql('SELECT 1 AS sign, n.* FROM conv_new n '
        || 'UNION ALL SELECT -1 AS sign, o.* FROM conv_old o') USING lead_span_zone();
    DELETE FROM agent_conversion_day WHERE leads = 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION conversion_call_day_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE agent_conversion_upsert_sql('SELECT -1 AS sign, o.* FROM conv_old o') USING lead_span_zone();
    DELETE FROM agent_conversion_day WHERE leads = 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION conversion_call_day_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE agent_conversion_day;
    RETURN NULL;
END
$$;

CREATE TRIGGER conversion_call_day_insert AFTER INSERT ON conversion_call REFERENCING NEW TABLE AS conv_new
    FOR EACH STATEMENT EXECUTE FUNCTION conversion_call_day_insert();
CREATE TRIGGER conversion_call_day_update AFTER UPDATE ON conversion_call REFERENCING OLD TABLE AS conv_old NEW TABLE AS conv_new
    FOR EACH STATEMENT EXECUTE FUNCTION conversion_call_day_update();
CREATE TRIGGER conversion_call_day_delete AFTER DELETE ON conversion_call REFERENCING OLD TABLE AS conv_old
    FOR EACH STATEMENT EXECUTE FUNCTION conversion_call_day_delete();
CREATE TRIGGER conversion_call_day_truncate AFTER TRUNCATE ON conversion_call
    FOR EACH STATEMENT EXECUTE FUNCTION conversion_call_day_truncate();

-- The rows there are now.
INSERT INTO agent_conversion_day (work_day, agent_key, campaign_key, advertiser_key, call_status, leads)
SELECT (c.dial_time AT TIME ZONE lead_span_zone())::date, c.agent_key, c.campaign_key, c.advertiser_key, c.call_status,
       count(*)
FROM conversion_call c WHERE c.agent_key IS NOT NULL AND NOT c.repeated
GROUP BY 1, 2, 3, 4, 5;
