-- Our delivered leads, the counting unit of the lead-quality funnel: one row per lead and CRM source it was
-- delivered to (source_key NULL: a lead file posted without a source, delivered for every source), with the
-- delivery time when the lead file carries one (NULL: delivered, time unknown; counts at any as-of day).
CREATE TABLE lq_delivery (
    lead_key        integer NOT NULL REFERENCES lead (lead_key),
    source_key      integer REFERENCES crm_source (source_key) ON DELETE CASCADE,
    delivered_at    timestamptz,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE NULLS NOT DISTINCT (lead_key, source_key)
);
CREATE INDEX lq_delivery_source_idx ON lq_delivery (source_key, lead_key);

-- Until now a delivered lead was a lead with a hash pair (the lead file, or the demo): those, for every source.
INSERT INTO lq_delivery (lead_key) SELECT lead_key FROM lead WHERE email_hash IS NOT NULL OR phone_hash IS NOT NULL;

-- Report lead numbers matching none of our delivered leads, per snapshot (the trend's own figure).
ALTER TABLE crm_snapshot ADD COLUMN funnel_unmatched integer NOT NULL DEFAULT 0;
