-- The manager's attempt policy threshold (issue 17, attemptPolicy / setAttemptPolicy): per campaign, or for every
-- campaign (campaign_key 0). Either a minimum of expected conversions per dial, or an agent-minute cost with the
-- value of a conversion (a dial pays while expected conversions x value >= its agent minutes x cost).
CREATE TABLE attempt_policy (
    campaign_key                integer PRIMARY KEY,
    min_conversions_per_dial    double precision CHECK (min_conversions_per_dial >= 0),
    agent_minute_cost           double precision CHECK (agent_minute_cost >= 0),
    conversion_value            double precision CHECK (conversion_value > 0),
    updated_by                  text NOT NULL,
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    CHECK (min_conversions_per_dial IS NOT NULL
           OR (agent_minute_cost IS NOT NULL AND conversion_value IS NOT NULL))
);
