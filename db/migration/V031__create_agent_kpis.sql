-- Agent scorecards: KPIs per agent per day, imported (JSON or CSV). Percent KPIs are stored 0-1,
-- scores 0-100, times in seconds. Free text is stored only after phone numbers and e-mail addresses
-- in it were masked.
CREATE TABLE agent_kpi_day (
    agent_id        text NOT NULL,
    day             date NOT NULL,
    agent_name      text,
    team            text,
    adherence       double precision CHECK (adherence BETWEEN 0 AND 1),
    quality_score   double precision CHECK (quality_score BETWEEN 0 AND 100),
    csat            double precision CHECK (csat BETWEEN 0 AND 100),
    fcr             double precision CHECK (fcr BETWEEN 0 AND 1),
    aht_s           double precision CHECK (aht_s >= 0),
    acw_s           double precision CHECK (acw_s >= 0),
    notes           text,
    batch_id        bigint NOT NULL REFERENCES ingest_batch (batch_id) ON DELETE CASCADE,
    line            integer NOT NULL,
    PRIMARY KEY (agent_id, day)
);
CREATE INDEX agent_kpi_day_team_idx ON agent_kpi_day (team, day);
CREATE INDEX agent_kpi_day_day_idx ON agent_kpi_day (day);
