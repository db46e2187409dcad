package io.callsight.leadquality;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("LeadQualityRow")
@Description("The funnel of one group, counting our delivered leads. A delivered lead counts once, at the furthest "
        + "stage over all report rows (as of the day) that match it, whatever lead numbers the advertiser gave them: "
        + "sale (Dispo Sale) > demo (Demo true) > appointment set (Set true or an appointment date). Report attributes "
        + "(state, city, status, entry month) are those of that furthest row. With SNAPSHOT_DATE in groupBy, each "
        + "snapshot's own rows count, against the leads delivered by its report date.")
public record LeadQualityRow(String state, String city,
        @Description("First day of the entry month") LocalDate entryMonth,
        String jobStatus, String dispo, LocalDate snapshotDate,
        @Description("From the matched delivered lead (call data)") String campaignId, String campaignName,
        String advertiserId, String advertiserName,
        @Description("Agent of the matched lead's first converting call") String agentId, String agentName,
        @Description("Our delivered leads in scope (the lead file; those delivered on or before asOf when the file "
                + "gave a delivery time)") long deliveredLeads,
        @Description("Of those, found in the report (on or before asOf) by (email_hash, phone_hash)") long matchedLeads,
        @Description("Leads at stage appointment set or further") long appointmentsSet,
        @Description("Leads at stage demo or further") long demos,
        long sales,
        @Description("appointmentsSet / deliveredLeads; null when 0 leads") Double conversionRate,
        @Description("demos / appointmentsSet") Double demoRate,
        @Description("sales / deliveredLeads") Double saleRate,
        @Description("Report lead numbers matching none of our delivered leads: never in the funnel above")
        long unmatchedReportLeads) {
}
