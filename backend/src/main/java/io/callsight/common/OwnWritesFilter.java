package io.callsight.common;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import io.vertx.core.Context;

/**
 * Read-your-writes with a replica: after a successful write request under /api (a call file, events, CRM
 * snapshots, delivered leads, KPIs...) the caller's reads stay on the primary until the replica has replayed
 * it ({@link ReadConnections#recordWrite()}; nothing happens without a replica). The write endpoints are
 * blocking, so this runs on their worker thread, after their transaction committed.
 */
@Provider
public class OwnWritesFilter implements ContainerResponseFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    ReadConnections reads;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!reads.replicaConfigured() || READS.contains(request.getMethod()) || response.getStatus() >= 400
                || Context.isOnEventLoopThread() || signIn(request)) {
            return; // sign-in and token renewal change no report data
        }
        reads.recordWrite();
    }

    private static boolean signIn(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return (path.startsWith("/") ? path.substring(1) : path).startsWith("api/auth/");
    }
}
