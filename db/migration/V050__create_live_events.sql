-- Issue 13, the live floor: events from the dialer.

-- INGEST: API keys that may only post events and files (a key written into a dialer's configuration).
ALTER TABLE api_key DROP CONSTRAINT api_key_role_check;
ALTER TABLE api_key ADD CONSTRAINT api_key_role_check CHECK (role IN ('ADMIN', 'ANALYST', 'ADVERTISER', 'INGEST'));

-- Call events answered 2xx but not yet in the call fact. An event is committed here (durable) before
-- its answer; the applier moves it into the fact with the file-ingest steps under the ingest lock and
-- deletes it in the same transaction, so at every instant a call id is here or in call, never lost.
-- staged: the validated staging line (CSV, the columns of CallValidator.STAGE_COLUMNS after "line").
CREATE TABLE call_event (
    call_id                 text PRIMARY KEY,
    batch_id                bigint NOT NULL REFERENCES ingest_batch (batch_id) ON DELETE CASCADE,
    staged                  text NOT NULL,
    received_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_event_batch_idx ON call_event (batch_id);

-- Agent state history: one row per state change. Time in a state runs to the agent's next row.
-- Resending the same change (agent, instant, state) is a duplicate.
CREATE TABLE agent_state (
    agent_id                text NOT NULL,
    started_at              timestamptz NOT NULL,
    state                   text NOT NULL CHECK (state IN ('READY', 'ON_CALL', 'WRAP_UP', 'PAUSED', 'LOGGED_OUT')),
    agent_name              text,
    campaign_id             text,
    reason                  text,
    received_at             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agent_id, started_at, state)
);
CREATE INDEX agent_state_started_idx ON agent_state (started_at);

-- A dialer's field names: parameter (as the dialer sends it, matched case-insensitively) -> call field.
CREATE TABLE event_source_field (
    field_id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source                  text NOT NULL CHECK (source ~ '^[A-Za-z0-9_.-]{1,64}$'),
    parameter               text NOT NULL,
    field                   text NOT NULL,
    updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX event_source_field_param_idx ON event_source_field (source, lower(parameter));
