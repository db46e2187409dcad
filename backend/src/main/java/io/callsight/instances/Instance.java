package io.callsight.instances;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** A Callsight instance registered on the database. */
@Description("A Callsight instance running on this database, as its heartbeat says")
public record Instance(
        @NonNull @Description("Random id of this run of the instance") String instanceId,
        @NonNull @Description("Host name and HTTP port (or callsight.instance.name)") String name,
        @NonNull String host,
        @Description("Process id on its host") long pid,
        @NonNull OffsetDateTime startedAt,
        @NonNull @Description("Its last heartbeat (database time)") OffsetDateTime beatAt,
        @Description("The beat is older than callsight.instance.stale-after: counted as dead") boolean stale,
        @Description("The instance answering this query") boolean self) {
}
