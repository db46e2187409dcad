-- The call fact partitioned by month of dial time (UTC months): a year of a large floor is 20-30M
-- calls, and a month's partition keeps the indexes an ingest writes small, lets time-window reports
-- skip the months they do not cover, and lets retention drop whole months (with their rollup rows).
--
-- Converts an existing database in place: the old table is renamed, a partitioned one takes its name,
-- a partition is made for every month that has calls (and for the months around now), every row is
-- copied with its call_key, the indexes are built once over the copied rows, and the old table goes.
-- The statement runs in Flyway's transaction: it all happens or nothing does.
--
-- Partitions are made ahead by call_partitions_ensure(lo, hi): the ingest calls it for the dial times
-- of each batch before its insert (so a call of any month has its partition), and a scheduled job
-- keeps the coming months ready. A partition is made empty and attached (ATTACH needs only a SHARE
-- UPDATE EXCLUSIVE lock on the fact, which reports and inserts do not conflict with).
--
-- call_id stays unique across the fact: the ingest's anti-join (under its advisory lock) and the event
-- journal keep it so; the key of each partition is (call_id, dial_time) since a partitioned table's
-- unique keys must hold its partition key. call_key comes from a sequence (identity columns on a
-- partitioned table need PostgreSQL 17; a plain sequence works on every supported server).

CREATE FUNCTION call_partitions_ensure(lo timestamptz, hi timestamptz) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    m       timestamp;
    last    timestamp;
    part    text;
    made    integer := 0;
BEGIN
    IF lo IS NULL OR hi IS NULL THEN
        RETURN 0;
    END IF;
    m := date_trunc('month', lo AT TIME ZONE 'UTC');
    last := date_trunc('month', hi AT TIME ZONE 'UTC');
    -- quick path, no lock: every month already has its partition
    IF NOT EXISTS (SELECT 1 FROM generate_series(m, last, interval '1 month') AS g(month)
                   WHERE to_regclass(format('call_p%s', to_char(g.month, 'YYYY_MM'))) IS NULL) THEN
        RETURN 0;
    END IF;
    -- several instances may make the same month at once: one at a time, and look again under the lock
    PERFORM pg_advisory_xact_lock(hashtext('callsight.call_partitions'));
    WHILE m <= last LOOP
        part := format('call_p%s', to_char(m, 'YYYY_MM'));
        IF to_regclass(part) IS NULL THEN
            EXECUTE format('CREATE TABLE %I (LIKE call INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
            EXECUTE format('ALTER TABLE call ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part,
                           m AT TIME ZONE 'UTC', (m + interval '1 month') AT TIME ZONE 'UTC');
            made := made + 1;
        END IF;
        m := m + interval '1 month';
    END LOOP;
    RETURN made;
END
$$;

DROP VIEW lead_current_status;
ALTER TABLE call RENAME TO call_unpartitioned;
ALTER TABLE call_unpartitioned RENAME CONSTRAINT call_pkey TO call_unpartitioned_pkey;
ALTER INDEX call_dial_time_idx RENAME TO call_unpartitioned_dial_time_idx;
ALTER INDEX call_lead_idx RENAME TO call_unpartitioned_lead_idx;
ALTER INDEX call_key_idx RENAME TO call_unpartitioned_key_idx;

CREATE SEQUENCE call_key_seq AS bigint;
SELECT setval('call_key_seq', greatest(
    (SELECT coalesce(max(call_key), 0) FROM call_unpartitioned),
    (SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('call_unpartitioned', 'call_key')), 0))) + 1,
    false);

CREATE TABLE call (
    call_key                bigint NOT NULL DEFAULT nextval('call_key_seq'),
    call_id                 text NOT NULL,
    lead_key                integer NOT NULL,
    campaign_key            integer NOT NULL,
    advertiser_key          integer,
    agent_key               integer,
    hid                     text,
    call_status             text NOT NULL,
    lead_status             text,
    agent_call_duration_s   double precision CHECK (agent_call_duration_s >= 0),
    customer_call_duration_s double precision CHECK (customer_call_duration_s >= 0),
    from_number             text,
    to_number               text,
    attempt_no              smallint CHECK (attempt_no >= 1),
    lead_created_at         timestamptz,
    updated_at              timestamptz,
    connected               boolean,
    dial_time               timestamptz NOT NULL,
    ingest_batch_id         bigint
) PARTITION BY RANGE (dial_time);
ALTER SEQUENCE call_key_seq OWNED BY call.call_key;

SELECT call_partitions_ensure(min(dial_time), max(dial_time)) FROM call_unpartitioned;
SELECT call_partitions_ensure(now() - interval '1 month', now() + interval '3 months');

INSERT INTO call (call_key, call_id, lead_key, campaign_key, advertiser_key, agent_key, hid, call_status,
        lead_status, agent_call_duration_s, customer_call_duration_s, from_number, to_number, attempt_no,
        lead_created_at, updated_at, connected, dial_time, ingest_batch_id)
SELECT call_key, call_id, lead_key, campaign_key, advertiser_key, agent_key, hid, call_status,
        lead_status, agent_call_duration_s, customer_call_duration_s, from_number, to_number, attempt_no,
        lead_created_at, updated_at, connected, dial_time, ingest_batch_id
FROM call_unpartitioned;

DROP TABLE call_unpartitioned;

ALTER TABLE call ADD CONSTRAINT call_pkey PRIMARY KEY (call_id, dial_time);
-- Time-window filters and the call list's paging order.
CREATE INDEX call_dial_time_idx ON call (dial_time, call_key);
-- Lead-level lookups (history, rollup edge corrections).
CREATE INDEX call_lead_idx ON call (lead_key);
-- Feed rows and the live floor find calls by key.
CREATE INDEX call_key_idx ON call (call_key);

CREATE VIEW lead_current_status AS
SELECT DISTINCT ON (c.lead_key) c.lead_key, c.lead_status AS current_lead_status, c.dial_time AS status_updated_at
FROM call c
ORDER BY c.lead_key, c.dial_time DESC, c.call_key DESC;
