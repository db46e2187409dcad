package io.callsight.live;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One minute of the sparkline. */
@Type("LiveMinute")
@Description("One minute of the floor (by dial time): the sparkline's points")
public record LiveMinute(@NonNull OffsetDateTime minute, @NonNull Long totalCalls, @NonNull Long callsConnected,
        @NonNull Long leadsConverted) {
}
