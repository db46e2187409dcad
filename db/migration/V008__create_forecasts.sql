-- Materialized forecasts, refreshed by the scheduler (ARCHITECTURE §2, §6). Readers use the newest
-- COMPLETED run, so a failed refresh leaves the last good forecasts in place.
CREATE TABLE forecast_run (
    run_id                  bigserial PRIMARY KEY,
    trigger                 text NOT NULL CHECK (trigger IN ('SCHEDULE', 'MANUAL', 'STARTUP')),
    status                  text NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
    started_at              timestamptz NOT NULL DEFAULT now(),
    finished_at             timestamptz,
    data_as_of              timestamptz,
    horizon_days            integer NOT NULL,
    series_refreshed        integer NOT NULL DEFAULT 0,
    series_skipped          integer NOT NULL DEFAULT 0,
    models                  text,
    error                   text
);

CREATE TABLE forecast_series (
    series_id               bigserial PRIMARY KEY,
    run_id                  bigint NOT NULL REFERENCES forecast_run (run_id) ON DELETE CASCADE,
    series                  text NOT NULL CHECK (series IN ('CALL_VOLUME', 'LEAD_CONVERSIONS')),
    scope                   text NOT NULL CHECK (scope IN ('TOTAL', 'CAMPAIGN', 'ADVERTISER')),
    scope_id                text,
    model                   text NOT NULL,
    mase                    double precision,
    smape                   double precision,
    relative_mae            double precision,
    coverage80              double precision,
    coverage95              double precision,
    backtest_origins        integer NOT NULL,
    history_from            date NOT NULL,
    history_to              date NOT NULL,
    UNIQUE NULLS NOT DISTINCT (run_id, series, scope, scope_id)
);

CREATE TABLE forecast_point (
    series_id               bigint NOT NULL REFERENCES forecast_series (series_id) ON DELETE CASCADE,
    day                     date NOT NULL,
    value                   double precision NOT NULL,
    lo80                    double precision NOT NULL,
    hi80                    double precision NOT NULL,
    lo95                    double precision NOT NULL,
    hi95                    double precision NOT NULL,
    PRIMARY KEY (series_id, day)
);
