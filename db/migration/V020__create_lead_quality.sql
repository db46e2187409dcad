-- Lead quality: advertisers' CRM report snapshots matched with our delivered leads.
-- A source is one advertiser's report family; its expected columns live in the schema registry
-- (data, editable through GraphQL). A snapshot is one file: the whole report as of its date.

CREATE TABLE crm_source (
    source_key      serial PRIMARY KEY,
    name            text NOT NULL UNIQUE,
    description     text,
    -- values meaning "no value" (a whole row of them is a sentinel row)
    sentinels       text[] NOT NULL DEFAULT ARRAY['-----'],
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- The schema registry: one row per expected column of a source.
CREATE TABLE crm_schema_column (
    source_key      integer NOT NULL REFERENCES crm_source (source_key) ON DELETE CASCADE,
    name            text NOT NULL,          -- canonical name (ENTRYDATE, LEADNUMBER, CITY, ...)
    data_type       text NOT NULL CHECK (data_type IN ('TEXT', 'DATE', 'TIMESTAMP', 'BOOLEAN', 'ZIP', 'STATE', 'CITY_STATE')),
    synonyms        text[] NOT NULL DEFAULT '{}',   -- header spellings accepted for it (matched ignoring case, spaces, punctuation)
    formats         text[] NOT NULL DEFAULT '{}',   -- java.time patterns for DATE / TIMESTAMP, tried in order
    required        boolean NOT NULL DEFAULT false,
    description     text,
    PRIMARY KEY (source_key, name)
);

CREATE TABLE crm_snapshot (
    snapshot_id     bigserial PRIMARY KEY,
    source_key      integer NOT NULL REFERENCES crm_source (source_key),
    report_date     date NOT NULL,
    report_date_from text NOT NULL CHECK (report_date_from IN ('PARAMETER', 'FILE_NAME', 'ARRIVAL')),
    file_name       text,
    checksum_sha256 text NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    rows_read       integer NOT NULL DEFAULT 0,   -- data lines after the header
    rows_loaded     integer NOT NULL DEFAULT 0,
    sentinel_rows   integer NOT NULL DEFAULT 0,
    header          text[] NOT NULL,              -- as sent, in order
    column_map      jsonb NOT NULL,               -- header as sent -> canonical name (unknown columns absent)
    encodings       jsonb NOT NULL DEFAULT '{}',  -- canonical column -> how its values were written (e.g. "0/1", "True/False")
    unknown_columns text[] NOT NULL DEFAULT '{}',
    -- the snapshot's own funnel (each lead once, at its furthest row), kept for the trend over snapshots;
    -- refreshed when delivered leads arrive and change what matches
    funnel_delivered integer NOT NULL DEFAULT 0,
    funnel_matched   integer NOT NULL DEFAULT 0,
    funnel_set       integer NOT NULL DEFAULT 0,
    funnel_demos     integer NOT NULL DEFAULT 0,
    funnel_sales     integer NOT NULL DEFAULT 0,
    UNIQUE (source_key, checksum_sha256)
);
-- One snapshot per source and report date: a newer file for the same date replaces the older.
CREATE UNIQUE INDEX crm_snapshot_date_uq ON crm_snapshot (source_key, report_date);

-- Values that could not be read: they became null, and are logged here.
CREATE TABLE crm_value_issue (
    snapshot_id     bigint NOT NULL REFERENCES crm_snapshot (snapshot_id) ON DELETE CASCADE,
    line            integer NOT NULL,
    column_name     text NOT NULL,
    value           text,
    reason          text NOT NULL
);
CREATE INDEX crm_value_issue_snapshot_idx ON crm_value_issue (snapshot_id, column_name);

-- Star schema of the report: date, lead, place and status dimensions and a report-item fact.
CREATE TABLE lq_date (
    date_key        integer PRIMARY KEY,           -- yyyymmdd
    day             date NOT NULL UNIQUE,
    year            smallint NOT NULL,
    month           smallint NOT NULL,
    month_start     date NOT NULL,
    iso_day_of_week smallint NOT NULL
);

CREATE TABLE lq_place (
    place_key       serial PRIMARY KEY,
    city            text,
    state           text,
    zip             text,
    UNIQUE NULLS NOT DISTINCT (city, state, zip)
);

CREATE TABLE lq_status (
    status_key      serial PRIMARY KEY,
    dispo           text,
    job_status      text,
    UNIQUE NULLS NOT DISTINCT (dispo, job_status)
);

-- A lead as the report knows it: its lead number and hashes. delivered_lead_key is our lead
-- (the `lead` dimension) with the same (email_hash, phone_hash), when there is exactly one.
CREATE TABLE lq_lead (
    lq_lead_key        serial PRIMARY KEY,
    lead_number        text,
    email_hash         text,
    phone_hash         text,
    delivered_lead_key integer REFERENCES lead (lead_key),
    UNIQUE NULLS NOT DISTINCT (lead_number, email_hash, phone_hash)
);
CREATE INDEX lq_lead_hashes_idx ON lq_lead (email_hash, phone_hash);
CREATE INDEX lq_lead_number_idx ON lq_lead (lead_number);

-- Every row of every snapshot, kept: a lead's progression over time is read from here.
CREATE TABLE lq_report_item (
    snapshot_id     bigint NOT NULL REFERENCES crm_snapshot (snapshot_id) ON DELETE CASCADE,
    line            integer NOT NULL,
    source_key      integer NOT NULL,
    report_date     date NOT NULL,
    -- report date of the next snapshot of the source that lists the same lead (null: none yet). The row
    -- is the lead's latest for any as-of day in [report_date, valid_to): funnels as of any day read
    -- their rows with a range test instead of sorting every row of every snapshot.
    valid_to        date,
    lq_lead_key     integer NOT NULL REFERENCES lq_lead (lq_lead_key),
    -- the lead's identity within its source: lead number, else its hash pair
    lead_identity   text NOT NULL,
    entry_date_key  integer REFERENCES lq_date (date_key),
    report_date_key integer NOT NULL REFERENCES lq_date (date_key),
    place_key       integer NOT NULL REFERENCES lq_place (place_key),
    status_key      integer NOT NULL REFERENCES lq_status (status_key),
    appointment_at  timestamp,
    is_set          boolean,
    is_demo         boolean,
    -- furthest stage the row gives evidence for: 0 none, 1 appointment set, 2 demo, 3 sale
    stage           smallint NOT NULL,
    extra           jsonb,                          -- unknown columns, kept as sent
    raw_row         text NOT NULL,
    PRIMARY KEY (snapshot_id, line)
);
CREATE INDEX lq_report_item_identity_idx ON lq_report_item (source_key, lead_identity, report_date);
CREATE INDEX lq_report_item_current_idx ON lq_report_item (source_key) WHERE valid_to IS NULL;
CREATE INDEX lq_report_item_lead_idx ON lq_report_item (lq_lead_key);

-- Data-quality checks per snapshot.
CREATE TABLE crm_quality_check (
    snapshot_id     bigint NOT NULL REFERENCES crm_snapshot (snapshot_id) ON DELETE CASCADE,
    name            text NOT NULL,
    severity        text NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'ERROR')),
    count           integer NOT NULL,
    description     text NOT NULL,
    examples        text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (snapshot_id, name)
);

