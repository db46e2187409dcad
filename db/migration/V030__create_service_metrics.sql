-- Contact-centre service levels, first part: daily or monthly queue metrics from files like the
-- 3-1-1 exports, through source definitions in the schema registry (crm_source / crm_schema_column,
-- shared with the lead-quality reports).

ALTER TABLE crm_schema_column DROP CONSTRAINT crm_schema_column_data_type_check;
ALTER TABLE crm_schema_column ADD CONSTRAINT crm_schema_column_data_type_check CHECK (data_type IN
    ('TEXT', 'DATE', 'TIMESTAMP', 'BOOLEAN', 'ZIP', 'STATE', 'CITY_STATE', 'INTEGER', 'DECIMAL', 'PERCENT'));

ALTER TABLE crm_source ADD COLUMN kind text NOT NULL DEFAULT 'CRM_REPORT' CHECK (kind IN ('CRM_REPORT', 'SERVICE_METRICS'));
-- For SERVICE_METRICS sources: one row per DAY or MONTH, for this queue; the file's service level is
-- the share answered within this many seconds.
ALTER TABLE crm_source ADD COLUMN granularity text CHECK (granularity IN ('DAY', 'MONTH'));
ALTER TABLE crm_source ADD COLUMN queue_name text;
ALTER TABLE crm_source ADD COLUMN service_level_within_s double precision;

CREATE TABLE queue (
    queue_key           serial PRIMARY KEY,
    name                text NOT NULL UNIQUE,
    -- T of "answered within T seconds" for service levels computed from call logs
    answer_within_s     double precision NOT NULL DEFAULT 20 CHECK (answer_within_s > 0),
    -- abandons after less than this many seconds of waiting leave the service-level denominator (0: all count)
    short_abandon_s     double precision NOT NULL DEFAULT 0 CHECK (short_abandon_s >= 0),
    created_at          timestamptz NOT NULL DEFAULT now()
);

-- One row of a metric file. A period listed again with other values is kept too: both rows are
-- flagged as a conflict and exactly one per period is chosen (the first seen, until a user chooses).
CREATE TABLE service_metric (
    metric_id           bigserial PRIMARY KEY,
    queue_key           integer NOT NULL REFERENCES queue (queue_key),
    granularity         text NOT NULL CHECK (granularity IN ('DAY', 'MONTH')),
    period_start        date NOT NULL,
    offered             integer CHECK (offered >= 0),
    handled             integer CHECK (handled >= 0),
    abandoned           integer CHECK (abandoned >= 0),
    asa_s               double precision CHECK (asa_s >= 0),
    service_level       double precision CHECK (service_level BETWEEN 0 AND 1),
    service_level_within_s double precision,
    transferred_rate    double precision CHECK (transferred_rate BETWEEN 0 AND 1),
    batch_id            bigint NOT NULL REFERENCES ingest_batch (batch_id) ON DELETE CASCADE,
    line                integer NOT NULL,
    chosen              boolean NOT NULL,
    conflict            boolean NOT NULL DEFAULT false
);
CREATE INDEX service_metric_period_idx ON service_metric (queue_key, granularity, period_start);
CREATE UNIQUE INDEX service_metric_chosen_uq ON service_metric (queue_key, granularity, period_start) WHERE chosen;

-- The two seed exports, as source definitions.
INSERT INTO crm_source (name, description, sentinels, kind, granularity, queue_name, service_level_within_s) VALUES
    ('vancouver-311', 'City of Vancouver 3-1-1 contact centre, one row per day', '{}', 'SERVICE_METRICS', 'DAY', 'vancouver-311', NULL),
    ('sf311-monthly', 'San Francisco 311 calls per month (DataSF)', '{}', 'SERVICE_METRICS', 'MONTH', 'sf311', 60);
INSERT INTO crm_schema_column (source_key, name, data_type, synonyms, formats, required, description)
SELECT s.source_key, c.name, c.data_type, c.synonyms, c.formats, c.required, c.description
FROM crm_source s JOIN (VALUES
    ('vancouver-311', 'period',        'DATE',    ARRAY['Date'], ARRAY['yyyy-MM-dd', 'MM/dd/yyyy'], true, 'Day'),
    ('vancouver-311', 'offered',       'INTEGER', ARRAY['CallsOffered', 'Calls Offered'], '{}'::text[], true, 'Calls offered'),
    ('vancouver-311', 'handled',       'INTEGER', ARRAY['CallsHandled', 'Calls Handled'], '{}'::text[], true, 'Calls handled'),
    ('vancouver-311', 'abandoned',     'INTEGER', ARRAY['CallsAbandoned', 'Calls Abandoned'], '{}'::text[], false, 'Calls abandoned'),
    ('vancouver-311', 'asa_seconds',   'DECIMAL', ARRAY['AverageSpeedofAnswer', 'ASA'], '{}'::text[], false, 'Average speed of answer, seconds'),
    ('vancouver-311', 'service_level', 'DECIMAL', ARRAY['ServiceLevel', 'Service Level'], '{}'::text[], false, 'Share answered within target, 0-1'),
    ('vancouver-311', 'record_id',     'TEXT',    ARRAY['BI_ID'], '{}'::text[], false, 'The publisher''s row id'),
    ('sf311-monthly', 'period',        'DATE',    ARRAY['Month'], ARRAY['MM/dd/yyyy hh:mm:ss a', 'MM/dd/yyyy', 'yyyy-MM-dd'], true, 'First day of the month'),
    ('sf311-monthly', 'handled',       'INTEGER', ARRAY['Calls Answered'], '{}'::text[], true, 'Calls answered'),
    ('sf311-monthly', 'service_level', 'PERCENT', ARRAY['Svc Level (% answered w/i 60 sec)'], '{}'::text[], false, 'Share answered within 60 s'),
    ('sf311-monthly', 'asa_seconds',   'DECIMAL', ARRAY['Avg Speed Answer (sec)'], '{}'::text[], false, 'Average speed of answer, seconds'),
    ('sf311-monthly', 'transferred_rate', 'PERCENT', ARRAY['Transferred Calls %'], '{}'::text[], false, 'Share of calls transferred')
) AS c(source_name, name, data_type, synonyms, formats, required, description) ON c.source_name = s.name;

