-- A large call file may be completed after the answer (issue: scale): the answer comes once its rows
-- are validated and durable in a landing table of the batch (call_landing_<batch_id>) and its rejects
-- are final; the batch then reads LOADED. A worker of any instance completes it in one transaction
-- (dimensions, the call fact, rollups, outbox), drops the landing table and marks it READY. Reports
-- read the call fact, so a batch shows in them only when READY, and whole. A batch completed before
-- its answer reads COMPLETED, as before.
ALTER TABLE ingest_batch DROP CONSTRAINT ingest_batch_status_check;
ALTER TABLE ingest_batch ADD CONSTRAINT ingest_batch_status_check
    CHECK (status IN ('RUNNING', 'LOADED', 'READY', 'COMPLETED', 'FAILED'));
ALTER TABLE ingest_batch ADD COLUMN loaded_at timestamptz;
-- the completion worker's look-up: the LOADED batches, oldest first
CREATE INDEX ingest_batch_loaded_idx ON ingest_batch (batch_id) WHERE status = 'LOADED';
