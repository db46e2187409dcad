-- One row per call with lead status Interested (about a tenth of all calls), kept by ingest: the
-- distinct leads an agent converted in any window are counted from here instead of the call fact.
CREATE TABLE conversion_call (
    dial_time               timestamptz NOT NULL,
    lead_key                integer NOT NULL,
    agent_key               integer,
    campaign_key            integer NOT NULL,
    advertiser_key          integer,
    call_status             text NOT NULL
);
CREATE INDEX conversion_call_dial_time_idx ON conversion_call (dial_time);

INSERT INTO conversion_call (dial_time, lead_key, agent_key, campaign_key, advertiser_key, call_status)
SELECT dial_time, lead_key, agent_key, campaign_key, advertiser_key, call_status
FROM call WHERE lead_status = 'Interested';
