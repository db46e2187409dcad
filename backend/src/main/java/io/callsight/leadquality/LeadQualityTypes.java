package io.callsight.leadquality;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Type;

/** GraphQL types of the lead-quality feature. */
public final class LeadQualityTypes {

    private LeadQualityTypes() {
    }

    @Input("LeadQualityFilter")
    @Description("Which report leads count. Dates are calendar days; entryTo is exclusive.")
    public record Filter(
            @Description("CRM source; default: default") String source,
            @Description("The funnel as of the latest snapshot on or before this day; default: the latest") LocalDate asOf,
            @Description("Entry date from (inclusive)") LocalDate entryFrom,
            @Description("Entry date to (exclusive)") LocalDate entryTo,
            List<String> states,
            @Description("Matched ignoring case and surrounding spaces") List<String> cities) {
    }

    @Name("LeadQualityDimension")
    public enum Dimension {
        STATE, CITY, ENTRY_MONTH, JOB_STATUS, DISPO, SNAPSHOT_DATE, CAMPAIGN, ADVERTISER, AGENT
    }

    @Type("LeadQualityRow")
    @Description("The funnel of one group. A lead counts once, at the furthest stage its row in the latest snapshot "
            + "containing it gives evidence for: sale (Dispo Sale) > demo (Demo true) > appointment set (Set true or an "
            + "appointment date). With SNAPSHOT_DATE in groupBy, each snapshot's own rows count instead.")
    public record Row(String state, String city,
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

    @Type("CrmSnapshot")
    public record Snapshot(@Description("Snapshot id") long id, String source, LocalDate reportDate,
            @Description("PARAMETER, FILE_NAME or ARRIVAL") String reportDateFrom, String fileName,
            OffsetDateTime receivedAt, String checksumSha256, int rowsRead, int rowsLoaded, int sentinelRows,
            int unreadableValues, List<String> header, List<String> unknownColumns,
            @Description("Checks with severity ERROR") int errors,
            @Description("Checks with severity WARNING") int warnings) {
    }

    @Type("DataQualityReport")
    public record QualityReport(long snapshotId, String source, LocalDate reportDate, List<QualityCheck> checks) {
    }

    @Type("LeadHistoryRow")
    @Description("One row of one snapshot about the lead: its progression over time")
    public record HistoryRow(long snapshotId, LocalDate reportDate, int line, String leadNumber, String emailHash,
            String phoneHash, @Description("NONE, APPOINTMENT_SET, DEMO or SALE") String stage, Boolean set,
            Boolean demo, LocalDateTime appointmentAt, String dispo, String jobStatus, String city, String state,
            String zip, LocalDate entryDate, @Description("Our delivered lead it matches, if any") String deliveredLeadId,
            String rawRow) {
    }

    @Type("LeadMatchingReport")
    @Description("Report leads (as of the latest snapshot on or before asOf) against our delivered leads")
    public record MatchingReport(LocalDate asOf, long reportLeads, long matchedLeads,
            @Description("Report leads with no delivered lead of the same hash pair") long reportLeadsWithoutDeliveredLead,
            @Description("Delivered leads (with hashes) in no snapshot of the source") long deliveredLeadsInNoReport,
            @Description("Lead numbers seen with several hash pairs") long leadNumbersWithSeveralHashPairs,
            @Description("Hash pairs seen under several lead numbers") long hashPairsWithSeveralLeadNumbers,
            List<String> examples) {
    }

    static String stageName(int stage) {
        return switch (stage) {
            case 3 -> "SALE";
            case 2 -> "DEMO";
            case 1 -> "APPOINTMENT_SET";
            default -> "NONE";
        };
    }
}
