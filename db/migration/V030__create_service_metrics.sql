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
