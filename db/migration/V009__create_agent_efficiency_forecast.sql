-- Agent efficiency for the next forecast period, per refresh run (newest completed run is read).
CREATE TABLE agent_efficiency_forecast (
    run_id                  bigint NOT NULL REFERENCES forecast_run (run_id) ON DELETE CASCADE,
    agent_key               integer NOT NULL,
    team                    text,
    metric                  text NOT NULL CHECK (metric IN ('CALLS_PER_HOUR', 'SUCCESS_RATE', 'AHT')),
    value                   double precision,
    lo80                    double precision,
    hi80                    double precision,
    agent_value             double precision,
    team_value              double precision,
    weight                  double precision,
    evidence                double precision NOT NULL,
    history_days            integer NOT NULL,
    period_from             date NOT NULL,
    period_to               date NOT NULL,
    PRIMARY KEY (run_id, agent_key, metric)
);
