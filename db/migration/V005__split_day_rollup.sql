-- call_day_rollup's grain (day x campaign x advertiser x agent x both statuses) kept only ~3.5
-- calls per row; two narrower day rollups keep 30-60 and are cheaper to maintain and to read:
--   agent_day_rollup:  day x campaign x advertiser x agent (agent reports, active hours)
--   status_day_rollup: day x campaign x advertiser x call status x lead status (dispositions)
DROP TABLE call_day_rollup;

CREATE TABLE agent_day_rollup (
    work_day                date NOT NULL,
    campaign_key            integer NOT NULL,
    advertiser_key          integer,
    agent_key               integer,
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
    CONSTRAINT agent_day_rollup_grain UNIQUE NULLS NOT DISTINCT (work_day, campaign_key, advertiser_key, agent_key)
);

CREATE TABLE status_day_rollup (
    work_day                date NOT NULL,
    campaign_key            integer NOT NULL,
    advertiser_key          integer,
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
    CONSTRAINT status_day_rollup_grain UNIQUE NULLS NOT DISTINCT
        (work_day, campaign_key, advertiser_key, call_status, lead_status)
);

DROP INDEX lead_rollup_advertiser_idx;

-- Rebuilt from the call fact at the next start (RollupMaintenance.rebuildIfTimeZoneChanged).
UPDATE app_state SET value = '', updated_at = now() WHERE key = 'rollup_time_zone';
