-- The live floor reads the calls committed since its last read: call_key grows in commit order
-- (inserts hold the ingest lock), so "call_key > the last one read" and max(call_key) need an index
-- of their own. A key that only grows appends at the right edge of the tree: cheap to maintain.
CREATE INDEX call_key_idx ON call (call_key);
