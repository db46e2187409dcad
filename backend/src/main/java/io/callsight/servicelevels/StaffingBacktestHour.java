package io.callsight.servicelevels;

import java.time.LocalDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("StaffingBacktestHour")
public record StaffingBacktestHour(LocalDateTime hourStart, int arrivals, int handled, int abandoned,
        @Description("Distinct agents who served a call that arrived in the hour") int agents,
        double ahtSeconds, double actualServiceLevel, double actualAbandonRate,
        Double erlangCServiceLevel, Double erlangAServiceLevel, Double erlangAAbandonRate) {
}
