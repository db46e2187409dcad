package io.callsight.leadquality;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("LeadMatchingReport")
@Description("Report leads (as of the latest snapshot on or before asOf) against our delivered leads")
public record LeadMatchingReport(LocalDate asOf, long reportLeads, long matchedLeads,
        @Description("Report leads with no delivered lead of the same hash pair") long reportLeadsWithoutDeliveredLead,
        @Description("Delivered leads (with hashes) in no snapshot of the source") long deliveredLeadsInNoReport,
        @Description("Lead numbers seen with several hash pairs") long leadNumbersWithSeveralHashPairs,
        @Description("Hash pairs seen under several lead numbers") long hashPairsWithSeveralLeadNumbers,
        List<String> examples) {
}
