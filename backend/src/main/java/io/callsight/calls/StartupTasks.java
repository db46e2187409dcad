package io.callsight.calls;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** On start: close batches a killed run left RUNNING (their data was rolled back), then demo data. */
public class StartupTasks {

    private static final Logger LOG = Logger.getLogger(StartupTasks.class);

    @Inject
    CallIngestService ingest;

    @Inject
    DemoDataService demo;

    @Inject
    RollupMaintenance rollups;

    void onStart(@Observes StartupEvent event) {
        int interrupted = ingest.failInterruptedBatches();
        if (interrupted > 0) {
            LOG.warnf("Marked %d ingest batch(es) left running by a previous run as FAILED", interrupted);
        }
        rollups.rebuildIfTimeZoneChanged();
        demo.generateIfNeeded();
    }
}
