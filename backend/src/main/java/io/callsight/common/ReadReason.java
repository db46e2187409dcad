package io.callsight.common;

import org.eclipse.microprofile.graphql.Description;

@Description("Why a caller's report queries go where they go")
public enum ReadReason {
    @Description("No replica is configured: everything runs on the primary")
    NO_REPLICA,
    @Description("No authenticated caller (a scheduled or startup job): the primary, whose newest data such jobs build on "
            + "and write back to")
    NO_CALLER,
    @Description("The replica serves the report queries")
    REPLICA,
    @Description("The caller wrote (an ingest, a change) and the replica has not replayed that write yet")
    OWN_WRITE_NOT_REPLAYED,
    @Description("The replica is unreachable, not a standby, or not probed yet")
    REPLICA_UNAVAILABLE,
    @Description("The replica is further behind than callsight.replica.max-lag")
    REPLICA_TOO_FAR_BEHIND
}
