-- Push delivery of the feed (io.callsight.feeds.FeedDeliveryWorker).
--
-- claimed_at marks a lead claimed by a delivery attempt whose outcome is not recorded yet: the claim
-- moves next_attempt_at forward by a lease, so a worker that dies between sending and recording
-- leaves the lead PENDING and it is sent again (same idempotency key) once the lease has run out.
-- Claimed leads whose lease still runs count against the daily cap as "being sent".
ALTER TABLE feed_lead ADD COLUMN claimed_at timestamptz;

-- The claim reads PENDING leads of one advertiser in seq order; without this index it either walks
-- all the advertiser's delivered leads (advertiser_seq_idx) or sorts all its pending ones.
CREATE INDEX feed_lead_pending_seq_idx ON feed_lead (advertiser_key, seq) WHERE status = 'PENDING';
CREATE INDEX feed_lead_in_flight_idx ON feed_lead (advertiser_key, next_attempt_at)
    WHERE status = 'PENDING' AND claimed_at IS NOT NULL;
