package io.callsight.common;

import org.eclipse.microprofile.graphql.Description;

@Description("The database a read-only report query runs on")
public enum ReadTarget {
    @Description("The primary: it holds every commit")
    PRIMARY,
    @Description("The streaming replica (CALLSIGHT_REPLICA_URL): it may be behind the primary by lagSeconds")
    REPLICA
}
