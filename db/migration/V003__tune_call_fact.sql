-- The call fact is written only by the ingest, which resolves every key by joining the dimensions
-- in the same statement; per-row foreign-key triggers on it cost more than the rest of the insert
-- at 1M-row batches, so the fact keeps no foreign keys (the usual choice for a warehouse fact).
ALTER TABLE call DROP CONSTRAINT call_lead_key_fkey;
ALTER TABLE call DROP CONSTRAINT call_campaign_key_fkey;
ALTER TABLE call DROP CONSTRAINT call_advertiser_key_fkey;
ALTER TABLE call DROP CONSTRAINT call_agent_key_fkey;
ALTER TABLE call DROP CONSTRAINT call_ingest_batch_id_fkey;

-- Leads straddling a report window's edge are found by range containment.
CREATE INDEX lead_rollup_span_idx ON lead_rollup USING gist (tstzrange(first_dial, last_dial, '[]'));
DROP INDEX lead_rollup_last_dial_idx;
