package io.callsight.staffing;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("ServiceLevelResult")
@Description("What N agents give in one interval (Erlang C, or Erlang A when a patience is given)")
public record ServiceLevelResult(
        @Description("Share of calls answered within the target time; abandoned calls count as not answered")
        double serviceLevel,
        @Description("Average speed of answer of answered calls, seconds; null when unstable") Double asaSeconds,
        @Description("Share of agent time busy with calls") double occupancy,
        @Description("Probability a call waits") double probWait,
        @Description("Probability a call abandons (Erlang A; 0 for Erlang C)") double probAbandon,
        @Description("False when traffic is at or above the agents in Erlang C: the queue grows without bound")
        boolean stable) {
}
