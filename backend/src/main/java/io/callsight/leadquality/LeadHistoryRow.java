package io.callsight.leadquality;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("LeadHistoryRow")
@Description("One row of one snapshot about the lead: its progression over time")
public record LeadHistoryRow(long snapshotId, LocalDate reportDate, int line, String leadNumber, String emailHash,
        String phoneHash, @Description("NONE, APPOINTMENT_SET, DEMO or SALE") String stage, Boolean set,
        Boolean demo, LocalDateTime appointmentAt, String dispo, String jobStatus, String city, String state,
        String zip, LocalDate entryDate, @Description("Our delivered lead it matches, if any") String deliveredLeadId,
        String rawRow) {

    /** The name of a funnel stage number (0-3). */
    static String stageName(int stage) {
        return switch (stage) {
            case 3 -> "SALE";
            case 2 -> "DEMO";
            case 1 -> "APPOINTMENT_SET";
            default -> "NONE";
        };
    }
}
