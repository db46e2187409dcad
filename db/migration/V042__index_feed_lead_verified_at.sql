-- Returns per campaign or agent (leadsReturned / returnRate) read the feed by its verifying calls'
-- dial time.
CREATE INDEX feed_lead_verified_at_idx ON feed_lead (verified_at);
