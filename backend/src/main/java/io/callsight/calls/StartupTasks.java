package io.callsight.calls;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** On start: close batches a killed run left RUNNING (their data was rolled back), then demo data, then the first admin (and the demo users). */
public class StartupTasks {

    private static final Logger LOG = Logger.getLogger(StartupTasks.class);

    @Inject
    CallIngestService ingest;

    @Inject
    DemoDataService demo;

    @Inject
    RollupMaintenance rollups;

    @Inject
    io.callsight.security.SecurityBootstrap security;

    void onStart(@Observes StartupEvent event) {
        int interrupted = ingest.failInterruptedBatches();
        if (interrupted > 0) {
            LOG.warnf("Marked %d ingest batch(es) left running by a previous run as FAILED", interrupted);
        }
        rollups.rebuildIfTimeZoneChanged();
        demo.generateIfNeeded();
        boolean demoData = demo.wanted();
        security.run(demoData, demoData ? security.firstAdvertiser() : null);
    }
}
