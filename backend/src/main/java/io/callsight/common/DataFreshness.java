package io.callsight.common;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("DataFreshness")
@Description("Where the caller's report queries run right now and how current that data is (CALLSIGHT_REPLICA_URL)")
public record DataFreshness(
        @Description("The database the caller's report queries run on now") @NonNull ReadTarget servedBy,
        @Description("Why they run there") @NonNull ReadReason reason,
        @Description("Seconds that database is behind the primary: 0 on the primary") double lagSeconds,
        @Description("Reports include every commit made before this instant (now, on the primary)") @NonNull OffsetDateTime committedAsOf,
        @Description("Whether a replica is configured") boolean replicaConfigured,
        @Description("How far behind the primary the replica is, whoever it serves; null without a replica or when it is "
                + "unavailable") Double replicaLagSeconds) {
}
