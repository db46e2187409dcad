package io.callsight.servicelevels;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("ServiceQueue")
public record ServiceQueue(String name, double answerWithinSeconds, double shortAbandonSeconds,
        @Description("First day with data") LocalDate firstDay, @Description("Last day with data") LocalDate lastDay,
        @Description("CALLS (call-level logs), DAY or MONTH (metric files)") List<String> sources) {
}
