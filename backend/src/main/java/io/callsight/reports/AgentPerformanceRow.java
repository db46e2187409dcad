package io.callsight.reports;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("AgentPerformanceRow")
@Description("One agent's metrics over the filter (definitions: ARCHITECTURE §3)")
public record AgentPerformanceRow(String agentId, String agentName, String team,
        @Description("Calls made by the agent") Long callsMade,
        @Description("Calls with call status Answered") Long callsConnected,
        @Description("Distinct leads with an Interested call by this agent") Long leadsConverted,
        @Description("Mean agent call duration in seconds") Double avgAgentCallDuration,
        @Description("Mean customer call duration in seconds") Double avgCustomerCallDuration,
        @Description("Calls per active hour; active hours per agent and working day run from the first dial to the "
                + "end of the last call (dial time + agent call duration)") Double callsPerHour,
        @Description("Calls with lead status Interested / callsConnected") Double successRate,
        @Description("Average handle time: mean agent call duration over connected calls, seconds") Double aht,
        @Description("Leads this agent verified (verifying call in the filter) that the advertiser returned")
        Long leadsReturned,
        @Description("leadsReturned / leads this agent verified into a feed with the verifying call in the filter; "
                + "null when none") Double returnRate) {
}
