-- Rollups that keep the seed reports fast at 10M+ calls while staying exact.
--
-- call_day_rollup: additive measures per working day (in the business time zone), campaign,
--   advertiser, agent and statuses, plus each group's first dial and last call end (agent active
--   hours). Windows that cut a day are completed from the call fact.
-- lead_rollup: one row per lead (and campaign/advertiser) with its first and last dial, additive
--   measures and the lead-level flags behind the distinct counts. A lead whose calls all fall in a
--   window is counted from here; leads straddling a window edge are counted from the call fact, so
--   distinct counts stay exact.
-- Both are maintained by ingest in the same transaction as the calls (see CallIngestService).

CREATE TABLE call_day_rollup (
    work_day                date NOT NULL,
    campaign_key            integer NOT NULL,
    advertiser_key          integer,
    agent_key               integer,
    call_status             text NOT NULL,
    lead_status             text,
    calls                   bigint NOT NULL,
    connected               bigint NOT NULL,
    interested_calls        bigint NOT NULL,
    agent_sum               double precision NOT NULL,
    agent_n                 bigint NOT NULL,
    customer_sum            double precision NOT NULL,
    customer_n              bigint NOT NULL,
    aht_sum                 double precision NOT NULL,
    aht_n                   bigint NOT NULL,
    first_dial              timestamptz NOT NULL,
    last_end                timestamptz NOT NULL,
    CONSTRAINT call_day_rollup_grain UNIQUE NULLS NOT DISTINCT
        (work_day, campaign_key, advertiser_key, agent_key, call_status, lead_status)
);

CREATE TABLE lead_rollup (
    lead_key                integer NOT NULL,
    campaign_key            integer NOT NULL,
    advertiser_key          integer,
    first_dial              timestamptz NOT NULL,
    last_dial               timestamptz NOT NULL,
    calls                   bigint NOT NULL,
    connected               bigint NOT NULL,
    interested_calls        bigint NOT NULL,
    agent_sum               double precision NOT NULL,
    agent_n                 bigint NOT NULL,
    customer_sum            double precision NOT NULL,
    customer_n              bigint NOT NULL,
    aht_sum                 double precision NOT NULL,
    aht_n                   bigint NOT NULL,
    any_connected           boolean NOT NULL,
    converted               boolean NOT NULL,
    qualified               boolean NOT NULL,
    lost                    boolean NOT NULL,
    CONSTRAINT lead_rollup_grain UNIQUE NULLS NOT DISTINCT (lead_key, campaign_key, advertiser_key)
);
CREATE INDEX lead_rollup_first_dial_idx ON lead_rollup (first_dial);
CREATE INDEX lead_rollup_last_dial_idx ON lead_rollup (last_dial);
CREATE INDEX lead_rollup_advertiser_idx ON lead_rollup (advertiser_key);

-- The time zone call_day_rollup.work_day was cut in; the service rebuilds the rollup when the
-- configured business time zone differs.
INSERT INTO app_state (key, value) VALUES ('rollup_time_zone', 'UTC');
