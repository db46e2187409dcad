-- Call schema: dimensions, the call fact, ingest batches and their rejects, status synonyms.
-- External ids (as they arrive in files) live in the dimensions; the fact carries integer keys so
-- that distinct counts and group-bys stay cheap at 10M+ calls.

CREATE TABLE advertiser (
    advertiser_key          serial PRIMARY KEY,
    advertiser_id           text NOT NULL UNIQUE,
    name                    text,
    -- qualification criteria (null = no constraint); see ARCHITECTURE §3 qualifiedLeads
    min_customer_talk_s     double precision CHECK (min_customer_talk_s >= 0),
    max_attempt_no          integer CHECK (max_attempt_no >= 1),
    max_lead_age_hours      double precision CHECK (max_lead_age_hours >= 0),
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE campaign (
    campaign_key            serial PRIMARY KEY,
    campaign_id             text NOT NULL UNIQUE,
    name                    text,
    advertiser_key          integer REFERENCES advertiser (advertiser_key),
    created_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agent (
    agent_key               serial PRIMARY KEY,
    agent_id                text NOT NULL UNIQUE,
    name                    text,
    team                    text,
    created_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE lead (
    lead_key                serial PRIMARY KEY,
    lead_id                 text NOT NULL UNIQUE,
    campaign_key            integer REFERENCES campaign (campaign_key),
    advertiser_key          integer REFERENCES advertiser (advertiser_key),
    hid                     text,
    created_at              timestamptz,
    phone_hash              text,
    email_hash              text,
    current_lead_status     text,
    status_updated_at       timestamptz
);
CREATE INDEX lead_campaign_idx ON lead (campaign_key);

CREATE TABLE ingest_batch (
    batch_id                bigserial PRIMARY KEY,
    source                  text NOT NULL,
    file_name               text,
    content_type            text,
    checksum_sha256         text,
    time_zone               text NOT NULL DEFAULT 'UTC',
    status                  text NOT NULL DEFAULT 'RUNNING'
                            CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
    rows_read               integer NOT NULL DEFAULT 0,
    accepted                integer NOT NULL DEFAULT 0,
    rejected                integer NOT NULL DEFAULT 0,
    duplicates              integer NOT NULL DEFAULT 0,
    ignored_columns         text[],
    same_file_as_batch_id   bigint,
    error                   text,
    started_at              timestamptz NOT NULL DEFAULT now(),
    finished_at             timestamptz
);
CREATE INDEX ingest_batch_checksum_idx ON ingest_batch (checksum_sha256);

CREATE TABLE ingest_reject (
    batch_id                bigint NOT NULL REFERENCES ingest_batch (batch_id) ON DELETE CASCADE,
    line                    integer NOT NULL,
    call_id                 text,
    field                   text,
    value                   text,
    reason                  text NOT NULL,
    raw_row                 text
);
CREATE INDEX ingest_reject_batch_idx ON ingest_reject (batch_id, line);

-- One row per dial. Columns follow the seed's fields; dimension values are keys.
CREATE TABLE call (
    call_key                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id                 text NOT NULL,
    lead_key                integer NOT NULL REFERENCES lead (lead_key),
    campaign_key            integer NOT NULL REFERENCES campaign (campaign_key),
    advertiser_key          integer REFERENCES advertiser (advertiser_key),
    agent_key               integer REFERENCES agent (agent_key),
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
    ingest_batch_id         bigint REFERENCES ingest_batch (batch_id),
    CONSTRAINT call_call_id_key UNIQUE (call_id)
);
-- Time-window filters and the call list's paging order.
CREATE INDEX call_dial_time_idx ON call (dial_time, call_key);
-- Lead-level lookups (history, rollup edge corrections).
CREATE INDEX call_lead_idx ON call (lead_key);

-- Canonical spellings of call and lead statuses. A synonym is matched on its normalised key
-- (lower case, '_' and '-' as spaces, inner spaces collapsed).
CREATE TABLE status_synonym (
    kind                    text NOT NULL CHECK (kind IN ('CALL', 'LEAD')),
    synonym_key             text NOT NULL,
    canonical               text NOT NULL,
    PRIMARY KEY (kind, synonym_key)
);

INSERT INTO status_synonym (kind, synonym_key, canonical) VALUES
    ('CALL', 'answered', 'Answered'),
    ('CALL', 'answer', 'Answered'),
    ('CALL', 'connected', 'Answered'),
    ('CALL', 'completed', 'Answered'),
    ('CALL', 'no answer', 'No Answer'),
    ('CALL', 'noanswer', 'No Answer'),
    ('CALL', 'not answered', 'No Answer'),
    ('CALL', 'unanswered', 'No Answer'),
    ('CALL', 'busy', 'Busy'),
    ('CALL', 'failed', 'Failed'),
    ('CALL', 'fail', 'Failed'),
    ('CALL', 'voicemail', 'Voicemail'),
    ('CALL', 'voice mail', 'Voicemail'),
    ('CALL', 'machine', 'Voicemail'),
    ('CALL', 'answering machine', 'Voicemail'),
    ('CALL', 'cancelled', 'Cancelled'),
    ('CALL', 'canceled', 'Cancelled'),
    ('LEAD', 'interested', 'Interested'),
    ('LEAD', 'not interested', 'Not Interested'),
    ('LEAD', 'notinterested', 'Not Interested'),
    ('LEAD', 'callback', 'Callback'),
    ('LEAD', 'call back', 'Callback'),
    ('LEAD', 'not answered', 'Not Answered'),
    ('LEAD', 'no answer', 'Not Answered'),
    ('LEAD', 'busy', 'Busy'),
    ('LEAD', 'wrong number', 'Wrong Number'),
    ('LEAD', 'wrong no', 'Wrong Number'),
    ('LEAD', 'dnc', 'DNC'),
    ('LEAD', 'do not call', 'DNC'),
    ('LEAD', 'voicemail', 'Voicemail'),
    ('LEAD', 'voice mail', 'Voicemail');

-- Application state flags (e.g. demo data generated once).
CREATE TABLE app_state (
    key                     text PRIMARY KEY,
    value                   text NOT NULL,
    updated_at              timestamptz NOT NULL DEFAULT now()
);
