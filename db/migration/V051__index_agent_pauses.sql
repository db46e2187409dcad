-- The wallboard reads the agents' pause time today every second: the pauses by their own partial
-- index (a fraction of the state changes), each one's end by a probe of the primary key.
CREATE INDEX agent_state_paused_idx ON agent_state (started_at) WHERE state = 'PAUSED';
