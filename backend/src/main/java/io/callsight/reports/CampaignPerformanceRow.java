package io.callsight.reports;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("CampaignPerformanceRow")
@Description("One campaign's metrics over the filter (definitions: ARCHITECTURE §3)")
public record CampaignPerformanceRow(String campaignId, String campaignName, String advertiserId,
        @Description("Count of calls") Long totalCalls,
        @Description("Distinct leads called") Long uniqueLeads,
        @Description("Calls with call status Answered") Long callsConnected,
        @Description("Distinct leads with an Answered call") Long uniqueCallsConnected,
        @Description("Distinct leads with a call whose lead status is Interested") Long leadsConverted,
        @Description("Converted leads meeting their advertiser's criteria") Long qualifiedLeads,
        @Description("Distinct leads with a call whose lead status is Not Interested") Long leadsLost,
        @Description("Mean agent call duration in seconds over calls where it is present") Double avgAgentCallDuration,
        @Description("Mean customer call duration in seconds over calls where it is present") Double avgCustomerCallDuration,
        @Description("callsConnected / totalCalls; null when there are no calls") Double connectRate,
        @Description("leadsConverted / uniqueLeads; null when there are no leads") Double conversionRate,
        @Description("Leads of the campaign whose verifying call is in the filter that the advertiser returned")
        Long leadsReturned,
        @Description("leadsReturned / leads that entered the advertiser's feed with their verifying call in the filter; "
                + "null when none entered it") Double returnRate) {
}
