package io.callsight.common;

import java.nio.file.Path;

/** Child-process entry for {@link EmbeddedPostgresRecoveryTest}: starts a server, says so, waits to be killed. */
public final class OrphanedServerMaker {

    private OrphanedServerMaker() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.start(Path.of(args[0]), false);
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