-- Inbound call-level logs (like the Technion "Anonymous Bank" files): every call kept as sent, times
-- local to the call centre. The interval metrics are derived from these rows at query time.
CREATE TABLE inbound_call (
    inbound_call_id     bigserial PRIMARY KEY,
    queue_key           integer NOT NULL REFERENCES queue (queue_key),
    line_id             text NOT NULL,          -- VRU + line
    call_id             text NOT NULL,
    customer_id         text,
    priority            smallint,
    call_type           text,
    vru_entry           timestamp NOT NULL,
    vru_exit            timestamp,
    vru_s               integer,
    queue_start         timestamp,               -- null: never queued ("0:00:00" in the file)
    queue_exit          timestamp,
    wait_s              integer NOT NULL DEFAULT 0,
    outcome             text NOT NULL CHECK (outcome IN ('AGENT', 'HANG', 'PHANTOM')),
    service_start       timestamp,
    service_exit        timestamp,
    service_s           integer,
    server              text,                    -- null for NO_SERVER
    flags               text[] NOT NULL DEFAULT '{}',  -- what was odd about the row (kept, not rejected)
    batch_id            bigint NOT NULL REFERENCES ingest_batch (batch_id) ON DELETE CASCADE,
    line                integer NOT NULL,
    UNIQUE (queue_key, line_id, call_id, vru_entry)
);
CREATE INDEX inbound_call_arrival_idx ON inbound_call (queue_key, (coalesce(queue_start, vru_exit, vru_entry)));

INSERT INTO crm_source (name, description, sentinels, kind, granularity, queue_name) VALUES
    ('anonymous-bank', 'Inbound call log, one row per call (Technion Anonymous Bank layout)', '{}', 'SERVICE_METRICS', NULL, 'anonymous-bank');
INSERT INTO crm_schema_column (source_key, name, data_type, synonyms, formats, required, description)
SELECT s.source_key, c.name, c.data_type, c.synonyms, '{}'::text[], c.required, c.description
FROM crm_source s JOIN (VALUES
    ('line_id', 'TEXT', ARRAY['vru+line', 'vru_line'], true, 'VRU and line'),
    ('call_id', 'TEXT', ARRAY['call_id'], true, 'Call id (unique per line)'),
    ('customer_id', 'TEXT', ARRAY['customer_id'], false, 'Customer id (0: unknown)'),
    ('priority', 'INTEGER', ARRAY['priority'], false, '0, 1 or 2'),
    ('type', 'TEXT', ARRAY['type'], false, 'Service type'),
    ('date', 'DATE', ARRAY['date'], true, 'YYMMDD (19YY from 70), or a format below'),
    ('vru_entry', 'TEXT', ARRAY['vru_entry'], true, 'H:MM:SS'),
    ('vru_exit', 'TEXT', ARRAY['vru_exit'], false, 'H:MM:SS'),
    ('vru_time', 'INTEGER', ARRAY['vru_time'], false, 'seconds'),
    ('q_start', 'TEXT', ARRAY['q_start'], false, 'H:MM:SS, 0:00:00 = not queued'),
    ('q_exit', 'TEXT', ARRAY['q_exit'], false, 'H:MM:SS'),
    ('q_time', 'INTEGER', ARRAY['q_time'], false, 'seconds waited'),
    ('outcome', 'TEXT', ARRAY['outcome'], true, 'AGENT, HANG or PHANTOM'),
    ('ser_start', 'TEXT', ARRAY['ser_start'], false, 'H:MM:SS, 0:00:00 = not served'),
    ('ser_exit', 'TEXT', ARRAY['ser_exit'], false, 'H:MM:SS'),
    ('ser_time', 'INTEGER', ARRAY['ser_time'], false, 'seconds served'),
    ('server', 'TEXT', ARRAY['server'], false, 'Agent first name, NO_SERVER = none')
) AS c(name, data_type, synonyms, required, description) ON s.name = 'anonymous-bank';
UPDATE crm_schema_column SET formats = ARRAY['yyyy-MM-dd', 'MM/dd/yyyy']
WHERE name = 'date' AND source_key = (SELECT source_key FROM crm_source WHERE name = 'anonymous-bank');
