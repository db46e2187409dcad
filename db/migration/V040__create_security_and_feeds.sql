-- Access control (ARCHITECTURE §7) and the advertiser feeds.
--
-- Users log in with a bcrypt-hashed password and get a short-lived signed token; partner tools and
-- advertisers use API keys, of which only a SHA-256 hash and a visible prefix are stored. The token
-- signing secret lives in app_state ('token_secret'), generated at first start, so every instance
-- of the service accepts the tokens of the others. Every admin change lands in audit_log.

CREATE TABLE app_user (
    user_id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username                text NOT NULL CHECK (username ~ '^[A-Za-z0-9._@-]{1,64}$'),
    password_hash           text NOT NULL,
    role                    text NOT NULL CHECK (role IN ('ADMIN', 'ANALYST', 'ADVERTISER')),
    advertiser_key          integer REFERENCES advertiser (advertiser_key),
    disabled                boolean NOT NULL DEFAULT false,
    failed_logins           integer NOT NULL DEFAULT 0,
    last_failed_at          timestamptz,
    locked_until            timestamptz,
    last_login_at           timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT app_user_advertiser_bound CHECK ((role = 'ADVERTISER') = (advertiser_key IS NOT NULL))
);
CREATE UNIQUE INDEX app_user_username_idx ON app_user (lower(username));

CREATE TABLE api_key (
    key_id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                    text NOT NULL,
    prefix                  text NOT NULL UNIQUE,
    key_hash                text NOT NULL UNIQUE,
    role                    text NOT NULL CHECK (role IN ('ADMIN', 'ANALYST', 'ADVERTISER')),
    advertiser_key          integer REFERENCES advertiser (advertiser_key),
    created_by              text,
    created_at              timestamptz NOT NULL DEFAULT now(),
    last_used_at            timestamptz,
    revoked_at              timestamptz,
    CONSTRAINT api_key_advertiser_bound CHECK ((role = 'ADVERTISER') = (advertiser_key IS NOT NULL))
);

CREATE TABLE audit_log (
    audit_id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at                      timestamptz NOT NULL DEFAULT now(),
    actor                   text NOT NULL,
    actor_role              text,
    action                  text NOT NULL,
    target                  text,
    detail                  jsonb,
    outcome                 text NOT NULL DEFAULT 'OK'
);
CREATE INDEX audit_log_at_idx ON audit_log (audit_id DESC);

-- Advertiser settings for its feed: the zone its delivery hours and daily cap are read in, and how
-- many days after verification it may return a lead.
ALTER TABLE advertiser
    ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC',
    ADD COLUMN return_window_days integer NOT NULL DEFAULT 7 CHECK (return_window_days >= 0);

-- The feed (an outbox): a converted lead meeting its advertiser's criteria enters it once, in the
-- transaction that stores the verifying call. seq is the feed's sequence number (one sequence for
-- all advertisers; ingest batches are serialised, so seq order is commit order). The idempotency
-- key is fixed here, so every delivery of the lead, retried or redelivered, carries the same key.
CREATE TABLE feed_lead (
    seq                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    advertiser_key          integer NOT NULL REFERENCES advertiser (advertiser_key),
    lead_key                integer NOT NULL,
    call_key                bigint NOT NULL,
    call_id                 text NOT NULL,
    campaign_key            integer NOT NULL,
    agent_key               integer,
    verified_at             timestamptz NOT NULL,
    talk_seconds            double precision,
    attempt_no              smallint,
    phone                   text,
    idempotency_key         uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    created_at              timestamptz NOT NULL DEFAULT now(),
    -- push delivery state
    status                  text NOT NULL DEFAULT 'PENDING'
                            CHECK (status IN ('PENDING', 'DELIVERED', 'REJECTED', 'DEAD')),
    attempts                integer NOT NULL DEFAULT 0,
    next_attempt_at         timestamptz NOT NULL DEFAULT now(),
    delivered_at            timestamptz,
    last_http_status        integer,
    last_error              text,
    last_batch_id           uuid,
    -- return by the advertiser
    returned_at             timestamptz,
    return_reason           text,
    returned_by             text,
    CONSTRAINT feed_lead_once UNIQUE (advertiser_key, lead_key)
);
CREATE INDEX feed_lead_advertiser_seq_idx ON feed_lead (advertiser_key, seq);
CREATE INDEX feed_lead_pending_idx ON feed_lead (advertiser_key, next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX feed_lead_call_idx ON feed_lead (call_key);
CREATE INDEX feed_lead_delivered_idx ON feed_lead (advertiser_key, delivered_at) WHERE status = 'DELIVERED';

-- Push delivery per advertiser. The secret signs deliveries (HMAC-SHA256), so it is kept usable
-- (not hashed); it is shown once when generated and never returned by the API afterwards.
CREATE TABLE advertiser_webhook (
    advertiser_key          integer PRIMARY KEY REFERENCES advertiser (advertiser_key),
    url                     text NOT NULL,
    secret                  text NOT NULL,
    enabled                 boolean NOT NULL DEFAULT false,
    delivery_start_hour     smallint NOT NULL DEFAULT 0 CHECK (delivery_start_hour BETWEEN 0 AND 23),
    delivery_end_hour       smallint NOT NULL DEFAULT 24 CHECK (delivery_end_hour BETWEEN 1 AND 24),
    daily_cap               integer CHECK (daily_cap > 0),
    batch_size              integer NOT NULL DEFAULT 100 CHECK (batch_size BETWEEN 1 AND 1000),
    max_age_hours           double precision NOT NULL DEFAULT 24 CHECK (max_age_hours > 0),
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);

-- The delivery log: one row per HTTP attempt (a batch of leads, or a test event).
CREATE TABLE webhook_attempt (
    attempt_id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    advertiser_key          integer NOT NULL REFERENCES advertiser (advertiser_key),
    batch_id                uuid NOT NULL,
    attempted_at            timestamptz NOT NULL DEFAULT now(),
    lead_count              integer NOT NULL,
    seqs                    bigint[] NOT NULL DEFAULT '{}',
    http_status             integer,
    outcome                 text NOT NULL CHECK (outcome IN ('DELIVERED', 'REJECTED', 'FAILED', 'TEST')),
    error                   text,
    duration_ms             integer
);
CREATE INDEX webhook_attempt_advertiser_idx ON webhook_attempt (advertiser_key, attempt_id DESC);
CREATE INDEX webhook_attempt_batch_idx ON webhook_attempt (batch_id);
