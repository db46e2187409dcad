-- Several Callsight instances on one database (issue 15, section 4).
-- Every running instance registers here at start and beats every few seconds (database time, so the
-- instances' clocks do not matter); it removes itself on a clean shutdown. An instance whose beat is
-- older than the stale bound is dead: only then may another instance fail the batches it owned.
CREATE TABLE service_instance (
    instance_id     uuid PRIMARY KEY,
    name            text NOT NULL,   -- host:port; a restart on the same host and port is the same instance again
    host            text NOT NULL,
    pid             bigint NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT now(),
    beat_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_instance_name_idx ON service_instance (name);

-- The instance running a batch or a forecast run (NULL: opened before this migration). No foreign key: the
-- instance's row goes when it stops, the batch keeps who ran it.
ALTER TABLE ingest_batch ADD COLUMN owner_instance uuid;
ALTER TABLE forecast_run ADD COLUMN owner_instance uuid;
CREATE INDEX ingest_batch_running_idx ON ingest_batch (batch_id) WHERE status = 'RUNNING';

-- One run per slot of a cron job whatever the number of instances: each instance's scheduler fires at the
-- same slot; the first to insert the slot runs it, the others skip.
CREATE TABLE job_slot (
    job             text NOT NULL,
    slot            timestamptz NOT NULL,
    instance_id     uuid NOT NULL,
    claimed_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job, slot)
);
