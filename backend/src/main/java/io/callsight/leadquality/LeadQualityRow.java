package io.callsight.leadquality;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("LeadQualityRow")
@Description("The funnel of one group. A lead counts once, at the furthest stage its row in the latest snapshot "
        + "containing it gives evidence for: sale (Dispo Sale) > demo (Demo true) > appointment set (Set true or an "
        + "appointment date). With SNAPSHOT_DATE in groupBy, each snapshot's own rows count instead.")
public record LeadQualityRow(String state, String city,
        @Description("First day of the entry month") LocalDate entryMonth,
        String jobStatus, String dispo, LocalDate snapshotDate,
        @Description("From the matched delivered lead (call data)") String campaignId, String campaignName,
        String advertiserId, String advertiserName,
        @Description("Agent of the matched lead's first converting call") String agentId, String agentName,
        @Description("Distinct leads the report lists") long deliveredLeads,
        @Description("Of those, matched to one of our delivered leads by (email_hash, phone_hash)") long matchedLeads,
        @Description("Leads at stage appointment set or further") long appointmentsSet,
        @Description("Leads at stage demo or further") long demos,
        long sales,
        @Description("appointmentsSet / deliveredLeads; null when 0 leads") Double conversionRate,
        @Description("demos / appointmentsSet") Double demoRate,
        @Description("sales / deliveredLeads") Double saleRate) {
}
