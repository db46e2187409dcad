-- Issue 16 §3: an upload page per kind of data. Each batch says which kind it is (its page lists its
-- history), and a running upload reports the rows read so far to whichever instance the browser asks.

ALTER TABLE ingest_batch ADD COLUMN kind text NOT NULL DEFAULT 'calls';

-- Earlier batches: the kind was written into the source.
UPDATE ingest_batch SET kind = CASE
        WHEN source LIKE 'service-metrics:%' THEN 'service-metrics'
        WHEN source LIKE 'inbound-calls:%' THEN 'inbound-calls'
        WHEN source = 'agent-kpis' THEN 'agent-kpis'
        WHEN source = 'events' AND file_name = 'call events' THEN 'events'
        ELSE 'calls' END
    WHERE source LIKE 'service-metrics:%' OR source LIKE 'inbound-calls:%' OR source = 'agent-kpis'
        OR (source = 'events' AND file_name = 'call events');

ALTER TABLE ingest_batch ADD CONSTRAINT ingest_batch_kind_check
    CHECK (kind IN ('calls', 'events', 'leads', 'service-metrics', 'inbound-calls', 'agent-kpis'));

CREATE INDEX ingest_batch_kind_idx ON ingest_batch (kind, batch_id DESC);

-- One row per upload in progress (or finished in the last day), keyed by the id the client chose. Written in
-- short transactions of its own while the upload's own transaction is still open, so any instance can answer.
CREATE TABLE ingest_progress (
    upload_id       text PRIMARY KEY CHECK (upload_id ~ '^[A-Za-z0-9_-]{8,64}$'),
    kind            text NOT NULL,
    user_name       text,
    phase           text NOT NULL CHECK (phase IN ('PROCESSING', 'DONE', 'FAILED')),
    rows_read       integer NOT NULL DEFAULT 0,
    error           text,
    started_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ingest_progress_updated_idx ON ingest_progress (updated_at);
