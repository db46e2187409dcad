package io.callsight.reports;

import java.util.EnumSet;
import java.util.Set;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/**
 * The metric catalog (ARCHITECTURE §3). Each measure names the components it is computed from and
 * its GraphQL field name; adding a measure is one entry here and one getter on {@link Metrics}.
 */
@Enum("Measure")
@Description("A metric of the catalog; see ARCHITECTURE §3 for definitions")
public enum Measure {
    TOTAL_CALLS("totalCalls", Component.CALLS),
    UNIQUE_LEADS("uniqueLeads", Component.UNIQUE_LEADS),
    CALLS_CONNECTED("callsConnected", Component.CONNECTED),
    UNIQUE_CALLS_CONNECTED("uniqueCallsConnected", Component.UNIQUE_CONNECTED),
    LEADS_CONVERTED("leadsConverted", Component.CONVERTED),
    QUALIFIED_LEADS("qualifiedLeads", Component.QUALIFIED),
    LEADS_LOST("leadsLost", Component.LOST),
    AVG_AGENT_CALL_DURATION("avgAgentCallDuration", Component.AGENT_SUM, Component.AGENT_N),
    AVG_CUSTOMER_CALL_DURATION("avgCustomerCallDuration", Component.CUSTOMER_SUM, Component.CUSTOMER_N),
    CONNECT_RATE("connectRate", Component.CONNECTED, Component.CALLS),
    CONVERSION_RATE("conversionRate", Component.CONVERTED, Component.UNIQUE_LEADS),
    SUCCESS_RATE("successRate", Component.INTERESTED_CALLS, Component.CONNECTED),
    AHT("aht", Component.AHT_SUM, Component.AHT_N);

    public final String fieldName;
    final Set<Component> components;

    Measure(String fieldName, Component first, Component... rest) {
        this.fieldName = fieldName;
        this.components = EnumSet.of(first, rest);
    }

    static Set<Component> componentsOf(Set<Measure> measures) {
        Set<Component> all = EnumSet.noneOf(Component.class);
        measures.forEach(m -> all.addAll(m.components));
        return all;
    }

    static Measure byFieldName(String name) {
        for (Measure m : values()) {
            if (m.fieldName.equals(name)) {
                return m;
            }
        }
        return null;
    }
}
