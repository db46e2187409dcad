-- The contact and conversion model (issue 17): refreshed with the forecasts, one model per forecast run
-- (io.callsight.strategy.ContactModelRefresh). The newest COMPLETED model is read by bestTimeToCall, nextAttempt,
-- attemptPolicy and the next-attempt export. Older models are deleted by the refresh (the last three stay).
CREATE TABLE contact_model_run (
    run_id                  bigint PRIMARY KEY REFERENCES forecast_run (run_id) ON DELETE CASCADE,
    status                  text NOT NULL CHECK (status IN ('COMPLETED', 'FAILED', 'EMPTY')),
    created_at              timestamptz NOT NULL DEFAULT now(),
    history_from            timestamptz,
    history_to              timestamptz,
    dials                   bigint NOT NULL DEFAULT 0,
    -- dials whose lead has no known place (no ZIP or phone number libphonenumber can place): not in the model
    dials_unlocated         bigint NOT NULL DEFAULT 0,
    connect_base            double precision,
    connect_base_variance   double precision,
    convert_base            double precision,
    convert_base_variance   double precision,
    fit_ms                  integer,
    error                   text
);

-- One effect (log-odds) per factor level and outcome, with its posterior variance and the evidence behind it.
-- Factor levels: hour 0-23 and weekday 1-7 (ISO) in the lead's local time, attempt 1-8 (8 = eighth or later),
-- gap and age buckets (DialFeatures), campaign (label = campaign_key), state (label = code, '??' unknown),
-- hour_state (label = 'CA:18').
CREATE TABLE contact_model_effect (
    run_id                  bigint NOT NULL REFERENCES contact_model_run (run_id) ON DELETE CASCADE,
    outcome                 text NOT NULL CHECK (outcome IN ('CONNECT', 'CONVERT')),
    factor                  text NOT NULL,
    level                   integer NOT NULL,
    label                   text NOT NULL,
    effect                  double precision NOT NULL,
    variance                double precision NOT NULL,
    trials                  double precision NOT NULL,
    events                  double precision NOT NULL,
    PRIMARY KEY (run_id, outcome, factor, level)
);

-- The prior variance the data chose for each factor (how much its levels differ, on the log-odds scale).
CREATE TABLE contact_model_factor (
    run_id                  bigint NOT NULL REFERENCES contact_model_run (run_id) ON DELETE CASCADE,
    outcome                 text NOT NULL CHECK (outcome IN ('CONNECT', 'CONVERT')),
    factor                  text NOT NULL,
    position                smallint NOT NULL,
    levels                  integer NOT NULL,
    prior_variance          double precision NOT NULL,
    PRIMARY KEY (run_id, outcome, factor)
);

-- The history the model saw, aggregated by every factor: the mix predictions are averaged over, the dials behind
-- each answer and what an attempt policy would have saved.
CREATE TABLE contact_model_cell (
    run_id                  bigint NOT NULL REFERENCES contact_model_run (run_id) ON DELETE CASCADE,
    campaign_key            integer NOT NULL,
    state                   text NOT NULL,
    local_hour              smallint NOT NULL,
    local_dow               smallint NOT NULL,
    attempt                 smallint NOT NULL,
    gap_bucket              smallint NOT NULL,
    age_bucket              smallint NOT NULL,
    dials                   integer NOT NULL,
    connects                integer NOT NULL,
    conversions             integer NOT NULL,
    agent_seconds           double precision NOT NULL
);
CREATE INDEX contact_model_cell_run_idx ON contact_model_cell (run_id, campaign_key);

-- Out-of-sample validation of each model: the last weeks predicted from the weeks before them.
CREATE TABLE contact_model_validation (
    run_id                  bigint NOT NULL REFERENCES contact_model_run (run_id) ON DELETE CASCADE,
    outcome                 text NOT NULL CHECK (outcome IN ('CONNECT', 'CONVERSION')),
    test_weeks              integer NOT NULL,
    test_dials              bigint NOT NULL,
    brier                   double precision NOT NULL,
    baseline_brier          double precision NOT NULL,
    skill                   double precision,
    PRIMARY KEY (run_id, outcome)
);

CREATE TABLE contact_model_calibration (
    run_id                  bigint NOT NULL REFERENCES contact_model_run (run_id) ON DELETE CASCADE,
    outcome                 text NOT NULL CHECK (outcome IN ('CONNECT', 'CONVERSION')),
    bin                     integer NOT NULL,
    predicted               double precision NOT NULL,
    observed                double precision NOT NULL,
    dials                   bigint NOT NULL,
    PRIMARY KEY (run_id, outcome, bin)
);

CREATE TABLE contact_model_lift (
    run_id                  bigint NOT NULL REFERENCES contact_model_run (run_id) ON DELETE CASCADE,
    outcome                 text NOT NULL CHECK (outcome IN ('CONNECT', 'CONVERSION')),
    share                   double precision NOT NULL,
    model_rate              double precision NOT NULL,
    calling_order_rate      double precision NOT NULL,
    lift                    double precision,
    PRIMARY KEY (run_id, outcome, share)
);
