-- Issue 17 §3: calling rules as data, the violations found against them, the internal do-not-call list
-- (keyed hashes only) and the feed hold of leads verified by a violating call.

-- One rule of one jurisdiction ('US' = federal, else a two-letter state code). Kinds:
--   CALLING_HOURS  calls permitted from start_minute to end_minute (local minutes after midnight, both ends
--                  allowed), on the ISO weekdays listed (NULL = every day); several rows of one jurisdiction
--                  whose days overlap all apply (the strictest wins);
--   ATTEMPT_LIMIT  at most max_attempts dials to one number in a rolling window of window_hours;
--   DO_NOT_CALL    no call to a number on the internal do-not-call list (from the day it was added);
--   OPTED_OUT      no call to a lead after one of its calls carried one of `statuses` (lead or call status,
--                  matched after status normalisation).
CREATE TABLE compliance_rule (
    rule_id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code                    text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{1,39}$'),
    jurisdiction            text NOT NULL CHECK (jurisdiction ~ '^[A-Z]{2}$'),
    kind                    text NOT NULL CHECK (kind IN ('CALLING_HOURS', 'ATTEMPT_LIMIT', 'DO_NOT_CALL', 'OPTED_OUT')),
    weekdays                smallint[],
    start_minute            smallint CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute              smallint CHECK (end_minute BETWEEN 1 AND 1440),
    max_attempts            integer CHECK (max_attempts > 0),
    window_hours            integer CHECK (window_hours > 0),
    statuses                text[],
    source                  text NOT NULL CHECK (length(source) > 0),
    description             text,
    enabled                 boolean NOT NULL DEFAULT true,
    updated_at              timestamptz NOT NULL DEFAULT now(),
    updated_by              text,
    CHECK (kind <> 'CALLING_HOURS' OR (start_minute IS NOT NULL AND end_minute IS NOT NULL AND start_minute < end_minute)),
    CHECK (kind <> 'ATTEMPT_LIMIT' OR (max_attempts IS NOT NULL AND window_hours IS NOT NULL)),
    CHECK (kind <> 'OPTED_OUT' OR cardinality(statuses) > 0)
);

-- One row per call and rule it broke. The call's dimensions are copied (the report groups by them without
-- reading the fact); dial_time with call_key finds the call through call_dial_time_idx. Rewritten per lead
-- whenever calls of the lead arrive (late calls change attempt counts and opt-outs) and by a recompute.
CREATE TABLE compliance_violation (
    call_key                bigint NOT NULL,
    rule_id                 bigint NOT NULL,  -- compliance_rule (no foreign key: a check per row; deleteComplianceRule removes them)
    call_id                 text NOT NULL,
    dial_time               timestamptz NOT NULL,
    lead_key                integer NOT NULL,
    campaign_key            integer,
    advertiser_key          integer,
    agent_key               integer,
    location_known          boolean NOT NULL,
    detail                  text NOT NULL,
    found_at                timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (call_key, rule_id)
);
CREATE INDEX compliance_violation_time_idx ON compliance_violation (dial_time);
CREATE INDEX compliance_violation_lead_idx ON compliance_violation (lead_key);

-- The internal do-not-call list as keyed hashes: HMAC-SHA-256 of the E.164 number under the server secret
-- CALLSIGHT_DNC_SECRET (docs/operations.md). A number can be checked and removed, never read back.
CREATE TABLE dnc_number (
    number_hash             bytea PRIMARY KEY CHECK (length(number_hash) = 32),
    added_at                timestamptz NOT NULL DEFAULT now(),
    added_by                text,
    batch_id                bigint
);

ALTER TABLE ingest_batch DROP CONSTRAINT ingest_batch_kind_check;
ALTER TABLE ingest_batch ADD CONSTRAINT ingest_batch_kind_check
    CHECK (kind IN ('calls', 'events', 'leads', 'service-metrics', 'inbound-calls', 'agent-kpis', 'do-not-call'));

-- A lead verified by a violating call waits here until an ADMIN releases it: not delivered, not shown to
-- its advertiser. `held` on the outbox row keeps the delivery claim a plain predicate.
ALTER TABLE feed_lead ADD COLUMN held boolean NOT NULL DEFAULT false;
CREATE TABLE feed_hold (
    seq                     bigint PRIMARY KEY REFERENCES feed_lead (seq) ON DELETE CASCADE,
    held_at                 timestamptz NOT NULL DEFAULT now(),
    reason                  text NOT NULL,
    released_at             timestamptz,
    released_by             text,
    release_reason          text
);
CREATE INDEX feed_hold_open_idx ON feed_hold (held_at) WHERE released_at IS NULL;
