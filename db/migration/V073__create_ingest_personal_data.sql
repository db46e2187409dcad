-- Personal data found in the free-text and unknown columns of an ingest batch (issue 16, 3b; README, "Personal data
-- in ingested files"): per column and kind, how many values, and up to 3 examples already masked. The values
-- themselves are stored masked wherever such a column is kept (rejects' raw_row, free-text fact columns).
CREATE TABLE ingest_personal_data (
    batch_id     bigint  NOT NULL REFERENCES ingest_batch (batch_id) ON DELETE CASCADE,
    column_name  text    NOT NULL,
    kind         text    NOT NULL CHECK (kind IN ('EMAIL', 'PHONE', 'CARD')),
    count        integer NOT NULL,
    examples     text[]  NOT NULL,
    PRIMARY KEY (batch_id, column_name, kind)
);
