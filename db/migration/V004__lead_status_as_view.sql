-- A lead's current status is the lead status of its latest call. Keeping it on the lead row made
-- every ingest sort all its rows by lead and dial time; it is derived on read instead.
ALTER TABLE lead DROP COLUMN current_lead_status;
ALTER TABLE lead DROP COLUMN status_updated_at;

CREATE VIEW lead_current_status AS
SELECT DISTINCT ON (c.lead_key) c.lead_key, c.lead_status AS current_lead_status, c.dial_time AS status_updated_at
FROM call c
ORDER BY c.lead_key, c.dial_time DESC, c.call_key DESC;
