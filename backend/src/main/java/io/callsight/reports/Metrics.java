package io.callsight.reports;

import java.util.Map;

/**
 * Measure values of one group, computed from its components (ARCHITECTURE §3). A measure whose
 * components were not asked for is null; a ratio whose denominator is 0 is null, never 0 or NaN.
 * Pure: no CDI, no database.
 */
public record Metrics(Long totalCalls, Long uniqueLeads, Long callsConnected, Long uniqueCallsConnected,
        Long leadsConverted, Long qualifiedLeads, Long leadsLost, Double avgAgentCallDuration,
        Double avgCustomerCallDuration, Double connectRate, Double conversionRate, Double successRate, Double aht) {

    static Metrics of(Map<Component, Number> v) {
        return new Metrics(
                count(v, Component.CALLS),
                count(v, Component.UNIQUE_LEADS),
                count(v, Component.CONNECTED),
                count(v, Component.UNIQUE_CONNECTED),
                count(v, Component.CONVERTED),
                count(v, Component.QUALIFIED),
                count(v, Component.LOST),
                ratio(v, Component.AGENT_SUM, Component.AGENT_N),
                ratio(v, Component.CUSTOMER_SUM, Component.CUSTOMER_N),
                ratio(v, Component.CONNECTED, Component.CALLS),
                ratio(v, Component.CONVERTED, Component.UNIQUE_LEADS),
                ratio(v, Component.INTERESTED_CALLS, Component.CONNECTED),
                ratio(v, Component.AHT_SUM, Component.AHT_N));
    }

    private static Long count(Map<Component, Number> v, Component c) {
        Number n = v.get(c);
        return n == null ? null : n.longValue();
    }

    /** numerator / denominator, or null when either is unknown or the denominator is 0. */
    static Double ratio(Map<Component, Number> v, Component numerator, Component denominator) {
        Number num = v.get(numerator);
        Number den = v.get(denominator);
        return ratio(num, den);
    }

    static Double ratio(Number num, Number den) {
        if (num == null || den == null || den.doubleValue() == 0) {
            return null;
        }
        return num.doubleValue() / den.doubleValue();
    }
}
