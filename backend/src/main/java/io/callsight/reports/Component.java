package io.callsight.reports;

import io.callsight.calls.Qualification;

/**
 * The additive building blocks every measure is computed from. Call-level components sum; the
 * lead-level ones count distinct leads exactly by first aggregating per (group, lead).
 */
enum Component {
    CALLS("count(*)", "sum(%s)", false),
    CONNECTED("count(*) FILTER (WHERE c.call_status = 'Answered')", "sum(%s)", false),
    INTERESTED_CALLS("count(*) FILTER (WHERE c.lead_status = 'Interested')", "sum(%s)", false),
    AGENT_SUM("sum(c.agent_call_duration_s)", "sum(%s)", false),
    AGENT_N("count(c.agent_call_duration_s)", "sum(%s)", false),
    CUSTOMER_SUM("sum(c.customer_call_duration_s)", "sum(%s)", false),
    CUSTOMER_N("count(c.customer_call_duration_s)", "sum(%s)", false),
    AHT_SUM("sum(c.agent_call_duration_s) FILTER (WHERE c.call_status = 'Answered')", "sum(%s)", false),
    AHT_N("count(c.agent_call_duration_s) FILTER (WHERE c.call_status = 'Answered')", "sum(%s)", false),
    UNIQUE_LEADS(null, "count(*)", true),
    UNIQUE_CONNECTED("bool_or(c.call_status = 'Answered')", "count(*) FILTER (WHERE %s)", true),
    CONVERTED("bool_or(c.lead_status = 'Interested')", "count(*) FILTER (WHERE %s)", true),
    QUALIFIED("bool_or(c.lead_status = 'Interested' AND " + Qualification.MEETS_CRITERIA + ")", "count(*) FILTER (WHERE %s)",
            true),
    LOST("bool_or(c.lead_status = 'Not Interested')", "count(*) FILTER (WHERE %s)", true);

    /** Aggregate over calls in the inner (per lead) query, or the flat query; null for UNIQUE_LEADS. */
    final String callAggregate;
    /** Aggregate over the per-lead rows; %s is the inner column. */
    final String leadAggregate;
    final boolean distinctLeads;

    Component(String callAggregate, String leadAggregate, boolean distinctLeads) {
        this.callAggregate = callAggregate;
        this.leadAggregate = leadAggregate;
        this.distinctLeads = distinctLeads;
    }
}
