-- The default staffing plan materialized after each forecast refresh (30-minute intervals, the
-- outbound WORKLOAD mode with default targets). staffingPlan computes any other plan on request.
CREATE TABLE staffing_plan (
    run_id                  bigint NOT NULL REFERENCES forecast_run (run_id) ON DELETE CASCADE,
    interval_start          timestamptz NOT NULL,
    interval_minutes        integer NOT NULL,
    mode                    text NOT NULL,
    expected_calls          double precision NOT NULL,
    handle_time_s           double precision NOT NULL,
    agents_required         integer NOT NULL,
    agents_with_shrinkage   integer NOT NULL,
    expected_service_level  double precision,
    occupancy               double precision,
    abandon_rate            double precision,
    PRIMARY KEY (run_id, interval_start)
);
