package io.callsight.common;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The read replica (prefix {@code callsight.replica}; see {@link ReadConnections}). Without a URL every
 * query runs on the primary, as it always did.
 */
@ConfigMapping(prefix = "callsight.replica")
public interface ReplicaConfig {

    /** JDBC URL of a streaming standby of the primary ({@code CALLSIGHT_REPLICA_URL}); empty: no replica. */
    Optional<String> url();

    /** User on the replica; default: the primary's ({@code quarkus.datasource.username}). */
    Optional<String> username();

    /** Password on the replica; default: the primary's. */
    Optional<String> password();

    /** A replica further behind than this serves nobody: every read goes to the primary until it catches up. */
    @WithDefault("30s")
    Duration maxLag();

    /** How often the replica's replay position and the primary's WAL position are compared. */
    @WithDefault("150ms")
    Duration probeInterval();

    /** Connections to the replica (the primary's pool is {@code quarkus.datasource.jdbc.max-size}). */
    @WithDefault("12")
    int maxConnections();
}