-- Files seen in the inbox folder, by checksum: each is loaded once.
CREATE TABLE crm_inbox_file (
    checksum_sha256 text PRIMARY KEY,
    file_name       text NOT NULL,
    seen_at         timestamptz NOT NULL DEFAULT now(),
    snapshot_id     bigint REFERENCES crm_snapshot (snapshot_id) ON DELETE SET NULL,
    error           text
);

-- Partial: calls ingest rarely carries hashes, so this costs it nothing.
CREATE INDEX lead_hashes_idx ON lead (email_hash, phone_hash) WHERE email_hash IS NOT NULL OR phone_hash IS NOT NULL;

-- The seed's source, registered with what its files are known to send.
INSERT INTO crm_source (name, description) VALUES ('default', 'CRM report snapshots (the seed lead-quality exchange)');
INSERT INTO crm_schema_column (source_key, name, data_type, synonyms, formats, required, description)
SELECT s.source_key, c.name, c.data_type, c.synonyms, c.formats, c.required, c.description
FROM crm_source s, (VALUES
    ('ENTRYDATE',   'DATE',      ARRAY['ENTRYDATE', 'Entry Date'], ARRAY['MM/dd/yyyy', 'M/d/yyyy', 'yyyy-MM-dd'], true,  'Day the lead entered the CRM'),
    ('LEADNUMBER',  'TEXT',      ARRAY['LEADNUMBER', 'Lead Number', 'Lead ID'], '{}'::text[], true, 'The CRM''s lead number'),
    ('email_hash',  'TEXT',      ARRAY['email_hash', 'Email Hash'], '{}'::text[], true, 'SHA-1 hex of the e-mail address'),
    ('phone_hash',  'TEXT',      ARRAY['phone_hash', 'Phone Hash'], '{}'::text[], true, 'SHA-1 hex of the phone number'),
    ('CITY',        'TEXT',      ARRAY['CITY', 'CityName', 'City Name'], '{}'::text[], false, 'City'),
    ('STATE',       'STATE',     ARRAY['STATE', 'ST'], '{}'::text[], false, 'Two-letter state'),
    ('ZIP',         'ZIP',       ARRAY['ZIP', 'Zip Code', 'Postal Code'], '{}'::text[], false, 'Five-digit ZIP'),
    ('location',    'CITY_STATE', ARRAY['location'], '{}'::text[], false, '"City | ST": fills CITY and STATE when they are missing'),
    ('Appt Date',   'TIMESTAMP', ARRAY['Appt Date', 'Appointment Date'], ARRAY['MM/dd/yyyy h:mma', 'MM/dd/yyyy hh:mma', 'MM/dd/yyyy', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd'], false, 'Appointment date and time'),
    ('Set',         'BOOLEAN',   ARRAY['Set', 'Appt Set'], '{}'::text[], false, 'Appointment set'),
    ('Demo',        'BOOLEAN',   ARRAY['Demo'], '{}'::text[], false, 'Demo given'),
    ('Dispo',       'TEXT',      ARRAY['Dispo', 'Disposition'], '{}'::text[], false, 'Disposition; Sale means sold'),
    ('Job Status',  'TEXT',      ARRAY['Job Status', 'JobStatus'], '{}'::text[], false, 'Job status after a sale')
) AS c(name, data_type, synonyms, formats, required, description)
WHERE s.name = 'default';
