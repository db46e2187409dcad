package io.callsight.common;

import java.util.function.Supplier;

import jakarta.enterprise.context.RequestScoped;

/**
 * The database chosen for the first report read of a request, kept for its other reads: every field of a
 * GraphQL request (also those resolved in parallel) reads one server, and its {@code dataFreshness} describes
 * the data its reports were served from.
 */
@RequestScoped
class RequestReadChoice {

    private ReadReason reason;

    synchronized ReadReason get(Supplier<ReadReason> decide) {
        if (reason == null) {
            reason = decide.get();
        }
        return reason;
    }

    /** The replica chosen could not give a connection: this request's reads run on the primary from now on. */
    synchronized void replicaFailed() {
        reason = ReadReason.REPLICA_UNAVAILABLE;
    }
}
