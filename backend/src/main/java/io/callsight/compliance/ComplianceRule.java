package io.callsight.compliance;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ComplianceRule")
@Description("One calling rule of one jurisdiction, with its legal source")
public record ComplianceRule(
        @Description("Unique code, e.g. US-HOURS, TX-HOURS-SUN") @NonNull String code,
        @Description("US (federal) or a two-letter state code") @NonNull String jurisdiction,
        @NonNull RuleKind kind,
        @Description("CALLING_HOURS: ISO weekdays (1 = Monday ... 7 = Sunday) the hours apply to, empty = every day; NO_CALL_DAYS: the weekdays without calls") @NonNull List<@NonNull Integer> weekdays,
        @Description("CALLING_HOURS: first permitted local time, HH:MM") String startTime,
        @Description("CALLING_HOURS: last permitted local time, HH:MM (24:00 = until midnight)") String endTime,
        @Description("ATTEMPT_LIMIT: most dials to one number in the window") Integer maxAttempts,
        @Description("ATTEMPT_LIMIT: the rolling window, hours") Integer windowHours,
        @Description("OPTED_OUT: lead or call statuses that mean do not call again") @NonNull List<@NonNull String> statuses,
        @Description("NO_CALL_DAYS: no calls on the jurisdiction's legal holidays either (complianceHolidays)") boolean holidays,
        @Description("Statute or regulation") @NonNull String source,
        String description,
        boolean enabled,
        @NonNull OffsetDateTime updatedAt,
        String updatedBy) {
}
