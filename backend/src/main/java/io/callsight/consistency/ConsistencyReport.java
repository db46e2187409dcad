package io.callsight.consistency;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.ConsistencyCheck;

@Type("ConsistencyReport")
@Description("The derived tables compared with the call fact, in one snapshot")
public record ConsistencyReport(
        @Description("True when every check is") boolean ok,
        @NonNull @Description("When the snapshot was taken") OffsetDateTime checkedAt,
        @NonNull @Description("rollup_time_zone, agent_day_rollup, status_day_rollup, lead_rollup, lead_span_rollup, "
                + "lead_rollup.shared, lead_day_rollup, lead_day_count, lead_day_rollup.shared, conversion_call, "
                + "agent_conversion_day, conversion_call.repeated, feed_lead")
        List<@NonNull ConsistencyCheck> checks) {
}
