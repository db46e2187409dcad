-- Fewer indexes to maintain per ingested row (measured with bench/ingest-bench.sh):
-- * call: call_id, which must be unique anyway, becomes the primary key; call_key stays the
--   paging tie-breaker (call_dial_time_idx) without an index of its own.
-- * lead: nothing looks leads up by campaign.
ALTER TABLE call DROP CONSTRAINT call_pkey;
ALTER TABLE call DROP CONSTRAINT call_call_id_key;
ALTER TABLE call ADD CONSTRAINT call_pkey PRIMARY KEY (call_id);
DROP INDEX lead_campaign_idx;
