-- Per refresh run: the share of a day's calls in each 15-minute slot of each weekday (last 8 weeks,
-- business time zone) and the handle times staffing uses.
CREATE TABLE forecast_profile (
    run_id                  bigint NOT NULL REFERENCES forecast_run (run_id) ON DELETE CASCADE,
    iso_dow                 smallint NOT NULL CHECK (iso_dow BETWEEN 1 AND 7),
    slot                    smallint NOT NULL CHECK (slot BETWEEN 0 AND 95),
    share                   double precision NOT NULL,
    PRIMARY KEY (run_id, iso_dow, slot)
);

ALTER TABLE forecast_run ADD COLUMN mean_agent_call_s double precision;
ALTER TABLE forecast_run ADD COLUMN aht_s double precision;
